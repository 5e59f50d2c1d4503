//! The published 好差评 counts, per department and per service, for a period up to today: read
//! from the ratings as they stand, so they change as ratings arrive.

use std::collections::BTreeMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use sqlx::Row;
use tongban_api::ratings::{DepartmentRatings, RatingCounts, RatingPeriod, RatingStatistics, RatingStatisticsQuery, ServiceRatings};
use tongban_api::{ApiErrorBody, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::shanghai_date;
use crate::error::ApiError;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(statistics))
}

/// The first day of `period` that ends `today` (`YYYY-MM-DD`); none for all time.
fn first_day(period: RatingPeriod, today: &str) -> Option<String> {
    let (year, month) = (&today[..4], today[5..7].parse::<u32>().unwrap_or(1));
    match period {
        RatingPeriod::Month => Some(format!("{year}-{month:02}-01")),
        RatingPeriod::Quarter => Some(format!("{year}-{:02}-01", (month - 1) / 3 * 3 + 1)),
        RatingPeriod::Year => Some(format!("{year}-01-01")),
        RatingPeriod::All => None,
    }
}

fn count(row: &sqlx::any::AnyRow, name: &str) -> Result<u32, sqlx::Error> {
    Ok(u32::try_from(row.try_get::<i64, _>(name)?).unwrap_or_default())
}

fn add(total: &mut RatingCounts, more: RatingCounts) {
    total.ratings += more.ratings;
    total.satisfied += more.satisfied;
    total.bad += more.bad;
    total.followed_up += more.followed_up;
    total.put_right += more.put_right;
}

/// How the rated handlings were found, per department and per service, for a period.
#[utoipa::path(get, path = "/api/v1/ratings", tag = "ratings", params(RatingStatisticsQuery),
    responses((status = 200, body = RatingStatistics), (status = 400, body = ApiErrorBody)))]
async fn statistics(
    State(state): State<AppState>,
    query: Result<Query<RatingStatisticsQuery>, QueryRejection>,
) -> Result<Json<RatingStatistics>, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::UnreadableQuery)?;
    let today = shanghai_date(state.clock.now());
    let from = first_day(query.period, &today);
    let rows = sqlx::query(
        "SELECT r.department_code, d.name_zh AS department_zh, d.name_en AS department_en, s.code, s.name_zh, s.name_en, \
                CAST(COUNT(*) AS BIGINT) AS ratings, \
                CAST(SUM(CASE WHEN r.satisfaction IN ('very_satisfied', 'satisfied', 'fair') THEN 1 ELSE 0 END) AS BIGINT) AS satisfied, \
                CAST(SUM(CASE WHEN r.satisfaction IN ('dissatisfied', 'very_dissatisfied') THEN 1 ELSE 0 END) AS BIGINT) AS bad, \
                CAST(SUM(CASE WHEN f.rating_id IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS followed_up, \
                CAST(SUM(CASE WHEN f.put_right_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS put_right \
         FROM ratings r JOIN departments d ON d.code = r.department_code LEFT JOIN services s ON s.code = r.service_code \
         LEFT JOIN rating_follow_ups f ON f.rating_id = r.id \
         WHERE r.day >= $1 \
         GROUP BY r.department_code, d.name_zh, d.name_en, d.sort_order, s.code, s.name_zh, s.name_en \
         ORDER BY d.sort_order, s.code",
    )
    .bind(from.as_deref().unwrap_or(""))
    .fetch_all(&state.pool)
    .await?;
    let mut total = RatingCounts::default();
    let mut departments: BTreeMap<String, DepartmentRatings> = BTreeMap::new();
    let mut order = Vec::new();
    let mut services = Vec::new();
    for row in &rows {
        let counts = RatingCounts {
            ratings: count(row, "ratings")?,
            satisfied: count(row, "satisfied")?,
            bad: count(row, "bad")?,
            followed_up: count(row, "followed_up")?,
            put_right: count(row, "put_right")?,
        };
        let code: String = row.try_get("department_code")?;
        let department = Localized::new(row.try_get::<String, _>("department_zh")?, row.try_get::<String, _>("department_en")?);
        add(&mut total, counts);
        let entry = departments.entry(code.clone()).or_insert_with(|| {
            order.push(code.clone());
            DepartmentRatings { department_code: code, department: department.clone(), counts: RatingCounts::default() }
        });
        add(&mut entry.counts, counts);
        // What was rated without a service (a ticket about a department) counts for the department only.
        let Some(service_code) = row.try_get::<Option<String>, _>("code")? else { continue };
        services.push(ServiceRatings {
            service_code,
            service_name: Localized::new(
                row.try_get::<Option<String>, _>("name_zh")?.unwrap_or_default(),
                row.try_get::<Option<String>, _>("name_en")?.unwrap_or_default(),
            ),
            department,
            counts,
        });
    }
    let departments = order.iter().filter_map(|code| departments.remove(code)).collect();
    Ok(Json(RatingStatistics { period: query.period, from, to: today, total, departments, services }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_on_their_first_day() {
        assert_eq!(first_day(RatingPeriod::Month, "2026-12-01").as_deref(), Some("2026-12-01"));
        assert_eq!(first_day(RatingPeriod::Quarter, "2026-11-15").as_deref(), Some("2026-10-01"));
        assert_eq!(first_day(RatingPeriod::Quarter, "2026-03-31").as_deref(), Some("2026-01-01"));
        assert_eq!(first_day(RatingPeriod::Year, "2026-11-15").as_deref(), Some("2026-01-01"));
        assert_eq!(first_day(RatingPeriod::All, "2026-11-15"), None);
    }
}
