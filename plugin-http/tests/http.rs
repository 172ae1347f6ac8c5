//! The client against a local server: what goes over the wire, how answers
//! are decoded, and that no credential leaks into an error.

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use plugin_api::{ErrorKind, PluginError};
use plugin_http::{
    ApiKeyLocation, Auth, Client, HttpError, Method, Multipart, QueryStyle, Request, Secret,
};
use serde_json::json;
use support::{Canned, MockServer};

fn ok() -> Canned {
    Canned::json(200, json!({"id": "cus_1", "object": "customer"}))
}

fn client(server: &MockServer) -> Client {
    Client::builder(server.url()).build().unwrap()
}

#[derive(serde::Serialize)]
struct UpdateCustomer {
    email: String,
    metadata: BTreeMap<String, String>,
    address: Address,
    invoice_settings: InvoiceSettings,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(serde::Serialize)]
struct Address {
    city: String,
}

#[derive(serde::Serialize)]
struct InvoiceSettings {
    custom_fields: Vec<CustomField>,
}

#[derive(serde::Serialize)]
struct CustomField {
    name: String,
    value: String,
}

#[test]
fn an_operation_goes_over_the_wire_as_encoded() {
    let server = MockServer::start(|_| ok());
    let client = Client::builder(format!("{}/", server.url()))
        .header("Stripe-Version", "2023-08-16")
        .user_agent("stripe-plugin/1.0")
        .build()
        .unwrap();
    let body = UpdateCustomer {
        email: "ada@example.com".into(),
        metadata: [("plan".to_owned(), "gold".to_owned())].into(),
        address: Address {
            city: "São Paulo".into(),
        },
        invoice_settings: InvoiceSettings {
            custom_fields: vec![CustomField {
                name: "PO".into(),
                value: "42".into(),
            }],
        },
        description: None,
    };
    let request = Request::new(Method::Post, "/v1/customers/{customer}")
        .path_param("customer", "cus 1/2")
        .query("expand", &["default_source"], QueryStyle::DeepObject)
        .header("Idempotency-Key", "key-1")
        .cookie("tracking", "a b")
        .form_body(&body);
    let customer: serde_json::Value = client.send(&request).unwrap().json_if(&[200]).unwrap();
    assert_eq!(customer["id"], "cus_1");

    let requests = server.requests();
    let sent = &requests[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.target,
        "/v1/customers/cus%201%2F2?expand%5B0%5D=default_source"
    );
    assert_eq!(
        sent.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        sent.body_text(),
        "address%5Bcity%5D=S%C3%A3o%20Paulo&email=ada%40example.com\
         &invoice_settings%5Bcustom_fields%5D%5B0%5D%5Bname%5D=PO\
         &invoice_settings%5Bcustom_fields%5D%5B0%5D%5Bvalue%5D=42\
         &metadata%5Bplan%5D=gold"
    );
    assert_eq!(sent.header("stripe-version"), Some("2023-08-16"));
    assert_eq!(sent.header("idempotency-key"), Some("key-1"));
    assert_eq!(sent.header("cookie"), Some("tracking=a%20b"));
    assert_eq!(sent.header("accept"), Some("application/json"));
    assert_eq!(sent.header("user-agent"), Some("stripe-plugin/1.0"));
    assert_eq!(sent.header("authorization"), None);
}

#[test]
fn json_and_multipart_bodies() {
    let server = MockServer::start(|_| ok());
    let client = client(&server);
    client
        .send(
            &Request::put("/pets/{id}")
                .path_param("id", &7)
                .json_body(&json!({"name": "Rex"})),
        )
        .unwrap();
    let upload = Multipart::with_boundary("b")
        .unwrap()
        .text("purpose", "dispute_evidence")
        .file("file", "r.txt", "text/plain", b"hello".to_vec());
    client
        .send(&Request::post("/v1/files").multipart_body(&upload))
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].target, "/pets/7");
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(requests[0].body_text(), r#"{"name":"Rex"}"#);
    assert_eq!(
        requests[1].header("content-type"),
        Some("multipart/form-data; boundary=b")
    );
    assert_eq!(requests[1].body, upload.encode().unwrap().1);
}

