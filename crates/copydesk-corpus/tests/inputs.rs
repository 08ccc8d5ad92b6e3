//! Inputs of every kind, broken in the usual ways: records in = lines out.

mod common;

use common::*;
use copydesk_corpus::{Config, Inputs, Output, Resume};
use flate2::read::GzDecoder;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

/// A WARC with a warcinfo, a request, an HTML response, an image response,
/// a response whose HTTP charset lies, a metadata record, a 404 and, last,
/// an HTML response cut short.
fn warc_parts() -> Vec<Vec<u8>> {
    let lying = page(
        "Café society",
        &["The café on the corner reopened on Tuesday after a long winter, and the owners said trade was brisk from the first morning."],
    );
    vec![
        warc_record(
            "warcinfo",
            "info",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "req1",
            "https://example.com/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
        ),
        response(
            "good",
            "https://example.com/a",
            "text/html; charset=utf-8",
            story_page("Bridge reopens", 1).as_bytes(),
        ),
        response(
            "img",
            "https://example.com/a.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n....",
        ),
        response(
            "lying",
            "https://example.com/cafe",
            "text/html; charset=ISO-8859-1",
            lying.as_bytes(),
        ),
        warc_record(
            "metadata",
            "meta",
            "https://example.com/a",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        warc_record(
            "response",
            "missing",
            "https://example.com/missing",
            "application/http; msgtype=response",
            &http_response("404 Not Found", "text/html", b"<html><p>gone</p></html>"),
        ),
        response(
            "cut",
            "https://example.com/cut",
            "text/html",
            story_page("Storm warning", 2).as_bytes(),
        ),
    ]
}

fn check_warc_lines(lines: &[serde_json::Value], summary: &copydesk_corpus::Summary) {
    assert_eq!(
        lines.len() as u64,
        summary.records,
        "records in = lines out"
    );
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert_eq!(s(&lines[0], "id"), "urn:uuid:good");
    assert_eq!(s(&lines[0], "url"), "https://example.com/a");
    assert!(lines[0]["duplicate_of"].is_null());
    assert!(text(&lines[0]).contains(&sentence(31)), "{}", lines[0]);
    assert_eq!(s(&lines[1], "id"), "urn:uuid:lying");
    assert!(
        text(&lines[1]).contains("The café on the corner"),
        "{}",
        lines[1]
    );
    assert_eq!(kind(&lines[2]), Some("truncated"), "{}", lines[2]);
    assert_eq!(summary.articles, 2);
    assert_eq!(summary.errors.get("truncated"), Some(&1));
    for reason in [
        "warc-warcinfo",
        "warc-request",
        "warc-metadata",
        "not-html",
        "http-status",
    ] {
        assert_eq!(
            summary.skipped.get(reason),
            Some(&1),
            "{reason}: {:?}",
            summary.skipped
        );
    }
}

#[test]
fn warc_gz_members_offsets_truncation_and_skips() {
    let dir = tempfile::tempdir().unwrap();
    let parts = warc_parts();
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    let n = parts.len();
    for (i, p) in parts.iter().enumerate() {
        offsets.push(file.len());
        let member = gz(p);
        if i + 1 == n {
            // The last member is cut in the middle.
            file.extend_from_slice(&member[..member.len() / 2]);
        } else {
            file.extend_from_slice(&member);
        }
    }
    let path = dir.path().join("CC-NEWS-test.warc.gz");
    std::fs::write(&path, &file).unwrap();
    let (lines, summary) = run(vec![path.clone()], &dir.path().join("out.jsonl"));
    check_warc_lines(&lines, &summary);

    // `source` is file#offset of the gzip member: decompressing from there
    // gives that very record.
    let shown = path.display().to_string();
    assert_eq!(s(&lines[0], "source"), format!("{shown}#{}", offsets[2]));
    assert_eq!(s(&lines[1], "source"), format!("{shown}#{}", offsets[4]));
    assert_eq!(s(&lines[2], "source"), format!("{shown}#{}", offsets[7]));
    let mut member = String::new();
    GzDecoder::new(&file[offsets[4]..])
        .read_to_string(&mut member)
        .unwrap();
    assert!(member.contains("WARC-Record-ID: <urn:uuid:lying>"));
}

#[test]
fn plain_warc_with_truncated_last_record() {
    let dir = tempfile::tempdir().unwrap();
    let parts = warc_parts();
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for p in &parts {
        offsets.push(file.len());
        file.extend_from_slice(p);
    }
    let last = offsets[parts.len() - 1];
    file.truncate(last + (file.len() - last) / 2);
    let path = dir.path().join("x.warc");
    std::fs::write(&path, &file).unwrap();
    let (lines, summary) = run(vec![path.clone()], &dir.path().join("out.jsonl"));
    check_warc_lines(&lines, &summary);
    assert_eq!(
        s(&lines[1], "source"),
        format!("{}#{}", path.display(), offsets[4])
    );
}

#[test]
fn bad_gzip_member_is_an_error_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = gz(&response(
        "a",
        "https://e.com/a",
        "text/html",
        story_page("A", 3).as_bytes(),
    ));
    let garbage_at = file.len();
    file.extend_from_slice(b"\x1f\x8b\x08\x00garbage that is not deflate at all, no no no");
    let path = dir.path().join("bad.warc.gz");
    std::fs::write(&path, &file).unwrap();
    let (lines, summary) = run(vec![path.clone()], &dir.path().join("out.jsonl"));
    assert_eq!(lines.len() as u64, summary.records);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(s(&lines[0], "id"), "urn:uuid:a");
    assert!(kind(&lines[1]).is_some(), "{}", lines[1]);
    assert_eq!(
        s(&lines[1], "source"),
        format!("{}#{garbage_at}", path.display())
    );
}

