//! copydesk core (in progress)
pub use copydesk_model as model;
