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

/// Whether a higher score is better (false positive rates are not floored).
fn higher_is_better(name: &str) -> bool {
    !name.ends_with(".fp")
}

/// The new floor from the old one and the measured metrics: an existing
/// floor keeps its metrics and only rises (rounded down to 3 decimals); with
/// no old floor, every higher-is-better metric is floored.
pub fn raised(old: Option<&BTreeMap<String, f64>>, measured: &[Metric]) -> BTreeMap<String, f64> {
    let got = measured
        .iter()
        .filter(|(k, _)| higher_is_better(k))
        .map(|(k, v)| (k.clone(), (v * 1000.0).floor() / 1000.0));
    match old {
        Some(old) => {
            let got: BTreeMap<String, f64> = got.collect();
            old.iter()
                .map(|(k, v)| (k.clone(), got.get(k).map_or(*v, |g| g.max(*v))))
                .collect()
        }
        None => got.collect(),
    }
}

/// Raises the floor file to the measured metrics (see [`raised`]).
pub fn write(path: &Path, measured: &[Metric]) -> Result<()> {
    let old = if path.exists() {
        Some(load(path)?)
    } else {
        None
    };
    let map = raised(old.as_ref(), measured);
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

    #[test]
    fn the_floor_only_rises_and_never_holds_false_positive_rates() {
        let old: BTreeMap<String, f64> = [("a".to_string(), 0.9), ("b".to_string(), 0.5)].into();
        let measured = vec![
            ("a".to_string(), 0.8),
            ("b".to_string(), 0.6789),
            ("c".to_string(), 0.7),
            ("c.fp".to_string(), 0.1),
        ];
        let new = raised(Some(&old), &measured);
        assert_eq!(new.get("a"), Some(&0.9));
        assert_eq!(new.get("b"), Some(&0.678));
        assert!(!new.contains_key("c"));
        let fresh = raised(None, &measured);
        assert_eq!(fresh.get("c"), Some(&0.7));
        assert!(!fresh.contains_key("c.fp"));
    }
}