#[test]
fn folder_tree_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pages");
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    std::fs::write(root.join("b.html"), story_page("B", 10)).unwrap();
    std::fs::write(root.join("a.htm"), story_page("A", 11)).unwrap();
    std::fs::write(
        root.join("sub/c.html.gz"),
        gz(story_page("C", 12).as_bytes()),
    )
    .unwrap();
    let plain = story(13).join("\n\n");
    std::fs::write(root.join("sub/deeper/d.txt"), &plain).unwrap();
    std::fs::write(root.join("sub/image.png"), b"\x89PNG").unwrap();
    std::fs::write(root.join("sub/notes"), b"not a page").unwrap();
    // Unreadable: a link to nowhere.
    std::os::unix::fs::symlink(root.join("nowhere.html"), root.join("sub/e.html")).unwrap();
    // Invalid UTF-8 in a page is replaced, not fatal.
    let mut bad = story_page("F", 14).into_bytes();
    let at = story_page("F", 14).find("<p>").unwrap() + 3;
    bad.splice(at..at, [0xff, 0xfe, 0xc3, b' '].iter().copied());
    std::fs::write(root.join("sub/f.html"), bad).unwrap();

    let (lines, summary) = run(vec![root.clone()], &dir.path().join("out.jsonl"));
    assert_eq!(lines.len() as u64, summary.records);
    let ids: Vec<String> = lines
        .iter()
        .map(|l| {
            s(l, "id")
                .strip_prefix(&format!("{}/", root.display()))
                .unwrap_or("?")
                .to_string()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "a.htm",
            "b.html",
            "sub/c.html.gz",
            "sub/deeper/d.txt",
            "sub/e.html",
            "sub/f.html"
        ]
    );
    assert!(text(&lines[0]).contains(&sentence(11 * 31)));
    assert!(text(&lines[2]).contains(&sentence(12 * 31)));
    assert!(text(&lines[3]).contains(&sentence(13 * 31)));
    assert_eq!(kind(&lines[4]), Some("io"));
    assert!(
        text(&lines[5]).contains(&sentence(14 * 31 + 5)),
        "{}",
        lines[5]
    );
    for l in &lines {
        assert_eq!(s(l, "id"), s(l, "source"));
    }
}

