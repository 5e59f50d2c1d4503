//! One login for everything (Art. 35): registration, sign-in by password or SMS code, sessions,
//! lockouts and the account centre.

pub mod codes;
pub mod handlers;
pub mod lockout;
pub(crate) mod passkeys;
pub mod passwords;
pub mod sessions;
mod verification;

pub use handlers::routes;
pub use passkeys::{relying_party, routes as passkey_routes};
pub use verification::routes as verification_routes;
