//! Response decoding on arbitrary bytes: the first two bytes pick the
//! status, then header lines up to an empty line, then the body. Decoding
//! must never panic, and must keep the status and the body's prefix.

#![no_main]

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use libfuzzer_sys::fuzz_target;
use workiva_processes::{Error, MAX_ERROR_BODY};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = 100 + u16::from_be_bytes([data[0], data[1]]) % 900;
    let Ok(status) = StatusCode::from_u16(status) else { return };
    let rest = &data[2..];
    let (head, body) = match rest.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (&[][..], rest),
    };
    let mut headers = HeaderMap::new();
    for line in head.split(|b| *b == b'\n') {
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(&line[colon + 1..])) {
            headers.append(n, v);
        }
    }
    let e = Error::from_http_response(status, headers, Bytes::copy_from_slice(body));
    assert_eq!(e.status(), Some(status));
    assert_eq!(e.raw_body(), &body[..body.len().min(MAX_ERROR_BODY)]);
    let _ = (e.to_string(), format!("{e:?}"), e.retry_after(), e.code(), e.message(), e.meta(), e.details());
});
