//! One login for everything (Art. 35): registration, sign-in by password or SMS code, sessions,
//! lockouts and the account centre.

mod codes;
pub mod handlers;
mod lockout;
pub mod passwords;
pub mod sessions;
mod verification;

pub use handlers::routes;
pub use verification::routes as verification_routes;
