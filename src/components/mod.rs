//! The design system: small components shared by every feature.

mod breadcrumbs;
mod button;
mod checkboxes;
mod described_by;
mod error_summary;
mod form_errors;
mod load_error;
mod notification_banner;
mod pagination;
mod radios;
mod search_form;
mod select;
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
pub use radios::Radios;
pub use search_form::SearchForm;
pub use select::Select;
pub use service_card::ServiceCard;
pub use skeleton::Skeleton;
pub use summary_list::SummaryList;
pub use tab_links::{TabLink, TabLinks};
pub use tag::{Tag, TagTone};
pub use text_field::TextField;
