//! `copydesk batch` end to end: the binary, its exit codes and its output.

use std::process::Command;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

fn lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_folder_then_resume() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    let rain = "The rain came back on Tuesday after a dry month, and farmers across the valley said they were relieved to see it.";
    std::fs::write(pages.join("a.html"), page("Rain", rain)).unwrap();
    std::fs::write(pages.join("sub/b.html"), page("Rain again", rain)).unwrap();
    std::fs::write(pages.join("sub/c.jsonl"), "not json\n").unwrap();
    let out = dir.path().join("out.jsonl");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("batch")
            .arg(&pages)
            .arg("-o")
            .arg(&out)
            .args(["--jobs", "2"])
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run(&[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("records 3"), "{stderr}");
    assert!(stderr.contains("pages/s"), "{stderr}");
    let first = lines(&out);
    assert_eq!(first.len(), 3);
    assert_eq!(first[1]["duplicate_of"], first[0]["id"]);
    assert_eq!(first[2]["error"]["kind"], "json");

    // A new page appears; --resume adds only it.
    let snow = "Snow fell on the high passes overnight and the road over the mountain was closed until the ploughs had been through.";
    std::fs::write(pages.join("sub/d.html"), page("Snow", snow)).unwrap();
    let o = run(&["--resume"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let all = lines(&out);
    assert_eq!(all.len(), 4);
    assert_eq!(all[..3], first[..]);
    assert!(all[3]["id"].as_str().unwrap().ends_with("d.html"));
}

#[test]
fn batch_needs_inputs() {
    let o = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("batch")
        .output()
        .unwrap();
    assert!(!o.status.success());
}
