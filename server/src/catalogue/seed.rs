//! The demo catalogue, loaded into an empty database on first start. Adding a service is adding
//! an entry to `seed/catalogue.json`, not code.

use std::collections::HashMap;

use serde::Deserialize;
use sqlx::{AnyPool, Row};
use tongban_api::catalogue::{Audience, HandlingMode, Material, MaterialForm, MaterialSource, ProcessStep, ServiceKind, TariffItem};
use tongban_api::Localized;

use super::search_text;
use super::store::GuideDetails;

const CATALOGUE_JSON: &str = include_str!("../../seed/catalogue.json");

#[derive(Deserialize)]
struct Catalogue {
    departments: Vec<SeedDepartment>,
    themes: Vec<SeedTheme>,
    windows: Vec<SeedWindow>,
    materials: HashMap<String, SeedMaterial>,
    steps: HashMap<String, Vec<ProcessStep>>,
    services: Vec<SeedService>,
}

#[derive(Deserialize)]
struct SeedDepartment {
    code: String,
    name: Localized,
    phone: String,
}

#[derive(Deserialize)]
struct SeedTheme {
    code: String,
    audience: Audience,
    name: Localized,
}

#[derive(Deserialize)]
struct SeedWindow {
    code: String,
    department: Option<String>,
    name: Localized,
    district: Localized,
    address: Localized,
    hours: Localized,
    phone: String,
}

#[derive(Deserialize)]
struct SeedMaterial {
    name: Localized,
    source: MaterialSource,
    #[serde(default)]
    from_e_licence: bool,
    #[serde(default)]
    fetched_by_department: bool,
}

