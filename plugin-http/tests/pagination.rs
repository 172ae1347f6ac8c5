//! Following cursor-paginated lists against a local server.

mod support;

use plugin_http::{Client, CursorPagination, CursorSource, HttpError, QueryStyle, Request};
use serde_json::{Value, json};
use support::{Canned, MockServer};

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Customer {
    id: String,
}

/// A Stripe-like list of `total` customers, `page` per page.
fn stripe_list(total: usize, page: usize) -> MockServer {
    MockServer::start(move |request| {
        let after = request
            .query()
            .split('&')
            .find_map(|pair| pair.strip_prefix("starting_after="))
            .map(|id| id.trim_start_matches("cus_").parse::<usize>().unwrap());
        let start = after.map_or(0, |n| n + 1);
        let end = (start + page).min(total);
        let data: Vec<Value> = (start..end)
            .map(|n| json!({"id": format!("cus_{n}")}))
            .collect();
        Canned::json(
            200,
            json!({"object": "list", "data": data, "has_more": end < total, "url": "/v1/customers"}),
        )
    })
}

fn list_request() -> Request {
    Request::get("/v1/customers").query("limit", &2, QueryStyle::FORM)
}

fn ids(items: &[Customer]) -> Vec<&str> {
    items.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn collects_every_page_following_starting_after() {
    let server = stripe_list(5, 2);
    let client = Client::builder(server.url()).build().unwrap();
    let all = client
        .paginate::<Customer>(list_request(), &CursorPagination::stripe())
        .unwrap();
    assert_eq!(
        ids(&all.items),
        ["cus_0", "cus_1", "cus_2", "cus_3", "cus_4"]
    );
    assert_eq!((all.pages, all.has_more), (3, false));
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            "/v1/customers?limit=2",
            "/v1/customers?limit=2&starting_after=cus_1",
            "/v1/customers?limit=2&starting_after=cus_3",
        ]
    );
}

#[test]
fn a_limit_cuts_the_list_and_says_more_remain() {
    let server = stripe_list(5, 2);
    let client = Client::builder(server.url()).build().unwrap();
    let some = client
        .paginate::<Customer>(list_request(), &CursorPagination::stripe().limit(3))
        .unwrap();
    assert_eq!(ids(&some.items), ["cus_0", "cus_1", "cus_2"]);
    assert_eq!((some.pages, some.has_more), (2, true));
    let exact = client
        .paginate::<Customer>(list_request(), &CursorPagination::stripe().limit(5))
        .unwrap();
    assert_eq!((exact.items.len(), exact.has_more), (5, false));
}

#[test]
fn the_page_cap_stops_an_endless_list() {
    let server = stripe_list(1000, 2);
    let client = Client::builder(server.url()).build().unwrap();
    let capped = client
        .paginate::<Customer>(list_request(), &CursorPagination::stripe().max_pages(3))
        .unwrap();
    assert_eq!(
        (capped.items.len(), capped.pages, capped.has_more),
        (6, 3, true)
    );
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn pages_can_be_read_one_at_a_time() {
    let server = stripe_list(3, 2);
    let client = Client::builder(server.url()).build().unwrap();
    let pages: Vec<Vec<Customer>> = client
        .pages::<Customer>(list_request(), &CursorPagination::stripe())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
}

#[test]
fn other_cursor_apis_with_a_cursor_in_the_response() {
    let server = MockServer::start(|request| {
        let page = if request.query().contains("cursor=p2") {
            2
        } else {
            1
        };
        let next = if page == 1 { json!("p2") } else { Value::Null };
        Canned::json(
            200,
            json!({"results": [{"id": format!("item-{page}")}], "meta": {"next_cursor": next}}),
        )
    });
    let client = Client::builder(server.url()).build().unwrap();
    let pagination = CursorPagination::new(
        "results",
        "cursor",
        CursorSource::Response("/meta/next_cursor".into()),
    );
    let named = pagination.clone().has_more_field(Some("/meta/has_more"));
    let error = client
        .paginate::<Customer>(Request::get("/items"), &named)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "GET /items: pagination stopped: the page has no boolean '/meta/has_more'"
    );
    // Without a has_more field, the null cursor of the second page ends the
    // list.
    let all = client
        .paginate::<Customer>(Request::get("/items"), &pagination)
        .unwrap();
    assert_eq!(ids(&all.items), ["item-1", "item-2"]);
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(targets[1..], ["/items", "/items?cursor=p2"]);
}

#[test]
fn a_cursor_in_the_response_without_has_more_ends_at_an_empty_page() {
    let server = MockServer::start(|request| {
        let (items, next) = if request.query().contains("cursor=p2") {
            (json!([]), json!("p3"))
        } else {
            (json!([{"id": "a"}, {"id": "b"}]), json!("p2"))
        };
        Canned::json(200, json!({"results": items, "next": next}))
    });
    let client = Client::builder(server.url()).build().unwrap();
    let pagination =
        CursorPagination::new("results", "cursor", CursorSource::Response("next".into()));
    let all = client
        .paginate::<Customer>(Request::get("/items"), &pagination)
        .unwrap();
    assert_eq!(ids(&all.items), ["a", "b"]);
    assert_eq!(all.pages, 2);
}

#[test]
fn broken_pages_stop_with_a_clear_error() {
    let server = MockServer::start(|request| match request.path() {
        "/loop" => Canned::json(200, json!({"data": [{"id": "same"}], "has_more": true})),
        "/no-data" => Canned::json(200, json!({"has_more": false})),
        "/no-id" => Canned::json(200, json!({"data": [{"name": "x"}], "has_more": true})),
        "/bad-item" => Canned::json(
            200,
            json!({"data": [{"id": "ok"}, {"name": "no id"}], "has_more": false}),
        ),
        _ => Canned::json(403, json!({"error": {"message": "not allowed"}})),
    });
    let client = Client::builder(server.url()).build().unwrap();
    let stripe = CursorPagination::stripe();
    let error = client
        .paginate::<Customer>(Request::get("/loop"), &stripe)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "GET /loop: pagination stopped: the API gave the cursor 'same' twice in a row; it would loop forever"
    );
    let error = client
        .paginate::<Customer>(Request::get("/no-data"), &stripe)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "GET /no-data: pagination stopped: the page has no array 'data'"
    );
    let error = client
        .paginate::<Value>(Request::get("/no-id"), &stripe)
        .unwrap_err();
    assert!(
        matches!(&error, HttpError::Pagination { message, .. }
            if message == "the API says more pages follow, but the page's last item has no 'id' to continue from"),
        "{error}"
    );
    let error = client
        .paginate::<Customer>(Request::get("/bad-item"), &stripe)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("item 1 of page 1: missing field `id`"),
        "{error}"
    );
    let error = client
        .paginate::<Customer>(Request::get("/denied"), &stripe)
        .unwrap_err();
    assert_eq!(error.api_error().unwrap().status(), 403);
}
