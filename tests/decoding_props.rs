//! Response decoding never panics, whatever the server sends: arbitrary
//! statuses, headers and bodies (random bytes, truncated and nested JSON,
//! wrong types, huge strings, invalid UTF-8). Every non-2xx keeps its status.

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use proptest::prelude::*;
use workiva_processes::{Error, ErrorKind, MAX_ERROR_BODY, Operation, RetryPolicy, types};

/// Cases per run of the main property (the issue asks for at least 100,000).
const CASES: u32 = 100_000;

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::json!(f)),
        ".{0,40}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(5, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("code".to_string()),
                    Just("message".to_string()),
                    Just("meta".to_string()),
                    Just("details".to_string()),
                    Just("target".to_string()),
                    Just("documentationUrl".to_string()),
                    "[a-z]{1,8}"
                ],
                inner,
                0..8
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    // Weighted so most cases are small: 100,000 of them must run in the
    // normal (unoptimized) test run in well under a minute.
    prop_oneof![
        // Random bytes, often invalid UTF-8.
        4 => prop::collection::vec(any::<u8>(), 0..512),
        // Arbitrary, deeply nested JSON.
        4 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        // The error shape with arbitrary field values (wrong types included).
        4 => (json_value(), json_value(), json_value()).prop_map(|(code, message, meta)| {
            serde_json::to_vec(&serde_json::json!({"code": code, "message": message, "meta": meta})).unwrap()
        }),
        // Truncated JSON.
        4 => (json_value(), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
            let bytes = serde_json::to_vec(&v).unwrap();
            let n = cut.index(bytes.len() + 1);
            bytes[..n].to_vec()
        }),
        // Invalid UTF-8 inside a JSON string.
        2 => prop::collection::vec(128u8..=255, 1..16).prop_map(|bad| {
            let mut b = br#"{"code":"429","message":""#.to_vec();
            b.extend(bad);
            b.extend(br#""}"#);
            b
        }),
        // Long strings, around and past the 64 KiB cap.
        1 => prop_oneof![9 => 0usize..2_000, 1 => 65_400usize..66_000].prop_map(|n| {
            let mut b = br#"{"code":"500","message":""#.to_vec();
            b.extend(std::iter::repeat_n(b'a', n));
            b.extend(br#""}"#);
            b
        }),
        // Workiva's rate-limit message with arbitrary numbers.
        2 => any::<u64>().prop_map(|n| format!(r#"{{"code":"429","message":"Retry request in {n} seconds."}}"#).into_bytes()),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = prop_oneof![
        Just("retry-after".to_string()),
        Just("x-request-id".to_string()),
        Just("content-type".to_string()),
        Just("set-cookie".to_string()),
        "[a-z][a-z0-9-]{0,12}",
    ];
    let value = prop_oneof![
        any::<u64>().prop_map(|n| n.to_string().into_bytes()),
        Just(b"Wed, 21 Oct 2015 07:28:00 GMT".to_vec()),
        Just(b"Fri, 31 Dec 9999 23:59:59 GMT".to_vec()),
        prop::collection::vec(any::<u8>(), 0..64),
    ];
    prop::collection::vec((name, value), 0..6)
}

fn header_map(raw: &[(String, Vec<u8>)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in raw {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value),
        ) {
            map.append(n, v);
        }
    }
    map
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decoding_any_response_never_panics(status in 100u16..=999, raw_headers in headers(), body in body()) {
        let status = StatusCode::from_u16(status).unwrap();
        let headers = header_map(&raw_headers);
        let e = Error::from_http_response(status, headers, Bytes::from(body.clone()));

        // Every response keeps its status, and its body up to the cap.
        prop_assert_eq!(e.status(), Some(status));
        let kept = e.raw_body();
        prop_assert!(kept.len() <= MAX_ERROR_BODY);
        prop_assert_eq!(kept, &body[..body.len().min(MAX_ERROR_BODY)]);
        prop_assert_eq!(e.body_truncated(), body.len() > MAX_ERROR_BODY);
        if status.is_success() {
            prop_assert_eq!(e.kind(), ErrorKind::InvalidBody);
        } else {
            prop_assert_eq!(e.kind(), ErrorKind::from_status(status));
        }

        // Everything a caller may look at works.
        let line = e.to_string();
        prop_assert!(!line.contains('\n'));
        let _ = format!("{e:?}");
        let _ = serde_json::to_string(&e).unwrap();
        let _ = (e.code(), e.message(), e.target(), e.meta(), e.details(), e.request_id(), e.retry_after());

        // And so does the retry decision built on it.
        let op = Operation::find("trashProcess").unwrap();
        let _ = RetryPolicy::default().decide(op, &e, 1, Duration::ZERO);
        let _ = RetryPolicy::default().decide(op, &e, 1, Duration::from_secs(u32::MAX as u64));

        // 2xx bodies go through serde into the spec's types: errors, not panics.
        let _ = serde_json::from_slice::<types::Process>(&body);
        let _ = serde_json::from_slice::<types::ProcessListResult>(&body);
        let _ = serde_json::from_slice::<types::ProcessRun>(&body);
    }
}
