//! The bundled table against its source page, `tables/upstream/obs_29_1601.rst`, and the
//! corrections the reference documents (`docs/reference/wire-codes.md`, `docs/retry.md`).

use obs_codes::ObsErrorCode;

/// One row of the page's grid table: the three cells, lines joined as the table has them.
struct PageRow {
    code: String,
    description: String,
    status: String,
}

/// Reads the page's grid table independently of the macro: cells are the text between
/// `|`, rows end at `+---` lines, paragraphs inside a cell are separated by empty lines.
fn page_rows() -> Vec<PageRow> {
    let page = std::fs::read_to_string(
        obs_codes_tests::workspace_root().join("tables/upstream/obs_29_1601.rst"),
    )
    .expect("the upstream page travels with the repository");
    let mut rows = Vec::new();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); 3];
    let mut in_body = false;
    for line in page.lines() {
        if line.starts_with("+=") {
            in_body = true;
            cells = vec![Vec::new(); 3];
        } else if line.starts_with("+-") {
            if in_body && cells.iter().any(|c| !c.is_empty()) {
                let [code, description, status] = [0, 1, 2].map(|i| paragraphs(&cells[i]));
                rows.push(PageRow {
                    code,
                    description,
                    status,
                });
            }
            cells = vec![Vec::new(); 3];
        } else if let Some(inner) = line.strip_prefix('|') {
            for (i, cell) in inner.split('|').take(3).enumerate() {
                cells[i].push(cell.trim().to_owned());
            }
        }
    }
    rows
}

