//! `copydesk-bench quotes`: quote attribution on `bench/quotes/dev.jsonl`.
use crate::scorer::Metric;
use std::path::Path;

pub fn run(_shared: &Path, _out: &Path) -> anyhow::Result<Vec<Metric>> {
    anyhow::bail!("the quotes benchmark is not written yet")
}
