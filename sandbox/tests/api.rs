//! Every operation and error path over real HTTP, each response checked
//! against the spec's schemas and the SDK's types (see `common`).

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{Api, VERSION, names, send_checked};
use reqwest::Method;
use serde_json::{Value, json};
use workiva_processes::types;
use workiva_processes_sandbox::{DEFAULT_TOKEN_LIFETIME, Sandbox};

fn job(name: &str, kind: &str) -> Value {
    json!({"type": "job", "job": {"name": name, "action": kind, "triggerType": "whenEligible", "arguments": {"type": kind}}})
}

fn close_process() -> Value {
    json!({
        "name": "Q2 2026 Close",
        "dueDate": "2026-07-31",
        "businessStartDate": "2026-07-01",
        "businessDaysOfWeek": ["MONDAY", "FRIDAY"],
        "autoClose": false,
        "root": {
            "name": "Q2 2026 Close",
            "parallel": false,
            "readOnly": false,
            "triggerType": "whenEligible",
            "children": [
                {"type": "group", "group": {"name": "Prepare", "parallel": true, "children": [
                    job("Draft balance sheet", "sendTask"),
                    job("Collect disclosures", "contentRequest"),
                ]}},
                job("Certify", "certification"),
                job("Approve", "certificationApproverGenerated"),
            ]
        }
    })
}

