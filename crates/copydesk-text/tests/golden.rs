//! Golden tests: every folder under `tests/fixtures/` holds an `input.txt` and an
//! `expected.json` with a subset of the document to check. Keys checked when present:
//! `title`, `description`, `text` (exact), `text_contains` / `text_lacks` (lists of
//! snippets), `figures` ([{caption, credit}]), `related` (list of link texts),
//! `headings` (list of heading texts, in order), `removed_reasons` (reasons that must
//! appear in `removed`).
//!
//! `UPDATE_GOLDEN=1 cargo test -p copydesk-text --test golden` writes the current
//! output as `actual.json` next to each case, for review by eye; it never overwrites
//! `expected.json`.

use copydesk_model::{BlockKind, Document};
use copydesk_text::{extract_text, TextOptions};
use serde_json::{json, Value};
use std::path::Path;

fn subset(doc: &Document) -> Value {
    json!({
        "title": doc.title,
        "description": doc.description,
        "text": doc.text,
        "figures": doc.figures.iter().map(|f| json!({"caption": f.caption, "credit": f.credit})).collect::<Vec<_>>(),
        "related": doc.related.iter().map(|l| l.text.clone()).collect::<Vec<_>>(),
        "headings": doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.text.clone()).collect::<Vec<_>>(),
        "removed_reasons": doc.removed.iter().map(|r| r.reason.clone()).collect::<Vec<_>>(),
    })
}

fn check_case(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let input = std::fs::read(dir.join("input.txt")).expect("input.txt");
    let input = String::from_utf8_lossy(&input);
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json is JSON");
    let doc = extract_text(&input, &TextOptions { explain: true });
    let actual = subset(&doc);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let pretty = serde_json::to_string_pretty(&actual).expect("json");
        std::fs::write(dir.join("actual.json"), pretty).expect("write actual.json");
    }
    let mut errs = Vec::new();
    for key in [
        "title",
        "description",
        "text",
        "figures",
        "related",
        "headings",
    ] {
        if let Some(want) = expected.get(key) {
            if actual.get(key) != Some(want) {
                errs.push(format!(
                    "{name}: {key}: expected {want}, got {}",
                    actual[key]
                ));
            }
        }
    }
    if let Some(list) = expected.get("text_contains").and_then(Value::as_array) {
        for s in list.iter().filter_map(Value::as_str) {
            if !doc.text.contains(s) {
                errs.push(format!("{name}: text lacks {s:?}"));
            }
        }
    }
    if let Some(list) = expected.get("text_lacks").and_then(Value::as_array) {
        for s in list.iter().filter_map(Value::as_str) {
            if doc.text.contains(s) {
                errs.push(format!("{name}: text contains {s:?}"));
            }
        }
    }
    if let Some(list) = expected.get("removed_reasons").and_then(Value::as_array) {
        for s in list.iter().filter_map(Value::as_str) {
            if !doc.removed.iter().any(|r| r.reason == s) {
                errs.push(format!("{name}: no removal with reason {s:?}"));
            }
        }
    }
    errs
}

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("input.txt").exists())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 15,
        "expected at least 15 fixtures, found {}",
        dirs.len()
    );
    let errs: Vec<String> = dirs.iter().flat_map(|d| check_case(d)).collect();
    assert!(
        errs.is_empty(),
        "{} golden mismatches:\n{}",
        errs.len(),
        errs.join("\n")
    );
}
