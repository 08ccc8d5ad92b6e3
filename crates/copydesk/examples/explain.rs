//! Debug aid: prints each removed block with its reason, then the body.
//! `cargo run --example explain -- page.html[.gz]`
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain PAGE");
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let options = copydesk::Options {
        explain: true,
        ..Default::default()
    };
    match copydesk::extract(&bytes, &options) {
        Ok(doc) => {
            for r in &doc.removed {
                let text: String = r.text.chars().take(90).collect();
                println!(
                    "{:?} {:<22} | {}",
                    r.action,
                    r.reason,
                    text.replace('\n', " ")
                );
            }
            println!("----- title: {:?}", doc.title);
            println!("{}", doc.text);
        }
        Err(e) => eprintln!("{path}: {e}"),
    }
}
