//! Working days as Shanghai's offices keep them: Monday to Friday, except the public holidays,
//! plus the weekend days the State Council moves work to (调休). Deadlines and window slots are
//! counted on this calendar.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use time::{Date, Weekday};

use crate::clock::parse_date;

#[derive(Deserialize)]
struct CalendarFile {
    years: Vec<Year>,
}

#[derive(Deserialize)]
struct Year {
    holidays: Vec<Holiday>,
    working_weekends: Vec<String>,
}

#[derive(Deserialize)]
struct Holiday {
    from: String,
    to: String,
}

struct Calendar {
    holidays: HashSet<Date>,
    working_weekends: HashSet<Date>,
}

static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let file: CalendarFile = serde_json::from_str(include_str!("../seed/calendar.json")).expect("seed/calendar.json is valid");
    let day = |date: &str| parse_date(date).unwrap_or_else(|| panic!("seed/calendar.json: bad date {date}"));
    let mut calendar = Calendar { holidays: HashSet::new(), working_weekends: HashSet::new() };
    for year in file.years {
        for holiday in year.holidays {
            let (from, to) = (day(&holiday.from), day(&holiday.to));
            calendar.holidays.extend(std::iter::successors(Some(from), |d| d.next_day()).take_while(|d| *d <= to));
        }
        calendar.working_weekends.extend(year.working_weekends.iter().map(|d| day(d)));
    }
    calendar
});

/// Whether offices are open on `day`.
pub fn is_working_day(day: Date) -> bool {
    if matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
        CALENDAR.working_weekends.contains(&day)
    } else {
        !CALENDAR.holidays.contains(&day)
    }
}

/// The working days after `day`, in order.
fn working_days_after(day: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(day.next_day(), |d| d.next_day()).filter(|d| is_working_day(*d))
}

/// The date `n` working days after `date` (`YYYY-MM-DD`).
pub fn add_working_days(date: &str, n: u32) -> String {
    let Some(day) = parse_date(date) else { return date.to_string() };
    if n == 0 {
        return day.to_string();
    }
    working_days_after(day).nth(n as usize - 1).map_or_else(|| date.to_string(), |d| d.to_string())
}

/// Working days after `from` up to and including `to`.
pub fn working_days_between(from: &str, to: &str) -> u32 {
    let (Some(from), Some(to)) = (parse_date(from), parse_date(to)) else { return 0 };
    working_days_after(from).take_while(|d| *d <= to).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends() {
        // 2026-11-27 is a Friday: five working days later is the next Friday.
        assert_eq!(add_working_days("2026-11-27", 1), "2026-11-30");
        assert_eq!(add_working_days("2026-11-27", 5), "2026-12-04");
        assert_eq!(working_days_between("2026-11-27", "2026-12-04"), 5);
        assert_eq!(working_days_between("2026-11-27", "2026-11-29"), 0);
    }

    #[test]
    fn holidays_are_skipped_and_make_up_weekends_count() {
        // Mid-Autumn (25–27 Sep) and National Day (1–7 Oct 2026); Saturday 10 Oct is worked.
        assert_eq!(add_working_days("2026-09-24", 5), "2026-10-09");
        assert_eq!(add_working_days("2026-10-09", 1), "2026-10-10");
        // Sunday 20 Sep 2026 is worked too.
        assert_eq!(add_working_days("2026-09-18", 1), "2026-09-20");
        assert_eq!(working_days_between("2026-09-30", "2026-10-09"), 2);
        // New Year's Day 2027 is a Friday.
        assert_eq!(add_working_days("2026-12-31", 1), "2027-01-04");
        assert!(!is_working_day(parse_date("2026-02-16").unwrap()), "Spring Festival");
        assert!(is_working_day(parse_date("2026-02-14").unwrap()), "the Saturday before it is worked");
    }
}
