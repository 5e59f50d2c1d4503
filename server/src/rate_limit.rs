//! Per-key sliding-window limits (per IP, per phone), held in memory: a restart forgets them,
//! which only ever loosens a limit for one window.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::clock::SECOND;
use crate::error::ApiError;
use crate::AppState;

#[derive(Default)]
pub struct RateLimiter {
    hits: Mutex<HashMap<String, Vec<i64>>>,
}

impl RateLimiter {
    /// Counts a hit on `key` at `now` unless `max` hits already fell within `window`; when
    /// refused, says how many microseconds until the oldest hit leaves the window.
    pub fn hit(&self, key: &str, max: u32, window: i64, now: i64) -> Result<(), i64> {
        let mut hits = self.hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if hits.len() > 100_000 {
            hits.retain(|_, times| times.last().is_some_and(|t| now - t < window));
        }
        let times = hits.entry(key.to_string()).or_default();
        times.retain(|t| now - t < window);
        if times.len() >= max as usize {
            return Err(times[0] + window - now);
        }
        times.push(now);
        Ok(())
    }
}

impl AppState {
    /// Counts a hit on `key` now; past `max` within `window` (microseconds), the error says how
    /// many seconds until another is allowed.
    pub fn limit(&self, key: &str, max: u32, window: i64) -> Result<(), ApiError> {
        self.limiter.hit(key, max, window, self.clock.now()).map_err(|wait| ApiError::RateLimited { retry_after_secs: wait / SECOND + 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_until_the_window_moves_on() {
        let limiter = RateLimiter::default();
        assert!(limiter.hit("ip:1", 2, 100, 0).is_ok());
        assert!(limiter.hit("ip:1", 2, 100, 10).is_ok());
        assert_eq!(limiter.hit("ip:1", 2, 100, 20), Err(80));
        assert!(limiter.hit("ip:2", 2, 100, 20).is_ok());
        assert!(limiter.hit("ip:1", 2, 100, 100).is_ok());
    }
}