#[test]
fn each_auth_scheme_over_the_wire() {
    let server = MockServer::start(|_| ok());
    let send = |auth: Auth| {
        let client = Client::builder(server.url()).auth(auth).build().unwrap();
        client
            .send(&Request::get("/v1/balance").query("limit", &1, QueryStyle::FORM))
            .unwrap();
        server.requests().pop().unwrap()
    };
    let sent = send(Auth::bearer(Secret::new("sk_test_bearer")));
    assert_eq!(sent.header("authorization"), Some("Bearer sk_test_bearer"));
    let sent = send(Auth::basic(Secret::new("sk_test_123"), Secret::empty()));
    assert_eq!(sent.header("authorization"), Some("Basic c2tfdGVzdF8xMjM6"));
    let sent = send(Auth::api_key(
        ApiKeyLocation::Header,
        "X-API-Key",
        Secret::new("hk"),
    ));
    assert_eq!(sent.header("x-api-key"), Some("hk"));
    let sent = send(Auth::api_key(
        ApiKeyLocation::Query,
        "api_key",
        Secret::new("q k"),
    ));
    assert_eq!(sent.target, "/v1/balance?limit=1&api_key=q%20k");
    let sent = send(Auth::api_key(
        ApiKeyLocation::Cookie,
        "sid",
        Secret::new("c1"),
    ));
    assert_eq!(sent.header("cookie"), Some("sid=c1"));

    // An operation without security sends no credential.
    let client = Client::builder(server.url())
        .auth(Auth::bearer(Secret::new("sk_test_bearer")))
        .build()
        .unwrap();
    client
        .send(&Request::get("/health").without_auth())
        .unwrap();
    assert_eq!(
        server.requests().pop().unwrap().header("authorization"),
        None
    );
}

#[test]
fn a_per_operation_server_replaces_the_base_url() {
    let files = MockServer::start(|_| ok());
    let api = MockServer::start(|_| ok());
    client(&api)
        .send(&Request::post("/v1/files").base_url(format!("{}/", files.url())))
        .unwrap();
    assert_eq!(files.requests().len(), 1);
    assert!(api.requests().is_empty());
}

#[test]
fn api_errors_become_plugin_errors_of_the_right_kind() {
    let server = MockServer::start(|request| {
        match request.path() {
        "/v1/customers/cus_missing" => Canned::json(
            404,
            json!({"error": {"message": "No such customer: 'cus_missing'", "type": "invalid_request_error", "code": "resource_missing", "param": "id"}}),
        )
        .header("Request-Id", "req_1"),
        "/v1/slow" => Canned::json(429, json!({"error": {"message": "Too many requests"}})).header("Retry-After", "3"),
        _ => Canned::json(500, json!({})),
    }
    });
    let client = client(&server);
    let error = client
        .send(&Request::get("/v1/customers/{id}").path_param("id", "cus_missing"))
        .unwrap()
        .success_json::<serde_json::Value>()
        .unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!((api.status(), api.code()), (404, Some("resource_missing")));
    let plugin_error = PluginError::from(error);
    assert_eq!(plugin_error.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        plugin_error.message(),
        "GET /v1/customers/cus_missing failed with status 404 (Not Found): No such customer: 'cus_missing' (type: invalid_request_error, code: resource_missing, param: id) [request id req_1]"
    );
    let error = client.send(&Request::get("/v1/slow")).unwrap().into_error();
    assert_eq!(error.kind(), ErrorKind::Unavailable);
    assert!(
        error
            .to_string()
            .ends_with("Too many requests; retry after 3 s"),
        "{error}"
    );
    let error = client
        .send(&Request::get("/v1/other"))
        .unwrap()
        .into_error();
    assert_eq!(
        error.to_string(),
        "server error 500 (Internal Server Error) on GET /v1/other: the response gives no error message; try again later"
    );
}

