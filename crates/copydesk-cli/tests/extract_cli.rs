//! `copydesk extract` end to end: formats, several inputs, stdin, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn markdown_of_the_shipped_example() {
    let out = copydesk()
        .args(["extract", &example("harbour-ferry.html")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Harbour ferry returns after storm repairs\n"));
    assert!(md.contains("## Timetable changes"));
    assert!(md
        .contains("*Workers fit new timber to the North Quay landing pier.* (Photo: Lena Brandt)"));
    assert!(!md.contains("We use cookies"));
    assert!(!md.contains("About time!"), "comments are not body text");
}

#[test]
fn json_for_several_inputs_is_one_object_per_line() {
    let html = example("harbour-ferry.html");
    let out = copydesk()
        .args(["extract", &html, &html, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let docs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0]["title"],
        "Harbour ferry returns after storm repairs"
    );
    assert_eq!(docs[0]["related"].as_array().map(Vec::len), Some(2));
}

#[test]
fn stdin_with_url_and_text_format() {
    let mut child = copydesk()
        .args([
            "extract",
            "-",
            "--url",
            "https://example.org/a",
            "--format",
            "json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let page = "<html><body><article><p>The council voted on Tuesday to extend the tram line to the \
                northern suburbs, a project debated for more than a decade.</p></article></body></html>";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["url"], "https://example.org/a");
    assert!(doc["text"]
        .as_str()
        .unwrap()
        .starts_with("The council voted"));
}

#[test]
fn exit_codes_mean_found_nothing_and_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty_page = dir.path().join("empty.html");
    std::fs::write(
        &empty_page,
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .unwrap();
    let out = copydesk()
        .args(["extract", empty_page.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "nothing article-like");

    let missing = dir.path().join("missing.html");
    let out = copydesk()
        .args(["extract", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.html"));

    let out = copydesk()
        .args(["extract", "--format", "nope", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "invalid arguments");
}

#[test]
fn explain_lists_removed_blocks_with_reasons() {
    let out = copydesk()
        .args([
            "extract",
            &example("harbour-ferry.html"),
            "--format",
            "json",
            "--explain",
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reasons: Vec<&str> = doc["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["reason"].as_str())
        .collect();
    assert!(reasons.contains(&"caption"));
    assert!(reasons.contains(&"related-link"));
    assert!(reasons.contains(&"outside-article"));
}
