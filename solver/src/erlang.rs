//! Erlang C staffing: how many on-call agents a demand needs to answer a
//! target share of calls within a delay, as FORMAT.md defines it (and with
//! the same floating-point steps as `check.py`, so results agree exactly).
//!
//! The Erlang B blocking probability is built with the recurrence
//! `B(n) = A·B(n−1) / (n + A·B(n−1))`, which is stable for large loads
//! (no factorials or powers), and Erlang C follows from it.

/// Largest `required` a demand entry may have (FORMAT.md limits).
pub const MAX_REQUIRED: u32 = 10_000;
/// Tolerance when comparing the service level with its target.
pub const TOLERANCE: f64 = 1e-9;

/// Offered load in Erlangs: `calls_per_hour * aht_minutes / 60`.
pub fn load(calls_per_hour: f64, aht_minutes: f64) -> f64 {
    calls_per_hour * aht_minutes / 60.0
}

/// Erlang B blocking probability for `n` agents and `a` Erlangs.
pub fn erlang_b(n: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=n {
        b = a * b / (f64::from(k) + a * b);
    }
    b
}

/// Erlang C probability that a call waits, from Erlang B (`n > a`).
fn wait_probability_from_b(n: u32, a: f64, b: f64) -> f64 {
    let n = f64::from(n);
    n * b / (n - a * (1.0 - b))
}

/// Erlang C probability that a call has to wait, `n` agents, `a` Erlangs
/// (1 when the queue is unstable, `n <= a`).
pub fn wait_probability(n: u32, a: f64) -> f64 {
    if f64::from(n) <= a {
        return 1.0;
    }
    wait_probability_from_b(n, a, erlang_b(n, a))
}

fn level(n: u32, a: f64, c: f64, answer_within_seconds: f64, aht_seconds: f64) -> f64 {
    1.0 - c * (-(f64::from(n) - a) * answer_within_seconds / aht_seconds).exp()
}

/// Share of calls answered within `answer_within_seconds` with `n` agents,
/// `a` Erlangs offered and `aht_minutes` mean handling time: 1 with no load,
/// 0 when `n <= a` (the queue grows without bound).
pub fn service_level(n: u32, a: f64, answer_within_seconds: f64, aht_minutes: f64) -> f64 {
    if a <= 0.0 {
        return 1.0;
    }
    if f64::from(n) <= a {
        return 0.0;
    }
    let c = wait_probability(n, a);
    level(n, a, c, answer_within_seconds, aht_minutes * 60.0)
}

/// Smallest number of agents whose service level reaches `target` (within
/// `TOLERANCE`); 0 with no calls; `None` when more than `MAX_REQUIRED` would
/// be needed (or an input is not a finite number).
pub fn required_agents(
    calls_per_hour: f64,
    aht_minutes: f64,
    target: f64,
    answer_within_seconds: f64,
) -> Option<u32> {
    if calls_per_hour <= 0.0 {
        return Some(0);
    }
    if !(calls_per_hour.is_finite()
        && aht_minutes.is_finite()
        && target.is_finite()
        && answer_within_seconds.is_finite())
    {
        return None;
    }
    let a = load(calls_per_hour, aht_minutes);
    let aht_seconds = aht_minutes * 60.0;
    let mut b = 1.0;
    for n in 1..=MAX_REQUIRED {
        b = a * b / (f64::from(n) + a * b);
        if f64::from(n) <= a {
            continue;
        }
        let c = wait_probability_from_b(n, a, b);
        if level(n, a, c, answer_within_seconds, aht_seconds) >= target - TOLERANCE {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn textbook_values() {
        // 100 calls/h, 3 min: 5 Erlangs. Classic table: 80 % in 20 s needs 8 agents.
        assert_eq!(required_agents(100.0, 3.0, 0.8, 20.0), Some(8));
        assert_eq!(required_agents(0.0, 18.0, 0.8, 60.0), Some(0));
        assert!(service_level(8, 5.0, 20.0, 3.0) >= 0.8);
        assert!(service_level(7, 5.0, 20.0, 3.0) < 0.8);
        assert_eq!(service_level(5, 5.0, 20.0, 3.0), 0.0);
        assert_eq!(service_level(1, 0.0, 20.0, 3.0), 1.0);
    }

    #[test]
    fn large_loads_are_stable_and_capped() {
        // 9,000 Erlangs: finite, a bit above the load.
        let n = required_agents(100_000.0, 5.4, 0.8, 60.0).unwrap();
        assert!(n > 9_000 && n < 9_200, "{n}");
        assert_eq!(required_agents(100_000.0, 1440.0, 0.8, 60.0), None);
    }
}
