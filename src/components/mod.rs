//! The design system: small components shared by every feature.

mod breadcrumbs;
mod button;
mod load_error;
mod pagination;
mod search_form;
mod service_card;
mod skeleton;
mod tag;

pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use button::Button;
pub use load_error::LoadError;
pub use pagination::Pagination;
pub use search_form::SearchForm;
pub use service_card::ServiceCard;
pub use skeleton::Skeleton;
pub use tag::{Tag, TagTone};
