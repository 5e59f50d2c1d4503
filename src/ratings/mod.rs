//! 好差评: rating a handling and the department's follow-up as the person sees them, and the
//! published counts anyone reads.

mod follow_up_steps;
pub mod labels;
mod rate_page;
mod rating_panel;
mod rating_summary;
mod statistics_page;

pub use follow_up_steps::FollowUpSteps;
pub use rate_page::RatePage;
pub use rating_panel::RatingPanel;
pub use rating_summary::RatingSummary;
pub use statistics_page::RatingsPage;
