use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tongban_api::catalogue::{Audience, CatalogueQuery, HandlingMode};

use super::labels::{audience_label, mode_label};
use crate::api::{self, query_string};
use crate::components::Button;
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "filters.module.css");

fn form_value(data: &web_sys::FormData, name: &str) -> Option<String> {
    data.get(name).as_string().filter(|v| !v.is_empty())
}

/// One choice of a filter's select, selected when it is the value in the URL.
fn choice(value: String, label: impl Fn() -> String + Send + Sync + 'static, current: Option<String>) -> impl IntoView {
    let selected = current.as_deref() == Some(value.as_str());
    view! { <option value=value selected=selected>{label}</option> }
}

/// Narrows the catalogue. Applying keeps the search words and starts again at page one.
#[component]
pub fn Filters(query: Signal<CatalogueQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let form = NodeRef::<html::Form>::new();
    let departments = LocalResource::new(move || api::departments(lang.get_untracked()));
    let themes = LocalResource::new(move || api::themes(lang.get_untracked()));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(data) = form.get().and_then(|f| web_sys::FormData::new_with_form(&f).ok()) else {
            return;
        };
        let next = CatalogueQuery {
            q: query.get_untracked().q,
            department: form_value(&data, "department"),
            audience: form_value(&data, "audience"),
            theme: form_value(&data, "theme"),
            mode: form_value(&data, "mode"),
            visits: form_value(&data, "visits"),
            page: None,
            per_page: query.get_untracked().per_page,
        };
        navigate(&format!("/services{}", query_string(&next.pairs())), Default::default());
    };
    let clear_href = move || {
        let q = CatalogueQuery { q: query.get().q, ..Default::default() };
        format!("/services{}", query_string(&q.pairs()))
    };
    // On a phone the filters start folded so the results are not pushed below the fold.
    let open = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).is_some_and(|width| width >= 960.0);

    view! {
        <details class=style::panel open=open>
            <summary class=style::summary>{t!(i18n, filters)}</summary>
            <form class=style::form node_ref=form on:submit=on_submit>
                {move || {
                    let current = query.get();
                    view! {
                        <FilterSelect name="department" label=tr(|l| td_string!(l, filter_department))>
                            <Suspense>
                                {move || Suspend::new({
                                    let current = current.department.clone();
                                    async move {
                                        departments.await.unwrap_or_default().into_iter().map(|d| {
                                            choice(d.code.clone(), localized(&d.name), current.clone())
                                        }).collect_view()
                                    }
                                })}
                            </Suspense>
                        </FilterSelect>
                        <FilterSelect name="audience" label=tr(|l| td_string!(l, filter_audience))>
                            {Audience::ALL.into_iter().map(|a| choice(
                                a.as_str().to_string(),
                                move || audience_label(i18n.get_locale(), a).to_string(),
                                current.audience.clone(),
                            )).collect_view()}
                        </FilterSelect>
                        <FilterSelect name="theme" label=tr(|l| td_string!(l, filter_theme))>
                            <Suspense>
                                {move || Suspend::new({
                                    let current = current.theme.clone();
                                    async move {
                                        themes.await.unwrap_or_default().into_iter().map(|t| {
                                            choice(t.code.clone(), localized(&t.name), current.clone())
                                        }).collect_view()
                                    }
                                })}
                            </Suspense>
                        </FilterSelect>
                        <FilterSelect name="mode" label=tr(|l| td_string!(l, filter_mode))>
                            {HandlingMode::ALL.into_iter().map(|m| choice(
                                m.as_str().to_string(),
                                move || mode_label(i18n.get_locale(), m).to_string(),
                                current.mode.clone(),
                            )).collect_view()}
                        </FilterSelect>
                        <FilterSelect name="visits" label=tr(|l| td_string!(l, filter_visits))>
                            {choice("0".into(), move || t_string!(i18n, visits_zero).to_string(), current.visits.clone())}
                            {choice("1".into(), move || t_string!(i18n, visits_at_most_one).to_string(), current.visits.clone())}
                        </FilterSelect>
                    }
                }}
                <Button submit=true class=style::apply>{t!(i18n, apply_filters)}</Button>
                <a href=clear_href class=style::clear>{t!(i18n, clear_filters)}</a>
            </form>
        </details>
    }
}

/// One filter: its label, and a select whose first choice is "any".
#[component]
fn FilterSelect(name: &'static str, #[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("filter-{name}");
    view! {
        <div class=style::field>
            <label for=id.clone() class=style::label>{label}</label>
            <select id=id name=name class=style::select>
                <option value="">{t!(i18n, filter_any)}</option>
                {children()}
            </select>
        </div>
    }
}
