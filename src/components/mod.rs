//! The design system: small components shared by every feature.

mod breadcrumbs;
mod button;
mod checkboxes;
mod error_summary;
mod form_errors;
mod load_error;
mod notification_banner;
mod pagination;
mod search_form;
mod service_card;
mod skeleton;
mod summary_list;
mod tab_links;
mod tag;
mod text_field;

pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use button::Button;
pub use checkboxes::Checkboxes;
pub use error_summary::ErrorSummary;
pub use form_errors::FormErrors;
pub use load_error::LoadError;
pub use notification_banner::NotificationBanner;
pub use pagination::Pagination;
pub use search_form::SearchForm;
pub use service_card::ServiceCard;
pub use skeleton::Skeleton;
pub use summary_list::SummaryList;
pub use tab_links::{TabLink, TabLinks};
pub use tag::{Tag, TagTone};
pub use text_field::TextField;
