//! The runtime crate cannot depend on the generator (syn), so it repeats one rule: which
//! statuses are retryable when nothing else says. The generator applies it to rows that
//! leave `retryable` empty; `RetryClass::for_status` applies it to responses with no
//! code the table knows. Both must give the same answer for every status.

use obs_codes::RetryClass;
use obs_codes_gen::HttpStatus;

#[test]
fn the_generator_and_the_runtime_share_the_status_rule() {
    for code in 100..=599 {
        let status = HttpStatus { code, reason: None };
        assert_eq!(
            status.is_retryable_by_default(),
            RetryClass::for_status(code).is_retryable(),
            "status {code}"
        );
    }
}
