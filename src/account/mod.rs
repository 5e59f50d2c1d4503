//! The account centre: who you are, how sure the portal is of it, where you are signed in, your
//! password, your history, and the address book results are posted to.

mod account_page;
mod addresses_page;
mod companies_section;
mod confirm_identity;
mod history_section;
mod passkeys_section;
mod password_section;
mod phone_section;
mod sessions_section;
mod texts_language_section;
mod verify_page;

pub use account_page::AccountPage;
pub use addresses_page::AddressesPage;
pub use verify_page::VerifyPage;
