//! Hostile path parameters: refused locally when they would change the
//! resource addressed, otherwise sent as exactly one percent-encoded path
//! segment. The raw TCP server records the request line byte for byte, so
//! nothing the URL parser or the HTTP stack resolves or injects goes unseen.

mod support;

use percent_encoding::percent_decode_str;
use support::{RawServer, Reply, bearer_client, no_content};
use workiva_processes::{ErrorKind, RetryPolicy, types};

async fn recording_server() -> RawServer {
    RawServer::start(|_| Reply::Raw(no_content())).await
}

/// Asserts the request line addresses `/processes/<one segment>` whose
/// percent-decoding is exactly `input`.
fn assert_one_segment(line: &str, target: &str, input: &str) {
    assert!(
        line.starts_with("DELETE /processes/"),
        "request line: {line:.200}"
    );
    assert!(line.ends_with(" HTTP/1.1"), "request line: {line:.200}");
    let segment = target
        .strip_prefix("/processes/")
        .expect("under /processes/");
    assert!(!segment.is_empty());
    for c in ['/', '?', '#', ' ', '\\'] {
        assert!(
            !segment.contains(c),
            "segment {segment:.200} holds a raw {c:?}"
        );
    }
    assert!(
        segment.bytes().all(|b| b.is_ascii_graphic()),
        "segment {segment:.200} holds raw non-printable bytes"
    );
    let decoded = percent_decode_str(segment)
        .decode_utf8()
        .expect("decodes as UTF-8");
    assert_eq!(
        decoded, input,
        "segment {segment:.200} does not decode back to the input"
    );
}

#[tokio::test]
async fn relative_and_empty_segments_are_refused_before_sending() {
    let server = recording_server().await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let update = types::BatchUpdate { data: vec![] };
    let run = types::RunProcessOptions::default();
    let jobs = types::JobRunCreateList(vec![]);
    for bad in ["..", ".", ""] {
        let errors = [
            client.trash_process(bad).await.unwrap_err(),
            client.get_process(bad, None).await.unwrap_err(),
            client.batch_update_process(bad, &update).await.unwrap_err(),
            client.run_process(bad, &run).await.unwrap_err(),
            client.get_process_run(bad, None).await.unwrap_err(),
            client
                .create_job_runs(bad, None, None, None, &jobs)
                .await
                .unwrap_err(),
        ];
        for e in errors {
            assert_eq!(e.kind(), ErrorKind::InvalidInput, "{bad:?}: {e}");
            assert_eq!(e.attempts(), 0, "{bad:?}: {e}");
            assert_eq!(e.status(), None);
            assert!(e.operation().is_some());
        }
    }
    assert!(
        server.requests().is_empty(),
        "requests were sent: {:?}",
        server.requests()
    );
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn hostile_ids_are_sent_as_one_encoded_segment() {
    let server = recording_server().await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let control: String = (0u8..0x20).chain([0x7f]).map(char::from).collect();
    let inputs: Vec<String> = vec![
        "a/b".into(),
        "%2e%2e".into(),
        "%2E%2E".into(),
        "%2e".into(),
        ".%2e".into(),
        "a?b".into(),
        "a#b".into(),
        "%".into(),
        "%zz".into(),
        "%2F".into(),
        "日本".into(),
        control,
        "a\r\nX-Injected: yes".into(),
        " ".into(),
        "...".into(),
        "a/../../admin".into(),
        "../".into(),
        "./x".into(),
        "?$next=x".into(),
        "a;b=c".into(),
        "\"<>`{}|^[]".into(),
        "\u{feff}\u{202e}".into(),
        "x".repeat(60_000),
    ];
    for input in &inputs {
        let before = server.requests().len();
        client
            .trash_process(input)
            .await
            .unwrap_or_else(|e| panic!("{:.80?}: {e}", input));
        let requests = server.requests();
        assert_eq!(requests.len(), before + 1, "{:.80?}: one request", input);
        let r = &requests[before];
        assert_eq!(r.method, "DELETE");
        assert_one_segment(&r.line, &r.target, input);
        assert!(r.header("x-injected").is_none(), "a header was injected");
    }
}

#[tokio::test]
async fn backslashes_are_sent_as_one_segment() {
    // progenitor's own encoder leaves `\` as it is, and the URL parser reads
    // it as `/` in http URLs (`..\..` would resolve to `DELETE /`). The
    // runtime's encoder escapes it, so it reaches the server as data.
    let server = recording_server().await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let inputs = ["a\\b", "..\\..", "\\", ".\\", "\\..", "x\\..\\..\\admin"];
    for input in inputs {
        client
            .trash_process(input)
            .await
            .unwrap_or_else(|e| panic!("{input:?}: {e}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), inputs.len());
    for (r, input) in requests.iter().zip(inputs) {
        assert_one_segment(&r.line, &r.target, input);
    }
}

#[tokio::test]
async fn a_100_kb_id_is_refused_locally_not_mangled_or_retried() {
    // http::Uri caps a request target at 64 KiB, so a 100 KB id cannot be
    // sent. It is refused locally (nothing sent, no retries as if the network
    // had failed), never truncated or mangled. A 60 KB id is sent whole
    // (`hostile_ids_are_sent_as_one_encoded_segment`).
    let server = recording_server().await;
    let client = bearer_client(&server.uri(), support::fast_retry());
    let input = "p".repeat(100 * 1024);
    let e = client.trash_process(&input).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    assert_eq!(e.attempts(), 0, "{e}");
    assert_eq!(e.operation(), Some("trashProcess"));
    // Same with a multi-byte id (each character becomes 9 bytes of escapes).
    let input = "日".repeat(100 * 1024 / 3);
    let e = client.get_process(&input, None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    assert_eq!(e.attempts(), 0, "{e}");
    assert!(server.requests().is_empty());
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn the_path_parameter_of_every_operation_is_encoded() {
    let server = RawServer::start(|r| {
        let body = match r.path() {
            p if p.ends_with("/jobRuns") => "{}".to_string(),
            p if p.starts_with("/processRuns/") || p.ends_with("/run") => {
                r#"{"parallel":false,"readOnly":false}"#.to_string()
            }
            _ => "{}".to_string(),
        };
        let status = if r.path().ends_with("/run") { 201 } else { 200 };
        Reply::Raw(support::http_response(
            status,
            "application/json",
            body.as_bytes(),
        ))
    })
    .await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());
    let id = "a/b?c#d%e 日";
    let enc = "a%2Fb%3Fc%23d%25e%20%E6%97%A5";
    client.get_process(id, Some(true)).await.unwrap();
    client
        .batch_update_process(id, &types::BatchUpdate { data: vec![] })
        .await
        .unwrap();
    client
        .run_process(id, &types::RunProcessOptions::default())
        .await
        .unwrap();
    client.get_process_run(id, None).await.unwrap();
    client
        .create_job_runs(id, None, None, None, &types::JobRunCreateList(vec![]))
        .await
        .unwrap();
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(
        paths,
        vec![
            format!("/processes/{enc}"),
            format!("/processes/{enc}/batchUpdates"),
            format!("/processes/{enc}/run"),
            format!("/processRuns/{enc}"),
            format!("/processRuns/{enc}/jobRuns"),
        ]
    );
}
