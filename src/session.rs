//! The signed-in identity: one context, read with `use_session`.

use leptos::prelude::*;
use tongban_api::identity::{SessionView, UserView};
use tongban_api::Lang;

use crate::api::{self, ApiError};
use crate::lang::use_lang;

#[derive(Clone, Copy)]
pub struct Session {
    view: RwSignal<Option<SessionView>>,
    /// False until the first answer about this browser's session has come back.
    loaded: RwSignal<bool>,
    fetch: Action<Lang, Result<SessionView, ApiError>>,
}

impl Session {
    pub fn user(&self) -> Option<UserView> {
        self.view.read().as_ref().and_then(|v| v.user.clone())
    }

    pub fn signed_in(&self) -> bool {
        self.view.read().as_ref().is_some_and(|v| v.user.is_some())
    }

    /// Whether this session lends licences and sees what it lent: a person's own, or a company's
    /// when its legal representative acts for it (its agents only show them).
    pub fn lends_licences(&self) -> bool {
        self.view.read().as_ref().and_then(|v| v.acting_as.as_ref()).is_none_or(|acting| acting.representative)
    }

    pub fn loaded(&self) -> bool {
        self.loaded.get()
    }

    pub fn view(&self) -> Option<SessionView> {
        self.view.get()
    }

    pub fn set(&self, view: SessionView) {
        self.view.set(Some(view));
        self.loaded.set(true);
    }

    /// Forgets the user on this side, after a sign-out or a timeout.
    pub fn clear(&self) {
        self.view.update(|v| {
            if let Some(v) = v {
                v.user = None;
            }
        });
    }

    /// Asks the server again, after a change it made to the session (a new phone, a level).
    pub fn refresh(&self, lang: Lang) {
        self.fetch.dispatch_local(lang);
    }
}

pub fn provide_session(lang: Lang) {
    let fetch = Action::new_local(|lang: &Lang| api::session(*lang));
    let session = Session { view: RwSignal::new(None), loaded: RwSignal::new(false), fetch };
    Effect::new(move |_| match fetch.value().get() {
        Some(Ok(view)) => session.set(view),
        Some(Err(_)) => session.loaded.set(true),
        None => {}
    });
    session.refresh(lang);
    provide_context(session);
}

/// Signing out, the same from every button: the session is forgotten on this side once the
/// server has ended it.
pub fn use_sign_out() -> Action<(), Result<(), ApiError>> {
    let session = use_session();
    let lang = use_lang();
    let sign_out = Action::new_local(move |(): &()| api::sign_out(lang.get_untracked()));
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            session.clear();
        }
    });
    sign_out
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The current path and query, as a return address after signing in.
pub fn here(location: &leptos_router::location::Location) -> String {
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// `path`, and the page to come back to afterwards as its `?return=`.
pub fn returning_to(path: &str, back: &str) -> String {
    format!("{path}{}", api::query_string(&[("return", back)]))
}

/// Only same-site paths are followed back, so a link cannot send anyone elsewhere.
pub fn safe_return_path(raw: Option<String>) -> Option<String> {
    raw.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_same_site_paths_are_kept() {
        assert_eq!(safe_return_path(Some("/services/GA-001".into())).as_deref(), Some("/services/GA-001"));
        assert_eq!(safe_return_path(Some("//evil.example".into())), None);
        assert_eq!(safe_return_path(Some("https://evil.example".into())), None);
        assert_eq!(safe_return_path(Some("/\\evil.example".into())), None);
        assert_eq!(safe_return_path(None), None);
    }
}
