//! The application forms, loaded from seed/forms.json into `service_forms` on every start, so
//! that a deployment carrying a changed form serves it at once.

use sqlx::{AnyPool, Row};
use tongban_api::forms::FormSchema;

use crate::error::ApiError;

const FORMS: &str = include_str!("../../seed/forms.json");

/// Every field id once per form, every condition naming an earlier field of the form.
fn check(code: &str, schema: &FormSchema) -> Result<(), String> {
    let mut seen: Vec<&str> = Vec::new();
    for page in schema.pages() {
        if let Some(c) = &page.show_if {
            if !seen.contains(&c.field.as_str()) {
                return Err(format!("{code}: page {} depends on {}, which is not asked before it", page.id, c.field));
            }
        }
        for field in &page.fields {
            if let Some(c) = &field.show_if {
                if !seen.contains(&c.field.as_str()) {
                    return Err(format!("{code}: {} depends on {}, which is not asked before it", field.id, c.field));
                }
            }
            if seen.contains(&field.id.as_str()) {
                return Err(format!("{code}: field {} appears twice", field.id));
            }
            seen.push(&field.id);
        }
    }
    Ok(())
}

pub async fn seed(pool: &AnyPool) -> Result<(), String> {
    let forms: std::collections::BTreeMap<String, FormSchema> = serde_json::from_str(FORMS).map_err(|e| format!("seed/forms.json: {e}"))?;
    let db = |e: sqlx::Error| format!("seeding the forms: {e}");
    let mut tx = pool.begin().await.map_err(db)?;
    for (code, schema) in &forms {
        check(code, schema)?;
        sqlx::query("DELETE FROM service_forms WHERE service_code = $1").bind(code.as_str()).execute(&mut *tx).await.map_err(db)?;
        sqlx::query("INSERT INTO service_forms (service_code, form_schema) VALUES ($1, $2)")
            .bind(code.as_str())
            .bind(serde_json::to_string(schema).map_err(|e| e.to_string())?)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    }
    tx.commit().await.map_err(db)
}

pub async fn form_of(pool: &AnyPool, service_code: &str) -> Result<Option<FormSchema>, ApiError> {
    let row = sqlx::query("SELECT form_schema FROM service_forms WHERE service_code = $1").bind(service_code).fetch_optional(pool).await?;
    row.map(|r| serde_json::from_str(&r.try_get::<String, _>("form_schema")?).map_err(|_| ApiError::Internal)).transpose()
}
