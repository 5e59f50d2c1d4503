use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::*;

stylance::import_style!(style, "sign_in.module.css");

/// Only same-site paths are followed back, so the link cannot send anyone elsewhere.
fn safe_return_path(raw: Option<String>) -> Option<String> {
    raw.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
}

/// Where unified sign-in will live. Until identity exists it says so plainly and offers the way
/// back to the guide, whose windows take every application.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let back = move || safe_return_path(params.read().get("return"));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, sign_in_title), t_string!(i18n, app_full_name)) />
        <h1>{t!(i18n, sign_in_title)}</h1>
        <div class=style::notice role="note">
            <p>{t!(i18n, sign_in_body)}</p>
        </div>
        {move || back().map(|href| view! {
            <p><a href=href class=style::link>{t!(i18n, sign_in_back)}</a></p>
        })}
        <p><a href="/services" class=style::link>{t!(i18n, back_to_services)}</a></p>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_same_site_paths_are_kept() {
        assert_eq!(safe_return_path(Some("/services/GA-001".into())).as_deref(), Some("/services/GA-001"));
        assert_eq!(safe_return_path(Some("//evil.example".into())), None);
        assert_eq!(safe_return_path(Some("https://evil.example".into())), None);
        assert_eq!(safe_return_path(Some("/\\evil.example".into())), None);
        assert_eq!(safe_return_path(None), None);
    }
}
