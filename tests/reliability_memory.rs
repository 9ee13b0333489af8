//! A 1 GiB response body ends in an error with bounded memory, not an
//! out-of-memory: success bodies are capped at 10 MiB, error bodies at
//! 64 KiB. One test in its own file, so the process's peak RSS is its own.

mod support;

use support::{RawServer, Reply, bearer_client};
use workiva_processes::{ErrorKind, MAX_ERROR_BODY, RetryPolicy};

const GIB: usize = 1024 * 1024 * 1024;

/// Peak resident set size of this process (Linux `VmHWM`), in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_1_gib_body_ends_in_an_error_with_bounded_memory() {
    let server = RawServer::start(|r| {
        let status = if r.method == "GET" { 200 } else { 500 };
        Reply::StreamChunked {
            status,
            content_type: "application/json",
            total: Some(GIB),
        }
    })
    .await;
    let client = bearer_client(&server.uri(), RetryPolicy::none());

    // Warm up (connection pool, TLS-free HTTP stack, tracing) before the baseline.
    let _ = client.trash_process("warm-up").await;
    let baseline = peak_rss();

    let e = client
        .get_process("p1", None)
        .await
        .expect_err("a 1 GiB success body is refused");
    assert_eq!(e.kind(), ErrorKind::InvalidBody, "{e}");
    assert_eq!(e.status_code(), Some(200));
    assert!(e.to_string().contains("exceeds"), "{e}");

    let e = client
        .trash_process("p1")
        .await
        .expect_err("a 1 GiB error body");
    assert_eq!(e.kind(), ErrorKind::ServerError, "{e}");
    assert_eq!(e.status_code(), Some(500));
    assert_eq!(e.raw_body().len(), MAX_ERROR_BODY);
    assert!(e.body_truncated());

    if let (Some(before), Some(after)) = (baseline, peak_rss()) {
        let grown = after.saturating_sub(before);
        println!(
            "peak RSS: baseline {} MiB, after {} MiB, grown {} MiB",
            before >> 20,
            after >> 20,
            grown >> 20
        );
        assert!(
            grown < 100 * 1024 * 1024,
            "peak RSS grew by {} MiB",
            grown >> 20
        );
    }
}
