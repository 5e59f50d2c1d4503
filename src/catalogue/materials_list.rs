use leptos::prelude::*;
use tongban_api::catalogue::Material;

use super::labels::{form_label, source_label};
use crate::components::{Tag, TagTone};
use crate::i18n::*;
use crate::lang::localized;

stylance::import_style!(style, "materials_list.module.css");

/// Required materials, with what the applicant need not bring marked as such.
#[component]
pub fn MaterialsList(materials: Vec<Material>) -> impl IntoView {
    let i18n = use_i18n();
    let items = materials
        .into_iter()
        .map(|m| {
            let form = m.form;
            let source = m.source;
            let copies = m.copies;
            let fetched = m.fetched_by_department;
            view! {
                <li class=if fetched { style::fetched } else { style::item }>
                    <p class=style::name>{localized(&m.name)}</p>
                    <p class=style::tags>
                        {fetched.then(|| view! { <Tag tone=TagTone::Good>{t!(i18n, material_fetched)}</Tag> })}
                        {m.from_e_licence.then(|| view! { <Tag tone=TagTone::Info>{t!(i18n, material_e_licence)}</Tag> })}
                    </p>
                    <p class=style::details>
                        {move || form_label(i18n.get_locale(), form)}
                        " · "
                        {t!(i18n, material_copies, count = move || copies)}
                        " · "
                        {move || source_label(i18n.get_locale(), source)}
                    </p>
                    {m.note.as_ref().map(|note| view! { <p class=style::details>{localized(note)}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ol class=style::list>{items}</ol> }
}
