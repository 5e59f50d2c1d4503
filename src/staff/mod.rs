//! The window officer's console: sign-in with a staff number, the department's queue, and the
//! application with its answers, signature check, deadlines and actions.

mod action_form;
mod case_page;
mod feedback_page;
mod follow_up_page;
mod follow_ups_page;
mod licences_page;
mod queue_page;
mod redeem_page;
mod require_staff;
mod set_password;
mod sign_in_page;
mod ticket_page;
mod tickets_page;

pub use case_page::CasePage;
pub use feedback_page::FeedbackPage;
pub use follow_up_page::FollowUpPage;
pub use follow_ups_page::FollowUpsPage;
pub use licences_page::LicencesPage;
pub use queue_page::QueuePage;
pub use redeem_page::RedeemPage;
pub use require_staff::RequireStaff;
pub use sign_in_page::StaffSignInPage;
pub use ticket_page::StaffTicketPage;
pub use tickets_page::StaffTicketsPage;
