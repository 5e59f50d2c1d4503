use leptos::prelude::*;
use tongban_api::forms::FileAnswer;

use crate::api;
use crate::components::{FileUpload, FormErrors};
use crate::i18n::*;
use crate::lang::use_lang;

stylance::import_style!(style, "file_question.module.css");

/// A question answered with a file: the file given so far (to open and check), and the upload
/// that gives or replaces it. The answer is saved with the page, like any other.
#[component]
pub fn FileQuestion(
    id: String,
    application_id: String,
    field_id: String,
    label: Signal<String>,
    error: Signal<Option<String>>,
    current: RwSignal<Option<FileAnswer>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let progress = RwSignal::new(None::<f64>);
    let problem = RwSignal::new(None::<String>);
    // The page's last check no longer applies once a file has been given here.
    let replaced = RwSignal::new(false);
    let (application_id, field_id) = (StoredValue::new(application_id), StoredValue::new(field_id));
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            api::upload_answer_file(&application_id.get_value(), &field_id.get_value(), file, lang.get_untracked(), move |sent| {
                progress.set(Some(sent))
            })
            .await
        }
    });
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(view)) => {
            current.set(Some(FileAnswer { file_id: view.id, name: view.filename }));
            replaced.set(true);
        }
        Some(Err(error)) => problem.set(FormErrors::from_api(&error, &[], i18n.get_locale_untracked()).message),
        None => {}
    });
    let on_file = Callback::new(move |file: web_sys::File| {
        progress.set(Some(0.0));
        problem.set(None);
        upload.dispatch_local(file);
    });
    let on_problem = Callback::new(move |message: String| problem.set(Some(message)));
    let shown_error = Signal::derive(move || problem.get().or_else(|| if replaced.get() { None } else { error.get() }));
    view! {
        <FileUpload input_id=id label error=shown_error busy=upload.pending() progress on_file on_problem>
            {move || current.get().map(|file| view! {
                <p class=style::given>
                    {t!(i18n, file_given)}" "
                    <a href=format!("/api/v1/files/{}", file.file_id) target="_blank" rel="noopener">{file.name}</a>
                </p>
            })}
        </FileUpload>
    }
}
