//! The record of every use of a person's or company's data by someone else (Art. 24): who, from
//! which organisation, what they saw and why. "Who used my data" is read from here, and only from
//! here, so what a person is shown cannot drift from what happened.

use tongban_api::Localized;

use crate::clock::Clock;
use crate::secrets::random_token;

/// Who used the data.
pub enum DataUser<'a> {
    /// An officer of a department, at work.
    Officer { department: &'a str, staff_number: &'a str },
    /// A company, through a person acting for it.
    Company { credit_code: &'a str },
    /// Whoever was shown a licence's code and checked it.
    Verifier,
}

/// What was used.
pub enum UsedData<'a> {
    Licence {
        id: &'a str,
    },
    Application {
        id: &'a str,
    },
    /// How to reach the person: name and phone.
    Contact {
        user_id: &'a str,
    },
}

/// Why.
pub enum Purpose<'a> {
    /// Checking a code the holder showed; the code's nonce.
    Verification { nonce: &'a str },
    /// Handling an application; its id.
    Application { id: &'a str },
    /// An authorisation the holder gave; its id.
    Authorisation { id: &'a str },
    /// An officer of the issuing department looking the licence up by its number.
    Lookup,
    /// Following up the person's bad rating; the rating's id.
    FollowUp { id: &'a str },
    /// Handling the person's customer-service ticket; its id.
    Ticket { id: &'a str },
}

/// How it ended: used, or refused and why.
pub enum Outcome<'a> {
    Used,
    Refused(&'a str),
}

pub struct DataUse<'a> {
    /// Whose data: an ID number or a credit code.
    pub subject: &'a str,
    pub user: DataUser<'a>,
    pub data: UsedData<'a>,
    /// What was seen, for the person to read.
    pub what: Localized,
    pub purpose: Purpose<'a>,
    pub outcome: Outcome<'a>,
}

/// Records a use; false when the record already holds it (a code's check, once per outcome).
pub async fn record<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    clock: &dyn Clock,
    used: DataUse<'_>,
) -> Result<bool, sqlx::Error> {
    let (user_kind, organisation, staff_number) = match used.user {
        DataUser::Officer { department, staff_number } => ("officer", Some(department), Some(staff_number)),
        DataUser::Company { credit_code } => ("company", Some(credit_code), None),
        DataUser::Verifier => ("verifier", None, None),
    };
    let (data_kind, data_ref) = match used.data {
        UsedData::Licence { id } => ("licence", id),
        UsedData::Application { id } => ("application", id),
        UsedData::Contact { user_id } => ("contact", user_id),
    };
    let (purpose_kind, purpose_ref) = match used.purpose {
        Purpose::Verification { nonce } => ("verification", Some(nonce)),
        Purpose::Application { id } => ("application", Some(id)),
        Purpose::Authorisation { id } => ("authorisation", Some(id)),
        Purpose::Lookup => ("lookup", None),
        Purpose::FollowUp { id } => ("follow_up", Some(id)),
        Purpose::Ticket { id } => ("ticket", Some(id)),
    };
    let outcome = match used.outcome {
        Outcome::Used => "ok",
        Outcome::Refused(why) => why,
    };
    let inserted = sqlx::query(
        "INSERT INTO data_uses (id, at, subject, user_kind, organisation, staff_number, data_kind, data_ref, what_zh, what_en, \
         purpose_kind, purpose_ref, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT DO NOTHING",
    )
    .bind(random_token(12))
    .bind(clock.now())
    .bind(used.subject)
    .bind(user_kind)
    .bind(organisation)
    .bind(staff_number)
    .bind(data_kind)
    .bind(data_ref)
    .bind(used.what.zh.as_str())
    .bind(used.what.en.as_str())
    .bind(purpose_kind)
    .bind(purpose_ref)
    .bind(outcome)
    .execute(db)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Reading the record: "who used my data", newest first, by period, and as CSV.
pub mod listing {
    use axum::extract::rejection::QueryRejection;
    use axum::extract::{Query, State};
    use axum::response::IntoResponse;
    use axum::Json;
    use sqlx::Row;
    use tongban_api::wallet::{mask_staff_number, DataUseQuery, DataUseView};
    use tongban_api::{forms::is_date, ApiErrorBody, FieldProblem, Lang, Localized};
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;

    use crate::audit::AuditAction;
    use crate::clock::{in_shanghai, parse_date, shanghai_midnight, SECOND};
    use crate::error::ApiError;
    use crate::identity::sessions::SessionUser;
    use crate::wallet::holder_of;
    use crate::AppState;

    pub fn routes() -> OpenApiRouter<AppState> {
        OpenApiRouter::new().routes(routes!(data_uses)).routes(routes!(data_uses_csv))
    }

    /// At most this many rows in one answer; a narrower period shows the rest.
    const MOST: i64 = 500;

    fn refusal(outcome: &str) -> Option<Localized> {
        let (zh, en) = match outcome {
            "ok" => return None,
            "other_department" => ("被拒绝：不是该部门办理的申请", "Refused: not an application of their department"),
            "other_organisation" => ("被拒绝：用证码不是授权给该单位的", "Refused: the use code was not given to them"),
            "revoked" => ("被拒绝：您已撤销授权", "Refused: you had revoked the authorisation"),
            "expired" => ("未通过：授权或亮证码已过期", "Refused: the authorisation or code had expired"),
            "used_up" => ("被拒绝：授权已用完", "Refused: the authorisation was used up"),
            _ => ("未通过：证照已失效", "Refused: the licence was no longer valid"),
        };
        Some(Localized::new(zh, en))
    }

    async fn rows(state: &AppState, subject: &str, query: &DataUseQuery) -> Result<Vec<DataUseView>, ApiError> {
        let day = |text: &Option<String>, field: &'static str| -> Result<Option<time::Date>, ApiError> {
            match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(t) if is_date(t) => Ok(parse_date(t)),
                Some(_) => Err(ApiError::field(field, FieldProblem::UseUntil)),
            }
        };
        let from = day(&query.from, "from")?.map_or(0, shanghai_midnight);
        let to = day(&query.to, "to")?.and_then(|d| d.next_day()).map_or(i64::MAX, shanghai_midnight);
        let found = sqlx::query(
            "SELECT u.at, u.user_kind, u.staff_number, u.what_zh, u.what_en, u.purpose_kind, u.outcome, \
                    d.name_zh, d.name_en, c.name AS company, ap.number, s.name_zh AS service_zh, s.name_en AS service_en, \
                    la.purpose AS granted_for \
             FROM data_uses u \
             LEFT JOIN departments d ON u.user_kind = 'officer' AND d.code = u.organisation \
             LEFT JOIN company_register c ON u.user_kind = 'company' AND c.credit_code = u.organisation \
             LEFT JOIN applications ap ON u.purpose_kind = 'application' AND ap.id = u.purpose_ref \
             LEFT JOIN services s ON s.code = ap.service_code \
             LEFT JOIN licence_authorisations la ON u.purpose_kind = 'authorisation' AND la.id = u.purpose_ref \
             WHERE u.subject = $1 AND u.at >= $2 AND u.at < $3 ORDER BY u.at DESC, u.id LIMIT $4",
        )
        .bind(subject)
        .bind(from)
        .bind(to)
        .bind(MOST)
        .fetch_all(&state.pool)
        .await?;
        let text = |row: &sqlx::any::AnyRow, name: &str| row.try_get::<Option<String>, _>(name).map(Option::unwrap_or_default);
        found
            .iter()
            .map(|row| {
                let kind: String = row.try_get("user_kind")?;
                let organisation = match kind.as_str() {
                    "officer" => Localized::new(text(row, "name_zh")?, text(row, "name_en")?),
                    "company" => Localized::new(text(row, "company")?, text(row, "company")?),
                    _ => Localized::new("您向其亮证的人", "Someone you showed a code to"),
                };
                let why = match row.try_get::<String, _>("purpose_kind")?.as_str() {
                    "application" => {
                        let (number, zh, en) = (text(row, "number")?, text(row, "service_zh")?, text(row, "service_en")?);
                        if number.is_empty() {
                            Localized::new(format!("办理“{zh}”申请"), format!("Handling an application for {en}"))
                        } else {
                            Localized::new(format!("办理申请 {number}（{zh}）"), format!("Handling application {number} ({en})"))
                        }
                    }
                    "authorisation" => {
                        let purpose = text(row, "granted_for")?;
                        Localized::new(format!("您的授权：{purpose}"), format!("Your authorisation: {purpose}"))
                    }
                    "lookup" => Localized::new("发证部门按证照号码查询", "The issuing department looked the licence up by its number"),
                    "follow_up" => Localized::new("回访您的差评", "Following up your bad rating"),
                    "ticket" => Localized::new("处理您的客服工单", "Handling your customer-service enquiry"),
                    _ => Localized::new("核验您出示的亮证码", "Checking a code you showed"),
                };
                Ok(DataUseView {
                    at: row.try_get::<i64, _>("at")? / SECOND,
                    organisation,
                    staff_number: row.try_get::<Option<String>, _>("staff_number")?.map(|s| mask_staff_number(&s)),
                    what: Localized::new(row.try_get::<String, _>("what_zh")?, row.try_get::<String, _>("what_en")?),
                    why,
                    refused: refusal(&row.try_get::<String, _>("outcome")?),
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(ApiError::from)
    }

    /// Every use of the person's data by someone else (or of the company's, when acting for it
    /// with the "view licences" scope), newest first; refused tries included.
    #[utoipa::path(get, path = "/api/v1/account/data-uses", tag = "identity", params(DataUseQuery),
        responses((status = 200, body = Vec<DataUseView>), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
    async fn data_uses(
        State(state): State<AppState>,
        user: SessionUser,
        query: Result<Query<DataUseQuery>, QueryRejection>,
    ) -> Result<Json<Vec<DataUseView>>, ApiError> {
        let Query(query) = query.map_err(|_| ApiError::UnreadableQuery)?;
        let subject = holder_of(&user)?;
        let found = rows(&state, subject, &query).await?;
        state.audit(user.actor(), AuditAction::DataUsesRead, subject).await?;
        Ok(Json(found))
    }

    /// The same, as a CSV file in the reader's language (`lang`), for keeping or complaining.
    #[utoipa::path(get, path = "/api/v1/account/data-uses.csv", tag = "identity", params(DataUseQuery),
        responses((status = 200, content_type = "text/csv"), (status = 400, body = ApiErrorBody)))]
    async fn data_uses_csv(
        State(state): State<AppState>,
        user: SessionUser,
        query: Result<Query<DataUseQuery>, QueryRejection>,
    ) -> Result<impl IntoResponse, ApiError> {
        let Query(query) = query.map_err(|_| ApiError::UnreadableQuery)?;
        let subject = holder_of(&user)?;
        let found = rows(&state, subject, &query).await?;
        state.audit(user.actor(), AuditAction::DataUsesRead, &format!("{subject} csv")).await?;
        let lang = query.lang.unwrap_or(user.reader);
        let headings = match lang {
            Lang::Zh => ["时间", "单位", "工号", "使用的数据", "事由", "结果"],
            Lang::En => ["When", "Organisation", "Staff number", "Data used", "Why", "Outcome"],
        };
        let mut out = csv::Writer::from_writer(Vec::new());
        let csv_error = |_| ApiError::Internal;
        out.write_record(headings).map_err(csv_error)?;
        for row in &found {
            let at = in_shanghai(row.at * SECOND);
            let when = format!("{} {:02}:{:02}:{:02}", at.date(), at.hour(), at.minute(), at.second());
            let used = match lang {
                Lang::Zh => "已使用",
                Lang::En => "Used",
            };
            out.write_record([
                when.as_str(),
                row.organisation.get(lang),
                row.staff_number.as_deref().unwrap_or(""),
                row.what.get(lang),
                row.why.get(lang),
                row.refused.as_ref().map_or(used, |r| r.get(lang)),
            ])
            .map_err(csv_error)?;
        }
        // A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
        let mut body = "\u{feff}".as_bytes().to_vec();
        body.extend(out.into_inner().map_err(|_| ApiError::Internal)?);
        Ok(([("content-type", "text/csv; charset=utf-8"), ("content-disposition", "attachment; filename=\"data-uses.csv\"")], body))
    }
}
