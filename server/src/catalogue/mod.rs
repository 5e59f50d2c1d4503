//! The catalogue capability: search, guides, departments and themes.

mod handlers;
pub mod index;
pub mod search_text;
pub mod seed;
pub mod store;

pub use handlers::routes;
