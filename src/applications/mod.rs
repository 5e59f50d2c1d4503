//! Applying online: my applications, the task list, one question page at a time, checking the
//! answers, the signed declaration, and the confirmation with its receipt.

mod address_field;
mod answer_field;
mod answer_text;
mod apply_or_start;
mod channel_page;
mod check_page;
mod confirmation_page;
mod decision_notice;
mod file_question;
mod load;
mod local_copy;
mod materials_page;
mod messages_page;
mod my_applications_page;
mod question_page;
mod start_button;
mod state_tag;
mod task_list_page;
mod timeline;

pub use address_field::AddressBook;
pub use answer_field::AddressDraft;
pub use answer_text::answer_text;
pub use apply_or_start::apply_or_start;
pub use channel_page::ChannelPage;
pub use check_page::CheckPage;
pub use confirmation_page::ConfirmationPage;
pub use materials_page::MaterialsPage;
pub use messages_page::{provide_messages_read, MessagesPage, UnreadCount};
pub use my_applications_page::MyApplicationsPage;
pub use question_page::QuestionPage;
pub use start_button::StartButton;
pub use state_tag::{state_label, StateTag};
pub use task_list_page::TaskListPage;
pub use timeline::Timeline;