#[derive(Deserialize)]
struct MaterialUse {
    #[serde(rename = "ref")]
    reference: String,
    form: MaterialForm,
    #[serde(default = "one")]
    copies: u32,
    note: Option<Localized>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
struct SeedService {
    code: String,
    department: String,
    kind: ServiceKind,
    audiences: Vec<Audience>,
    themes: Vec<String>,
    mode: HandlingMode,
    statutory_days: u32,
    promised_days: u32,
    #[serde(default)]
    fee_fen: u64,
    fee_basis: Option<Localized>,
    /// A fee the officer assesses at acceptance from this standard, instead of `fee_fen`.
    #[serde(default)]
    fee_tariff: Vec<TariffItem>,
    popularity: i64,
    /// Level of assurance needed to apply online: 1 phone verified, 2 real-name verified.
    required_level: u8,
    phone: Option<String>,
    name: Localized,
    summary: Localized,
    legal_basis: Vec<Localized>,
    #[serde(default)]
    conditions: Vec<Localized>,
    materials: Vec<MaterialUse>,
    /// A key of `steps`; by default the template named after the handling mode.
    steps: Option<String>,
    /// The licence an approved application results in, if any.
    issues_licence: Option<SeedLicence>,
}

#[derive(Deserialize)]
struct SeedLicence {
    kind: String,
    title: Localized,
    issuer: Localized,
    /// The department whose seal the licence carries.
    seal: String,
    also_to: Option<SecondHolder>,
}

/// The answers naming a second holder of the licence.
#[derive(Deserialize)]
struct SecondHolder {
    id_number: String,
    name: String,
}

fn parse() -> Result<Catalogue, String> {
    let catalogue: Catalogue = serde_json::from_str(CATALOGUE_JSON).map_err(|e| format!("seed/catalogue.json: {e}"))?;
    for s in &catalogue.services {
        if !catalogue.departments.iter().any(|d| d.code == s.department) {
            return Err(format!("{}: unknown department {}", s.code, s.department));
        }
        if let Some(t) = s.themes.iter().find(|t| !catalogue.themes.iter().any(|th| &th.code == *t)) {
            return Err(format!("{}: unknown theme {t}", s.code));
        }
        if let Some(m) = s.materials.iter().find(|m| !catalogue.materials.contains_key(&m.reference)) {
            return Err(format!("{}: unknown material {}", s.code, m.reference));
        }
        if !catalogue.steps.contains_key(step_key(s)) {
            return Err(format!("{}: unknown steps {}", s.code, step_key(s)));
        }
        if let Some(licence) = s.issues_licence.as_ref().filter(|l| !catalogue.departments.iter().any(|d| d.code == l.seal)) {
            return Err(format!("{}: the licence it issues is sealed by unknown department {}", s.code, licence.seal));
        }
        if !(1..=3).contains(&s.required_level) {
            return Err(format!("{}: required_level must be 1, 2 or 3", s.code));
        }
        if s.promised_days > s.statutory_days {
            return Err(format!("{}: promised time is longer than the statutory time", s.code));
        }
        if !s.fee_tariff.is_empty() && (s.fee_fen > 0 || s.fee_basis.is_none()) {
            return Err(format!("{}: an assessed fee has a basis and no fixed amount", s.code));
        }
        let within = |t: &TariffItem| t.unit_fen.checked_mul(u64::from(t.max_units)).is_some_and(|most| most <= 999_999_999);
        if s.fee_tariff.iter().any(|t| t.unit_fen == 0 || t.max_units == 0 || !within(t)) {
            return Err(format!("{}: each line of a tariff charges something, for 1 unit or more, within ¥9,999,999.99", s.code));
        }
        if s.fee_tariff.iter().enumerate().any(|(i, t)| s.fee_tariff[..i].iter().any(|earlier| earlier.code == t.code)) {
            return Err(format!("{}: two lines of its tariff share a code", s.code));
        }
    }
    Ok(catalogue)
}

fn step_key(s: &SeedService) -> &str {
    s.steps.as_deref().unwrap_or(s.mode.as_str())
}

fn visits(mode: HandlingMode) -> i64 {
    match mode {
        HandlingMode::FullyOnline => 0,
        HandlingMode::OnlineOneVisit | HandlingMode::Window => 1,
    }
}

fn free_of_charge() -> Localized {
    Localized::new("不收费", "Free of charge")
}

/// Loads the catalogue into an empty database, plus `synthetic` generated services for load
/// measurements. Does nothing when services already exist.
pub async fn seed(pool: &AnyPool, synthetic: u32) -> Result<(), String> {
    let db = |e: sqlx::Error| format!("seeding the catalogue: {e}");
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM services").fetch_one(pool).await.map_err(db)?.try_get("n").map_err(db)?;
    if existing > 0 {
        return Ok(());
    }
    let catalogue = parse()?;
    let mut tx = pool.begin().await.map_err(db)?;
    for (i, d) in catalogue.departments.iter().enumerate() {
        sqlx::query("INSERT INTO departments (code, name_zh, name_en, phone, sort_order) VALUES ($1, $2, $3, $4, $5)")
            .bind(d.code.as_str())
            .bind(d.name.zh.as_str())
            .bind(d.name.en.as_str())
            .bind(d.phone.as_str())
            .bind(i as i64)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    }
    for (i, t) in catalogue.themes.iter().enumerate() {
        sqlx::query("INSERT INTO themes (code, audience, name_zh, name_en, sort_order) VALUES ($1, $2, $3, $4, $5)")
            .bind(t.code.as_str())
            .bind(t.audience.as_str())
            .bind(t.name.zh.as_str())
            .bind(t.name.en.as_str())
            .bind(i as i64)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    }
    for w in &catalogue.windows {
        sqlx::query(
            "INSERT INTO service_windows (code, department_code, name_zh, name_en, district_zh, district_en, \
             address_zh, address_en, hours_zh, hours_en, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(w.code.as_str())
        .bind(w.department.as_deref())
        .bind(w.name.zh.as_str())
        .bind(w.name.en.as_str())
        .bind(w.district.zh.as_str())
        .bind(w.district.en.as_str())
        .bind(w.address.zh.as_str())
        .bind(w.address.en.as_str())
        .bind(w.hours.zh.as_str())
        .bind(w.hours.en.as_str())
        .bind(w.phone.as_str())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    }
    let count = catalogue.services.len();
    let copies = (0..count).map(|i| (i, None)).chain((0..synthetic as usize).map(|n| (n % count, Some(n + 1))));
    for (index, copy) in copies {
        let service = &catalogue.services[index];
        insert_service(&mut tx, &catalogue, service, copy).await.map_err(db)?;
    }
    tx.commit().await.map_err(db)?;
    tracing::info!(services = count + synthetic as usize, "catalogue seeded");
    Ok(())
}

async fn insert_service(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    catalogue: &Catalogue,
    s: &SeedService,
    copy: Option<usize>,
) -> Result<(), sqlx::Error> {
    let department = catalogue.departments.iter().find(|d| d.code == s.department);
    let (code, name, popularity) = match copy {
        None => (s.code.clone(), s.name.clone(), s.popularity),
        Some(n) => (format!("{}-X{n:05}", s.code), Localized::new(format!("{}（{n}）", s.name.zh), format!("{} ({n})", s.name.en)), 0),
    };
    let details = GuideDetails {
        legal_basis: s.legal_basis.clone(),
        conditions: s.conditions.clone(),
        materials: s
            .materials
            .iter()
            .map(|m| {
                let def = &catalogue.materials[&m.reference];
                Material {
                    code: m.reference.clone(),
                    name: def.name.clone(),
                    source: def.source,
                    form: m.form,
                    copies: m.copies,
                    from_e_licence: def.from_e_licence,
                    fetched_by_department: def.fetched_by_department,
                    note: m.note.clone(),
                }
            })
            .collect(),
        steps: catalogue.steps[step_key(s)].clone(),
        fee_tariff: s.fee_tariff.clone(),
    };
    let department_names: Vec<&str> = department.map(|d| vec![d.name.zh.as_str(), d.name.en.as_str()]).unwrap_or_default();
    let search = search_text::build(&code, &name.zh, &name.en, &department_names);
    let fee_basis = s.fee_basis.clone().unwrap_or_else(free_of_charge);
    let phone = s.phone.clone().or_else(|| department.map(|d| d.phone.clone())).unwrap_or_default();
    sqlx::query(
        "INSERT INTO services (code, name_zh, name_en, summary_zh, summary_en, kind, department_code, \
         for_individuals, for_businesses, mode, visits, statutory_days, promised_days, fee_fen, \
         fee_basis_zh, fee_basis_en, phone, popularity, search_text, required_level) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
    )
    .bind(code.as_str())
    .bind(name.zh.as_str())
    .bind(name.en.as_str())
    .bind(s.summary.zh.as_str())
    .bind(s.summary.en.as_str())
    .bind(s.kind.as_str())
    .bind(s.department.as_str())
    .bind(i64::from(s.audiences.contains(&Audience::Individual)))
    .bind(i64::from(s.audiences.contains(&Audience::Business)))
    .bind(s.mode.as_str())
    .bind(visits(s.mode))
    .bind(i64::from(s.statutory_days))
    .bind(i64::from(s.promised_days))
    .bind(s.fee_fen as i64)
    .bind(fee_basis.zh.as_str())
    .bind(fee_basis.en.as_str())
    .bind(phone.as_str())
    .bind(popularity)
    .bind(search.as_str())
    .bind(i64::from(s.required_level))
    .execute(&mut **tx)
    .await?;
    let guide_json = serde_json::to_string(&details).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query("INSERT INTO service_guides (service_code, guide_json) VALUES ($1, $2)")
        .bind(code.as_str())
        .bind(guide_json.as_str())
        .execute(&mut **tx)
        .await?;
    if let (Some(licence), None) = (&s.issues_licence, copy) {
        sqlx::query(
            "INSERT INTO service_licences (service_code, kind, title_zh, title_en, issuer_zh, issuer_en, also_to_id_answer, \
             also_to_name_answer, seal_department) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(code.as_str())
        .bind(licence.kind.as_str())
        .bind(licence.title.zh.as_str())
        .bind(licence.title.en.as_str())
        .bind(licence.issuer.zh.as_str())
        .bind(licence.issuer.en.as_str())
        .bind(licence.also_to.as_ref().map(|h| h.id_number.as_str()))
        .bind(licence.also_to.as_ref().map(|h| h.name.as_str()))
        .bind(licence.seal.as_str())
        .execute(&mut **tx)
        .await?;
    }
    for theme in &s.themes {
        sqlx::query("INSERT INTO service_themes (service_code, theme_code) VALUES ($1, $2)")
            .bind(code.as_str())
            .bind(theme.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_catalogue_is_consistent_and_large_enough() {
        let catalogue = parse().unwrap();
        assert!(catalogue.services.len() >= 40, "{} services", catalogue.services.len());
        assert!(catalogue.departments.len() >= 10);
        let mut codes: Vec<_> = catalogue.services.iter().map(|s| s.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), catalogue.services.len(), "service codes are unique");
        for d in &catalogue.departments {
            assert!(catalogue.services.iter().any(|s| s.department == d.code), "{} offers nothing", d.code);
        }
        assert!(catalogue.services.iter().any(|s| s.audiences.contains(&Audience::Business)));
        assert!(catalogue.services.iter().any(|s| s.fee_fen > 0 && s.fee_basis.is_some()));
        assert!(catalogue.services.iter().any(|s| !s.fee_tariff.is_empty() && s.audiences.contains(&Audience::Business)));
    }
}
