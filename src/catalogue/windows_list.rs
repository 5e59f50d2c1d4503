use leptos::prelude::*;
use tongban_api::catalogue::ServiceWindow;

use crate::i18n::*;
use crate::lang::localized;

stylance::import_style!(style, "windows_list.module.css");

/// Where to go in person: the department's windows, then any general centre in the city.
#[component]
pub fn WindowsList(windows: Vec<ServiceWindow>) -> impl IntoView {
    let i18n = use_i18n();
    let cards = windows
        .into_iter()
        .map(|w| {
            view! {
                <li class=style::card>
                    <h3 class=style::name>{localized(&w.name)}</h3>
                    <p class=style::district>{localized(&w.district)}</p>
                    <p>{localized(&w.address)}</p>
                    <p>
                        <span class=style::label>{t!(i18n, window_hours)}": "</span>
                        {localized(&w.hours)}
                    </p>
                    <p>
                        <span class=style::label>{t!(i18n, window_phone)}": "</span>
                        <a href=format!("tel:{}", w.phone)>{w.phone.clone()}</a>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class=style::grid>{cards}</ul> }
}
