mod account_nav;
mod footer;
mod header;
mod identity_switch;
mod language_switch;
mod offline_notice;
mod page_layout;
mod sign_in_link;

pub use account_nav::AccountNav;
pub use header::Header;
pub use page_layout::Layout;
pub use sign_in_link::SignInLink;
