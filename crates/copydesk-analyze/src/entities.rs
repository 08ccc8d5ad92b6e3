//! People, organisations and places from capitalised runs, titles and a small
//! gazetteer; one entity per person however they are named (full name,
//! surname, title + surname).

use crate::gazetteer::{
    COMMON_CAPS_SET, COURTESY_SET, DEMONYM_SET, ORG_SET, ORG_SUFFIX_SET, PLACE_SET, TITLE_SET,
};
use crate::scan::{is_abbrev, Kind, Scan};
use copydesk_model::{Entity, EntityKind, Span};
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Ent {
    name: String,
    kind: EntityKind,
    role: Option<String>,
    mentions: Vec<(usize, usize)>,
}

/// A capitalised run split into an optional role and a name (token ranges).
#[derive(Debug, Clone)]
struct Run {
    role: Option<String>,
    name_toks: Vec<usize>, // token indices of the name words
    s: usize,
    e: usize,
}

pub struct Entities {
    ents: Vec<Ent>,
    /// Person mentions sorted by start: (start, end, entity index).
    person_mentions: Vec<(usize, usize, usize)>,
    /// All mentions sorted by start.
    all_mentions: Vec<(usize, usize, usize)>,
}

fn clean_word(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Last words of capitalised runs that are events, streets or days, not people.
const NOT_PERSON_LAST: &[&str] = &[
    "War",
    "Day",
    "Street",
    "Avenue",
    "Road",
    "Square",
    "Bridge",
    "Station",
    "Airport",
    "Park",
    "Act",
    "Bill",
    "Law",
    "Treaty",
    "Agreement",
    "Summit",
    "Games",
    "Cup",
    "Olympics",
    "Festival",
    "Prize",
    "Award",
    "Awards",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Island",
    "Islands",
    "Sea",
    "Ocean",
    "Valley",
    "County",
    "City",
    "State",
    "Province",
    "Region",
    "Republic",
    "Kingdom",
    "Empire",
    "Hall",
    "Tower",
    "Building",
    "Museum",
    "Stadium",
    "Plaza",
    "Media",
    "Instagram",
    "Twitter",
    "Facebook",
    "Online",
    "Today",
    "Weekly",
    "Daily",
    "Monthly",
];

const PRONOUN_PERSON: &[&str] = &["he", "she", "him", "her", "his", "i"];

impl Entities {
    pub fn find(sc: &Scan) -> Entities {
        let runs = runs(sc);
        let mut ents: Vec<Ent> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut person_by_surname: HashMap<String, usize> = HashMap::new();
        let mut pending_single: Vec<(Run, String)> = Vec::new();
        for run in &runs {
            let words: Vec<String> = run
                .name_toks
                .iter()
                .filter_map(|&t| sc.tok(t))
                .map(|t| clean_word(&sc.slice(t.s, t.e)).to_string())
                .collect();
            if words.is_empty() {
                continue;
            }
            let name = words.join(" ");
            let role = run.role.clone();
            let kind = classify(&words, &name, role.is_some());
            let Some(kind) = kind else {
                if words.len() == 1 {
                    pending_single.push((run.clone(), name));
                }
                continue;
            };
            let span = (run.s, run.e);
            if kind == EntityKind::Person && words.len() == 1 {
                pending_single.push((run.clone(), name));
                continue;
            }
            let surname = words.last().cloned().unwrap_or_default();
            let key = if kind == EntityKind::Person {
                format!("P:{surname}")
            } else {
                format!("{kind:?}:{name}")
            };
            let idx = match by_name.get(&key) {
                Some(&i) => i,
                None => {
                    ents.push(Ent {
                        name: name.clone(),
                        kind,
                        role: None,
                        mentions: Vec::new(),
                    });
                    let i = ents.len() - 1;
                    by_name.insert(key, i);
                    if kind == EntityKind::Person {
                        person_by_surname.insert(surname.clone(), i);
                    }
                    i
                }
            };
            if let Some(ent) = ents.get_mut(idx) {
                if name.split(' ').count() > ent.name.split(' ').count() {
                    ent.name = name.clone();
                }
                if ent.role.is_none() {
                    ent.role = role.filter(|r| r.chars().any(|c| c.is_alphabetic()));
                }
                ent.mentions.push(span);
            }
        }
        // Single words: surnames (or first names) of known people, or people
        // with a title ("President Putin"), else people only when titled.
        let mut by_first: HashMap<String, usize> = HashMap::new();
        for (i, e) in ents.iter().enumerate() {
            if e.kind == EntityKind::Person {
                if let Some(f) = e.name.split(' ').next() {
                    by_first.entry(f.to_string()).or_insert(i);
                }
            }
        }
        for (run, word) in pending_single {
            let role = run.role.clone();
            let idx = person_by_surname
                .get(&word)
                .copied()
                .or_else(|| by_first.get(&word).copied());
            let idx = match idx {
                Some(i) => i,
                None => {
                    if role.is_none() {
                        continue;
                    }
                    ents.push(Ent {
                        name: word.clone(),
                        kind: EntityKind::Person,
                        role: None,
                        mentions: Vec::new(),
                    });
                    person_by_surname.insert(word.clone(), ents.len() - 1);
                    ents.len() - 1
                }
            };
            if let Some(ent) = ents.get_mut(idx) {
                if ent.role.is_none() {
                    ent.role = role;
                }
                ent.mentions.push((run.s, run.e));
            }
        }
        appositive_roles(sc, &mut ents);
        let mut person_mentions = Vec::new();
        let mut all_mentions = Vec::new();
        for (i, e) in ents.iter_mut().enumerate() {
            e.mentions.sort_unstable();
            e.mentions.dedup();
            for &(s, en) in &e.mentions {
                all_mentions.push((s, en, i));
                if e.kind == EntityKind::Person {
                    person_mentions.push((s, en, i));
                }
            }
        }
        person_mentions.sort_unstable();
        all_mentions.sort_unstable();
        Entities {
            ents,
            person_mentions,
            all_mentions,
        }
    }

    /// The canonical name for a speaker written at `[s, e)`.
    pub fn resolve_speaker(&self, sc: &Scan, s: usize, e: usize) -> Option<String> {
        // A named mention inside the speaker phrase (the last one).
        let k = self.all_mentions.partition_point(|m| m.0 < e);
        let possessive = |m: &(usize, usize, usize)| {
            matches!(sc.chars.get(m.1), Some('\'' | '’'))
                && matches!(sc.chars.get(m.1 + 1), Some('s'))
        };
        // Mentions overlapping the phrase (a bounded window before `e`);
        // a person wins over a place or organisation.
        let window = self
            .all_mentions
            .get(..k)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|m| m.0 + 400 >= s)
            .filter(|m| m.0 < e && m.1 > s && !possessive(m));
        let mut named = None;
        for m in window {
            let Some(ent) = self.ents.get(m.2) else {
                continue;
            };
            if ent.kind == EntityKind::Person {
                named = Some(ent);
                break;
            }
            if named.is_none() {
                named = Some(ent);
            }
        }
        if let Some(ent) = named {
            return Some(ent.name.clone());
        }
        let phrase = sc.slice(s, e).to_lowercase();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        // Pronoun: the last person named before.
        if words.len() == 1 && words.first().is_some_and(|w| PRONOUN_PERSON.contains(w)) {
            let k = self.person_mentions.partition_point(|m| m.1 <= s);
            return k
                .checked_sub(1)
                .and_then(|i| self.person_mentions.get(i))
                .and_then(|m| self.ents.get(m.2))
                .map(|e| e.name.clone());
        }
        // "the president", "the foreign minister": last person with that role.
        let head = words.last().copied().unwrap_or("");
        if TITLE_SET.has(head) && head != "of" {
            let k = self.person_mentions.partition_point(|m| m.1 <= s);
            for m in self
                .person_mentions
                .get(..k)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take(50)
            {
                if let Some(ent) = self.ents.get(m.2) {
                    if ent
                        .role
                        .as_deref()
                        .is_some_and(|r| r.to_lowercase().contains(head))
                    {
                        return Some(ent.name.clone());
                    }
                }
            }
        }
        None
    }

    pub fn into_model(self) -> Vec<Entity> {
        let mut out: Vec<Entity> = self
            .ents
            .into_iter()
            .filter(|e| !e.mentions.is_empty())
            .map(|e| Entity {
                name: e.name,
                kind: e.kind,
                role: e.role,
                mentions: e
                    .mentions
                    .into_iter()
                    .map(|(start, end)| Span { start, end })
                    .collect(),
            })
            .collect();
        out.sort_by_key(|e| e.mentions.first().map(|m| m.start).unwrap_or(0));
        out
    }
}

