use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::wallet::DataUseQuery;
use tongban_api::{query_string, ErrorCode};

use crate::api;
use crate::components::{Breadcrumbs, Button, Crumb, LoadError, Skeleton, SummaryList, TextField};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, localized, tr, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "data_uses_page.module.css");

/// Who used my data (Art. 24): every use by someone else, newest first, by period, as CSV.
#[component]
pub fn DataUsesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let params = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        let p = params.read();
        DataUseQuery { from: p.get("from").filter(|v| !v.is_empty()), to: p.get("to").filter(|v| !v.is_empty()), lang: None }
    });
    let from = RwSignal::new(query.get_untracked().from.unwrap_or_default());
    let to = RwSignal::new(query.get_untracked().to.unwrap_or_default());
    let rows = LocalResource::new(move || {
        let query = query.get();
        async move { api::data_uses(&query, lang.get_untracked()).await }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (f, t) = (from.get_untracked(), to.get_untracked());
        let pairs: Vec<(&str, &str)> = [("from", f.trim()), ("to", t.trim())].into_iter().filter(|(_, v)| !v.is_empty()).collect();
        navigate(&format!("/account/data-uses{}", query_string(&pairs)), Default::default());
    };
    let csv = move || api::data_uses_csv_href(&query.get(), lang.get());
    let company = move || session.view().and_then(|s| s.acting_as).map(|a| a.name);
    let field_error = move |name: &'static str| {
        Signal::derive(move || match rows.get() {
            Some(Err(error)) if error.code == ErrorCode::ValidationFailed => error.fields.get(name).cloned(),
            _ => None,
        })
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, data_uses_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <Breadcrumbs crumbs=vec![
                Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) },
                Crumb { href: "/account", label: Signal::derive(move || t_string!(i18n, account_title).to_string()) },
            ] />
            <h1>{t!(i18n, data_uses_title)}</h1>
            <p class=style::lead>
                {move || match company() {
                    Some(company) => t_string!(i18n, data_uses_company_lead, company).to_string(),
                    None => t_string!(i18n, data_uses_lead).to_string(),
                }}
            </p>
            <form on:submit=submit.clone() novalidate class=style::period role="search" aria-label=move || t_string!(i18n, data_uses_period)>
                <TextField id="uses-from".into() label=tr(|l| td_string!(l, data_uses_from)) hint=tr(|l| td_string!(l, data_uses_period_hint))
                    error=field_error("from") value=from narrow=true />
                <TextField id="uses-to".into() label=tr(|l| td_string!(l, data_uses_to)) error=field_error("to") value=to narrow=true />
                <Button submit=true secondary=true>{t!(i18n, data_uses_show)}</Button>
            </form>
            <p><a href=csv download="" class=style::csv>{t!(i18n, data_uses_csv)}</a></p>
            {move || match rows.get() {
                None => view! { <Skeleton lines=6 /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    let period = { let q = query.read(); q.from.is_some() || q.to.is_some() };
                    if period { view! { <p>{t!(i18n, data_uses_none)}</p> }.into_any() } else { view! { <p>{t!(i18n, data_uses_none_ever)}</p> }.into_any() }
                }
                Some(Ok(list)) => view! {
                    <ol class=style::list>
                        {list.into_iter().map(|row| {
                            let when = format_time(row.at, lang.get_untracked());
                            let refused = row.refused.clone();
                            let was_refused = refused.is_some();
                            view! {
                                <li class=style::item class=(style::refused, was_refused)>
                                    <p class=style::when>{when}</p>
                                    <SummaryList compact=true rows=vec![
                                        (t!(i18n, data_uses_who).into_any(), view! {
                                            {localized(&row.organisation)}{row.staff_number.clone().map(|s| format!(" · {s}"))}
                                        }.into_any()),
                                        (t!(i18n, data_uses_what).into_any(), localized(&row.what).into_any()),
                                        (t!(i18n, data_uses_why).into_any(), localized(&row.why).into_any()),
                                        (t!(i18n, data_uses_outcome).into_any(), match refused {
                                            Some(why) => view! { <strong>{localized(&why)}</strong> }.into_any(),
                                            None => t!(i18n, data_uses_used).into_any(),
                                        }),
                                    ] />
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
                Some(Err(error)) if error.code == ErrorCode::ValidationFailed => ().into_any(),
                Some(Err(error)) if error.code == ErrorCode::Forbidden => view! { <p>{error.message}</p> }.into_any(),
                Some(Err(error)) => view! { <LoadError error on_retry=move || rows.refetch() /> }.into_any(),
            }}
        </RequireSignIn>
    }
}
