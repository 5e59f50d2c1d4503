use leptos::prelude::*;

// Shared with ButtonLink, which draws a link with these styles (and uses `link` and `start`).
stylance::import_style!(
    #[allow(dead_code)]
    style,
    "button.module.css"
);

/// The portal's button. `submit` sends its form; otherwise `on_click` runs. `secondary` is for
/// the other ways to do something beside the main one.
#[component]
pub fn Button(
    #[prop(optional)] submit: bool,
    #[prop(optional)] secondary: bool,
    /// While true the button says so (aria-busy) and ignores presses.
    #[prop(optional, into)]
    busy: Signal<bool>,
    #[prop(optional, into)] on_click: Option<Callback<()>>,
    /// Extra class from the caller, for placement only.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type=if submit { "submit" } else { "button" }
            class=format!("{} {class}", style::button)
            class=(style::secondary, secondary)
            aria-busy=move || busy.get().then_some("true")
            on:click=move |ev| {
                if busy.get_untracked() {
                    ev.prevent_default();
                    return;
                }
                if let Some(on_click) = on_click {
                    on_click.run(());
                }
            }
        >
            {children()}
        </button>
    }
}
