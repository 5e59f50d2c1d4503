use leptos::prelude::*;

use crate::api::query_string;
use crate::components::{TabLink, TabLinks};

/// Two ways of doing one thing on one page, as tabs that are links: `?method=` names the second,
/// and the return address rides along on both.
#[component]
pub fn MethodTabs(
    /// The page's own path, such as `/sign-in`.
    path: &'static str,
    /// The `method` value of the second way, such as `sms`.
    second: &'static str,
    /// Whether the second way is the one shown.
    second_shown: Memo<bool>,
    return_to: Memo<Option<String>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] first_label: Signal<String>,
    #[prop(into)] second_label: Signal<String>,
) -> impl IntoView {
    let href = move |use_second: bool| {
        let back = return_to.get();
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if use_second {
            pairs.push(("method", second));
        }
        if let Some(back) = back.as_deref() {
            pairs.push(("return", back));
        }
        format!("{path}{}", query_string(&pairs))
    };
    view! {
        <TabLinks label tabs=vec![
            TabLink { href: Signal::derive(move || href(false)), label: first_label, current: Signal::derive(move || !second_shown.get()) },
            TabLink { href: Signal::derive(move || href(true)), label: second_label, current: second_shown.into() },
        ] />
    }
}