#[test]
fn secrets_never_reach_errors_or_debug_output() {
    // A server that echoes the key it was sent, as some do in their 401s.
    let server = MockServer::start(|request| {
        let auth = request.header("authorization").unwrap_or("").to_owned();
        let query = request.query().to_owned();
        Canned::json(
            401,
            json!({"error": {"message": format!("Invalid API Key provided: {auth} {query}"), "type": "invalid_request_error"}}),
        )
    });
    let key = "sk_live_very_secret_51";
    let client = Client::builder(server.url())
        .auth(Auth::bearer(Secret::new(key)).credential("api_key"))
        .build()
        .unwrap();
    let error = client
        .send(&Request::get("/v1/charges"))
        .unwrap()
        .into_error();
    let text = error.to_string();
    assert!(!text.contains(key), "{text}");
    assert_eq!(
        text,
        "authentication failed (401) for GET /v1/charges: Invalid API Key provided: Bearer [redacted]  (type: invalid_request_error); check the credential 'api_key': the host's credential store provides it to this plugin"
    );
    assert_eq!(error.kind(), ErrorKind::InvalidConfig);
    let api = error.api_error().unwrap();
    assert!(!api.body_text().contains(key));
    assert!(!api.body_json().unwrap().to_string().contains(key));
    for shown in [format!("{error:?}"), format!("{client:?}")] {
        assert!(!shown.contains(key), "{shown}");
    }

    // An API key in the query, echoed percent-encoded.
    let query_key = "k/ey with+chars";
    let client = Client::builder(server.url())
        .auth(Auth::api_key(
            ApiKeyLocation::Query,
            "api_key",
            Secret::new(query_key),
        ))
        .build()
        .unwrap();
    let error = client
        .send(&Request::get("/v1/charges"))
        .unwrap()
        .into_error();
    let text = error.to_string();
    assert!(
        !text.contains(query_key) && !text.contains("k%2Fey"),
        "{text}"
    );
    assert!(text.contains("api_key=[redacted]"), "{text}");
}

#[test]
fn transport_errors_say_what_to_do_and_hold_no_secret() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let key = "query_key_abc123";
    let client = Client::builder(format!("http://127.0.0.1:{port}"))
        .auth(Auth::api_key(
            ApiKeyLocation::Query,
            "key",
            Secret::new(key),
        ))
        .build()
        .unwrap();
    let error = client.send(&Request::get("/v1/x")).unwrap_err();
    assert!(matches!(error, HttpError::Transport { .. }), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Unavailable);
    let text = error.to_string();
    assert_eq!(
        text,
        format!(
            "GET /v1/x: 127.0.0.1:{port} refused the connection; check the base URL and that the server is running"
        )
    );
    assert!(!format!("{error:?}").contains(key));
}

#[test]
fn oauth2_client_credentials_fetch_cache_and_renew_tokens() {
    let tokens = Arc::new(AtomicUsize::new(0));
    let expires_in = Arc::new(AtomicUsize::new(3600));
    let server = {
        let tokens = Arc::clone(&tokens);
        let expires_in = Arc::clone(&expires_in);
        MockServer::start(move |request| {
            if request.path() == "/oauth/token" {
                let n = tokens.fetch_add(1, Ordering::SeqCst) + 1;
                return Canned::json(
                    200,
                    json!({"access_token": format!("tok-{n}"), "token_type": "Bearer", "expires_in": expires_in.load(Ordering::SeqCst)}),
                );
            }
            match request.header("authorization") {
                // tok-2 stands for a token the server revoked.
                Some("Bearer tok-2") => Canned::json(401, json!({"message": "token revoked"})),
                Some(_) => ok(),
                None => Canned::json(401, json!({})),
            }
        })
    };
    let auth = Auth::oauth2(
        plugin_http::ClientCredentials::new(
            "/oauth/token",
            "app id",
            Secret::new("client-secret-1"),
        )
        .scopes(["read", "write"])
        .param("audience", "api"),
    )
    .credential("client_secret");
    let client = Client::builder(server.url())
        .auth(auth.clone())
        .build()
        .unwrap();

    // Two requests, one token.
    client.send(&Request::get("/a")).unwrap();
    client.send(&Request::get("/b")).unwrap();
    assert_eq!(tokens.load(Ordering::SeqCst), 1);
    let requests = server.requests();
    let token_request = &requests[0];
    assert_eq!(token_request.method, "POST");
    assert_eq!(
        token_request.body_text(),
        "grant_type=client_credentials&scope=read%20write&audience=api"
    );
    // base64("app%20id:client-secret-1")
    assert_eq!(
        token_request.header("authorization"),
        Some("Basic YXBwJTIwaWQ6Y2xpZW50LXNlY3JldC0x")
    );
    assert_eq!(requests[1].header("authorization"), Some("Bearer tok-1"));
    assert_eq!(requests[2].header("authorization"), Some("Bearer tok-1"));

    // A token that expires at once is fetched anew for every request: tok-2
    // is refused, but it was fresh, so there is no retry.
    auth.invalidate();
    expires_in.store(0, Ordering::SeqCst);
    let response = client.send(&Request::get("/c")).unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(tokens.load(Ordering::SeqCst), 2);
    client.send(&Request::get("/d")).unwrap();
    assert_eq!(tokens.load(Ordering::SeqCst), 3);
}

