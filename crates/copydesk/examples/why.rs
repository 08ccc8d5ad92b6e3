//! Debug aid: shows the ancestor chain (tag.class, flags) of the first text
//! containing a needle. `cargo run --example why -- page.html[.gz] "needle"`
use copydesk::html::{parse, NodeKind};
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(needle)) = (args.next(), args.next()) else {
        eprintln!("usage: why PAGE NEEDLE");
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let bytes = if copydesk::decode::is_gzip(&bytes) {
        copydesk::decode::gunzip(&bytes, 1 << 30)
            .map(|b| b.0)
            .unwrap_or_default()
    } else {
        bytes
    };
    let text = copydesk::decode::decode(&bytes, None).text;
    let dom = parse(&text);
    let flags = copydesk::extract::annotate(&dom);
    for (i, n) in dom.nodes.iter().enumerate() {
        if let NodeKind::Text(..) = n.kind {
            if dom
                .text_of_node(i as u32)
                .is_some_and(|t| t.contains(&needle))
            {
                let mut chain = vec![];
                for a in dom.ancestors(i as u32) {
                    if let Some(e) = dom.element(a) {
                        chain.push(format!(
                            "{}.{} {:?}",
                            e.name,
                            e.attr("class").unwrap_or(""),
                            flags[a as usize]
                        ));
                    }
                }
                chain.reverse();
                for c in chain {
                    println!("{c}");
                }
                return;
            }
        }
    }
    println!("not found");
}
