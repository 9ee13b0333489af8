//! A downstream crate, written the way a user of the SDK would: a small
//! workflow on top of the client, tested against the embedded sandbox.

use futures::TryStreamExt;
use workiva_processes::{Client, Error, ErrorKind, ListProcesses};

/// Moves every process whose name contains `needle` to the trash and returns
/// their ids. A process someone else trashed meanwhile (404) is skipped.
pub async fn trash_matching(client: &Client, needle: &str) -> Result<Vec<String>, Error> {
    let query = ListProcesses {
        filter: Some(format!("name contains '{}'", needle.replace('\'', "''"))),
        ..Default::default()
    };
    let processes: Vec<_> = client.list_processes_stream(query).try_collect().await?;
    let mut trashed = Vec::new();
    for process in processes {
        let Some(id) = process.id else { continue };
        match client.trash_process(&id).await {
            Ok(()) => trashed.push(id),
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(trashed)
}
