//! The line classifier: two stacked logistic regressions.
//!
//! Stage 1 scores each line from its own shape and its page context; stage 2
//! adds the stage-1 scores of the neighbouring lines. The weights live in
//! `weights.rs`, written by `cargo run --release -p copydesk-text --example train`
//! (see `crates/copydesk-text/README.md`).

use crate::features::{N1, N2};
use crate::weights;

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Logistic score with standardised inputs.
pub fn score<const N: usize>(x: &[f32; N], w: &[f32; N], mu: &[f32; N], sd: &[f32; N]) -> f32 {
    let z: f32 = x
        .iter()
        .zip(w)
        .zip(mu)
        .zip(sd)
        .map(|(((x, w), m), s)| w * (x - m) / s)
        .sum();
    sigmoid(z)
}

pub fn stage1(x: &[f32; N1]) -> f32 {
    score(x, &weights::W1, &weights::MU1, &weights::SD1)
}

pub fn stage2(x: &[f32; N2]) -> f32 {
    score(x, &weights::W2, &weights::MU2, &weights::SD2)
}

/// Decision threshold on the stage-2 score.
pub const THRESHOLD: f32 = weights::THRESHOLD;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_bounded_and_monotone() {
        assert!(sigmoid(-100.0) >= 0.0 && sigmoid(100.0) <= 1.0);
        assert!(sigmoid(1.0) > sigmoid(0.0));
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn weights_are_finite_and_sd_positive() {
        for v in weights::W1.iter().chain(weights::W2.iter()) {
            assert!(v.is_finite());
        }
        for v in weights::SD1.iter().chain(weights::SD2.iter()) {
            assert!(*v > 0.0);
        }
    }
}