#[tokio::test]
async fn token_endpoint_issues_and_refuses() {
    let api = Api::start().await;
    let url = api.sandbox.token_url();
    let http = &api.http;

    let ok: Value = http
        .post(&url)
        .basic_auth("demo", Some("demo"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok["token_type"], "Bearer");
    assert_eq!(ok["expires_in"], DEFAULT_TOKEN_LIFETIME.as_secs());
    assert_eq!(ok["scope"], "file:read file:write");
    assert!(ok["access_token"].as_str().unwrap().len() >= 32);
    assert_ne!(ok["access_token"], json!(api.token), "tokens are random");

    // Credentials as form fields, asking for a subset of the scopes.
    let response = http
        .post(&url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "demo"),
            ("client_secret", "demo"),
            ("scope", "file:read"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let subset: Value = response.json().await.unwrap();
    assert_eq!(subset["scope"], "file:read");

    // (form, HTTP Basic credentials, status, OAuth error)
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        Option<(&'a str, &'a str)>,
        u16,
        &'a str,
    );
    let cases: [Case; 5] = [
        (
            &[("grant_type", "client_credentials")],
            Some(("demo", "wrong")),
            401,
            "invalid_client",
        ),
        (
            &[
                ("grant_type", "client_credentials"),
                ("client_id", "x"),
                ("client_secret", "y"),
            ],
            None,
            401,
            "invalid_client",
        ),
        (
            &[("grant_type", "client_credentials")],
            None,
            401,
            "invalid_client",
        ),
        (
            &[("grant_type", "password")],
            Some(("demo", "demo")),
            400,
            "unsupported_grant_type",
        ),
        (
            &[
                ("grant_type", "client_credentials"),
                ("scope", "graph:read"),
            ],
            Some(("demo", "demo")),
            400,
            "invalid_scope",
        ),
    ];
    for (form, basic, status, error) in cases {
        let mut request = http.post(&url).form(form);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{form:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], error, "{body}");
        assert!(
            body["error_description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
    }
    let missing: Value = http
        .post(&url)
        .basic_auth("demo", Some("demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(missing["error"], "invalid_request");

    let counters = api.sandbox.counters();
    assert_eq!(counters.token_requests, 1 + 2 + cases.len() as u64 + 1);
    assert_eq!(counters.tokens_issued, 3);
}

#[tokio::test]
async fn credentials_scopes_and_lifetime_are_configurable() {
    let sandbox = Sandbox::builder()
        .client_credentials("acme", "s3cret")
        .granted_scopes(["file:read"])
        .token_lifetime(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let http = common::http_client(reqwest::Client::builder());
    let response = http
        .post(sandbox.token_url())
        .basic_auth("acme", Some("s3cret"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "file:read file:write"),
        ])
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["expires_in"], 60);
    assert_eq!(
        body["scope"], "file:read",
        "the intersection of asked and granted"
    );
    let token = body["access_token"].as_str().unwrap();

    let demo = http
        .post(sandbox.token_url())
        .basic_auth("demo", Some("demo"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(demo.status(), 401);

    let url = format!("{}/processes", sandbox.base_url());
    let read = http
        .get(&url)
        .header("X-Version", VERSION)
        .bearer_auth(token);
    assert_eq!(send_checked("listProcesses", read).await.status, 200);
    let write = http
        .post(&url)
        .header("X-Version", VERSION)
        .bearer_auth(token)
        .json(&json!({"name": "x"}));
    let reply = send_checked("createProcess", write).await;
    assert_eq!(
        (reply.status, reply.body),
        (403, json!({"code": "403", "message": "Forbidden"}))
    );
    assert!(sandbox.processes().is_empty());
}

#[tokio::test]
async fn version_and_credentials_are_checked_on_every_operation() {
    let api = Api::start().await;
    let id = api.create_named("Checked").await;
    let run_id = api
        .call(
            "runProcess",
            api.req(Method::POST, &format!("/processes/{id}/run")),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let calls: Vec<(&str, Method, String, Option<Value>)> = vec![
        ("listProcesses", Method::GET, "/processes".into(), None),
        (
            "createProcess",
            Method::POST,
            "/processes".into(),
            Some(json!({"name": "n"})),
        ),
        ("getProcess", Method::GET, format!("/processes/{id}"), None),
        (
            "trashProcess",
            Method::DELETE,
            format!("/processes/{id}"),
            None,
        ),
        (
            "batchUpdateProcess",
            Method::POST,
            format!("/processes/{id}/batchUpdates"),
            Some(json!({"data": []})),
        ),
        (
            "runProcess",
            Method::POST,
            format!("/processes/{id}/run"),
            None,
        ),
        (
            "getProcessRun",
            Method::GET,
            format!("/processRuns/{run_id}"),
            None,
        ),
        (
            "createJobRuns",
            Method::POST,
            format!("/processRuns/{run_id}/jobRuns"),
            Some(json!([])),
        ),
    ];
    assert_eq!(calls.len(), workiva_processes::OPERATIONS.len());
    let unauthorized = json!({"code": "Unauthorized", "message": "Bad credentials"});
    for (op, method, path, body) in &calls {
        let with_body = |r: reqwest::RequestBuilder| match body {
            Some(b) => r.json(b),
            None => r,
        };
        let plain = api.http.request(method.clone(), api.url(path));

        let no_version = with_body(plain.try_clone().unwrap().bearer_auth(&api.token));
        let reply = send_checked(op, no_version).await;
        assert_eq!(reply.status, 400, "{op}");
        assert_eq!(reply.body["target"], "X-Version");

        let old = with_body(
            plain
                .try_clone()
                .unwrap()
                .bearer_auth(&api.token)
                .header("X-Version", "2026-01-01"),
        );
        assert_eq!(send_checked(op, old).await.status, 400, "{op}");

        let anonymous = with_body(plain.try_clone().unwrap().header("X-Version", VERSION));
        let reply = send_checked(op, anonymous).await;
        assert_eq!((reply.status, &reply.body), (401, &unauthorized), "{op}");
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"));

        let forged = with_body(
            plain
                .try_clone()
                .unwrap()
                .header("X-Version", VERSION)
                .bearer_auth("forged"),
        );
        assert_eq!(send_checked(op, forged).await.status, 401, "{op}");
    }
    // Nothing above got past the gate.
    assert_eq!(api.sandbox.processes().len(), 1);
    assert_eq!(api.sandbox.counters().processes_trashed, 0);

    api.sandbox.revoke_tokens();
    let reply = api
        .call("listProcesses", api.req(Method::GET, "/processes"))
        .await;
    assert_eq!((reply.status, reply.body), (401, unauthorized));
}

#[tokio::test]
async fn tokens_expire() {
    let api = Api::with(Sandbox::builder().token_lifetime(Duration::from_millis(300))).await;
    assert_eq!(
        api.call("listProcesses", api.req(Method::GET, "/processes"))
            .await
            .status,
        200
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        api.call("listProcesses", api.req(Method::GET, "/processes"))
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn process_lifecycle_create_get_trash() {
    let api = Api::start().await;
    let created = api.create(close_process()).await;
    let process: types::Process = created.typed();
    let id = process.id.clone().expect("the server sets the id");
    assert_eq!(id.len(), 32);
    assert_eq!(
        created.header("location"),
        Some(format!("/processes/{id}").as_str())
    );
    assert_eq!(process.revision, Some(1));
    assert!(process.created.as_ref().and_then(|c| c.date_time).is_some());
    assert!(process.modified.is_some());
    assert!(process.run.is_none());
    let root = process.root.as_ref().unwrap();
    assert!(root.id.is_some(), "groups get ids");
    assert!(
        root.children[0]
            .group
            .as_ref()
            .unwrap()
            .children
            .iter()
            .all(|c| c.job.as_ref().unwrap().id.is_some())
    );

    let got = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, created.body);

    let lean = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}"))
                .query(&[("excludeGeneratedJobs", "true")]),
        )
        .await;
    assert_eq!(
        lean.body["root"]["children"].as_array().unwrap().len(),
        2,
        "the generated approver job is left out"
    );
    let bad = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}"))
                .query(&[("excludeGeneratedJobs", "yes")]),
        )
        .await;
    assert_eq!(
        (bad.status, bad.body["target"].as_str()),
        (400, Some("excludeGeneratedJobs"))
    );

    // Server-owned fields sent by the client are ignored.
    let copy = api
        .create(json!({"id": "mine", "revision": 7, "name": "Copy"}))
        .await;
    assert_ne!(copy.body["id"], "mine");
    assert_eq!(copy.body["revision"], 1);

    let trash = api
        .call(
            "trashProcess",
            api.req(Method::DELETE, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(trash.status, 204);
    let gone = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.body,
        json!({"code": "404", "message": format!("Could not find process id {id}")})
    );
    let again = api
        .call(
            "trashProcess",
            api.req(Method::DELETE, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(again.status, 404);
    let list = api
        .call("listProcesses", api.req(Method::GET, "/processes"))
        .await;
    assert_eq!(names(&list.body), ["Copy"]);

    let counters = api.sandbox.counters();
    assert_eq!(
        (counters.processes_created, counters.processes_trashed),
        (2, 1)
    );
    assert_eq!(counters.successes("trashProcess"), 1);
    assert_eq!(counters.requests("trashProcess"), 2);
    assert_eq!(api.sandbox.trashed_process_ids(), std::slice::from_ref(&id));
    assert!(api.sandbox.restore_process(&id));
    assert_eq!(
        api.call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}"))
        )
        .await
        .status,
        200
    );
}

#[tokio::test]
async fn create_rejects_what_the_spec_rejects() {
    let api = Api::start().await;
    let bodies = [
        json!({"name": 5}),
        json!({"dueDate": "31/07/2026"}),
        json!({"businessDaysOfWeek": ["FUNDAY"]}),
        json!({"root": {"triggerType": "whenever"}}),
        json!({"root": {"children": [{"type": "job", "job": {"arguments": {}}}]}}),
        json!(["not", "an", "object"]),
    ];
    for body in bodies {
        let reply = api
            .call(
                "createProcess",
                api.req(Method::POST, "/processes").json(&body),
            )
            .await;
        assert_eq!(reply.status, 400, "{body}");
        assert!(
            reply.body["message"]
                .as_str()
                .unwrap()
                .starts_with("Invalid request body"),
            "{}",
            reply.body
        );
    }
    let not_json = api
        .req(Method::POST, "/processes")
        .header("content-type", "application/json")
        .body("{");
    assert_eq!(api.call("createProcess", not_json).await.status, 400);
    let empty = api
        .call("createProcess", api.req(Method::POST, "/processes"))
        .await;
    assert_eq!(
        (empty.status, empty.body["message"].as_str()),
        (400, Some("A request body is required."))
    );
    assert!(api.sandbox.processes().is_empty());
    assert_eq!(api.sandbox.counters().processes_created, 0);
}

#[tokio::test]
async fn list_pages_with_next_links() {
    let api = Api::start().await;
    for i in 0..7 {
        api.create_named(&format!("Process {i}")).await;
    }
    let first = api
        .call(
            "listProcesses",
            api.req(Method::GET, "/processes")
                .query(&[("$maxpagesize", "3")]),
        )
        .await;
    assert_eq!(first.status, 200);
    let mut seen = names(&first.body);
    assert_eq!(seen.len(), 3);
    let mut link = first.body["@nextLink"].as_str().map(str::to_owned);
    let mut pages = 1;
    while let Some(url) = link {
        assert!(
            url.starts_with(&format!("{}/processes?", api.sandbox.base_url())),
            "{url}"
        );
        assert!(
            url.contains("$next=") && url.contains("$maxpagesize=3"),
            "{url}"
        );
        let page = send_checked(
            "listProcesses",
            api.http
                .get(&url)
                .header("X-Version", VERSION)
                .bearer_auth(&api.token),
        )
        .await;
        seen.extend(names(&page.body));
        link = page.body["@nextLink"].as_str().map(str::to_owned);
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 7);
    // Without a run, ties go newest first under the default order.
    assert_eq!(seen.first().map(String::as_str), Some("Process 6"));

    let all = api
        .call("listProcesses", api.req(Method::GET, "/processes"))
        .await;
    assert_eq!(names(&all.body).len(), 7);
    assert!(
        all.body.get("@nextLink").is_none(),
        "absent on the last page"
    );
}

#[tokio::test]
async fn paging_survives_changes_between_pages() {
    let api = Api::start().await;
    let mut ids = Vec::new();
    for name in ["a", "b", "c", "d", "e", "f"] {
        ids.push(api.create_named(name).await);
    }
    let query = [("$maxpagesize", "2"), ("$orderBy", "name")];
    let first = api
        .call(
            "listProcesses",
            api.req(Method::GET, "/processes").query(&query),
        )
        .await;
    assert_eq!(names(&first.body), ["a", "b"]);
    // Trash one already served and one not yet served.
    for id in [&ids[0], &ids[3]] {
        api.call(
            "trashProcess",
            api.req(Method::DELETE, &format!("/processes/{id}")),
        )
        .await;
    }
    let mut seen = names(&first.body);
    let mut link = first.body["@nextLink"].as_str().map(str::to_owned);
    while let Some(url) = link {
        let page = send_checked(
            "listProcesses",
            api.http
                .get(&url)
                .header("X-Version", VERSION)
                .bearer_auth(&api.token),
        )
        .await;
        seen.extend(names(&page.body));
        link = page.body["@nextLink"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, ["a", "b", "c", "e", "f"]);
}

#[tokio::test]
async fn list_filters_and_orders() {
    let api = Api::start().await;
    for (name, due) in [
        ("Beta review", "2026-03-01"),
        ("alpha close", "2026-01-15"),
        ("ALPHA audit", "2026-02-01"),
    ] {
        api.create(json!({"name": name, "dueDate": due})).await;
    }
    api.create(json!({"name": "No due date"})).await;
    let api = &api;
    let list = |query: Vec<(&'static str, &'static str)>| {
        let request = api.req(Method::GET, "/processes").query(&query);
        async move { api.call("listProcesses", request).await }
    };
    let filtered = list(vec![("$filter", "name contains 'Alpha'")]).await;
    assert_eq!(filtered.body["data"].as_array().unwrap().len(), 2);
    let by_name = list(vec![("$orderBy", "name")]).await;
    assert_eq!(
        names(&by_name.body),
        ["ALPHA audit", "alpha close", "Beta review", "No due date"]
    );
    let by_name_desc = list(vec![("$orderBy", "name desc")]).await;
    assert_eq!(
        names(&by_name_desc.body),
        ["No due date", "Beta review", "alpha close", "ALPHA audit"]
    );
    let by_due = list(vec![("$orderBy", "dueDate asc")]).await;
    assert_eq!(
        names(&by_due.body),
        ["alpha close", "ALPHA audit", "Beta review", "No due date"]
    );
    let by_due_desc = list(vec![("$orderBy", "dueDate desc")]).await;
    assert_eq!(
        names(&by_due_desc.body),
        ["Beta review", "ALPHA audit", "alpha close", "No due date"]
    );

    // A started process comes first under the default order.
    let beta = by_name.body["data"][2]["id"].as_str().unwrap().to_owned();
    api.call(
        "runProcess",
        api.req(Method::POST, &format!("/processes/{beta}/run")),
    )
    .await;
    let default = list(vec![]).await;
    assert_eq!(names(&default.body)[0], "Beta review");
    assert_eq!(
        default.body["data"][0]["run"]["status"], "running",
        "the run is embedded"
    );

    let filtered_page = list(vec![
        ("$filter", "name contains 'a'"),
        ("$maxpagesize", "1"),
        ("$orderBy", "name"),
    ])
    .await;
    let link = filtered_page.body["@nextLink"].as_str().unwrap();
    assert!(
        link.contains("$filter=name%20contains%20%27a%27") && link.contains("$orderBy=name"),
        "{link}"
    );

    for (name, value) in [
        ("$maxpagesize", "0"),
        ("$maxpagesize", "1001"),
        ("$maxpagesize", "ten"),
        ("$filter", "name eq 'x'"),
        ("$filter", "dueDate contains '2026'"),
        ("$orderBy", "created desc"),
        ("$orderBy", "name sideways"),
        ("$next", "garbage"),
    ] {
        let reply = list(vec![(name, value)]).await;
        assert_eq!(reply.status, 400, "{name}={value}");
        assert_eq!(reply.body["target"], name);
        assert_eq!(reply.body["code"], "400");
    }
    // A cursor continues its own listing only.
    let next = link.split("$next=").nth(1).unwrap();
    let mismatched = api
        .req(Method::GET, "/processes")
        .query(&[("$next", next), ("$orderBy", "dueDate")]);
    assert_eq!(api.call("listProcesses", mismatched).await.status, 400);
    let alone = api
        .call(
            "listProcesses",
            api.req(Method::GET, "/processes").query(&[("$next", next)]),
        )
        .await;
    assert_eq!(alone.status, 200);
    let max = list(vec![("$maxpagesize", "1000")]).await;
    assert_eq!(max.status, 200);
}

#[tokio::test]
async fn batch_update_renames_jobs_and_groups() {
    let api = Api::start().await;
    let created = api.create(close_process()).await.body;
    let id = created["id"].as_str().unwrap();
    let group_id = created["root"]["children"][0]["group"]["id"]
        .as_str()
        .unwrap();
    let nested_job = created["root"]["children"][0]["group"]["children"][1]["job"]["id"]
        .as_str()
        .unwrap();
    let top_job = created["root"]["children"][1]["job"]["id"]
        .as_str()
        .unwrap();
    let path = format!("/processes/{id}/batchUpdates");

    let update = json!({"data": [
        {"type": "jobName", "id": top_job, "newName": "Certify (flat)"},
        {"type": "jobName", "jobNameUpdate": {"id": nested_job, "newName": "Collect (nested)"}},
        {"type": "groupName", "groupNameUpdate": {"id": group_id, "newName": "Prepare statements"}},
    ]});
    let reply = api
        .call(
            "batchUpdateProcess",
            api.req(Method::POST, &path).json(&update),
        )
        .await;
    assert_eq!(reply.status, 200);
    let p = &reply.body;
    assert_eq!(p["revision"], 2);
    assert_eq!(p["root"]["children"][1]["job"]["name"], "Certify (flat)");
    assert_eq!(
        p["root"]["children"][0]["group"]["children"][1]["job"]["name"],
        "Collect (nested)"
    );
    assert_eq!(
        p["root"]["children"][0]["group"]["name"],
        "Prepare statements"
    );
    let got = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(got.body, reply.body);

    // All or nothing: one unknown id fails the batch and renames nothing.
    let partial = json!({"data": [
        {"type": "jobName", "id": top_job, "newName": "Never"},
        {"type": "jobName", "id": "nope", "newName": "x"},
    ]});
    let reply = api
        .call(
            "batchUpdateProcess",
            api.req(Method::POST, &path).json(&partial),
        )
        .await;
    assert_eq!(
        (reply.status, reply.body["target"].as_str()),
        (400, Some("data[1].id"))
    );
    let wrong_kind = json!({"data": [{"type": "groupName", "id": top_job, "newName": "x"}]});
    assert_eq!(
        api.call(
            "batchUpdateProcess",
            api.req(Method::POST, &path).json(&wrong_kind)
        )
        .await
        .status,
        400
    );
    let incomplete = json!({"data": [{"type": "jobName", "id": top_job}]});
    assert_eq!(
        api.call(
            "batchUpdateProcess",
            api.req(Method::POST, &path).json(&incomplete)
        )
        .await
        .status,
        400
    );
    let bad_type = json!({"data": [{"type": "jobColor", "id": top_job, "newName": "x"}]});
    assert_eq!(
        api.call(
            "batchUpdateProcess",
            api.req(Method::POST, &path).json(&bad_type)
        )
        .await
        .status,
        400
    );
    let too_many: Vec<Value> = (0..3001)
        .map(|_| json!({"type": "jobName", "id": top_job, "newName": "x"}))
        .collect();
    let reply = api
        .call(
            "batchUpdateProcess",
            api.req(Method::POST, &path)
                .json(&json!({"data": too_many})),
        )
        .await;
    assert_eq!(reply.status, 400);
    let at_limit: Vec<Value> = (0..3000)
        .map(|i| json!({"type": "jobName", "id": top_job, "newName": format!("v{i}")}))
        .collect();
    let reply = api
        .call(
            "batchUpdateProcess",
            api.req(Method::POST, &path)
                .json(&json!({"data": at_limit})),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["root"]["children"][1]["job"]["name"], "v2999");
    assert_eq!(reply.body["revision"], 3, "failed batches changed nothing");

    let empty = api
        .call(
            "batchUpdateProcess",
            api.req(Method::POST, &path).json(&json!({"data": []})),
        )
        .await;
    assert_eq!(empty.status, 200);
    let missing = api
        .call(
            "batchUpdateProcess",
            api.req(Method::POST, "/processes/nope/batchUpdates")
                .json(&json!({"data": []})),
        )
        .await;
    assert_eq!(
        (missing.status, missing.body["message"].as_str()),
        (404, Some("Could not find process id nope"))
    );
    assert_eq!(api.sandbox.counters().batch_updates, 3);
}

#[tokio::test]
async fn runs_start_once_and_can_be_read() {
    let api = Api::start().await;
    let id = api.create(close_process()).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let run_path = format!("/processes/{id}/run");

    let started = api
        .call("runProcess", api.req(Method::POST, &run_path))
        .await;
    assert_eq!(started.status, 201);
    let run: types::ProcessRun = started.typed();
    let run_id = run.id.clone().unwrap();
    assert_eq!(run.status, Some(types::RunStatus::Running));
    assert!(!run.parallel && !run.read_only);
    assert_eq!(run.children.len(), 3);
    assert_eq!(run.children[0]["status"], "running");
    assert_eq!(run.children[1]["status"], "waiting");
    assert_eq!(
        started.header("location"),
        Some(format!("/processRuns/{run_id}").as_str())
    );

    let again = api
        .call(
            "runProcess",
            api.req(Method::POST, &run_path).json(&json!({})),
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(
        again.body["message"]
            .as_str()
            .unwrap()
            .contains("already running")
    );

    let got = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}")),
        )
        .await;
    assert_eq!(got.body, started.body);
    let lean = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}"))
                .query(&[("excludeGeneratedJobs", "true")]),
        )
        .await;
    assert_eq!(lean.body["children"].as_array().unwrap().len(), 2);
    let process = api
        .call(
            "getProcess",
            api.req(Method::GET, &format!("/processes/{id}")),
        )
        .await;
    assert_eq!(process.body["run"], started.body);

    // Once complete, the process can run again; the old run stays readable.
    assert!(api.sandbox.complete_run(&run_id));
    let rerun = api
        .call(
            "runProcess",
            api.req(Method::POST, &run_path)
                .json(&json!({"sendProcessCompleteEmail": true})),
        )
        .await;
    assert_eq!(rerun.status, 201);
    assert_ne!(rerun.body["id"].as_str(), Some(run_id.as_str()));
    let old = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}")),
        )
        .await;
    assert_eq!(old.body["status"], "complete");

    let bad_options = api
        .req(Method::POST, &run_path)
        .json(&json!({"sendProcessCompleteEmail": "yes"}));
    assert_eq!(api.call("runProcess", bad_options).await.status, 400);
    let missing = api
        .call("runProcess", api.req(Method::POST, "/processes/nope/run"))
        .await;
    assert_eq!(missing.status, 404);
    let no_run = api
        .call("getProcessRun", api.req(Method::GET, "/processRuns/nope"))
        .await;
    assert_eq!(
        no_run.body,
        json!({"code": "404", "message": "Could not find process run id nope"})
    );

    // Trashing the process hides its runs.
    api.call(
        "trashProcess",
        api.req(Method::DELETE, &format!("/processes/{id}")),
    )
    .await;
    let hidden = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}")),
        )
        .await;
    assert_eq!(hidden.status, 404);
    assert_eq!(api.sandbox.counters().runs_started, 2);
}

