use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use tongban_api::applications::{ApplicationDetail, SavePageRequest};
use tongban_api::forms::{Answers, Field, FormPage, FormSchema};

use super::answer_field::{AnswerField, Draft};
use super::load::ApplicationPage;
use super::local_copy;
use crate::api;
use crate::components::{BackLink, Button, ErrorSummary, FormErrors, NotificationBanner};
use crate::i18n::*;
use crate::lang::{localized, use_lang};

stylance::import_style!(style, "question_page.module.css");

/// One page of questions. "Continue" checks the page as the server will, saves it, and goes on to
/// the next page of the section (or back to the check page when changing an answer there).
#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page_id = Memo::new(move |_| params.read().get("page").unwrap_or_default());
    let returning = Memo::new(move |_| query.read().get("return").as_deref() == Some("check"));
    view! { <ApplicationPage page=move |detail, _| view! { <Questions detail page_id=page_id.get() returning=returning.get() /> } /> }
}

/// The page after `page_id` within its section that the answers make relevant.
fn neighbour(schema: &FormSchema, page_id: &str, answers: &Answers, forward: bool) -> Option<String> {
    let section = schema.sections.iter().find(|s| s.pages.iter().any(|p| p.id == page_id))?;
    let shown: Vec<&str> = section.pages.iter().filter(|p| schema.page_shown(p, answers)).map(|p| p.id.as_str()).collect();
    let at = section.pages.iter().position(|p| p.id == page_id)?;
    let candidates: Vec<&str> = if forward {
        section.pages[at + 1..].iter().map(|p| p.id.as_str()).collect()
    } else {
        section.pages[..at].iter().rev().map(|p| p.id.as_str()).collect()
    };
    candidates.into_iter().find(|id| shown.contains(id)).map(String::from)
}

/// The page's answers being given: each field with its draft, over the answers saved from the
/// other pages, so that conditions on this page react as the person chooses.
#[derive(Clone, Copy)]
struct PageDrafts {
    drafts: StoredValue<Vec<(Field, Draft)>>,
    saved: StoredValue<Answers>,
}

impl PageDrafts {
    fn new(detail: &ApplicationDetail, page: &FormPage) -> Self {
        let known = |field: &Field| field.prefill.and_then(|p| detail.known.get(&p));
        let drafts = page.fields.iter().map(|f| (f.clone(), Draft::new(f, detail.answers.get(&f.id), known(f)))).collect();
        PageDrafts { drafts: StoredValue::new(drafts), saved: StoredValue::new(detail.answers.clone()) }
    }

    /// The answers as they stand on screen.
    fn current(self) -> Answers {
        let mut answers = self.saved.get_value();
        self.drafts.with_value(|drafts| {
            for (field, draft) in drafts {
                match draft.answer() {
                    Some(answer) => answers.insert(field.id.clone(), answer),
                    None => answers.remove(&field.id),
                };
            }
        });
        answers
    }

    /// Of `answers`, those to this page's questions.
    fn of_this_page(self, answers: &Answers) -> Answers {
        self.drafts.with_value(|drafts| drafts.iter().filter_map(|(f, _)| answers.get(&f.id).map(|a| (f.id.clone(), a.clone()))).collect())
    }

    /// A copy kept in this browser from a save that never reached the server comes back first;
    /// from then on the copy follows every change. Says whether one came back.
    fn keep_locally(self, application: &str, page_id: &str) -> bool {
        let saved_here = self.of_this_page(&self.saved.get_value());
        let restored = match local_copy::read(application, page_id) {
            Some(local) if local != saved_here => {
                self.drafts.with_value(|drafts| drafts.iter().for_each(|(f, d)| d.restore(local.get(&f.id))));
                true
            }
            Some(_) => {
                local_copy::forget(application, page_id);
                false
            }
            None => false,
        };
        let (application, page_id) = (application.to_string(), page_id.to_string());
        Effect::new(move |first: Option<()>| {
            let answers = self.of_this_page(&self.current());
            if first.is_some() {
                local_copy::keep(&application, &page_id, &answers);
            }
        });
        restored
    }
}

/// Where "Continue" goes once the page is saved: the next relevant page of the section, the task
/// list after the last, or back to the check page when changing an answer there.
fn next_address(saved: &ApplicationDetail, page_id: &str, returning: bool) -> String {
    let id = &saved.summary.id;
    if returning {
        return format!("/applications/{id}/check");
    }
    neighbour(&saved.schema, page_id, &saved.answers, true)
        .map_or_else(|| format!("/applications/{id}"), |p| format!("/applications/{id}/pages/{p}"))
}

/// Where "Back" goes: the mirror of `next_address`.
fn back_address(detail: &ApplicationDetail, page_id: &str, returning: bool) -> String {
    let id = &detail.summary.id;
    if returning {
        return format!("/applications/{id}/check");
    }
    neighbour(&detail.schema, page_id, &detail.answers, false)
        .map_or_else(|| format!("/applications/{id}"), |p| format!("/applications/{id}/pages/{p}"))
}

