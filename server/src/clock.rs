//! Time as the server sees it, replaceable in tests so that lockouts and code expiry can be
//! checked without waiting.

use std::sync::atomic::{AtomicI64, Ordering};

pub const SECOND: i64 = 1_000_000;
pub const MINUTE: i64 = 60 * SECOND;

/// The calendar date in Shanghai (UTC+8, no daylight saving) at `micros`, as `YYYY-MM-DD`.
pub fn shanghai_date(micros: i64) -> String {
    date_of((micros / SECOND + 8 * 3600).div_euclid(86_400))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Howard Hinnant's days_from_civil).
pub fn days_of(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next()) else { return None };
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of days since 1970-01-01 (Howard Hinnant's civil_from_days).
pub fn date_of(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

pub trait Clock: Send + Sync {
    /// Microseconds since the Unix epoch.
    fn now(&self) -> i64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
    }
}

/// A clock that moves only when told to.
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(start: i64) -> Self {
        ManualClock(AtomicI64::new(start))
    }

    pub fn advance(&self, micros: i64) {
        self.0.fetch_add(micros, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_dates_turn_at_midnight_local_time() {
        assert_eq!(shanghai_date(0), "1970-01-01");
        // 2026-11-27 00:00 UTC is 08:00 in Shanghai; 15:59:59 UTC is still the 27th there.
        assert_eq!(shanghai_date(1_795_737_600 * SECOND), "2026-11-27");
        assert_eq!(shanghai_date((1_795_737_600 + 16 * 3600 - 1) * SECOND), "2026-11-27");
        assert_eq!(shanghai_date((1_795_737_600 + 16 * 3600) * SECOND), "2026-11-28");
        assert_eq!(shanghai_date(951_782_400 * SECOND), "2000-02-29");
    }

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(days_of("1970-01-01"), Some(0));
        assert_eq!(date_of(days_of("2024-02-29").unwrap()), "2024-02-29");
    }
}
