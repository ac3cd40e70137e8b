//! When to sync next.

/// After a successful sync, look again this often (ms) while the app is open.
pub const REGULAR_INTERVAL_MS: f64 = 30_000.0;
/// After a failure, wait this long, doubling with each failure in a row…
pub const FIRST_RETRY_MS: f64 = 2_000.0;
/// …but never longer than five minutes.
pub const MAX_RETRY_MS: f64 = 300_000.0;

/// The wait before the next attempt after `failures` failures in a row
/// (0 = the last sync succeeded), with `jitter` in `0.0..1.0` spreading
/// devices that failed together so they do not all retry at once.
///
/// ```
/// use linli::sync::schedule::{next_delay_ms, MAX_RETRY_MS, REGULAR_INTERVAL_MS};
/// assert_eq!(next_delay_ms(0, 0.5), REGULAR_INTERVAL_MS);
/// assert!(next_delay_ms(2, 0.0) < next_delay_ms(3, 0.0));
/// assert!(next_delay_ms(40, 0.99) <= MAX_RETRY_MS);
/// ```
pub fn next_delay_ms(failures: u32, jitter: f64) -> f64 {
    if failures == 0 {
        return REGULAR_INTERVAL_MS;
    }
    let backoff = FIRST_RETRY_MS * 2f64.powi(failures.min(20) as i32 - 1);
    // "Equal jitter": half the delay fixed, half random.
    let capped = backoff.min(MAX_RETRY_MS);
    capped / 2.0 + capped / 2.0 * jitter.clamp(0.0, 1.0)
}
