//! Metadata golden cases: every folder under `tests/metadata/` holds a
//! hand-written `source.html` (one source kind or one conflict each) and an
//! `expected.json` with the metadata fields that page must yield. Only the
//! fields present in `expected.json` are compared; `null` means "must be
//! absent", `[]` "must be empty". An optional `_page_url` key is passed as
//! the page's address.

use copydesk::{extract, Document, Options};
use serde_json::Value;
use std::fs;
use std::path::Path;

const FIELDS: &[&str] = &[
    "title",
    "description",
    "authors",
    "published",
    "modified",
    "site_name",
    "language",
    "url",
    "image",
    "section",
    "tags",
    "publisher",
];

fn field(doc: &Document, name: &str) -> Value {
    let v = serde_json::to_value(doc).unwrap_or(Value::Null);
    v.get(name).cloned().unwrap_or(Value::Null)
}

#[test]
fn metadata_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/metadata");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .expect("tests/metadata exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let html = fs::read(case.join("source.html")).expect("source.html");
        let expected: Value =
            serde_json::from_slice(&fs::read(case.join("expected.json")).expect("expected.json"))
                .expect("expected.json is JSON");
        let opts = Options {
            url: expected
                .get("_page_url")
                .and_then(Value::as_str)
                .map(str::to_string),
            ..Options::default()
        };
        let doc = extract(&html, &opts).expect("extracts");
        let Some(obj) = expected.as_object() else {
            failures.push(format!("{name}: expected.json is not an object"));
            continue;
        };
        for (key, want) in obj {
            if key.starts_with('_') {
                continue;
            }
            assert!(
                FIELDS.contains(&key.as_str()),
                "{name}: unknown field {key}"
            );
            let got = field(&doc, key);
            if &got != want {
                failures.push(format!("{name}: {key}: expected {want}, got {got}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} metadata mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
