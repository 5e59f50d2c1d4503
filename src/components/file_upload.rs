use leptos::html;
use leptos::prelude::*;
use tongban_api::materials::MAX_UPLOAD_BYTES;

use super::described_by::described_by;
use super::Button;
use super::{ErrorMessage, Hint};
use crate::i18n::*;

stylance::import_style!(style, "file_upload.module.css");

/// Choosing a file and sending it, with its progress. What the browser can see first (no file
/// chosen, an empty file, one over 10 MB) is said before anything is sent. A button, not a form,
/// so that it can sit inside a page's form.
#[component]
pub fn FileUpload(
    /// The file input's id: labels and the error summary point at it.
    input_id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// An upload is under way.
    #[prop(into)]
    busy: Signal<bool>,
    /// The fraction sent so far.
    progress: RwSignal<Option<f64>>,
    /// A chosen file that passed the browser's checks.
    on_file: Callback<web_sys::File>,
    /// What is wrong with the chosen file, before it is sent.
    on_problem: Callback<String>,
    /// What has been given already, shown under the label.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<html::Input>::new();
    let send = Callback::new(move |()| {
        let file = input.get_untracked().and_then(|i| i.files()).and_then(|files| files.get(0));
        match file {
            None => on_problem.run(t_string!(i18n, upload_choose_file).to_string()),
            Some(f) if f.size() == 0.0 => on_problem.run(t_string!(i18n, upload_empty).to_string()),
            Some(f) if f.size() > MAX_UPLOAD_BYTES as f64 => on_problem.run(t_string!(i18n, upload_too_large).to_string()),
            Some(f) => on_file.run(f),
        }
    });
    let hint_id = format!("{input_id}-hint");
    let error_id = format!("{input_id}-error");
    let progress_id = format!("{input_id}-progress");
    let described_by = described_by(Some(hint_id.clone()), error_id.clone(), error);
    view! {
        <div class=style::upload class=(style::has_error, move || error.read().is_some())>
            <label for=input_id.clone() class=style::label>{label}</label>
            <Hint id=hint_id>{t!(i18n, upload_hint)}</Hint>
            {move || error.get().map(|message| view! { <ErrorMessage id=error_id.clone()>{message}</ErrorMessage> })}
            {children.map(|c| c())}
            <input type="file" id=input_id node_ref=input class=style::file
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby=described_by aria-invalid=move || error.read().is_some().to_string() />
            {move || progress.get().filter(|_| busy.get()).map(|p| view! {
                <p id=progress_id.clone() class=style::progress>
                    <progress max="100" value=(p * 100.0).round().to_string() aria-labelledby=progress_id.clone()></progress>
                    " "{td_string!(i18n.get_locale(), upload_progress, percent = (p * 100.0).round() as u32)}
                </p>
            })}
            <Button secondary=true busy on_click=send>{t!(i18n, upload_button)}</Button>
        </div>
    }
}
