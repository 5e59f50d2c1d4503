use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use tongban_api::staff::OfficerView;

use super::set_password::SetPassword;
use crate::api::{self};
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, Skeleton};
use crate::i18n::*;
use crate::lang::{localized, use_lang};
use crate::session::here;
use crate::session::returning_to;

stylance::import_style!(style, "require_staff.module.css");

/// Shows its children to a signed-in officer, under a bar saying who and for which department;
/// sends anyone else to the staff sign-in and back here after.
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let location = use_location();
    let navigate = use_navigate();
    let session = LocalResource::new(move || api::staff_session(lang.get_untracked()));
    let officer = Memo::new(move |_| session.get().and_then(|r| r.ok()).and_then(|s| s.officer));
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            if let Some(Ok(view)) = session.get() {
                if view.officer.is_none() {
                    navigate(&returning_to("/staff/sign-in", &here(&location)), Default::default());
                }
            }
        }
    });
    let errors = RwSignal::new(FormErrors::default());
    let sign_out = Action::new_local(move |(): &()| async move { api::staff_sign_out(lang.get_untracked()).await });
    on_answer(sign_out, errors, &[], move |()| navigate("/staff/sign-in", Default::default()));
    let children = StoredValue::new(children);
    let must_set_password = Memo::new(move |_| session.get().and_then(|r| r.ok()).is_some_and(|s| s.password_change_required));
    view! {
        <ErrorSummary errors=errors.into() id_prefix="staff-bar" />
        <Show when=move || officer.get().is_some() fallback=|| view! { <Skeleton lines=4 /> }>
            {move || officer.get().map(|o: OfficerView| view! {
                <div class=format!("spread {}", style::bar)>
                    <p class=style::who>
                        {t!(i18n, staff_console)}" · "{localized(&o.department)}
                        {o.window.as_ref().map(|w| view! { " · "{localized(w)} })}
                        " · "{o.name.clone()}" ("{o.staff_number.clone()}")"
                    </p>
                    <Button secondary=true busy=sign_out.pending() on_click=Callback::new(move |()| { sign_out.dispatch(()); })>{t!(i18n, sign_out)}</Button>
                </div>
            })}
            <Show when=move || !must_set_password.get()
                fallback=move || view! { <SetPassword on_done=Callback::new(move |()| session.refetch()) /> }>
                {children.read_value()()}
            </Show>
        </Show>
    }
}