#[test]
fn a_401_with_a_cached_token_retries_once_with_a_new_one() {
    let tokens = Arc::new(AtomicUsize::new(0));
    let server = {
        let tokens = Arc::clone(&tokens);
        MockServer::start(move |request| {
            if request.path() == "/token" {
                let n = tokens.fetch_add(1, Ordering::SeqCst) + 1;
                return Canned::json(200, json!({"access_token": format!("tok-{n}")}));
            }
            match request.header("authorization") {
                Some("Bearer tok-1")
                    if tokens.load(Ordering::SeqCst) == 1 && request.path() == "/second" =>
                {
                    Canned::json(401, json!({"message": "expired"}))
                }
                _ => ok(),
            }
        })
    };
    let auth = Auth::oauth2(plugin_http::ClientCredentials::new(
        format!("{}/token", server.url()),
        "id",
        Secret::new("secret-xyz"),
    ));
    let client = Client::builder(server.url()).auth(auth).build().unwrap();
    client.send(&Request::get("/first")).unwrap();
    let response = client.send(&Request::get("/second")).unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(tokens.load(Ordering::SeqCst), 2);
    let paths: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(paths, ["/token", "/first", "/second", "/token", "/second"]);
}

#[test]
fn a_refused_oauth2_client_is_a_configuration_error_without_its_secret() {
    let server = MockServer::start(|_| {
        Canned::json(
            401,
            json!({"error": "invalid_client", "error_description": "Client authentication failed"}),
        )
    });
    let auth = Auth::oauth2(
        plugin_http::ClientCredentials::new("/token", "id", Secret::new("wrong-secret-999"))
            .credentials_in_body(),
    )
    .credential("client_secret");
    let client = Client::builder(server.url()).auth(auth).build().unwrap();
    let error = client.send(&Request::get("/v1/x")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidConfig);
    let text = error.to_string();
    assert!(!text.contains("wrong-secret-999"), "{text}");
    assert!(
        text.starts_with(&format!(
            "the OAuth2 token request failed: authentication failed (401) for POST {}/token: Client authentication failed (code: invalid_client); check the credential 'client_secret'",
            server.url()
        )),
        "{text}"
    );
    let sent = server.requests().pop().unwrap();
    assert_eq!(
        sent.body_text(),
        "grant_type=client_credentials&client_id=id&client_secret=wrong-secret-999"
    );
    assert_eq!(sent.header("authorization"), None);
}

#[test]
fn encoding_errors_are_reported_before_anything_is_sent() {
    let server = MockServer::start(|_| ok());
    let error = client(&server)
        .send(&Request::get("/v1/customers/{id}"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot build the request for GET /v1/customers/{id}: path parameter 'id' of '/v1/customers/{id}' was not given"
    );
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(server.requests().is_empty());
}

#[test]
fn redirects_come_back_as_responses() {
    let server = MockServer::start(|_| {
        Canned::json(302, json!({})).header("Location", "http://127.0.0.1:9/x")
    });
    let response = client(&server).send(&Request::get("/old")).unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(response.header("location"), Some("http://127.0.0.1:9/x"));
}

#[test]
fn https_urls_go_through_tls() {
    // A server that answers in plain text before any handshake: the client
    // must fail in TLS, which shows TLS is built in and used for https.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        use std::io::Write;
        let (mut stream, _) = listener.accept().unwrap();
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let client = Client::builder(format!("https://127.0.0.1:{port}"))
        .auth(Auth::bearer(Secret::new("tls-test-secret")))
        .build()
        .unwrap();
    let error = client.send(&Request::get("/v1/x")).unwrap_err();
    server.join().unwrap();
    assert!(matches!(error, HttpError::Transport { .. }), "{error:?}");
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("GET /v1/x: TLS with 127.0.0.1:{port} failed: ")),
        "{text}"
    );
    assert!(!text.contains("tls-test-secret"), "{text}");
}
