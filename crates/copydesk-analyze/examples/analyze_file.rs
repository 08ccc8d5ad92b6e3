//! Prints the analysis of a text file as JSON.
//!
//! ```text
//! cargo run --release -p copydesk-analyze --example analyze_file -- FILE [PUBLISHED-DAY]
//! ```
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: analyze_file FILE [YYYY-MM-DD]")?;
    let published = std::env::args().nth(2);
    let text = std::fs::read_to_string(path)?;
    let a = copydesk_analyze::analyze(&text, &copydesk_analyze::AnalyzeOptions { published });
    println!("{}", serde_json::to_string_pretty(&a)?);
    Ok(())
}
