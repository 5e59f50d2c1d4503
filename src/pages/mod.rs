//! Pages that belong to no feature.

mod not_found;
mod sign_in;

pub use not_found::{NotFound, ServiceNotFound};
pub use sign_in::SignInPage;