fn classify(words: &[String], name: &str, has_role: bool) -> Option<EntityKind> {
    if PLACE_SET.has(name) {
        return Some(EntityKind::Place);
    }
    if ORG_SET.has(name) {
        return Some(EntityKind::Organization);
    }
    let last = words.last().map(|s| s.as_str()).unwrap_or("");
    if ORG_SUFFIX_SET.has(last) && words.len() > 1 {
        return Some(EntityKind::Organization);
    }
    if words.len() == 1 {
        let w = last;
        if DEMONYM_SET.has(w) {
            return None;
        }
        if w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.') {
            return Some(EntityKind::Organization);
        }
        return if has_role {
            Some(EntityKind::Person)
        } else {
            None
        };
    }
    if words
        .iter()
        .any(|w| DEMONYM_SET.has(w.as_str()) || PLACE_SET.has(w.as_str()))
    {
        return if has_role {
            Some(EntityKind::Person)
        } else {
            None
        };
    }
    if NOT_PERSON_LAST.contains(&last) {
        return None;
    }
    if words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars().any(|c| c.is_lowercase())
        })
    {
        return Some(EntityKind::Person);
    }
    None
}

/// Capitalised runs of words, split into a role prefix and a name.
fn runs(sc: &Scan) -> Vec<Run> {
    let mut out = Vec::new();
    let toks = &sc.toks;
    let mut i = 0usize;
    // A plural title shared by coordinated names ("Presidents Joe Biden and
    // Vladimir Putin"): (token index where the next run must start, role).
    let mut shared_role: Option<(usize, String)> = None;
    // Sentence starts, to drop capitalised function words there.
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        if !(t.kind == Kind::Word && t.cap) || COMMON_CAPS_SET.has(t.low.as_str()) {
            i += 1;
            continue;
        }
        // Collect the run.
        let mut members = vec![i];
        let mut j = i + 1;
        while let Some(prev) = toks.get(j - 1) {
            if prev.low.ends_with("'s") || prev.low.ends_with("’s") {
                break;
            }
            let Some(n) = toks.get(j) else { break };
            if n.line != t.line {
                break;
            }
            if n.kind == Kind::Punct
                && n.ch == '.'
                && prev.kind == Kind::Word
                && is_abbrev(&prev.low)
                && n.s == prev.e
            {
                j += 1;
                continue;
            }
            if n.kind == Kind::Word && n.cap && !COMMON_CAPS_SET.has(n.low.as_str()) {
                members.push(j);
                j += 1;
                continue;
            }
            // "Secretary of State", "Bank of America"
            if n.kind == Kind::Word
                && n.low == "of"
                && toks
                    .get(j + 1)
                    .is_some_and(|x| x.kind == Kind::Word && x.cap)
            {
                members.push(j);
                j += 1;
                continue;
            }
            break;
        }
        // Role: up to the last title word that is followed by a name word.
        let mut split = 0usize;
        for (k, &ti) in members.iter().enumerate() {
            let low = toks.get(ti).map(|t| t.low.as_str()).unwrap_or("");
            if k + 1 < members.len() && (is_title(low) || COURTESY_SET.has(low)) {
                // Demonyms/places before a title are part of the role.
                split = k + 1;
            }
        }
        // A role needs a real title word, not only "of"/"state" fragments.
        let role_words: Vec<&str> = members
            .get(..split)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&ti| toks.get(ti).map(|t| t.low.as_str()))
            .collect();
        let has_title = role_words.iter().any(|w| {
            is_title(w)
                && !matches!(
                    *w,
                    "of" | "state" | "house" | "senate" | "national" | "security"
                )
        });
        let has_courtesy = role_words.iter().any(|w| COURTESY_SET.has(w));
        if !has_title && !has_courtesy {
            split = 0;
        }
        let mut name_toks: Vec<usize> = members.get(split..).unwrap_or(&[]).to_vec();
        // Names do not start or end with "of".
        while name_toks
            .first()
            .is_some_and(|&x| toks.get(x).is_some_and(|t| t.low == "of"))
        {
            name_toks.remove(0);
        }
        while name_toks
            .last()
            .is_some_and(|&x| toks.get(x).is_some_and(|t| t.low == "of"))
        {
            name_toks.pop();
        }
        let role = if has_title && split > 0 {
            let first = members.first().and_then(|&x| toks.get(x));
            let last = members.get(split - 1).and_then(|&x| toks.get(x));
            match (first, last) {
                (Some(a), Some(b)) => {
                    let role_text = sc.slice(a.s, b.e);
                    if role_words.iter().all(|w| COURTESY_SET.has(w)) {
                        None
                    } else {
                        let one = singular_role(&role_text);
                        let was_plural = one != role_text;
                        Some((one, was_plural))
                    }
                }
                _ => None,
            }
        } else {
            None
        };
        let plural = role.as_ref().is_some_and(|(_, was_plural)| *was_plural);
        let role = role.map(|(r, _)| r);
        let role = match (role, shared_role.take()) {
            (None, Some((at, r))) if at == i => Some(r),
            (r, _) => r,
        };
        if plural {
            // "... and Vladimir Putin" / "..., Xi Jinping and ..."
            if let (Some(r), Some(n)) = (role.clone(), toks.get(j)) {
                if n.kind == Kind::Word && n.low == "and" || n.kind == Kind::Punct && n.ch == ',' {
                    shared_role = Some((j + 1, r));
                }
            }
        }
        if let (Some(&f), Some(&l)) = (name_toks.first(), name_toks.last()) {
            if let (Some(a), Some(b)) = (toks.get(f), toks.get(l)) {
                let e = b.e
                    - if b.low.ends_with("'s") || b.low.ends_with("’s") {
                        2
                    } else {
                        0
                    };
                out.push(Run {
                    role,
                    name_toks,
                    s: a.s,
                    e,
                });
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// A title word, or its plural ("ministers").
fn is_title(low: &str) -> bool {
    TITLE_SET.has(low)
        || low
            .strip_suffix('s')
            .is_some_and(|x| x.len() > 2 && TITLE_SET.has(x))
}

/// The role as one person's: "Presidents" is "President", "Sens." is "Sen.".
fn singular_role(role: &str) -> String {
    let (head, last) = match role.rsplit_once(' ') {
        Some((h, l)) => (Some(h), l),
        None => (None, role),
    };
    let dot = last.ends_with('.');
    let bare = last.trim_end_matches('.');
    let single = match bare.strip_suffix('s') {
        Some(x) if bare.len() > 3 && TITLE_SET.has(&x.to_lowercase()) => x,
        _ => bare,
    };
    let last = if dot {
        format!("{single}.")
    } else {
        single.to_string()
    };
    match head {
        Some(h) => format!("{h} {last}"),
        None => last,
    }
}

/// "Lavrov, Russia's foreign minister," gives Lavrov a role.
fn appositive_roles(sc: &Scan, ents: &mut [Ent]) {
    for ent in ents.iter_mut() {
        if ent.kind != EntityKind::Person || ent.role.is_some() {
            continue;
        }
        for &(_, e) in &ent.mentions {
            let k = sc.toks.partition_point(|t| t.s < e);
            if !sc.is_punct(k, ',') {
                continue;
            }
            let mut j = k + 1;
            let mut titled = false;
            while j < k + 8 {
                let Some(t) = sc.tok(j) else { break };
                if t.kind == Kind::Punct {
                    break;
                }
                if TITLE_SET.has(t.low.as_str()) && t.low != "of" {
                    titled = true;
                }
                j += 1;
            }
            let first_ok = sc.tok(k + 1).is_some_and(|t| {
                t.kind == Kind::Word && !matches!(t.low.as_str(), "who" | "which" | "and" | "but")
            });
            if titled && first_ok && j > k + 1 && (sc.is_punct(j, ',') || sc.is_punct(j, '.')) {
                if let (Some(a), Some(b)) = (sc.tok(k + 1), sc.tok(j - 1)) {
                    ent.role = Some(sc.slice(a.s, b.e));
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_however_named() {
        let sc = Scan::new("US Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov in Geneva. Blinken said more. Lavrov left.");
        let e = Entities::find(&sc).into_model();
        let blinken: Vec<_> = e.iter().filter(|x| x.name == "Antony Blinken").collect();
        assert_eq!(blinken.len(), 1);
        assert_eq!(blinken[0].mentions.len(), 2);
        assert_eq!(blinken[0].role.as_deref(), Some("US Secretary of State"));
        let lavrov = e.iter().find(|x| x.name == "Sergey Lavrov");
        assert_eq!(
            lavrov.and_then(|l| l.role.clone()).as_deref(),
            Some("Russian Foreign Minister")
        );
        assert!(e
            .iter()
            .any(|x| x.name == "Geneva" && x.kind == EntityKind::Place));
    }

    #[test]
    fn plural_title_is_each_name_s_role() {
        let sc = Scan::new(
            "A summit between Prime Ministers Ada Lind and Omar Haddad is likely. Lind spoke.",
        );
        let e = Entities::find(&sc).into_model();
        let role = |n: &str| e.iter().find(|x| x.name == n).and_then(|x| x.role.clone());
        assert_eq!(role("Ada Lind").as_deref(), Some("Prime Minister"));
        assert_eq!(role("Omar Haddad").as_deref(), Some("Prime Minister"));
        assert_eq!(singular_role("Sens."), "Sen.");
        assert_eq!(singular_role("Boss"), "Boss");
    }

    #[test]
    fn appositive_role() {
        let sc = Scan::new("Maria Holt, the city's deputy mayor, spoke.");
        let e = Entities::find(&sc).into_model();
        assert_eq!(e[0].role.as_deref(), Some("the city's deputy mayor"));
    }
}
