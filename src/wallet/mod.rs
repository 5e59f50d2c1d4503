//! The e-licence wallet: the holder's licences, one drawn like the document with its seal, a
//! sealed code to show it (亮证), and the public page where anyone checks such a code.

mod check_page;
mod licence_page;
mod licence_status_tag;
mod show_code;
mod wallet_page;

pub use check_page::CheckPage;
pub use licence_page::LicencePage;
pub use wallet_page::WalletPage;
