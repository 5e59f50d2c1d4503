//! Development-mode pages: what the sandbox providers did.

mod outbox_page;

pub use outbox_page::OutboxPage;
