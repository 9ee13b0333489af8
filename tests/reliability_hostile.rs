//! Hostile input never changes the request's shape on the wire: query values
//! never inject a parameter, and nothing from input carries CR/LF into a
//! header. Checked on the raw request line and headers a server on 127.0.0.1
//! received. (Path parameters: `runtime_inputs.rs`.)

mod support;

use percent_encoding::percent_decode_str;
use support::{RawServer, Reply, bearer_client, http_response};
use workiva_processes::{Client, Credentials, ErrorKind, RetryPolicy};

const HOSTILE: &[&str] = &[
    "a&$maxpagesize=1",
    "x=1&y=2",
    "name contains 'a'&$orderBy=name",
    "#fragment",
    "?second=query",
    "a\r\nX-Injected: 1",
    "a\nb",
    "%26%24next%3Dx",
    "+plus+",
    "日本語 'quoted'",
    "a;b,c",
];

fn page() -> Reply {
    Reply::Raw(http_response(200, "application/json", br#"{"data":[]}"#))
}

/// The query pairs of a request target, decoded (`+` is a space in forms).
fn query_pairs(target: &str) -> Vec<(String, String)> {
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

#[tokio::test]
async fn query_values_never_inject_a_parameter() {
    let server = RawServer::start(|_| page()).await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    for value in HOSTILE {
        client
            .list_processes(Some(value), None, Some(value), Some(value))
            .await
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), HOSTILE.len());
    for (r, value) in requests.iter().zip(HOSTILE) {
        assert!(!r.target.contains('#'), "raw fragment in {}", r.target);
        assert!(
            r.target.bytes().all(|b| b.is_ascii_graphic()),
            "raw bytes in {}",
            r.target
        );
        assert_eq!(r.path(), "/processes");
        let mut pairs = query_pairs(&r.target);
        pairs.sort();
        let mut expected = vec![
            ("$filter".to_string(), value.to_string()),
            ("$next".to_string(), value.to_string()),
            ("$orderBy".to_string(), value.to_string()),
        ];
        expected.sort();
        assert_eq!(pairs, expected, "target {}", r.target);
        assert!(r.header("x-injected").is_none());
    }
}

#[tokio::test]
async fn path_parameters_never_become_query_or_fragment() {
    let server = RawServer::start(|_| Reply::Raw(support::no_content())).await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    for value in HOSTILE {
        client
            .trash_process(value)
            .await
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
    }
    for (r, value) in server.requests().iter().zip(HOSTILE) {
        assert!(
            !r.target.contains('?') && !r.target.contains('#'),
            "{}",
            r.target
        );
        let segment = r
            .target
            .strip_prefix("/processes/")
            .expect("one segment under /processes/");
        assert_eq!(percent_decode_str(segment).decode_utf8().unwrap(), *value);
    }
}

#[tokio::test]
async fn credentials_with_cr_lf_never_reach_a_header() {
    let server = RawServer::start(|_| Reply::Raw(support::no_content())).await;
    for token in [
        "s3cr3t\r\nX-Injected: 1",
        "s3cr3t\nX-Injected: 1",
        "s3cr3t\rX",
        "s3cr3t\0",
    ] {
        let client = Client::builder()
            .base_url(server.uri())
            .credentials(Credentials::bearer_token(token))
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("building sends nothing");
        let e = client.trash_process("p1").await.expect_err("refused");
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
        assert_eq!(e.attempts(), 0);
        assert!(
            !e.to_string().contains("s3cr3t"),
            "the token leaked into {e}"
        );
        assert!(
            !format!("{e:?}").contains("s3cr3t"),
            "the token leaked into {e:?}"
        );
    }
    assert!(server.requests().is_empty(), "sent {:?}", server.requests());
}