#[tokio::test]
async fn job_runs_are_added_where_asked() {
    let api = Api::start().await;
    let created = api.create(close_process()).await.body;
    let id = created["id"].as_str().unwrap();
    let group_id = created["root"]["children"][0]["group"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let first_in_group = created["root"]["children"][0]["group"]["children"][0]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let run = api
        .call(
            "runProcess",
            api.req(Method::POST, &format!("/processes/{id}/run")),
        )
        .await
        .body;
    let run_id = run["id"].as_str().unwrap().to_owned();
    let path = format!("/processRuns/{run_id}/jobRuns");
    let jobs = json!([
        {"action": "sendTask", "triggerType": "whenEligible", "arguments": {"type": "sendTask", "sendTaskArgs": {"assigneeUser": "u1"}}},
        {"action": "contentRequest", "arguments": {"type": "contentRequest"}},
    ]);

    let appended = api
        .call("createJobRuns", api.req(Method::POST, &path).json(&jobs))
        .await;
    assert_eq!(appended.status, 201);
    let added = appended.body["data"].as_array().unwrap();
    assert_eq!(added.len(), 2);
    let top = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}")),
        )
        .await
        .body;
    let children = top["children"].as_array().unwrap();
    assert_eq!(children.len(), 5);
    assert_eq!(children[3]["id"], added[0]["id"]);
    assert_eq!(children[4]["ordinal"], 4);
    assert_eq!(top["revision"], 2);

    let one = json!([{"action": "sendTask", "arguments": {"type": "sendTask"}}]);
    let placed = api
        .call(
            "createJobRuns",
            api.req(Method::POST, &path).json(&one).query(&[
                ("parentGroupId", group_id.as_str()),
                ("relativeSiblingId", first_in_group.as_str()),
                ("before", "true"),
            ]),
        )
        .await;
    assert_eq!(placed.status, 201);
    let top = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}")),
        )
        .await
        .body;
    assert_eq!(
        top["children"][0]["children"][0]["id"],
        placed.body["data"][0]["id"]
    );
    assert_eq!(top["children"][0]["children"].as_array().unwrap().len(), 3);

    for (query, target) in [
        (vec![("parentGroupId", "nope")], "parentGroupId"),
        (vec![("relativeSiblingId", "nope")], "relativeSiblingId"),
        (vec![("before", "maybe")], "before"),
    ] {
        let reply = api
            .call(
                "createJobRuns",
                api.req(Method::POST, &path).json(&one).query(&query),
            )
            .await;
        assert_eq!(
            (reply.status, reply.body["target"].as_str()),
            (400, Some(target)),
            "{query:?}"
        );
    }
    let not_a_list = api
        .call(
            "createJobRuns",
            api.req(Method::POST, &path).json(&json!({"action": "x"})),
        )
        .await;
    assert_eq!(not_a_list.status, 400);
    let no_run = api
        .call(
            "createJobRuns",
            api.req(Method::POST, "/processRuns/nope/jobRuns")
                .json(&one),
        )
        .await;
    assert_eq!(no_run.status, 404);
    assert!(api.sandbox.complete_run(&run_id));
    let finished = api
        .call("createJobRuns", api.req(Method::POST, &path).json(&one))
        .await;
    assert_eq!(finished.status, 409);
    assert_eq!(api.sandbox.counters().job_runs_created, 3);
}

