//! Prints each line of one page with its score and role (debugging aid).
//!
//! ```text
//! cargo run --release -p copydesk-text --example trace -- INPUT.json ID_PREFIX
//! cargo run --release -p copydesk-text --example trace -- FILE.txt
//! ```

use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: trace FILE [ID_PREFIX]")?;
    let raw = std::fs::read_to_string(&path)?;
    let text = match args.next() {
        Some(prefix) => {
            let v: Value = serde_json::from_str(&raw)?;
            let obj = v.as_object().ok_or("not an object")?;
            let (_, page) = obj
                .iter()
                .find(|(k, _)| k.starts_with(&prefix))
                .ok_or("no such id")?;
            page["text"].as_str().unwrap_or("").to_string()
        }
        None => raw,
    };
    let lines: Vec<&str> = text.lines().collect();
    for (no, p, role) in copydesk_text::trace(&text) {
        let line = lines.get(no.saturating_sub(1)).copied().unwrap_or("");
        let short: String = line.trim().chars().take(110).collect();
        println!("{no:>4} {p:.2} {role:<24} {short}");
    }
    Ok(())
}