#[test]
fn jsonl_records_good_and_bad() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.jsonl");
    let mut data = Vec::new();
    let rec = |v: serde_json::Value| format!("{v}\n").into_bytes();
    data.extend(rec(
        serde_json::json!({"id": "h1", "html": story_page("H", 20), "url": "https://e.com/h"}),
    ));
    data.extend(rec(
        serde_json::json!({"id": 7, "text": story(21).join("\n\n")}),
    ));
    data.extend(b"\n   \n");
    data.extend(b"{\"id\": \"broken\", \"html\": \"<p>unterminated\n");
    data.extend(rec(
        serde_json::json!({"id": "nobody", "url": "https://e.com/x"}),
    ));
    data.extend(b"{\"id\": \"latin\", \"html\": \"caf\xe9\"}\n");
    data.extend(b"[1, 2, 3]\n");
    data.extend(rec(serde_json::json!({"html": story_page("Last", 22)})));
    std::fs::write(&path, &data).unwrap();

    let (lines, summary) = run(vec![path.clone()], &dir.path().join("out.jsonl"));
    assert_eq!(lines.len() as u64, summary.records);
    assert_eq!(lines.len(), 7, "{lines:#?}");
    let shown = path.display().to_string();
    assert_eq!(s(&lines[0], "id"), "h1");
    assert_eq!(s(&lines[0], "url"), "https://e.com/h");
    assert_eq!(s(&lines[0], "source"), format!("{shown}:1"));
    assert_eq!(s(&lines[1], "id"), "7");
    assert!(text(&lines[1]).contains(&sentence(21 * 31)));
    assert_eq!(kind(&lines[2]), Some("json"));
    assert_eq!(s(&lines[2], "source"), format!("{shown}:5"));
    assert_eq!(kind(&lines[3]), Some("missing-field"));
    assert_eq!(s(&lines[3], "id"), "nobody");
    assert_eq!(
        kind(&lines[4]),
        Some("json"),
        "invalid UTF-8 inside a JSON string"
    );
    assert_eq!(kind(&lines[5]), Some("json"));
    assert_eq!(s(&lines[6], "id"), format!("{shown}:9"));
    assert!(text(&lines[6]).contains(&sentence(22 * 31)));
}

#[test]
fn oversize_records_are_error_entries() {
    let dir = tempfile::tempdir().unwrap();
    let big = story_page("Big", 30);
    let small = "<html><body><article><p>Short but fine, a sentence about the weather in the valley this week.</p></article></body></html>";
    let limit = small.len() + 200;
    assert!(big.len() > limit);
    std::fs::write(dir.path().join("big.html"), &big).unwrap();
    std::fs::write(dir.path().join("small.html"), small).unwrap();
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "j-big", "html": big}),
        serde_json::json!({"id": "j-small", "html": small})
    );
    std::fs::write(dir.path().join("r.jsonl"), jsonl).unwrap();
    let mut warc = response("w-big", "https://e.com/big", "text/html", big.as_bytes());
    warc.extend(response(
        "w-small",
        "https://e.com/small",
        "text/html",
        small.as_bytes(),
    ));
    std::fs::write(dir.path().join("w.warc"), warc).unwrap();

    let cfg = Config {
        jobs: 2,
        max_record_bytes: limit,
        ..Config::default()
    };
    let inputs = ["big.html", "small.html", "r.jsonl", "w.warc"]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
    let (lines, summary) = run_with(inputs, &dir.path().join("out.jsonl"), &cfg);
    assert_eq!(lines.len() as u64, summary.records);
    let got: Vec<(&str, Option<&str>)> = lines
        .iter()
        .map(|l| (s(l, "id").rsplit('/').next().unwrap_or(""), kind(l)))
        .collect();
    assert_eq!(
        got,
        [
            ("big.html", Some("too-large")),
            ("small.html", None),
            ("j-big", Some("too-large")),
            ("j-small", None),
            ("urn:uuid:w-big", Some("too-large")),
            ("urn:uuid:w-small", None),
        ]
    );
    assert_eq!(summary.errors.get("too-large"), Some(&3));
}

