//! Catalogue queries. Written once in portable SQL with `$n` placeholders, which both SQLite and
//! PostgreSQL accept.

use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};
use tongban_api::catalogue::{
    Audience, Department, Fee, HandlingMode, Material, ProcessStep, ServiceGuide, ServiceKind, ServiceSummary, ServiceWindow, TariffItem,
    Theme,
};
use tongban_api::Localized;

/// The parts of a guide kept as one JSON document per service.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GuideDetails {
    pub legal_basis: Vec<Localized>,
    pub conditions: Vec<Localized>,
    pub materials: Vec<Material>,
    pub steps: Vec<ProcessStep>,
    /// The charging standard of a fee the officer assesses; empty when the fee is fixed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fee_tariff: Vec<TariffItem>,
}

fn localized(row: &AnyRow, column: &str) -> Result<Localized, sqlx::Error> {
    Ok(Localized { zh: row.try_get(format!("{column}_zh").as_str())?, en: row.try_get(format!("{column}_en").as_str())? })
}

fn number(row: &AnyRow, column: &str) -> Result<i64, sqlx::Error> {
    row.try_get::<i64, _>(column)
}

fn decode_error(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what} {value:?} in the catalogue").into())
}

fn audiences(row: &AnyRow) -> Result<Vec<Audience>, sqlx::Error> {
    let mut list = Vec::new();
    if number(row, "for_individuals")? != 0 {
        list.push(Audience::Individual);
    }
    if number(row, "for_businesses")? != 0 {
        list.push(Audience::Business);
    }
    Ok(list)
}

fn kind(row: &AnyRow) -> Result<ServiceKind, sqlx::Error> {
    let value: String = row.try_get("kind")?;
    ServiceKind::parse(&value).ok_or_else(|| decode_error("service kind", &value))
}

fn mode(row: &AnyRow) -> Result<HandlingMode, sqlx::Error> {
    let value: String = row.try_get("mode")?;
    HandlingMode::parse(&value).ok_or_else(|| decode_error("handling mode", &value))
}

const SUMMARY_COLUMNS: &str = "s.code, s.name_zh, s.name_en, s.summary_zh, s.summary_en, s.kind, \
    s.department_code, d.name_zh AS department_zh, d.name_en AS department_en, \
    s.for_individuals, s.for_businesses, s.mode, s.visits, s.promised_days, s.fee_fen";

fn summary(row: &AnyRow) -> Result<ServiceSummary, sqlx::Error> {
    Ok(ServiceSummary {
        code: row.try_get("code")?,
        name: localized(row, "name")?,
        summary: localized(row, "summary")?,
        kind: kind(row)?,
        department_code: row.try_get("department_code")?,
        department_name: localized(row, "department")?,
        audiences: audiences(row)?,
        mode: mode(row)?,
        visits: number(row, "visits")? as u8,
        promised_days: number(row, "promised_days")? as u32,
        fee_fen: number(row, "fee_fen")? as u64,
    })
}

