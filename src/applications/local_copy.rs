//! What the person typed on a page, kept in this browser until the server has it: a lost
//! connection, a closed tab or a crash between typing and saving loses nothing.

use tongban_api::forms::Answers;

use crate::lang::storage;

fn key(application: &str, page: &str) -> String {
    format!("tb-draft-{application}-{page}")
}

pub fn keep(application: &str, page: &str, answers: &Answers) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(answers)) {
        let _ = storage.set_item(&key(application, page), &json);
    }
}

pub fn read(application: &str, page: &str) -> Option<Answers> {
    let json = storage()?.get_item(&key(application, page)).ok()??;
    serde_json::from_str(&json).ok()
}

pub fn forget(application: &str, page: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(application, page));
    }
}
