//! Signing in, registering, and keeping a session alive.

mod method_tabs;
mod passkey_sign_in;
mod register_page;
mod require_sign_in;
mod send_code;
mod sign_in_page;
mod timeout_warning;

pub use method_tabs::MethodTabs;
pub use register_page::RegisterPage;
pub use require_sign_in::RequireSignIn;
pub use send_code::{CodeTarget, SendCode};
pub use sign_in_page::SignInPage;
pub use timeout_warning::TimeoutWarning;
