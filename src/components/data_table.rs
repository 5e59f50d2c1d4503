use leptos::prelude::*;

stylance::import_style!(style, "data_table.module.css");

/// The class of a cell holding a number: right-aligned, never wrapped.
pub const NUMBER: &str = style::number;

/// A table of figures or records that scrolls sideways on its own when wider than a phone, so the
/// page does not; the scrolling region is named by the heading above it and reached by keyboard.
#[component]
pub fn DataTable(
    /// The id of the heading that names the table.
    labelled_by: &'static str,
    /// `<thead>` and `<tbody>`.
    children: Children,
) -> impl IntoView {
    view! {
        <div class=style::scroll role="region" aria-labelledby=labelled_by tabindex="0">
            <table class=style::table>{children()}</table>
        </div>
    }
}