#[component]
fn Questions(detail: ApplicationDetail, page_id: String, returning: bool) -> impl IntoView {
    let i18n = use_i18n();
    let task_list = format!("/applications/{}", detail.summary.id);
    match detail.schema.page(&page_id).cloned() {
        Some(page) => view! { <QuestionsForm detail page returning /> }.into_any(),
        None => view! {
            <h1>{t!(i18n, page_not_in_form)}</h1>
            <p><a href=task_list>{t!(i18n, back_to_task_list)}</a></p>
        }
        .into_any(),
    }
}

#[component]
fn QuestionsForm(detail: ApplicationDetail, page: FormPage, returning: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let id = StoredValue::new(detail.summary.id.clone());
    let drafts = PageDrafts::new(&detail, &page);
    let prefilled =
        page.fields.iter().any(|f| !detail.answers.contains_key(&f.id) && f.prefill.and_then(|p| detail.known.get(&p)).is_some());
    let restored = drafts.keep_locally(&detail.summary.id, &page.id);
    let schema = StoredValue::new(detail.schema.clone());
    let page_id = StoredValue::new(page.id.clone());
    let order = StoredValue::new(page.fields.iter().map(|f| f.id.clone()).collect::<Vec<_>>());
    let errors = RwSignal::new(FormErrors::default());
    let save = Action::new_local(move |request: &SavePageRequest| {
        let request = request.clone();
        async move { api::save_page(&id.get_value(), &request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            local_copy::forget(&id.get_value(), &page_id.get_value());
            navigate(&next_address(&saved, &page_id.get_value(), returning), Default::default());
        }
        Some(Err(error)) => {
            // The page's questions are data, so their order is too.
            let order = order.get_value();
            let order: Vec<&str> = order.iter().map(String::as_str).collect();
            errors.set(FormErrors::from_api(&error, &order, i18n.get_locale_untracked()));
        }
        None => {}
    });
    let (version, today) = (detail.version, detail.today.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers = drafts.current();
        let page = page_id.get_value();
        let problems = schema.with_value(|s| s.check_page(&page, &answers, &today));
        if !problems.is_empty() {
            let lang = lang.get_untracked();
            errors.set(FormErrors { fields: problems.iter().map(|p| (p.field.clone(), p.message(lang))).collect(), message: None });
            return;
        }
        errors.set(FormErrors::default());
        let answers: Answers = schema.with_value(|s| {
            s.page(&page)
                .map(|p| s.shown_fields(p, &answers).filter_map(|f| answers.get(&f.id).map(|a| (f.id.clone(), a.clone()))).collect())
                .unwrap_or_default()
        });
        save.dispatch(SavePageRequest { page, answers, version });
    };
    let title = localized(&page.title);
    let document_title = {
        let title = title.clone();
        move || {
            // The title outlives this page by a moment when the next page of the section replaces it.
            let failed = errors.try_with(|e| !e.is_empty()).unwrap_or(false);
            let prefix = if !failed { String::new() } else { format!("{}: ", t_string!(i18n, error_title_prefix)) };
            format!("{prefix}{} - {}", title(), t_string!(i18n, app_full_name))
        }
    };
    view! {
        <Title text=document_title />
        <BackLink href=back_address(&detail, &page.id, returning)>{t!(i18n, back)}</BackLink>
        <ErrorSummary errors=errors.into() id_prefix="form" />
        <p class=style::caption>{localized(&detail.summary.service_name)}</p>
        <h1>{title}</h1>
        {restored.then(|| view! { <NotificationBanner><p>{t!(i18n, restored_note)}</p></NotificationBanner> })}
        {(prefilled && !restored).then(|| view! { <NotificationBanner><p>{t!(i18n, prefilled_note)}</p></NotificationBanner> })}
        <form on:submit=on_submit novalidate class=style::form>
            <QuestionFields drafts errors application_id=detail.summary.id.clone() />
            <Button submit=true busy=save.pending()>{if returning { t!(i18n, save_and_return).into_any() } else { t!(i18n, save_and_continue).into_any() }}</Button>
        </form>
        <p><a href=format!("/applications/{}", detail.summary.id)>{t!(i18n, back_to_task_list)}</a></p>
    }
}

/// The page's questions, each shown while its condition holds on the answers on screen.
#[component]
fn QuestionFields(drafts: PageDrafts, errors: RwSignal<FormErrors>, application_id: String) -> impl IntoView {
    drafts
        .drafts
        .get_value()
        .into_iter()
        .map(|(field, draft)| {
            let condition = field.show_if.clone();
            let field_id = field.id.clone();
            let error = Signal::derive(move || errors.read().field(&field_id));
            let shown = move || FormSchema::condition_met(condition.as_ref(), &drafts.current());
            let application_id = application_id.clone();
            view! {
                <Show when=shown>
                    <AnswerField field=field.clone() draft error application_id=application_id.clone() />
                </Show>
            }
        })
        .collect_view()
}
