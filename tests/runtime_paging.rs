//! Paging: `list_processes_stream` follows `@nextLink` page after page, and
//! refuses next links that would carry the token to another origin or path.

mod support;

use std::num::NonZeroU32;

use futures::StreamExt;
use support::{TOKEN, received};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workiva_processes::{ErrorKind, ListProcesses, RetryPolicy, types};

fn page(ids: &[&str], next: Option<String>) -> serde_json::Value {
    let data: Vec<_> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "name": format!("Process {id}")}))
        .collect();
    match next {
        Some(link) => serde_json::json!({"data": data, "@nextLink": link}),
        None => serde_json::json!({"data": data}),
    }
}

async fn collect(
    client: &workiva_processes::Client,
    query: ListProcesses,
) -> Vec<Result<types::Process, workiva_processes::Error>> {
    client.list_processes_stream(query).collect().await
}

#[tokio::test]
async fn the_stream_follows_next_links_across_three_pages() {
    let server = MockServer::start().await;
    support::mount_token(&server, TOKEN).await;
    let base = server.uri();
    Mock::given(method("GET"))
        .and(path("/processes"))
        .and(query_param_is_missing("$next"))
        .and(query_param("$maxpagesize", "2"))
        .and(query_param("$filter", "name contains 'Q'"))
        .and(query_param("$orderBy", "name asc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            &["a", "b"],
            Some(format!("{base}/processes?$next=c2&$maxpagesize=2&$filter=name%20contains%20%27Q%27&$orderBy=name%20asc")),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .and(query_param("$next", "c2"))
        .and(query_param("$maxpagesize", "2"))
        .respond_with(
            // A relative link is resolved against the base URL.
            ResponseTemplate::new(200)
                .set_body_json(page(&["c", "d"], Some("/processes?$next=c3".to_string()))),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .and(query_param("$next", "c3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["e"], None)))
        .expect(1)
        .mount(&server)
        .await;

    let client = support::client(&server);
    let query = ListProcesses {
        filter: Some("name contains 'Q'".into()),
        order_by: Some("name asc".into()),
        page_size: NonZeroU32::new(2),
    };
    let items = collect(&client, query).await;
    let ids: Vec<String> = items.into_iter().map(|r| r.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let gets = received(&server, "GET", "/processes").await;
    assert_eq!(gets.len(), 3);
    for r in &gets {
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
        assert_eq!(
            r.headers.get("x-version").unwrap(),
            workiva_processes::API_VERSION
        );
    }
    assert_eq!(client.token_requests(), 1);
}

#[tokio::test]
async fn an_empty_next_link_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["a"], Some(String::new()))))
        .expect(1)
        .mount(&server)
        .await;
    let client = support::bearer_client(&server.uri(), RetryPolicy::none());
    let items = collect(&client, ListProcesses::default()).await;
    assert_eq!(items.len(), 1);
    assert!(items[0].is_ok());
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_not_followed() {
    // Another origin on loopback, so a request there would be seen.
    let other_listener = std::net::TcpListener::bind("127.0.0.2:0")
        .or_else(|_| std::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let other = MockServer::builder().listener(other_listener).start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["stolen"], None)))
        .expect(0)
        .mount(&other)
        .await;
    let other_port = other.address().port();

    let server = MockServer::start().await;
    support::mount_token(&server, TOKEN).await;
    let port = server.address().port();
    let links = [
        format!("{}/processes?$next=x", other.uri()),
        format!("http://127.0.0.2:{port}/processes?$next=x"),
        format!("http://127.0.0.1:{other_port}/processes?$next=x"),
        format!("//127.0.0.2:{other_port}/processes?$next=x"),
        format!("https://127.0.0.1:{port}/processes?$next=x"),
        "https://evil.example/processes?$next=x".to_string(),
        // Same origin, another path: not the list operation.
        "/oauth2/token?$next=x".to_string(),
        "/processes/../admin?$next=x".to_string(),
        // Same origin and path but no cursor: would restart from page one.
        "/processes?$filter=x".to_string(),
    ];
    for (i, link) in links.iter().enumerate() {
        let cursor = format!("start{i}");
        Mock::given(method("GET"))
            .and(path("/processes"))
            .and(query_param("$filter", cursor.as_str()))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(page(&["first"], Some(link.clone()))),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = support::client(&server);
    for (i, link) in links.iter().enumerate() {
        let query = ListProcesses {
            filter: Some(format!("start{i}")),
            ..Default::default()
        };
        let items = collect(&client, query).await;
        assert_eq!(
            items.len(),
            2,
            "{link}: the first page's item, then the error: {items:?}"
        );
        assert_eq!(items[0].as_ref().unwrap().id.as_deref(), Some("first"));
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidBody, "{link}: {e}");
        assert_eq!(e.operation(), Some("listProcesses"));
        assert!(!e.to_string().contains(TOKEN));
    }
    assert!(
        other.received_requests().await.unwrap().is_empty(),
        "the other origin was called"
    );
    // One request per query: no link was followed.
    assert_eq!(
        received(&server, "GET", "/processes").await.len(),
        links.len()
    );
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| r.url.path() == "/processes" || r.url.path() == "/oauth2/token")
    );
}

#[tokio::test]
async fn an_error_on_a_later_page_ends_the_stream_with_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .and(query_param_is_missing("$next"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["a"], Some("/processes?$next=2".into()))),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/processes"))
        .and(query_param("$next", "2"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(support::error_json("badCursor", "The cursor expired")),
        )
        .mount(&server)
        .await;
    let client = support::bearer_client(&server.uri(), RetryPolicy::none());
    let items = collect(&client, ListProcesses::default()).await;
    assert_eq!(items.len(), 2);
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest);
    assert_eq!(e.code(), Some("badCursor"));
}

#[tokio::test]
async fn next_links_keep_a_base_path() {
    let server = MockServer::start().await;
    let base = format!("{}/api", server.uri());
    Mock::given(method("GET"))
        .and(path("/api/processes"))
        .and(query_param_is_missing("$next"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["a"], Some(format!("{base}/processes?$next=2")))),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/processes"))
        .and(query_param("$next", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["b"], None)))
        .mount(&server)
        .await;
    let client = support::bearer_client(&base, RetryPolicy::none());
    let ids: Vec<String> = collect(&client, ListProcesses::default())
        .await
        .into_iter()
        .map(|r| r.unwrap().id.unwrap())
        .collect();
    assert_eq!(ids, ["a", "b"]);
}
