use leptos::html;
use leptos::prelude::*;

stylance::import_style!(style, "dialog.module.css");

/// A modal dialog (the browser's own `<dialog>`: focus kept inside, Escape closes, the page
/// behind inert) that is open while `open` is true. `on_cancel` runs when the person presses
/// Escape, so the caller's state follows.
#[component]
pub fn Dialog(
    #[prop(into)] open: Signal<bool>,
    /// The id of the element that names the dialog (its heading).
    labelled_by: &'static str,
    #[prop(optional)] described_by: Option<&'static str>,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match open.get() {
            true if !dialog.open() => {
                let _ = dialog.show_modal();
            }
            false if dialog.open() => dialog.close(),
            _ => {}
        }
    });
    view! {
        <dialog node_ref=dialog class=style::dialog aria-labelledby=labelled_by aria-describedby=described_by
            on:cancel=move |_: web_sys::Event| {
                if let Some(on_cancel) = on_cancel {
                    on_cancel.run(());
                }
            }>
            {children()}
        </dialog>
    }
}