/// Every service as search lists it: most used first, then by code (sorted here, so both
/// databases' collations give the same order), with the text it is searched by.
pub async fn all_summaries(pool: &AnyPool) -> Result<Vec<(ServiceSummary, String)>, sqlx::Error> {
    let sql =
        format!("SELECT {SUMMARY_COLUMNS}, s.search_text, s.popularity FROM services s JOIN departments d ON d.code = s.department_code");
    let mut all = Vec::new();
    for row in sqlx::query(&sql).fetch_all(pool).await? {
        all.push((number(&row, "popularity")?, summary(&row)?, row.try_get("search_text")?));
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
    Ok(all.into_iter().map(|(_, summary, text)| (summary, text)).collect())
}

fn department(row: &AnyRow) -> Result<Department, sqlx::Error> {
    Ok(Department { code: row.try_get("code")?, name: localized(row, "name")?, phone: row.try_get("phone")? })
}

pub async fn departments(pool: &AnyPool) -> Result<Vec<Department>, sqlx::Error> {
    sqlx::query("SELECT code, name_zh, name_en, phone FROM departments ORDER BY sort_order, code")
        .fetch_all(pool)
        .await?
        .iter()
        .map(department)
        .collect()
}

/// A department's name in both languages, if the catalogue has it.
pub async fn department_name(pool: &AnyPool, code: &str) -> Result<Option<Localized>, sqlx::Error> {
    sqlx::query("SELECT name_zh, name_en FROM departments WHERE code = $1")
        .bind(code)
        .fetch_optional(pool)
        .await?
        .map(|row| localized(&row, "name"))
        .transpose()
}

fn theme(row: &AnyRow) -> Result<Theme, sqlx::Error> {
    let audience: String = row.try_get("audience")?;
    Ok(Theme {
        code: row.try_get("code")?,
        audience: Audience::parse(&audience).ok_or_else(|| decode_error("audience", &audience))?,
        name: localized(row, "name")?,
        service_count: number(row, "service_count")? as u32,
    })
}

const THEME_QUERY: &str = "SELECT th.code, th.audience, th.name_zh, th.name_en, \
    (SELECT COUNT(*) FROM service_themes st WHERE st.theme_code = th.code) AS service_count \
    FROM themes th";

pub async fn themes(pool: &AnyPool) -> Result<Vec<Theme>, sqlx::Error> {
    sqlx::query(&format!("{THEME_QUERY} ORDER BY th.sort_order, th.code")).fetch_all(pool).await?.iter().map(theme).collect()
}

pub fn window(row: &AnyRow) -> Result<ServiceWindow, sqlx::Error> {
    Ok(ServiceWindow {
        code: row.try_get("code")?,
        name: localized(row, "name")?,
        district: localized(row, "district")?,
        address: localized(row, "address")?,
        hours: localized(row, "hours")?,
        phone: row.try_get("phone")?,
    })
}

/// The charging standard of a service whose fee the officer assesses; empty for a fixed fee.
pub async fn fee_tariff(pool: &AnyPool, code: &str) -> Result<Vec<TariffItem>, sqlx::Error> {
    let Some(row) = sqlx::query("SELECT guide_json FROM service_guides WHERE service_code = $1").bind(code).fetch_optional(pool).await?
    else {
        return Ok(Vec::new());
    };
    let details: GuideDetails = serde_json::from_str(&row.try_get::<String, _>("guide_json")?)
        .map_err(|e| sqlx::Error::Decode(format!("guide of {code}: {e}").into()))?;
    Ok(details.fee_tariff)
}

pub async fn guide(pool: &AnyPool, code: &str) -> Result<Option<ServiceGuide>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT s.*, g.guide_json, d.name_zh AS department_zh, d.name_en AS department_en, \
         d.phone AS department_phone, \
         (SELECT COUNT(*) FROM service_forms f WHERE f.service_code = s.code) AS form_count FROM services s JOIN departments d ON d.code = s.department_code \
         JOIN service_guides g ON g.service_code = s.code WHERE s.code = $1",
    )
    .bind(code)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let guide_json: String = row.try_get("guide_json")?;
    let details: GuideDetails =
        serde_json::from_str(&guide_json).map_err(|e| sqlx::Error::Decode(format!("guide of {code}: {e}").into()))?;
    let department_code: String = row.try_get("department_code")?;

    let themes = sqlx::query(&format!(
        "{THEME_QUERY} JOIN service_themes link ON link.theme_code = th.code \
         WHERE link.service_code = $1 ORDER BY th.sort_order, th.code"
    ))
    .bind(code)
    .fetch_all(pool)
    .await?
    .iter()
    .map(theme)
    .collect::<Result<_, _>>()?;

    // The department's own windows first, then the general centres that take every service.
    let windows = sqlx::query(
        "SELECT * FROM service_windows WHERE department_code = $1 OR department_code IS NULL \
         ORDER BY CASE WHEN department_code IS NULL THEN 1 ELSE 0 END, code",
    )
    .bind(department_code.as_str())
    .fetch_all(pool)
    .await?
    .iter()
    .map(window)
    .collect::<Result<_, _>>()?;

    Ok(Some(ServiceGuide {
        code: row.try_get("code")?,
        name: localized(&row, "name")?,
        summary: localized(&row, "summary")?,
        kind: kind(&row)?,
        department: Department { code: department_code, name: localized(&row, "department")?, phone: row.try_get("department_phone")? },
        audiences: audiences(&row)?,
        themes,
        mode: mode(&row)?,
        visits: number(&row, "visits")? as u8,
        statutory_days: number(&row, "statutory_days")? as u32,
        promised_days: number(&row, "promised_days")? as u32,
        fee: Fee {
            fen: number(&row, "fee_fen")? as u64,
            basis: localized(&row, "fee_basis")?,
            tariff: details.fee_tariff.iter().map(TariffItem::line).collect(),
        },
        legal_basis: details.legal_basis,
        conditions: details.conditions,
        materials: details.materials,
        steps: details.steps,
        windows,
        phone: row.try_get("phone")?,
        required_level: number(&row, "required_level")? as u8,
        has_form: number(&row, "form_count")? > 0,
    }))
}