fn pages_dir(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let root = dir.join("pages");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..n {
        std::fs::write(
            root.join(format!("p{i:03}.html")),
            story_page(&format!("Story {i}"), 100 + i),
        )
        .unwrap();
    }
    root
}

#[test]
fn stop_flag_keeps_output_valid_and_resume_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = pages_dir(dir.path(), 20);
    // Two exact copies of p000, read after the stop, must still point at it.
    std::fs::write(root.join("z-copy.html"), story_page("Copy", 100)).unwrap();
    let out = dir.path().join("out.jsonl");
    let cfg = Config {
        jobs: 2,
        chunk_records: 4,
        ..Config::default()
    };
    let stop = AtomicBool::new(false);
    let summary = copydesk_corpus::run(
        Inputs::Paths(vec![root.clone()]),
        Output::create(&out).unwrap(),
        &cfg,
        Resume::default(),
        &stop,
        &mut |s| {
            if s.records >= 4 {
                stop.store(true, Ordering::SeqCst);
            }
        },
    )
    .unwrap();
    assert!(summary.interrupted);
    let first = read_lines(&out);
    assert_eq!(first.len() as u64, summary.records);
    assert!(first.len() >= 4 && first.len() < 21, "{}", first.len());

    // A crash mid-line: resume cuts it off.
    let mut f = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
    std::io::Write::write_all(&mut f, b"{\"id\": \"half").unwrap();
    drop(f);

    let (output, resume) = copydesk_corpus::open_resume(&out, true).unwrap();
    assert_eq!(resume.done.len(), first.len());
    let stop = AtomicBool::new(false);
    let summary = copydesk_corpus::run(
        Inputs::Paths(vec![root.clone()]),
        output,
        &cfg,
        resume,
        &stop,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(summary.resumed as usize, first.len());
    let all = read_lines(&out);
    assert_eq!(all.len(), 21);
    assert_eq!(all.len() - first.len(), summary.records as usize);
    let mut ids: Vec<&str> = all.iter().map(|l| s(l, "id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 21, "every record exactly once");
    let copy = all
        .iter()
        .find(|l| s(l, "id").ends_with("z-copy.html"))
        .unwrap();
    assert!(s(copy, "duplicate_of").ends_with("p000.html"), "{copy}");
}

#[test]
fn write_errors_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let root = pages_dir(dir.path(), 3);
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full here
    };
    let stop = AtomicBool::new(false);
    let r = copydesk_corpus::run(
        Inputs::Paths(vec![root]),
        Output::File { file: full, len: 0 },
        &Config::default(),
        Resume::default(),
        &stop,
        &mut |_| {},
    );
    assert!(
        matches!(r, Err(copydesk_corpus::CorpusError::Write(_))),
        "{r:?}"
    );
}

