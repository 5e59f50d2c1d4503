use leptos::prelude::*;
use tongban_api::companies::ActAsRequest;

use crate::api;
use crate::components::FormErrors;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::session::use_session;

stylance::import_style!(style, "identity_switch.module.css");

/// "Acting as": oneself, or a company one represents or is an agent of. Shown only to people
/// with a company.
#[component]
pub fn IdentitySwitch() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let signed_in = Memo::new(move |_| session.user().map(|u| u.name));
    let companies = LocalResource::new(move || async move {
        match signed_in.get() {
            Some(_) => api::companies(lang.get_untracked()).await.unwrap_or_default(),
            None => Vec::new(),
        }
    });
    let act_as = Action::new_local(move |request: &ActAsRequest| {
        let request = request.clone();
        async move { api::act_as(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = act_as.value().get() {
            session.set(view);
        }
    });
    let refused = move || match act_as.value().get() {
        Some(Err(error)) => FormErrors::from_api(&error, &[], i18n.get_locale()).message,
        _ => None,
    };
    let switching = act_as.pending();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        act_as.dispatch(ActAsRequest { credit_code: (!value.is_empty()).then_some(value) });
    };
    let current = move || session.view().and_then(|v| v.acting_as).map(|a| a.credit_code).unwrap_or_default();
    // Says, and announces, who the person is acting for once the server has switched.
    let acting_note = move || {
        let view = session.view()?;
        let company = view.acting_as?.name;
        let name = view.user?.name;
        Some(td_string!(i18n.get_locale(), acting_for, company = company, name = name).to_string())
    };
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = companies.await;
                let name = signed_in.get_untracked().unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <div class=style::switch>
                        <label for="acting-as" class=style::label>{t!(i18n, acting_as_label)}</label>
                        <select id="acting-as" class=style::select on:change=on_change prop:value=current disabled=move || switching.get()>
                            <option value="" selected=move || current().is_empty()>
                                {move || td_string!(i18n.get_locale(), acting_as_self, name = name.clone()).to_string()}
                            </option>
                            {list.into_iter().map(|c| {
                                let code = c.credit_code.clone();
                                let selected = move || current() == code;
                                view! { <option value=c.credit_code.clone() selected=selected>{c.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <p class=style::note role="status">{acting_note}</p>
                        {move || refused().map(|message| view! { <p class=style::note role="alert">{message}</p> })}
                    </div>
                })
            })}
        </Suspense>
    }
}