#[tokio::test]
async fn demo_data_is_realistic() {
    let api = Api::with(Sandbox::builder().seed_demo_data(true)).await;
    let list = api
        .call("listProcesses", api.req(Method::GET, "/processes"))
        .await;
    let all = names(&list.body);
    assert_eq!(all.len(), 4);
    assert_eq!(all[0], "FY2025 10-K Close", "the started one comes first");
    assert!(all.iter().any(|n| n.contains("10-Q")));
    let run = &list.body["data"][0]["run"];
    assert_eq!(run["status"], "running");
    let run_id = run["id"].as_str().unwrap();
    let got = api
        .call(
            "getProcessRun",
            api.req(Method::GET, &format!("/processRuns/{run_id}")),
        )
        .await;
    assert_eq!(got.status, 200);
    assert_eq!(
        api.sandbox.counters().processes_created,
        0,
        "demo data is not counted"
    );
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let api = Api::start().await;
    let response = api.http.get(api.url("/nowhere")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let body: types::Error = response.json().await.unwrap();
    assert_eq!(body.code, "404");

    let response = api
        .http
        .patch(api.url("/processes/abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET, DELETE, HEAD");
    let body: types::Error = response.json().await.unwrap();
    assert_eq!(body.code, "405");
    assert_eq!(api.sandbox.counters().responses(405), 1);
}

#[tokio::test]
async fn bodies_over_10_mib_are_refused() {
    let api = Api::start().await;
    let name = "x".repeat(10 * 1024 * 1024);
    let response = api
        .req(Method::POST, "/processes")
        .json(&json!({ "name": name }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: types::Error = response.json().await.unwrap();
    assert_eq!(body.code, "413");
    assert!(api.sandbox.processes().is_empty());
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let api = Api::start().await;
    let url = api.url("/processes");
    api.sandbox.shutdown().await;
    let fresh = common::http_client(reqwest::Client::builder());
    assert!(fresh.get(&url).send().await.is_err());
}
