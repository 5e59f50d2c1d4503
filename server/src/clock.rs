//! Time as the server sees it, replaceable in tests so that lockouts and code expiry can be
//! checked without waiting.

use std::sync::atomic::{AtomicI64, Ordering};

use time::macros::{format_description, offset};
use time::{Date, OffsetDateTime, UtcOffset};

pub const SECOND: i64 = 1_000_000;
pub const MINUTE: i64 = 60 * SECOND;

/// Shanghai keeps UTC+8 all year, with no daylight saving.
const SHANGHAI: UtcOffset = offset!(+8);

/// The moment `micros` after the epoch, on Shanghai's clock.
pub fn in_shanghai(micros: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).unwrap_or(OffsetDateTime::UNIX_EPOCH).to_offset(SHANGHAI)
}

/// The calendar date in Shanghai at `micros`, as `YYYY-MM-DD`.
pub fn shanghai_date(micros: i64) -> String {
    in_shanghai(micros).date().to_string()
}

/// The first moment (microseconds) of `date` in Shanghai.
pub fn shanghai_midnight(date: Date) -> i64 {
    (date.midnight().assume_offset(SHANGHAI).unix_timestamp_nanos() / 1_000) as i64
}

/// A `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

/// `micros` as `YYYY-MM-DD HH:MM:SS` on Shanghai's clock, as Chinese payment channels write times.
pub fn shanghai_datetime(micros: i64) -> String {
    in_shanghai(micros).format(format_description!("[year]-[month]-[day] [hour]:[minute]:[second]")).unwrap_or_default()
}

/// A `YYYY-MM-DD HH:MM:SS` Shanghai time, in microseconds.
pub fn parse_shanghai_datetime(text: &str) -> Option<i64> {
    let local = time::PrimitiveDateTime::parse(text, format_description!("[year]-[month]-[day] [hour]:[minute]:[second]")).ok()?;
    Some((local.assume_offset(SHANGHAI).unix_timestamp_nanos() / 1_000) as i64)
}

/// `micros` as RFC 3339 on Shanghai's clock (`2026-12-02T10:00:00+08:00`), as WeChat Pay writes times.
pub fn shanghai_rfc3339(micros: i64) -> String {
    in_shanghai(micros)
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

/// An RFC 3339 time with its offset, in microseconds.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let at = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    Some((at.unix_timestamp_nanos() / 1_000) as i64)
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
    fn shanghai_times_read_back() {
        let at = 1_795_737_600 * SECOND;
        assert_eq!(shanghai_datetime(at), "2026-11-27 08:00:00");
        assert_eq!(parse_shanghai_datetime("2026-11-27 08:00:00"), Some(at));
        assert_eq!(parse_shanghai_datetime("2026-11-27T08:00:00"), None);
    }

    #[test]
    fn dates_read_back_as_written() {
        assert_eq!(parse_date("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2026-1-5"), None);
    }
}
