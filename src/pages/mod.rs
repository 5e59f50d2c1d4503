//! Pages that belong to no feature.

mod not_found;

pub use not_found::{NotFound, ServiceNotFound};
