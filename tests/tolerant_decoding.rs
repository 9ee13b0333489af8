//! A server that moves ahead of this spec revision (new fields, new enum
//! values, deep inside a response) must not break decoding.

use futures::StreamExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::types::{ProcessGroup, RunStatus, TriggerType};
use workiva_processes::{Client, Credentials, ListProcesses, RetryPolicy, types};

/// A process whose root group (and a nested job and group) carry enum values
/// and fields this revision does not know.
fn future_process() -> serde_json::Value {
    serde_json::json!({
        "id": "p1",
        "name": "Quarter close",
        "businessDaysOfWeek": ["MONDAY", "FUNDAY"],
        "futureTopLevelField": {"anything": [1, 2, 3]},
        "root": {
            "name": "Root",
            "parallel": false,
            "triggerType": "whenApproved",
            "status": "pausedByAdmin",
            "addedLater": true,
            "children": [
                {
                    "type": "milestone",
                    "job": {
                        "name": "Sign",
                        "triggerType": "onSchedule",
                        "arguments": {"type": "aiReview", "aiReviewArgs": {"model": "x"}}
                    }
                },
                {
                    "type": "group",
                    "group": {"name": "Nested", "triggerType": "whenEligible", "status": "complete"}
                }
            ]
        },
        "run": {"parallel": true, "readOnly": false, "status": "archived", "statusCounts": {"waiting": 1, "quantum": 2}}
    })
}

async fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer_token("t"))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn unknown_enum_values_and_fields_decode() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/processes/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(future_process()))
        .mount(&server)
        .await;
    let process = client_for(&server)
        .await
        .get_process("p1", None)
        .await
        .expect("decodes");

    let root: &ProcessGroup = process.root.as_ref().expect("root");
    assert_eq!(
        root.trigger_type,
        Some(TriggerType::Unknown("whenApproved".into()))
    );
    assert_eq!(
        root.status,
        Some(RunStatus::Unknown("pausedByAdmin".into()))
    );
    let job = root.children[0].job.as_ref().expect("job");
    assert_eq!(
        job.trigger_type,
        Some(TriggerType::Unknown("onSchedule".into()))
    );
    let args = job.arguments.as_ref().expect("arguments");
    assert_eq!(args.type_, types::ActionType::Unknown("aiReview".into()));
    assert_eq!(
        root.children[0].type_,
        Some(types::ChildType::Unknown("milestone".into()))
    );
    let nested = root.children[1].group.as_ref().expect("group");
    assert_eq!(nested.trigger_type, Some(TriggerType::WhenEligible));
    assert_eq!(nested.status, Some(RunStatus::Complete));
    assert_eq!(
        process.business_days_of_week[1],
        types::DayOfWeek::Unknown("FUNDAY".into())
    );
    assert_eq!(
        process.run.as_ref().unwrap().status,
        Some(RunStatus::Unknown("archived".into()))
    );
}

#[test]
fn unknown_values_survive_a_round_trip() {
    let process: types::Process = serde_json::from_value(future_process()).expect("decodes");
    let back = serde_json::to_value(&process).expect("encodes");
    assert_eq!(back["root"]["triggerType"], "whenApproved");
    assert_eq!(back["root"]["status"], "pausedByAdmin");
    assert_eq!(back["businessDaysOfWeek"][1], "FUNDAY");
    assert_eq!(
        RunStatus::Unknown("archived".into()).to_string(),
        "archived"
    );
    // Values a caller builds are still checked.
    assert!("archived".parse::<RunStatus>().is_err());
    assert_eq!("running".parse::<RunStatus>().unwrap(), RunStatus::Running);
}

#[tokio::test]
async fn list_pages_with_unknown_values_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": [future_process(), future_process()],
            "newPagingField": "x"
        })))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    let all: Vec<_> = client
        .list_processes_stream(ListProcesses::default())
        .collect()
        .await;
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(Result::is_ok));
}
