use leptos::prelude::*;

stylance::import_style!(style, "summary_list.module.css");

/// Key facts as term–value rows (GOV.UK summary list).
#[component]
pub fn SummaryList(rows: Vec<(AnyView, AnyView)>) -> impl IntoView {
    view! {
        <dl class=style::list>
            {rows.into_iter().map(|(term, value)| view! {
                <div class=style::row>
                    <dt class=style::term>{term}</dt>
                    <dd class=style::value>{value}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}
