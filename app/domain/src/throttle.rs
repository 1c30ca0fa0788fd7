//! Sign-in throttling (issue 14): a guesser meets growing delays, a person who mistyped a few
//! times does not, and nobody can lock another person out for long. Failures are counted per
//! account and per address; after [`FREE_FAILURES`] in a row each further one closes sign-in
//! for a delay that doubles, up to a cap — one minute for an account (an attacker who guesses
//! at a person's account delays them at most a minute after the last guess), fifteen minutes
//! for an address. Failures older than [`FORGET_AFTER_MS`] are forgotten, and a sign-in that
//! succeeds forgets them at once.

/// Wrong attempts in a row that cost nothing.
pub const FREE_FAILURES: i64 = 5;
/// A run of failures ends this long after its last one.
pub const FORGET_AFTER_MS: i64 = 15 * 60 * 1000;

/// What a failure is counted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// The username tried (known or not: the answer must not tell which).
    Account,
    /// The address the attempt came from.
    Address,
}

impl Counted {
    /// The longest a run of failures closes sign-in for.
    pub fn cap_ms(self) -> i64 {
        match self {
            Counted::Account => 60 * 1000,
            Counted::Address => 15 * 60 * 1000,
        }
    }
}

/// How long sign-in stays closed after the `failures`th failure in a row.
pub fn delay_ms(failures: i64, counted: Counted) -> i64 {
    if failures <= FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES - 1).min(20) as u32;
    (1000_i64 << doublings).min(counted.cap_ms())
}

/// Whole seconds to wait, rounded up, for a `Retry-After` header and the person's message.
pub fn retry_after_secs(wait_ms: i64) -> u64 {
    (wait_ms.max(0) as u64).div_ceil(1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_mistakes_cost_nothing_then_the_delay_doubles_to_its_cap() {
        for n in 0..=FREE_FAILURES {
            assert_eq!(delay_ms(n, Counted::Account), 0);
        }
        assert_eq!(delay_ms(6, Counted::Account), 1000);
        assert_eq!(delay_ms(7, Counted::Account), 2000);
        assert_eq!(delay_ms(8, Counted::Account), 4000);
        assert_eq!(
            delay_ms(100, Counted::Account),
            60_000,
            "an account: a minute at most"
        );
        assert_eq!(delay_ms(100, Counted::Address), 15 * 60_000);
        assert_eq!(delay_ms(i64::MAX, Counted::Address), 15 * 60_000);
    }

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(1), 1);
        assert_eq!(retry_after_secs(1000), 1);
        assert_eq!(retry_after_secs(1001), 2);
        assert_eq!(retry_after_secs(-5), 1);
    }
}
