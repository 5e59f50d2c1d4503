//! The e-licence wallet: the holder's licences, one drawn like the document with its seal, a
//! sealed code to show it (亮证), and the public page where anyone checks such a code.

mod authorisations_list;
mod authorise_form;
mod check_page;
mod data_uses_page;
mod disclosed_fields;
mod licence_page;
mod licence_status_tag;
mod redeem_form;
mod show_code;
mod wallet_page;

pub use check_page::CheckPage;
pub use data_uses_page::DataUsesPage;
pub use licence_page::LicencePage;
pub use licence_status_tag::LicenceStatusTag;
pub use redeem_form::RedeemForm;
pub use wallet_page::WalletPage;
