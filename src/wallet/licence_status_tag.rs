use leptos::prelude::*;
use tongban_api::wallet::LicenceStatus;

use crate::components::{Tag, TagTone};
use crate::i18n::*;

/// Where a licence stands, as a tag: valid, expired, replaced or revoked.
#[component]
pub fn LicenceStatusTag(status: LicenceStatus) -> impl IntoView {
    let i18n = use_i18n();
    let tone = if status == LicenceStatus::Valid { TagTone::Good } else { TagTone::Neutral };
    let label = move || match status {
        LicenceStatus::Valid => t_string!(i18n, licence_status_valid),
        LicenceStatus::Expired => t_string!(i18n, licence_status_expired),
        LicenceStatus::Superseded => t_string!(i18n, licence_status_superseded),
        LicenceStatus::Revoked => t_string!(i18n, licence_status_revoked),
    };
    view! { <Tag tone>{label}</Tag> }
}
