//! Finding a service and reading its guide.

mod apply_link;
mod feedback_page;
mod filters;
mod guide_facts;
mod guide_page;
mod home;
pub mod labels;
mod materials_list;
mod page_feedback;
mod search_page;
mod theme_grid;
mod windows_list;

pub use apply_link::{sign_in_to_apply, Apply, ApplyLink};
pub use feedback_page::GuideFeedbackPage;
pub use guide_page::GuidePage;
pub use home::HomePage;
pub use search_page::SearchPage;
