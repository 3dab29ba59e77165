//! A table of our own through the simple form: `obs_errors!("path.csv")`.

mod custom {
    obs_codes::obs_errors!("tables/custom.csv");
}

use custom::ObsErrorCode as Custom;

#[test]
fn the_simple_form_reads_every_column() {
    assert_eq!(Custom::COUNT, 4);
    assert_eq!(
        Custom::ALL,
        [
            Custom::Teapot,
            Custom::QuotaGone,
            Custom::Odd,
            Custom::LegacyCode
        ]
    );
    assert_eq!(Custom::from_code("I'm a teapot"), Some(Custom::Teapot));
    assert_eq!(Custom::Teapot.http_status(), Some(418));
    assert_eq!(Custom::Teapot.http_reason(), None);
    assert_eq!(Custom::QuotaGone.http_reason(), Some("Too Many Requests"));
    // Empty `retryable`: the status rule (429 retries); an explicit `false` wins over it.
    assert!(Custom::QuotaGone.is_retryable());
    assert!(!Custom::Odd.is_retryable());
    assert_eq!(Custom::Odd.solution(), Some("Wait, then try again."));
    assert_eq!(Custom::Teapot.solution(), None);
    assert_eq!(Custom::from_code("legacy-code"), Some(Custom::LegacyCode));
    assert_eq!(Custom::from_code("LEGACY_CODE"), Some(Custom::LegacyCode));
    assert_eq!(Custom::LegacyCode.aliases(), ["LEGACY_CODE", "old.legacy"]);
    assert_eq!(Custom::LegacyCode.http_status(), None);
    assert_eq!(
        Custom::Odd.description(),
        "Quoted, with \"quotes\", <angles> & [brackets]."
    );
}

#[test]
fn debug_writes_what_a_derive_would() {
    // The macro writes `Debug` out (a table of names, not a `match`): it must print
    // exactly what `#[derive(Debug)]` prints, flags and all.
    #[derive(Debug)]
    enum Derived {
        Teapot,
        QuotaGone,
        Odd,
        LegacyCode,
    }
    let derived = [
        Derived::Teapot,
        Derived::QuotaGone,
        Derived::Odd,
        Derived::LegacyCode,
    ];
    for (code, mirror) in Custom::ALL.iter().zip(&derived) {
        assert_eq!(format!("{code:?}"), format!("{mirror:?}"));
        assert_eq!(format!("{code:#?}"), format!("{mirror:#?}"));
        assert_eq!(format!("{code:>12?}|"), format!("{mirror:>12?}|"));
        assert_eq!(format!("{:?}", Some(code)), format!("{:?}", Some(mirror)));
    }
}

#[test]
fn the_generic_trait_sees_the_same_enum() {
    fn wire<C: obs_codes::ErrorCode>(code: &str) -> Option<&'static str> {
        C::from_code(code).map(C::as_str)
    }
    assert_eq!(wire::<Custom>("old.legacy"), Some("legacy-code"));
    assert_eq!(<Custom as obs_codes::ErrorCode>::ALL.len(), 4);
}
