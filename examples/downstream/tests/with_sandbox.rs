//! The downstream crate's test: the sandbox runs in-process on 127.0.0.1,
//! seeded with demo data, and the SDK's client talks to it over HTTP.

use downstream_example::trash_matching;
use workiva_processes::{Client, Credentials, ErrorKind};
use workiva_processes_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, FaultConfig, Sandbox};

async fn client_for(base_url: String) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(Credentials::client_credentials(
            DEMO_CLIENT_ID,
            DEMO_CLIENT_SECRET,
        ))
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn trashes_only_the_matching_processes() {
    let sandbox = Sandbox::builder()
        .seed_demo_data(true)
        .start()
        .await
        .expect("sandbox starts");
    let before = sandbox.processes().len();
    let client = client_for(sandbox.base_url()).await;

    let trashed = trash_matching(&client, "10-K")
        .await
        .expect("workflow succeeds");

    assert!(!trashed.is_empty());
    assert_eq!(sandbox.counters().processes_trashed as usize, trashed.len());
    assert_eq!(sandbox.processes().len(), before - trashed.len());
    let e = client
        .get_process(&trashed[0], None)
        .await
        .expect_err("trashed processes are gone");
    assert_eq!(e.kind(), ErrorKind::NotFound);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn survives_a_flaky_server() {
    let faults = FaultConfig::new().random_503(0.3).retry_after_secs(0);
    let sandbox = Sandbox::builder()
        .seed(3)
        .seed_demo_data(true)
        .faults(faults)
        .start()
        .await
        .expect("sandbox starts");
    let client = client_for(sandbox.base_url()).await;
    let outcome = trash_matching(&client, "").await;
    // Every process trashed, or an honest 503 after the retries: never both
    // a success and a process left behind.
    match outcome {
        Ok(ids) => assert_eq!(sandbox.counters().processes_trashed as usize, ids.len()),
        Err(e) => assert_eq!(e.kind(), ErrorKind::ServiceUnavailable, "{e}"),
    }
}
