use leptos::prelude::*;
use leptos::task::spawn_local;
use tongban_api::forms::FileAnswer;
use tongban_api::materials::FileView;

use crate::api::{self, ApiError};
use crate::components::FileUpload;
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
    let path = StoredValue::new(format!("/applications/{}/answers/{}/upload", api::encode(&application_id), api::encode(&field_id)));
    let on_file = Callback::new(move |file: web_sys::File| {
        progress.set(Some(0.0));
        problem.set(None);
        spawn_local(async move {
            let result: Result<FileView, ApiError> = api::upload(&path.get_value(), file, lang.get_untracked(), move |sent| {
                let _ = progress.try_set(Some(sent));
            })
            .await;
            let _ = progress.try_set(None);
            match result {
                Ok(view) => {
                    let _ = current.try_set(Some(FileAnswer { file_id: view.id, name: view.filename }));
                    let _ = replaced.try_set(true);
                }
                Err(error) => {
                    let _ = problem.try_set(Some(error.fields.values().next().cloned().unwrap_or(error.message)));
                }
            }
        });
    });
    let on_problem = Callback::new(move |message: String| problem.set(Some(message)));
    let shown_error = Signal::derive(move || problem.get().or_else(|| if replaced.get() { None } else { error.get() }));
    view! {
        <FileUpload input_id=id label error=shown_error progress on_file on_problem>
            {move || current.get().map(|file| view! {
                <p class=style::given>
                    {t!(i18n, file_given)}" "
                    <a href=format!("/api/v1/files/{}", file.file_id) target="_blank" rel="noopener" class=style::link>{file.name}</a>
                </p>
            })}
        </FileUpload>
    }
}
