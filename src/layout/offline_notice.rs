use leptos::prelude::*;

use crate::i18n::*;

stylance::import_style!(style, "offline_notice.module.css");

/// Says so while the device has no network: pages read before still open (the service worker
/// keeps them), but may be out of date, and nothing can be sent.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let back = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let gone = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        back.remove();
        gone.remove();
    });
    view! {
        <div role="status" class=style::region>
            <Show when=move || !online.get()>
                <p class=style::notice>{t!(i18n, offline_notice)}</p>
            </Show>
        </div>
    }
}
