fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap_or_default();
        let doc = copydesk::extract(&bytes, &copydesk::Options::default());
        if let Ok(d) = doc {
            println!("{p}\n  title={:?}\n  authors={:?}\n  pub={:?} mod={:?}\n  site={:?} lang={:?}", d.title, d.authors, d.published, d.modified, d.site_name, d.language);
        }
    }
}
