//! The public register of licensing decisions.

mod decisions_page;

pub use decisions_page::DecisionsPage;
