//! Rate limits: how often joining may be tried from one address and in all,
//! and how often one device may push, pull and read the audit log. Token
//! buckets in this process's memory: a server restart or a second instance
//! gives a little more room, which costs a guesser nothing worth having (a
//! code has 59 bits: at the limit below, one address guessing for a
//! century finds none of a thousand unused codes) and decides nothing the
//! data depends on.
//!
//! | what | limit |
//! |---|---|
//! | joining, per client address | 30 tries, then 1 more every 5 s |
//! | joining, all addresses together | 120 tries, then 2 more a second |
//! | push, pull, invite pad and audit log, per device token | 240 requests, then 4 more a second |
//!
//! A whole village's phones may share one address (the village office's
//! Wi-Fi, a carrier's NAT), so the per-address limit lets a meeting's worth
//! of members join at once; nothing else is limited per address.
//!
//! Over a limit the answer is 429 with `Retry-After` (seconds) and the JSON
//! error `TooManyRequests`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One bucket's settings: how many requests at once, and how fast it refills.
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    pub burst: u32,
    pub per_second: f64,
}

pub const JOIN_PER_ADDRESS: Rate = Rate {
    burst: 30,
    per_second: 0.2,
};
pub const JOIN_OVERALL: Rate = Rate {
    burst: 120,
    per_second: 2.0,
};
pub const SYNC_PER_TOKEN: Rate = Rate {
    burst: 240,
    per_second: 4.0,
};
/// No limit worth the name, for tests that are about something else.
pub const UNLIMITED: Rate = Rate {
    burst: u32::MAX,
    per_second: 1e9,
};

/// The most buckets kept: past it, full ones (idle keys) are forgotten.
const MAX_KEYS: usize = 100_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets by key (an address, a token's hash), all with one [`Rate`].
pub struct Limiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Limiter {
    pub fn new(rate: Rate) -> Limiter {
        Limiter {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request for `key`: `Ok`, or how long until one is allowed.
    pub fn take(&self, key: &str) -> Result<(), Duration> {
        self.take_at(key, Instant::now())
    }

    fn take_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_KEYS && !buckets.contains_key(key) {
            let rate = self.rate;
            buckets.retain(|_, bucket| refilled(bucket, rate, now) < f64::from(rate.burst));
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: f64::from(self.rate.burst),
            at: now,
        });
        bucket.tokens = refilled(bucket, self.rate, now);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.rate.per_second,
            ))
        }
    }
}

fn refilled(bucket: &Bucket, rate: Rate, now: Instant) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    (bucket.tokens + elapsed * rate.per_second).min(f64::from(rate.burst))
}

/// The server's limiters.
pub struct Limits {
    pub join_per_address: Limiter,
    pub join_overall: Limiter,
    pub sync_per_token: Limiter,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            join_per_address: Limiter::new(JOIN_PER_ADDRESS),
            join_overall: Limiter::new(JOIN_OVERALL),
            sync_per_token: Limiter::new(SYNC_PER_TOKEN),
        }
    }
}

impl Limits {
    /// No limits (a fuzz harness or a load benchmark measures something else).
    pub fn unlimited() -> Limits {
        Limits {
            join_per_address: Limiter::new(UNLIMITED),
            join_overall: Limiter::new(UNLIMITED),
            sync_per_token: Limiter::new(UNLIMITED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_refills_at_its_rate() {
        let limiter = Limiter::new(Rate {
            burst: 3,
            per_second: 0.5,
        });
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take_at("a", start).is_ok());
        }
        let wait = limiter.take_at("a", start).unwrap_err();
        assert!((1.9..=2.1).contains(&wait.as_secs_f64()), "{wait:?}");
        assert!(limiter.take_at("b", start).is_ok(), "each key its own bucket");
        assert!(
            limiter.take_at("a", start + Duration::from_secs(2)).is_ok(),
            "one more after 2 s"
        );
        assert!(limiter.take_at("a", start + Duration::from_secs(2)).is_err());
    }
}
