//! Golden fixtures: `tests/fixtures/<case>/input.txt` and `expected.json`.
//!
//! `expected.json` holds `{"quotes": [...], "count": N?, "entities": [...]?,
//! "published": "YYYY-MM-DD"?}`. Each expected quote must match one produced
//! quote whose text contains `contains` (and `also_contains`, and not
//! `not_contains`); then `speaker` (canonical name or null), `mention` (the
//! speaker as written), `direct` and `cue` are checked when given. Each
//! expected entity must exist with that name, and kind, role and number of
//! mentions when given; each expected date (`"dates": [{"text", "value"}]`)
//! must be found with that value (resolved against `published`).
use copydesk_analyze::{analyze, AnalyzeOptions};
use serde_json::Value;
use std::path::Path;

fn check_case(dir: &Path) -> Vec<String> {
    let mut errs = Vec::new();
    let name = dir
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_string();
    let input = std::fs::read_to_string(dir.join("input.txt")).expect("input.txt");
    let exp: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("valid expected.json");
    let opts = AnalyzeOptions {
        published: exp["published"].as_str().map(String::from),
    };
    let a = analyze(&input, &opts);
    let chars: Vec<char> = input.chars().collect();
    for q in &a.quotes {
        let span: String = chars[q.start..q.end].iter().collect();
        if span != q.text {
            errs.push(format!(
                "{name}: quote offsets do not match its text: {:?}",
                q.text
            ));
        }
        if let Some(m) = &q.speaker_mention {
            let s: String = chars[m.start..m.end].iter().collect();
            if s != m.text {
                errs.push(format!(
                    "{name}: mention offsets do not match its text: {:?}",
                    m.text
                ));
            }
        }
    }
    if let Some(n) = exp["count"].as_u64() {
        if a.quotes.len() as u64 != n {
            errs.push(format!(
                "{name}: expected {n} quotes, got {}: {:?}",
                a.quotes.len(),
                a.quotes.iter().map(|q| &q.text).collect::<Vec<_>>()
            ));
        }
    }
    for eq in exp["quotes"].as_array().into_iter().flatten() {
        let contains = eq["contains"].as_str().unwrap_or("");
        let also = eq["also_contains"].as_str();
        let not = eq["not_contains"].as_str();
        let found = a.quotes.iter().find(|q| {
            q.text.contains(contains)
                && also.is_none_or(|s| q.text.contains(s))
                && not.is_none_or(|s| !q.text.contains(s))
        });
        let Some(q) = found else {
            errs.push(format!(
                "{name}: no quote containing {contains:?} (got {:?})",
                a.quotes.iter().map(|q| &q.text).collect::<Vec<_>>()
            ));
            continue;
        };
        if let Some(sp) = eq.get("speaker") {
            let want = sp.as_str();
            if q.speaker.as_deref() != want {
                errs.push(format!(
                    "{name}: {contains:?}: speaker {:?}, expected {want:?}",
                    q.speaker
                ));
            }
        }
        if let Some(m) = eq["mention"].as_str() {
            let got = q.speaker_mention.as_ref().map(|m| m.text.as_str());
            if got != Some(m) {
                errs.push(format!(
                    "{name}: {contains:?}: mention {got:?}, expected {m:?}"
                ));
            }
        }
        if let Some(d) = eq["direct"].as_bool() {
            if q.direct != d {
                errs.push(format!(
                    "{name}: {contains:?}: direct {}, expected {d}",
                    q.direct
                ));
            }
        }
        if let Some(c) = eq["cue"].as_str() {
            if q.cue.as_deref() != Some(c) {
                errs.push(format!(
                    "{name}: {contains:?}: cue {:?}, expected {c:?}",
                    q.cue
                ));
            }
        }
    }
    for ee in exp["entities"].as_array().into_iter().flatten() {
        let want = ee["name"].as_str().unwrap_or("");
        let Some(e) = a.entities.iter().find(|e| e.name == want) else {
            errs.push(format!(
                "{name}: no entity {want:?} (got {:?})",
                a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            ));
            continue;
        };
        if let Some(k) = ee["kind"].as_str() {
            let got = serde_json::to_value(e.kind).unwrap_or_default();
            if got.as_str() != Some(k) {
                errs.push(format!("{name}: entity {want:?}: kind {got}, expected {k}"));
            }
        }
        if let Some(r) = ee["role"].as_str() {
            if e.role.as_deref() != Some(r) {
                errs.push(format!(
                    "{name}: entity {want:?}: role {:?}, expected {r:?}",
                    e.role
                ));
            }
        }
        if let Some(n) = ee["mentions"].as_u64() {
            if e.mentions.len() as u64 != n {
                errs.push(format!(
                    "{name}: entity {want:?}: {} mentions, expected {n}",
                    e.mentions.len()
                ));
            }
        }
    }
    for ed in exp["dates"].as_array().into_iter().flatten() {
        let want = ed["text"].as_str().unwrap_or("");
        let Some(d) = a.dates.iter().find(|d| d.text == want) else {
            errs.push(format!(
                "{name}: no date {want:?} (got {:?})",
                a.dates.iter().map(|d| &d.text).collect::<Vec<_>>()
            ));
            continue;
        };
        if let Some(v) = ed.get("value") {
            if d.value.as_deref() != v.as_str() {
                errs.push(format!(
                    "{name}: date {want:?}: value {:?}, expected {v}",
                    d.value
                ));
            }
        }
    }
    errs
}

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("input.txt").exists())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 20,
        "expected at least 20 fixtures, found {}",
        dirs.len()
    );
    let errs: Vec<String> = dirs.iter().flat_map(|d| check_case(d)).collect();
    assert!(
        errs.is_empty(),
        "{} problems:\n{}",
        errs.len(),
        errs.join("\n")
    );
}
