//! What has been provided for each material, how far the materials are, which ones a corrections
//! notice flags, and the fingerprint the declaration signs.

use std::collections::BTreeMap;

use sqlx::Row;
use tongban_api::applications::ApplicationState;
use tongban_api::catalogue::Material;
use tongban_api::forms::SectionState;
use tongban_api::identity::mask_id_number;
use tongban_api::materials::{FileView, MaterialSlot, Provided};

use super::*;
use crate::applications::store::{self, ApplicationRecord};
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::licences;
use crate::AppState;

pub(super) fn file_view(row: &sqlx::any::AnyRow) -> Result<FileView, sqlx::Error> {
    Ok(FileView {
        id: row.try_get("id")?,
        filename: row.try_get("filename")?,
        content_type: row.try_get("content_type")?,
        size: row.try_get::<i64, _>("size")? as u64,
        uploaded_at: row.try_get::<i64, _>("uploaded_at")? / SECOND,
    })
}

pub(super) const FILE_COLUMNS: &str = "f.id, f.filename, f.content_type, f.size, f.uploaded_at";

/// What each material of the application is provided by. A licence whose holder is not in
/// `shown_in_full` (when given) is shown by its title with its number and holder masked: an agent
/// sees that a co-agent's ID card was used, not the ID number on it.
pub(super) async fn provided(state: &AppState, id: &str, shown_in_full: Option<&[&str]>) -> Result<BTreeMap<String, Provided>, ApiError> {
    let rows = sqlx::query("SELECT material_code, licence_id, file_id FROM application_materials WHERE application_id = $1")
        .bind(id)
        .fetch_all(&state.pool)
        .await?;
    let mut map = BTreeMap::new();
    for row in rows {
        let code: String = row.try_get("material_code")?;
        if let Some(licence) = row.try_get::<Option<String>, _>("licence_id")? {
            if let Some((mut view, holder)) = licences::by_id(&state.pool, &licence).await? {
                if shown_in_full.is_some_and(|holders| !holders.contains(&holder.as_str())) {
                    view.number = mask_id_number(&view.number);
                    view.holder_name = view.holder_name.chars().take(1).chain(view.holder_name.chars().skip(1).map(|_| '*')).collect();
                }
                map.insert(code, Provided::Licence(view));
            }
        } else if let Some(file) = row.try_get::<Option<String>, _>("file_id")? {
            let row = sqlx::query(&format!("SELECT {FILE_COLUMNS} FROM files f WHERE f.id = $1")).bind(file).fetch_one(&state.pool).await?;
            map.insert(code, Provided::File(file_view(&row)?));
        }
    }
    Ok(map)
}

/// What the signature covers for each material: the licence number or the file's SHA-256.
pub async fn fingerprint(state: &AppState, id: &str) -> Result<BTreeMap<String, String>, ApiError> {
    let rows = sqlx::query(
        "SELECT m.material_code, l.number, f.sha256 FROM application_materials m \
         LEFT JOIN e_licences l ON l.id = m.licence_id LEFT JOIN files f ON f.id = m.file_id WHERE m.application_id = $1",
    )
    .bind(id)
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let value = match (r.try_get::<Option<String>, _>("number")?, r.try_get::<Option<String>, _>("sha256")?) {
                (Some(number), _) => format!("licence:{number}"),
                (_, Some(sha)) => format!("file:{sha}"),
                _ => String::new(),
            };
            Ok((r.try_get("material_code")?, value))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

/// Where the materials stand, for the task list; and those still missing (or asked for again),
/// by name.
pub async fn progress(
    state: &AppState,
    application: &ApplicationRecord,
    flagged: &[String],
) -> Result<(SectionState, Vec<(String, tongban_api::Localized)>), ApiError> {
    let needed = needed(state, &application.summary.service_code).await?;
    let have = provided(state, &application.summary.id, None).await?;
    let missing: Vec<_> = needed
        .iter()
        .filter(|m| !have.contains_key(&m.code) || flagged.contains(&m.code))
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    let state = if flagged.iter().any(|code| needed.iter().any(|m| &m.code == code)) {
        SectionState::NeedsAttention
    } else if missing.is_empty() {
        SectionState::Completed
    } else if have.is_empty() {
        SectionState::NotStarted
    } else {
        SectionState::InProgress
    };
    Ok((state, missing))
}

/// Material codes named by the open correction notice and not yet provided again.
pub async fn flagged(state: &AppState, application: &ApplicationRecord) -> Result<Vec<String>, ApiError> {
    if application.summary.state != ApplicationState::CorrectionsRequested {
        return Ok(Vec::new());
    }
    let notice = store::notices_sent(state, &application.summary.id).await?;
    let rows = sqlx::query(
        "SELECT item FROM application_corrections WHERE application_id = $1 AND notice = $2 AND addressed_at IS NULL AND item LIKE 'material:%'",
    )
    .bind(application.summary.id.as_str())
    .bind(i64::from(notice))
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("item")?.trim_start_matches("material:").to_string()))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

/// The materials the guide asks for (`needed`), as provided, for the officer.
pub async fn as_provided(state: &AppState, application: &ApplicationRecord, needed: Vec<Material>) -> Result<Vec<MaterialSlot>, ApiError> {
    let mut have = provided(state, &application.summary.id, None).await?;
    let flagged = flagged(state, application).await?;
    Ok(needed
        .into_iter()
        .map(|m| MaterialSlot {
            provided: have.remove(&m.code),
            needs_correction: flagged.contains(&m.code),
            code: m.code,
            name: m.name,
            note: m.note,
            licences: Vec::new(),
            earlier_files: Vec::new(),
        })
        .collect())
}
