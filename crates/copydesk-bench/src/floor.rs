//! The quality floor: a small JSON file of `metric name -> score` measured on
//! the dev sets. `check` fails when any score falls more than the tolerance
//! below its floor, or when a floored metric was not measured at all.

use crate::scorer::Metric;
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// How far below its floor a score may fall.
pub const TOLERANCE: f64 = 0.005;

pub fn load(path: &Path) -> Result<BTreeMap<String, f64>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the quality floor {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Compares measured metrics with the floor; prints one line per metric.
pub fn check(floor: &BTreeMap<String, f64>, measured: &[Metric]) -> Result<()> {
    let got: BTreeMap<&str, f64> = measured.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let mut failures = Vec::new();
    for (name, min) in floor {
        match got.get(name.as_str()) {
            Some(v) if *v + TOLERANCE < *min => {
                println!("FAIL {name}: {v:.4} < floor {min:.4} - {TOLERANCE}");
                failures.push(name.clone());
            }
            Some(v) => println!("ok   {name}: {v:.4} (floor {min:.4})"),
            None => {
                println!("FAIL {name}: not measured");
                failures.push(name.clone());
            }
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} score(s) below the quality floor: {}",
            failures.len(),
            failures.join(", ")
        );
    }
    Ok(())
}

/// Writes measured metrics as a new floor (rounded down to 3 decimals).
pub fn write(path: &Path, measured: &[Metric]) -> Result<()> {
    let map: BTreeMap<&str, f64> = measured
        .iter()
        .map(|(k, v)| (k.as_str(), (v * 1000.0).floor() / 1000.0))
        .collect();
    std::fs::write(path, serde_json::to_string_pretty(&map)? + "\n")
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drop_beyond_tolerance_fails_and_missing_metrics_fail() {
        let floor: BTreeMap<String, f64> = [("a".to_string(), 0.9), ("b".to_string(), 0.5)].into();
        assert!(check(&floor, &[("a".into(), 0.896), ("b".into(), 0.5)]).is_ok());
        assert!(check(&floor, &[("a".into(), 0.894), ("b".into(), 0.5)]).is_err());
        assert!(check(&floor, &[("a".into(), 0.95)]).is_err());
    }
}
