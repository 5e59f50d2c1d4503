use leptos::prelude::*;

stylance::import_style!(style, "button.module.css");

/// The portal's button. `submit` sends its form; otherwise `on_click` runs.
#[component]
pub fn Button(
    #[prop(optional)] submit: bool,
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
            on:click=move |_| {
                if let Some(on_click) = on_click {
                    on_click.run(());
                }
            }
        >
            {children()}
        </button>
    }
}
