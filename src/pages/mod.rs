//! Pages that belong to no feature.

mod elsewhere;
mod not_found;

pub use elsewhere::Elsewhere;
pub use not_found::{NotFound, ServiceNotFound};
