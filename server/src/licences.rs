//! The e-licence library (电子证照库): licences the government holds for people and companies,
//! offered to applicants instead of asking them for documents (Art. 34), and issued here when an
//! application's result is a licence (Art. 38).

use serde::Deserialize;
use sqlx::{AnyPool, Row};
use tongban_api::materials::LicenceView;
use tongban_api::Localized;

use crate::error::ApiError;
use crate::secrets::random_token;

const PEOPLE_JSON: &str = include_str!("../seed/people.json");

#[derive(Deserialize)]
struct People {
    residents: Vec<Resident>,
    companies: Vec<Company>,
    #[serde(default)]
    marriages: Vec<Marriage>,
}

#[derive(Deserialize)]
struct Marriage {
    spouses: [String; 2],
    number: String,
    registered_on: String,
}

#[derive(Deserialize)]
struct Resident {
    id_number: String,
    name: String,
}

#[derive(Deserialize)]
struct Company {
    credit_code: String,
    name: String,
}

/// A licence to put in the library.
pub struct NewLicence<'a> {
    pub kind: &'a str,
    pub holder: &'a str,
    pub holder_name: &'a str,
    pub number: &'a str,
    pub title: Localized,
    pub issuer: Localized,
    /// The department whose seal it carries.
    pub seal_department: &'a str,
    pub issued_on: &'a str,
    pub valid_until: Option<&'a str>,
    pub application_id: Option<&'a str>,
}

/// Marks the holder's licences of the same kind as replaced by a renewed one.
pub async fn supersede<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    holder: &str,
    kind: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE e_licences SET status = 'superseded', status_changed_at = $1 WHERE holder = $2 AND kind = $3 AND status = 'valid'")
        .bind(at)
        .bind(holder)
        .bind(kind)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn insert<'e>(db: impl sqlx::Executor<'e, Database = sqlx::Any>, licence: NewLicence<'_>) -> Result<String, sqlx::Error> {
    let id = random_token(12);
    sqlx::query(
        "INSERT INTO e_licences (id, kind, holder, holder_name, number, title_zh, title_en, issuer_zh, issuer_en, issued_on, valid_until, \
         application_id, seal_department) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(id.as_str())
    .bind(licence.kind)
    .bind(licence.holder)
    .bind(licence.holder_name)
    .bind(licence.number)
    .bind(licence.title.zh.as_str())
    .bind(licence.title.en.as_str())
    .bind(licence.issuer.zh.as_str())
    .bind(licence.issuer.en.as_str())
    .bind(licence.issued_on)
    .bind(licence.valid_until)
    .bind(licence.application_id)
    .bind(licence.seal_department)
    .execute(db)
    .await?;
    Ok(id)
}

/// Everyone in the register has an ID card and a household register; the demo accounts also
/// drive; married couples each hold their marriage certificate; every company has its business
/// licence.
pub async fn seed(pool: &AnyPool) -> Result<(), String> {
    let db = |e: sqlx::Error| format!("seeding e-licences: {e}");
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM e_licences").fetch_one(pool).await.map_err(db)?.try_get("n").map_err(db)?;
    if existing > 0 {
        return Ok(());
    }
    let people: People = serde_json::from_str(PEOPLE_JSON).map_err(|e| format!("seed/people.json: {e}"))?;
    let police = Localized::new("上海市公安局", "Shanghai Public Security Bureau");
    for (i, r) in people.residents.iter().enumerate() {
        let seq = format!("{:06}", 100_000 + i);
        let licences = [
            ("id_card", r.id_number.clone(), Localized::new("居民身份证", "Resident identity card"), Some("2036-05-01")),
            ("household", format!("沪户{seq}"), Localized::new("居民户口簿", "Household register"), None),
            ("driving_licence", r.id_number.clone(), Localized::new("机动车驾驶证（C1）", "Driving licence (C1)"), Some("2027-01-15")),
        ];
        for (kind, number, title, valid_until) in licences {
            let issuer = if kind == "driving_licence" {
                Localized::new("上海市公安局交通警察总队", "Shanghai Traffic Police")
            } else {
                police.clone()
            };
            let licence = NewLicence {
                kind,
                holder: &r.id_number,
                holder_name: &r.name,
                number: &number,
                title,
                issuer,
                seal_department: "ga",
                issued_on: "2021-05-01",
                valid_until,
                application_id: None,
            };
            insert(pool, licence).await.map_err(db)?;
        }
    }
    for marriage in &people.marriages {
        for spouse in &marriage.spouses {
            let Some(resident) = people.residents.iter().find(|r| &r.id_number == spouse) else {
                return Err(format!("seed/people.json: marriage {} names {spouse}, who is not a resident", marriage.number));
            };
            let licence = NewLicence {
                kind: "marriage_cert",
                holder: &resident.id_number,
                holder_name: &resident.name,
                number: &marriage.number,
                title: Localized::new("结婚证", "Marriage certificate"),
                issuer: Localized::new("上海市黄浦区民政局", "Huangpu District Civil Affairs Bureau"),
                seal_department: "mz",
                issued_on: &marriage.registered_on,
                valid_until: None,
                application_id: None,
            };
            insert(pool, licence).await.map_err(db)?;
        }
    }
    for c in &people.companies {
        let licence = NewLicence {
            kind: "business_licence",
            holder: &c.credit_code,
            holder_name: &c.name,
            number: &c.credit_code,
            title: Localized::new("营业执照", "Business licence"),
            issuer: Localized::new("上海市市场监督管理局", "Shanghai Administration for Market Regulation"),
            seal_department: "sj",
            issued_on: "2019-03-18",
            valid_until: None,
            application_id: None,
        };
        insert(pool, licence).await.map_err(db)?;
    }
    Ok(())
}

