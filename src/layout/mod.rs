mod footer;
mod header;
mod identity_switch;
mod language_switch;
mod page_layout;

pub use page_layout::Layout;
