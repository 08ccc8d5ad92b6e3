//! Every file in `tests/regressions/` (fuzzer finds and other inputs that
//! once crashed or hung) goes through `copydesk::extract` with default and
//! forced-HTML options, then through the renderers. Each must return, without
//! panicking, within a time bound.

use copydesk::{extract, render, InputKind, Options};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Generous: these are small inputs, and debug builds are slow.
const LIMIT: Duration = Duration::from_secs(20);

fn run_one(bytes: Vec<u8>) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            for input in [InputKind::Auto, InputKind::Html] {
                let o = Options {
                    input,
                    explain: true,
                    ..Options::default()
                };
                if let Ok(doc) = extract(&bytes, &o) {
                    let _ = render::markdown(&doc);
                    let _ = render::html(&doc);
                }
            }
            let _ = tx.send(());
        })
        .map_err(|e| e.to_string())?;
    match rx.recv_timeout(LIMIT) {
        Ok(()) => worker.join().map_err(|_| "panicked".to_string()),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("did not return within {LIMIT:?}")),
        // The sender was dropped without sending: the worker panicked.
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(p) => Err(format!(
                "panicked: {}",
                p.downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| p.downcast_ref::<&str>().copied())
                    .unwrap_or("?")
            )),
            Ok(()) => Err("worker ended without a result".into()),
        },
    }
}

#[test]
fn regression_inputs_return_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/regressions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension() != Some(std::ffi::OsStr::new("md")))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("readable");
        if let Err(why) = run_one(bytes) {
            failures.push(format!("{}: {why}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
