//! Golden tests, readability.js style: every folder under `tests/golden/`
//! holding a `source.html` (or `source.html.gz`) is one case. The page goes
//! through `copydesk::extract` with default options and the result is
//! compared with two reviewed files next to it:
//!
//! - `expected.md`: the Markdown rendering (`copydesk::render::markdown`),
//!   which shows title, byline, standfirst, body, figures and related links;
//! - `expected.json`: a subset of the document (title, language, text, block
//!   kinds, figures, related links) so structure is checked, not just prose.
//!
//! `UPDATE_GOLDEN=1 cargo test -p copydesk --test golden` rewrites the
//! expected files of passing-or-new cases from the current output; the
//! result must then be reviewed by eye before it is committed.
//!
//! Cases listed in `tests/golden/KNOWN_FAILURES.txt` (one folder name per
//! line, `#` comments allowed) hold the *correct* expected output that the
//! extractor does not produce yet. They are still run and their status is
//! printed, but they do not fail the test, and `UPDATE_GOLDEN` never
//! overwrites them.

use copydesk::{extract, render, Document, Options};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn known_failures(dir: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(dir.join("KNOWN_FAILURES.txt")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn source_of(case: &Path) -> Option<PathBuf> {
    ["source.html", "source.html.gz", "source.xhtml"]
        .iter()
        .map(|n| case.join(n))
        .find(|p| p.is_file())
}

/// The structural subset of a document that the goldens pin down.
fn subset(doc: &Document) -> Value {
    let blocks: Vec<Value> = doc
        .blocks
        .iter()
        .map(|b| {
            let mut v = json!({ "kind": b.kind });
            if let Some(l) = b.level {
                v["level"] = json!(l);
            }
            if let Some(o) = b.ordered {
                v["ordered"] = json!(o);
            }
            if !b.items.is_empty() {
                v["items"] = json!(b.items.len());
            }
            if !b.rows.is_empty() {
                v["rows"] = json!(b.rows.len());
            }
            v
        })
        .collect();
    json!({
        "title": doc.title,
        "language": doc.language,
        "text": doc.text,
        "blocks": blocks,
        "figures": doc.figures,
        "related": doc.related,
    })
}

/// First differing line, with a little context, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i), a.get(i));
        if el != al {
            return format!(
                "  line {}:\n    expected: {}\n    actual:   {}",
                i + 1,
                el.map_or("<end of file>".to_string(), |s| format!("{s:?}")),
                al.map_or("<end of file>".to_string(), |s| format!("{s:?}")),
            );
        }
    }
    "  (differ only in trailing newline)".to_string()
}

enum Outcome {
    Pass,
    Fail(String),
    Written,
}

fn run_case(case: &Path, update: bool) -> Outcome {
    let Some(src) = source_of(case) else {
        return Outcome::Fail("no source.html / source.html.gz".into());
    };
    let bytes = match fs::read(&src) {
        Ok(b) => b,
        Err(e) => return Outcome::Fail(format!("cannot read {}: {e}", src.display())),
    };
    let doc = match extract(&bytes, &Options::default()) {
        Ok(d) => d,
        Err(e) => return Outcome::Fail(format!("extract failed: {e}")),
    };
    let md = render::markdown(&doc);
    let js = serde_json::to_string_pretty(&subset(&doc)).unwrap_or_default() + "\n";
    let md_path = case.join("expected.md");
    let js_path = case.join("expected.json");
    if update {
        let same = fs::read_to_string(&md_path).ok().as_deref() == Some(md.as_str())
            && fs::read_to_string(&js_path).ok().as_deref() == Some(js.as_str());
        if same {
            return Outcome::Pass;
        }
        let wrote = fs::write(&md_path, &md).and_then(|()| fs::write(&js_path, &js));
        return match wrote {
            Ok(()) => Outcome::Written,
            Err(e) => Outcome::Fail(format!("cannot write expected files: {e}")),
        };
    }
    let mut problems = Vec::new();
    for (path, actual) in [(&md_path, &md), (&js_path, &js)] {
        match fs::read_to_string(path) {
            Ok(expected) if expected == *actual => {}
            Ok(expected) => problems.push(format!(
                "{} differs:\n{}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
                first_difference(&expected, actual)
            )),
            Err(_) => problems.push(format!(
                "{} missing (run with UPDATE_GOLDEN=1, then review it)",
                path.display()
            )),
        }
    }
    if problems.is_empty() {
        Outcome::Pass
    } else {
        Outcome::Fail(problems.join("\n"))
    }
}

#[test]
fn golden_cases() {
    let dir = golden_dir();
    let known = known_failures(&dir);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "expected at least 25 golden cases");

    for name in &known {
        assert!(
            dir.join(name).is_dir(),
            "KNOWN_FAILURES.txt lists {name}, which is not a case folder"
        );
    }

    let mut failed = Vec::new();
    let (mut passed, mut known_failing) = (0, 0);
    for case in &cases {
        let name = case
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let is_known = known.contains(&name);
        match run_case(case, update && !is_known) {
            Outcome::Pass if is_known => {
                println!(
                    "golden {name}: KNOWN FAILURE NOW PASSES, remove it from KNOWN_FAILURES.txt"
                );
                passed += 1;
            }
            Outcome::Pass => passed += 1,
            Outcome::Written => println!("golden {name}: expected files written, review them"),
            Outcome::Fail(why) if is_known => {
                known_failing += 1;
                println!("golden {name}: known failure (skipped)\n{why}");
            }
            Outcome::Fail(why) => failed.push(format!("golden {name}: FAILED\n{why}")),
        }
    }
    println!(
        "golden: {} cases, {passed} pass, {known_failing} known failures, {} new failures",
        cases.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "\n{}\n", failed.join("\n\n"));
}