fn paragraphs(lines: &[String]) -> String {
    lines
        .split(String::is_empty)
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The rows whose wire code differs from the page (wire-codes.md).
const WIRE_FIXES: [(&str, &str); 3] = [
    (
        "IllegalVersioningConfiguration Exception",
        "IllegalVersioningConfigurationException",
    ),
    (
        "IncorrectNumberOfFilesInPost Request",
        "IncorrectNumberOfFilesInPostRequest",
    ),
    (
        "MaxPostPreDataLengthExceeded Error",
        "MaxPostPreDataLengthExceededError",
    ),
];

#[test]
fn every_row_of_the_page_in_order_with_its_status_and_description() {
    let rows = page_rows();
    assert_eq!(rows.len(), 107, "the page has 107 codes");
    // The seed page's rows come first, in its order; the codes the other pages and the
    // curated table add follow (`the_other_pages_add_codes_after_the_seeds`).
    assert_eq!(ObsErrorCode::COUNT, 132);
    assert_eq!(ObsErrorCode::ALL.len(), 132);
    for (row, &code) in rows.iter().zip(ObsErrorCode::ALL) {
        let expected_code = WIRE_FIXES
            .iter()
            .find(|(documented, _)| *documented == row.code)
            .map_or(row.code.as_str(), |(_, wire)| wire);
        assert_eq!(code.as_str(), expected_code);
        if let Some((number, reason)) = row.status.split_once(' ') {
            assert_eq!(code.http_status(), number.parse().ok(), "{code}");
            assert_eq!(code.http_reason(), Some(reason), "{code}");
        } else {
            assert_eq!(row.status, "N/A", "{code}");
            assert_eq!((code.http_status(), code.http_reason()), (None, None));
        }
        // `description()` is plain text: the page's `**emphasis**` markers are gone.
        assert_eq!(
            code.description(),
            row.description.replace("**", ""),
            "{code}"
        );
    }
}

#[test]
fn every_code_round_trips() {
    for &code in ObsErrorCode::ALL {
        assert_eq!(ObsErrorCode::from_code(code.as_str()), Some(code));
        assert_eq!(code.as_str().parse::<ObsErrorCode>(), Ok(code));
        assert_eq!(ObsErrorCode::try_from(code.as_str()), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        assert_eq!(AsRef::<str>::as_ref(&code), code.as_str());
        for alias in code.aliases() {
            assert_eq!(ObsErrorCode::from_code(alias), Some(code));
        }
    }
}

#[test]
fn debug_prints_each_variant_name() {
    // The bundled table names no variant, so each name is its code with what is not an
    // ASCII letter or digit dropped (and parts capitalised): a name read at another
    // variant's offset would spell another code.
    for &code in ObsErrorCode::ALL {
        let letters: String = code
            .as_str()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let debug = format!("{code:?}");
        assert!(
            debug.eq_ignore_ascii_case(&letters),
            "{debug} for {}",
            code.as_str()
        );
    }
    assert_eq!(
        format!("{:?}", ObsErrorCode::SystemCapacityNotEnough),
        "SystemCapacityNotEnough"
    );
    assert_eq!(
        format!(
            "{:?}",
            [ObsErrorCode::AccessDenied, ObsErrorCode::NoSuchTagSet]
        ),
        "[AccessDenied, NoSuchTagSet]"
    );
}

#[test]
fn corrected_rows_and_aliases_behave_as_the_reference_says() {
    for (documented, wire) in WIRE_FIXES {
        let code = ObsErrorCode::from_code(wire).expect("the wire code is known");
        assert_eq!(code.as_str(), wire);
        assert_eq!(ObsErrorCode::from_code(documented), None, "{documented}");
    }
    // Unverified spelling: keep the documented one, accept the joined one too.
    let capacity = ObsErrorCode::SystemCapacityNotEnough;
    assert_eq!(capacity.as_str(), "System Capacity Not enough");
    assert_eq!(
        ObsErrorCode::from_code("SystemCapacityNotEnough"),
        Some(capacity)
    );
    assert_eq!(ObsErrorCode::KeyTooLong.as_str(), "KeyTooLong");
    assert_eq!(
        ObsErrorCode::from_code("KeyTooLongError"),
        Some(ObsErrorCode::KeyTooLong)
    );
    assert_eq!(
        ObsErrorCode::KMSDisabledException.as_str(),
        "KMS.DisabledException"
    );
    assert_eq!(
        ObsErrorCode::CustomDomainAreadyExist.as_str(),
        "CustomDomainAreadyExist"
    );
    assert_eq!(ObsErrorCode::RequestTimeout.http_status(), Some(400));
    assert_eq!(ObsErrorCode::Redirect.http_status(), Some(307));
    assert_eq!(
        ObsErrorCode::TemporaryRedirect.http_reason(),
        Some("Moved Temporarily")
    );
    // `N/A` is no status at all.
    assert_eq!(ObsErrorCode::InvalidAddressingHeader.http_status(), None);
    assert_eq!(ObsErrorCode::InvalidAddressingHeader.http_reason(), None);
}

#[test]
fn retry_flags_follow_the_reference() {
    let retryable: Vec<&str> = ObsErrorCode::ALL
        .iter()
        .filter(|c| c.is_retryable())
        .map(|c| c.as_str())
        .collect();
    // retry.md: transient and throttling codes present in the table; clock skew is not
    // retryable as such; 501 Not Implemented is not transient.
    assert_eq!(
        retryable,
        [
            "InternalError",
            "OperationAborted",
            "RequestTimeout",
            "ServiceUnavailable",
            "SlowDown",
            // 429: retryable by the status rule.
            "TooManyRequests"
        ]
    );
    assert!(!ObsErrorCode::RequestTimeTooSkewed.is_retryable());
    assert!(!ObsErrorCode::NotImplemented.is_retryable());
}

#[test]
fn the_two_paragraphs_of_method_not_allowed_are_kept() {
    assert_eq!(
        ObsErrorCode::MethodNotAllowed.description(),
        "The specified method is not allowed against the requested resource.\n\n\
         The message \"Specified method is not supported.\" is returned."
    );
    assert_eq!(
        ObsErrorCode::BadDigest.description(),
        "The specified value of Content-MD5 does not match the value received by OBS."
    );
}

#[test]
fn lookups_are_exact() {
    for probe in [
        "",
        "nosuchkey",
        "NOSUCHKEY",
        "NoSuchKey ",
        " NoSuchKey",
        "NoSuchKe",
        "NoSuchKeyy",
    ] {
        assert_eq!(ObsErrorCode::from_code(probe), None, "{probe:?}");
    }
    let error = "NoSuchThing".parse::<ObsErrorCode>().unwrap_err();
    assert_eq!(error.input(), "NoSuchThing");
    assert_eq!(error.to_string(), "unknown error code \"NoSuchThing\"");
    let long = "é".repeat(40);
    let error = long.parse::<ObsErrorCode>().unwrap_err();
    assert!(error.is_truncated());
    assert_eq!(error.input(), "é".repeat(32));
    assert!(error.to_string().ends_with("(cut to its first 64 bytes)"));
}

#[test]
fn the_other_pages_add_codes_after_the_seeds() {
    let added: Vec<&str> = ObsErrorCode::ALL[107..]
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        added,
        [
            // obs_04_0115 (the API reference), in its order; not `Request-URI Too Large`.
            "InvalidContentLength",
            "InvalidDefaultStorageClass",
            "MultipleContentLengths",
            "FileGatewayBucket",
            "ForbidAnonReqOverwriteRespHead",
            "VirtualHostDomainRequired",
            "Unauthorized",
            "RequestPayerDenied",
            "FsNotSupport",
            "FsObjectConflict",
            "FsRenameConflict",
            "DirectoryNotEmpty",
            "ObjectNotAppendable",
            "TooManyRequests",
            // en-us_topic_0125560440, obs_21_2002.
            "BucketExpanding",
            "AZRedundancyTypeNotSupported",
            // tables/obs-single-api.csv.
            "NoSuchEncryptionConfiguration",
            "NoSuchReplicationConfiguration",
            "NoSuchInventoryConfiguration",
            "InventoryCountOverLimit",
            "PrefixExistInclusionRelationship",
            "MalformedObjectLockError",
            "AppendTooLarge",
            "PositionNotEqualToLength",
            "OperationNotSupported",
        ]
    );
    assert_eq!(ObsErrorCode::from_code("Request-URI Too Large"), None);
    // The status fix: the API reference writes `409 ObjectNotAppendable`.
    assert_eq!(ObsErrorCode::ObjectNotAppendable.http_status(), Some(409));
    assert_eq!(
        ObsErrorCode::ObjectNotAppendable.http_reason(),
        Some("Conflict")
    );
    assert_eq!(ObsErrorCode::TooManyRequests.http_status(), Some(429));
}

#[test]
fn aliases_of_other_pages_and_clients_resolve_to_their_code() {
    for (alias, code) in [
        ("NotSuchBucketPolicy", ObsErrorCode::NoSuchBucketPolicy),
        ("MalformedXMLError", ObsErrorCode::MalformedXML),
        ("InvalidTag", ObsErrorCode::InvalidTagError),
        (
            "ReplicationConfigurationNotFoundError",
            ObsErrorCode::NoSuchReplicationConfiguration,
        ),
        ("KeyTooLongError", ObsErrorCode::KeyTooLong),
        (
            "SystemCapacityNotEnough",
            ObsErrorCode::SystemCapacityNotEnough,
        ),
    ] {
        assert_eq!(ObsErrorCode::from_code(alias), Some(code), "{alias}");
    }
    let aliases: usize = ObsErrorCode::ALL.iter().map(|c| c.aliases().len()).sum();
    assert_eq!(aliases, 6);
}

#[test]
fn solutions_come_from_the_pages_that_have_them() {
    let solved = ObsErrorCode::ALL
        .iter()
        .filter(|c| c.solution().is_some())
        .count();
    assert_eq!(solved, 95);
    // The API reference's, where it has the code.
    assert_eq!(
        ObsErrorCode::KeyTooLong.solution(),
        Some("Use a shorter key.")
    );
    // Else the Java SDK guide's.
    assert!(
        ObsErrorCode::AZRedundancyTypeNotSupported
            .solution()
            .is_some()
    );
    // No page with a Solution column lists it.
    assert_eq!(ObsErrorCode::AccountProblem.solution(), None);
}
