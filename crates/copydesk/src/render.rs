//! Renderers: the document as plain text, Markdown or an HTML fragment.
//! (JSON is the model's serde form.)

use copydesk_model::{Block, BlockKind, Document};

/// Body only, blocks separated by blank lines.
pub fn text(doc: &Document) -> String {
    doc.text.clone()
}

fn byline(doc: &Document) -> Option<String> {
    let mut parts = Vec::new();
    if !doc.authors.is_empty() {
        parts.push(format!("By {}", doc.authors.join(", ")));
    }
    if let Some(p) = &doc.published {
        parts.push(p.clone());
    }
    if let Some(s) = &doc.site_name {
        parts.push(s.clone());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The description, unless the body already opens with it.
fn standfirst(doc: &Document) -> Option<&str> {
    let d = doc.description.as_deref()?.trim();
    let first = doc.blocks.first().map(|b| b.text.trim());
    (!d.is_empty() && first != Some(d)).then_some(d)
}

/// Title, byline/date line, standfirst, body with headings, lists, quotes,
/// tables and code, then figures and related links.
pub fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(t) = &doc.title {
        out.push_str(&format!("# {}\n\n", t.trim()));
    }
    if let Some(b) = byline(doc) {
        out.push_str(&format!("*{b}*\n\n"));
    }
    if let Some(d) = standfirst(doc) {
        out.push_str(&format!("**{}**\n\n", d.trim()));
    }
    for block in &doc.blocks {
        markdown_block(&mut out, block);
    }
    if !doc.figures.is_empty() {
        out.push_str("---\n\n");
        for f in &doc.figures {
            let caption = f.caption.as_deref().unwrap_or("");
            if let Some(src) = &f.src {
                out.push_str(&format!("![{}]({})\n", caption.replace(']', ")"), src));
            }
            match (&f.caption, &f.credit) {
                (Some(c), Some(cr)) => out.push_str(&format!("*{c}* ({cr})\n\n")),
                (Some(c), None) => out.push_str(&format!("*{c}*\n\n")),
                (None, Some(cr)) => out.push_str(&format!("({cr})\n\n")),
                (None, None) => out.push('\n'),
            }
        }
    }
    if !doc.related.is_empty() {
        out.push_str("## Related\n\n");
        for l in &doc.related {
            match &l.url {
                Some(u) => out.push_str(&format!("- [{}]({})\n", l.text, u)),
                None => out.push_str(&format!("- {}\n", l.text)),
            }
        }
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

fn markdown_block(out: &mut String, block: &Block) {
    match block.kind {
        BlockKind::Heading => {
            let level = block.level.unwrap_or(2).clamp(2, 6) as usize;
            out.push_str(&format!("{} {}\n\n", "#".repeat(level), block.text));
        }
        BlockKind::Paragraph => out.push_str(&format!("{}\n\n", block.text)),
        BlockKind::Quote => {
            for line in block.text.lines() {
                out.push_str(&format!("> {line}\n"));
            }
            out.push('\n');
        }
        BlockKind::List => {
            let ordered = block.ordered.unwrap_or(false);
            for (i, item) in block.items.iter().enumerate() {
                if ordered {
                    out.push_str(&format!("{}. {}\n", i + 1, item));
                } else {
                    out.push_str(&format!("- {item}\n"));
                }
            }
            out.push('\n');
        }
        BlockKind::Code => out.push_str(&format!("```\n{}\n```\n\n", block.text)),
        BlockKind::Table => {
            let cols = block.rows.iter().map(Vec::len).max().unwrap_or(0);
            for (i, row) in block.rows.iter().enumerate() {
                let mut cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                cells.resize(cols, String::new());
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
                if i == 0 {
                    out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
                }
            }
            out.push('\n');
        }
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A clean semantic HTML fragment: `<article>` with header, body, figures, related.
pub fn html(doc: &Document) -> String {
    let mut out = String::from("<article>\n");
    if let Some(t) = &doc.title {
        out.push_str(&format!("<h1>{}</h1>\n", escape(t)));
    }
    if let Some(b) = byline(doc) {
        out.push_str(&format!("<p class=\"byline\">{}</p>\n", escape(&b)));
    }
    if let Some(d) = standfirst(doc) {
        out.push_str(&format!(
            "<p class=\"standfirst\"><strong>{}</strong></p>\n",
            escape(d)
        ));
    }
    for block in &doc.blocks {
        match block.kind {
            BlockKind::Heading => {
                let l = block.level.unwrap_or(2).clamp(2, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", escape(&block.text)));
            }
            BlockKind::Paragraph => out.push_str(&format!("<p>{}</p>\n", escape(&block.text))),
            BlockKind::Quote => out.push_str(&format!(
                "<blockquote><p>{}</p></blockquote>\n",
                escape(&block.text)
            )),
            BlockKind::Code => out.push_str(&format!(
                "<pre><code>{}</code></pre>\n",
                escape(&block.text)
            )),
            BlockKind::List => {
                let tag = if block.ordered.unwrap_or(false) {
                    "ol"
                } else {
                    "ul"
                };
                out.push_str(&format!("<{tag}>\n"));
                for item in &block.items {
                    out.push_str(&format!("<li>{}</li>\n", escape(item)));
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            BlockKind::Table => {
                out.push_str("<table>\n");
                for (i, row) in block.rows.iter().enumerate() {
                    let cell = if i == 0 { "th" } else { "td" };
                    out.push_str("<tr>");
                    for c in row {
                        out.push_str(&format!("<{cell}>{}</{cell}>", escape(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    for f in &doc.figures {
        out.push_str("<figure>");
        if let Some(src) = &f.src {
            out.push_str(&format!("<img src=\"{}\" alt=\"\">", escape(src)));
        }
        if f.caption.is_some() || f.credit.is_some() {
            out.push_str("<figcaption>");
            if let Some(c) = &f.caption {
                out.push_str(&escape(c));
            }
            if let Some(c) = &f.credit {
                out.push_str(&format!(" <small class=\"credit\">{}</small>", escape(c)));
            }
            out.push_str("</figcaption>");
        }
        out.push_str("</figure>\n");
    }
    if !doc.related.is_empty() {
        out.push_str("<aside class=\"related\"><ul>\n");
        for l in &doc.related {
            match &l.url {
                Some(u) => out.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>\n",
                    escape(u),
                    escape(&l.text)
                )),
                None => out.push_str(&format!("<li>{}</li>\n", escape(&l.text))),
            }
        }
        out.push_str("</ul></aside>\n");
    }
    out.push_str("</article>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_model::{Figure, Link};

    fn sample() -> Document {
        let mut d = Document {
            title: Some("Rain <returns>".into()),
            authors: vec!["Ann Lee".into()],
            ..Default::default()
        };
        d.blocks
            .push(Block::new(BlockKind::Paragraph, "First & last."));
        d.blocks.push(Block::heading(2, "Next"));
        d.blocks
            .push(Block::list(true, vec!["one".into(), "two".into()]));
        d.figures.push(Figure {
            caption: Some("A tram".into()),
            credit: Some("Photo: X".into()),
            src: Some("/t.jpg".into()),
        });
        d.related.push(Link {
            text: "Other story".into(),
            url: Some("/o".into()),
        });
        d.finish_text();
        d
    }

    #[test]
    fn markdown_has_title_byline_body_figures_related() {
        let md = markdown(&sample());
        assert!(md.starts_with("# Rain <returns>\n\n*By Ann Lee*"));
        assert!(md.contains("## Next\n\n1. one\n2. two\n"));
        assert!(md.contains("![A tram](/t.jpg)\n*A tram* (Photo: X)"));
        assert!(md.contains("- [Other story](/o)"));
    }

    #[test]
    fn html_is_escaped_and_semantic() {
        let h = html(&sample());
        assert!(h.contains("<h1>Rain &lt;returns&gt;</h1>"));
        assert!(h.contains("<p>First &amp; last.</p>"));
        assert!(h.contains("<ol>\n<li>one</li>"));
        assert!(h.contains("<small class=\"credit\">Photo: X</small>"));
    }
}
