use leptos::prelude::*;

stylance::import_style!(style, "summary_list.module.css");

/// Key facts as term–value rows (GOV.UK summary list). `compact` is for the facts of one item in
/// a list of cards: no rules between rows, terms beside their values at every width.
#[component]
pub fn SummaryList(rows: Vec<(AnyView, AnyView)>, #[prop(optional)] compact: bool) -> impl IntoView {
    view! {
        <dl class=if compact { style::compact } else { style::list }>
            {rows.into_iter().map(|(term, value)| view! {
                <div class=style::row>
                    <dt class=style::term>{term}</dt>
                    <dd class=style::value>{value}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}
