mod footer;
mod header;
mod language_switch;
mod page_layout;

pub use page_layout::Layout;
