use leptos::prelude::*;

/// `aria-describedby` for a question: its hint when it has one, its error while there is one.
pub fn described_by(
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let ids: Vec<&str> = [hint_id.as_deref(), error.read().is_some().then_some(error_id.as_str())].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}
