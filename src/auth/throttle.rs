//! Login throttling with `governor`: every password attempt and every
//! sign-in-link request draws from two buckets, one per account (email) and
//! one per client address; an empty bucket means HTTP 429.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::ThrottleConfig;

/// Above this many remembered keys, forget the ones whose buckets are full again.
const RETAIN_THRESHOLD: usize = 10_000;

/// The two keyed limiters.
pub struct LoginThrottle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

fn quota(burst: u32, period: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(period.max(Duration::from_millis(1)))
        .unwrap_or_else(|| Quota::per_minute(burst))
        .allow_burst(burst)
}

impl LoginThrottle {
    pub fn new(config: &ThrottleConfig) -> LoginThrottle {
        LoginThrottle {
            per_account: RateLimiter::keyed(quota(config.account_burst, config.account_period)),
            per_ip: RateLimiter::keyed(quota(config.ip_burst, config.ip_period)),
            clock: DefaultClock::default(),
        }
    }

    /// Draws one attempt for this email (normalised) and address; `Err` holds
    /// how long to wait.
    pub fn check(&self, email: &str, ip: Option<IpAddr>) -> Result<(), Duration> {
        if self.per_ip.len() > RETAIN_THRESHOLD {
            self.per_ip.retain_recent();
        }
        if self.per_account.len() > RETAIN_THRESHOLD {
            self.per_account.retain_recent();
        }
        if let Some(ip) = ip {
            self.per_ip
                .check_key(&ip)
                .map_err(|not_until| not_until.wait_time_from(self.clock.now()))?;
        }
        let account = crate::db::users::normalise_email(email);
        self.per_account
            .check_key(&account)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

/// Whole minutes to tell the user (at least 1).
pub fn minutes_to_wait(wait: Duration) -> i64 {
    (wait.as_secs().div_ceil(60)).max(1) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_bucket_empties_after_the_burst() {
        let t = LoginThrottle::new(&ThrottleConfig {
            account_burst: 3,
            account_period: Duration::from_secs(60),
            ip_burst: 100,
            ip_period: Duration::from_secs(1),
        });
        let ip = Some(IpAddr::from([10, 0, 0, 1]));
        for _ in 0..3 {
            assert!(t.check("A@example.org", ip).is_ok());
        }
        let wait = t.check("a@example.org ", ip).unwrap_err();
        assert!(wait > Duration::from_secs(50));
        assert_eq!(minutes_to_wait(wait), 1);
        assert!(t.check("b@example.org", ip).is_ok());
    }

    #[test]
    fn address_bucket_spans_accounts() {
        let t = LoginThrottle::new(&ThrottleConfig {
            account_burst: 100,
            account_period: Duration::from_secs(1),
            ip_burst: 2,
            ip_period: Duration::from_secs(60),
        });
        let ip = Some(IpAddr::from([10, 0, 0, 2]));
        assert!(t.check("a@example.org", ip).is_ok());
        assert!(t.check("b@example.org", ip).is_ok());
        assert!(t.check("c@example.org", ip).is_err());
        assert!(t
            .check("c@example.org", Some(IpAddr::from([10, 0, 0, 3])))
            .is_ok());
    }
}
