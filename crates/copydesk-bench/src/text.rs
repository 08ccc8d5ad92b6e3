//! `copydesk-bench text`: the plain-text path on `bench/textdumps`.
use crate::scorer::Metric;
use std::path::Path;

pub fn run(_shared: &Path, _out: &Path) -> anyhow::Result<Vec<Metric>> {
    anyhow::bail!("the text benchmark is not written yet")
}
