//! Runs the plain-text path over a `textdumps` input file and writes predictions.
//!
//! ```text
//! cargo run --release -p copydesk-text --example predict -- INPUT.json PRED.json [--explain]
//! ```
//!
//! With `--explain` the whole documents (with `removed`) are written instead.

use copydesk_text::{extract_text, TextOptions};
use serde_json::{json, Map, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: predict INPUT.json PRED.json".into());
    };
    let data: Value = serde_json::from_str(&std::fs::read_to_string(input)?)?;
    let mut pred = Map::new();
    let explain = args.next().as_deref() == Some("--explain");
    let opts = TextOptions { explain };
    let start = std::time::Instant::now();
    let mut bytes = 0usize;
    if let Some(obj) = data.as_object() {
        for (id, v) in obj {
            let text = v.get("text").and_then(Value::as_str).unwrap_or("");
            bytes += text.len();
            let doc = extract_text(text, &opts);
            if explain {
                pred.insert(id.clone(), serde_json::to_value(&doc)?);
            } else {
                pred.insert(id.clone(), json!({ "articleBody": doc.text }));
            }
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "{} pages in {:.3}s: {:.0} pages/s, {:.1} MB/s",
        pred.len(),
        secs,
        pred.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    std::fs::write(out, serde_json::to_string(&Value::Object(pred))?)?;
    Ok(())
}