#[test]
fn files_from_list_and_language_filter() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.html");
    let de = dir.path().join("de.html");
    std::fs::write(&en, page("Rain", &["The rain came back on Tuesday after a dry month, and farmers across the valley said they were relieved to see it at last."])).unwrap();
    std::fs::write(&de, page("Regen", &["Der Regen kam am Dienstag nach einem trockenen Monat zurück, und die Bauern im ganzen Tal sagten, dass sie sehr erleichtert seien."])).unwrap();
    let list = format!("{}\n\n{}\n", en.display(), de.display());
    let out = dir.path().join("out.jsonl");
    let cfg = Config {
        jobs: 1,
        languages: Some(vec!["de".into()]),
        ..Config::default()
    };
    let paths = copydesk_corpus::sources::path_lines(std::io::Cursor::new(list.into_bytes()));
    let stop = AtomicBool::new(false);
    let summary = copydesk_corpus::run(
        Inputs::List(Box::new(paths)),
        Output::create(&out).unwrap(),
        &cfg,
        Resume::default(),
        &stop,
        &mut |_| {},
    )
    .unwrap();
    let lines = read_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(summary.records, 2);
    assert_eq!(s(&lines[0], "skipped"), "language");
    assert_eq!(s(&lines[0], "language"), "en");
    assert_eq!(s(&lines[1], "article").len(), 0);
    assert_eq!(lines[1]["article"]["language"], "de");
    assert_eq!(summary.filtered_language, 1);
}

#[test]
fn gzip_is_recognised_by_content_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = gz(&response(
        "g",
        "https://e.com/g",
        "text/html",
        story_page("G", 40).as_bytes(),
    ));
    let path = dir.path().join("misnamed.warc");
    std::fs::write(&path, &file).unwrap();
    let (lines, summary) = run(vec![path.clone()], &dir.path().join("out.jsonl"));
    assert_eq!(lines.len() as u64, summary.records);
    assert_eq!(lines.len(), 1);
    assert_eq!(s(&lines[0], "id"), "urn:uuid:g");
    assert!(text(&lines[0]).contains(&sentence(40 * 31)));
}

/// A gzip member stored without compression: its bytes show as they are.
fn gz_stored(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::none());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn gzip_headers_inside_members_do_not_split_records() {
    // Metadata records whose stored bytes hold gzip headers at many
    // places (past the 64 KiB a member run aims at), between pages: a
    // byte scan for members is fooled, the batch must not be.
    let dir = tempfile::tempdir().unwrap();
    let mut fake = Vec::new();
    while fake.len() < 100_000 {
        fake.extend_from_slice(b"filler text ");
        fake.extend_from_slice(&[0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff]);
    }
    let mut file = Vec::new();
    let mut ids = Vec::new();
    for i in 0..6 {
        let id = format!("p{i}");
        let page = story_page(&format!("Story {i}"), 500 + i);
        file.extend(gz(&response(
            &id,
            &format!("https://e.com/{i}"),
            "text/html",
            page.as_bytes(),
        )));
        ids.push(format!("urn:uuid:{id}"));
        file.extend(gz_stored(&warc_record(
            "metadata",
            &format!("m{i}"),
            "https://e.com/m",
            "application/octet-stream",
            &fake,
        )));
    }
    // A page stored whole, with a fake header in its own body.
    let mut body = story_page("Stored", 900).into_bytes();
    body.extend_from_slice(b"<!-- ");
    body.extend_from_slice(&b"filler text ".repeat(4000));
    body.extend_from_slice(&[0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff]);
    body.extend_from_slice(&b"filler text ".repeat(100));
    body.extend_from_slice(b" -->");
    file.extend(gz_stored(&response(
        "s",
        "https://e.com/s",
        "text/html",
        &body,
    )));
    ids.push("urn:uuid:s".to_string());
    let path = dir.path().join("fooled.warc.gz");
    std::fs::write(&path, &file).unwrap();
    for jobs in [1, 2, 3] {
        let cfg = Config {
            jobs,
            ..Config::default()
        };
        let (lines, summary) = run_with(vec![path.clone()], &dir.path().join("out.jsonl"), &cfg);
        let got: Vec<&str> = lines.iter().map(|l| s(l, "id")).collect();
        assert_eq!(got, ids, "jobs {jobs}");
        assert!(
            lines.iter().all(|l| kind(l).is_none()),
            "jobs {jobs}: {lines:?}"
        );
        assert_eq!(summary.skipped.get("warc-metadata"), Some(&6));
        assert_eq!(summary.error_count(), 0);
    }
}