fn view(row: &sqlx::any::AnyRow) -> Result<LicenceView, sqlx::Error> {
    Ok(LicenceView {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        title: Localized::new(row.try_get::<String, _>("title_zh")?, row.try_get::<String, _>("title_en")?),
        number: row.try_get("number")?,
        holder_name: row.try_get("holder_name")?,
        issuer: Localized::new(row.try_get::<String, _>("issuer_zh")?, row.try_get::<String, _>("issuer_en")?),
        issued_on: row.try_get("issued_on")?,
        valid_until: row.try_get("valid_until")?,
    })
}

const SELECT_LICENCES: &str =
    "SELECT id, kind, holder, holder_name, number, title_zh, title_en, issuer_zh, issuer_en, issued_on, valid_until FROM e_licences";

/// Licences of `kind` held by any of `holders`, leaving out revoked and replaced ones.
pub async fn held(pool: &AnyPool, holders: &[&str], kind: &str) -> Result<Vec<LicenceView>, ApiError> {
    let mut found = Vec::new();
    for holder in holders {
        let rows =
            sqlx::query(&format!("{SELECT_LICENCES} WHERE holder = $1 AND kind = $2 AND status = 'valid' ORDER BY issued_on DESC, id"))
                .bind(*holder)
                .bind(kind)
                .fetch_all(pool)
                .await?;
        for row in &rows {
            found.push(view(row)?);
        }
    }
    Ok(found)
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<(LicenceView, String)>, ApiError> {
    let row = sqlx::query(&format!("{SELECT_LICENCES} WHERE id = $1")).bind(id).fetch_optional(pool).await?;
    Ok(row.map(|r| Ok::<_, sqlx::Error>((view(&r)?, r.try_get("holder")?))).transpose()?)
}

/// What an approved application of a service results in, when that is a licence (the service's
/// row in `service_licences`).
pub struct LicenceResult {
    pub kind: String,
    pub title: Localized,
    pub issuer: Localized,
    pub seal_department: String,
    /// The answers naming a second holder: the other spouse of a marriage.
    pub also_to: Option<SecondHolder>,
}

/// Which of the application's answers name a second holder of the licence.
pub struct SecondHolder {
    pub id_number_answer: String,
    pub name_answer: String,
}

pub async fn result_of(pool: &AnyPool, service_code: &str) -> Result<Option<LicenceResult>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT kind, title_zh, title_en, issuer_zh, issuer_en, seal_department, also_to_id_answer, also_to_name_answer \
         FROM service_licences WHERE service_code = $1",
    )
    .bind(service_code)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let also_to = match (row.try_get::<Option<String>, _>("also_to_id_answer")?, row.try_get::<Option<String>, _>("also_to_name_answer")?) {
        (Some(id_number_answer), Some(name_answer)) => Some(SecondHolder { id_number_answer, name_answer }),
        _ => None,
    };
    Ok(Some(LicenceResult {
        kind: row.try_get("kind")?,
        title: Localized::new(row.try_get::<String, _>("title_zh")?, row.try_get::<String, _>("title_en")?),
        issuer: Localized::new(row.try_get::<String, _>("issuer_zh")?, row.try_get::<String, _>("issuer_en")?),
        seal_department: row.try_get("seal_department")?,
        also_to,
    }))
}
