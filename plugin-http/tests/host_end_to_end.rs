//! A plugin written the way generated code is, running in a real host: it
//! reads its API key from the host's credential store and calls an API (a
//! local server) with it.

mod support;

use plugin_api::{Command, Context, Plugin, PluginError, plugin};
use plugin_host::{ChainStore, EnvStore, ErrorKind, FileStore, Host, Instance};
use plugin_http::{Auth, Client, CursorPagination, QueryStyle, Request, Secret, fetch_credential};
use serde_json::{Value, json};
use support::{Canned, MockServer};

/// Where the shop API is.
#[plugin_api::config]
#[derive(Default)]
pub struct ShopConfig {
    /// Overrides the API's base URL.
    pub base_url: Option<String>,
}

/// A client of the shop API.
#[plugin(name = "shop")]
pub struct Shop {
    client: Option<Client>,
}

impl Plugin for Shop {
    type Config = ShopConfig;

    fn new(_ctx: &Context<'_, ShopConfig>) -> Result<Self, PluginError> {
        Ok(Shop { client: None })
    }

    fn activate(&mut self, ctx: &Context<'_, ShopConfig>) -> Result<(), PluginError> {
        let key = fetch_credential(ctx, "api_key")?;
        self.client = Some(
            Client::builder("https://api.shop.invalid")
                .override_base_url(ctx.config().base_url.as_deref())
                .auth(Auth::basic(key, Secret::empty()).credential("api_key"))
                .build()?,
        );
        Ok(())
    }

    fn call(
        &mut self,
        _ctx: &Context<'_, ShopConfig>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        let client = self
            .client
            .as_ref()
            .ok_or_else(|| PluginError::unavailable("activate the plugin first"))?;
        match command.name() {
            "customers.list" => {
                let request = Request::get("/v1/customers").query("limit", &2, QueryStyle::FORM);
                let all = client.paginate::<Value>(request, &CursorPagination::stripe())?;
                plugin_api::to_json(&all.items)
            }
            "customers.create" => {
                let body: Value = command.args()?;
                let request = Request::post("/v1/customers").form_body(&body);
                let customer: Value = client.send(&request)?.json_if(&[200])?;
                plugin_api::to_json(&customer)
            }
            other => Err(PluginError::unknown_command(
                other,
                &["customers.list", "customers.create"],
            )),
        }
    }
}

const KEY: &str = "sk_test_end_to_end_42";

fn shop_api() -> MockServer {
    MockServer::start(|request| {
        if request.header("authorization") != Some("Basic c2tfdGVzdF9lbmRfdG9fZW5kXzQyOg==") {
            return Canned::json(
                401,
                json!({"error": {"message": "Invalid API Key provided", "type": "invalid_request_error"}}),
            );
        }
        match (request.method.as_str(), request.target.as_str()) {
            ("GET", "/v1/customers?limit=2") => Canned::json(
                200,
                json!({"data": [{"id": "cus_1"}, {"id": "cus_2"}], "has_more": true}),
            ),
            ("GET", "/v1/customers?limit=2&starting_after=cus_2") => {
                Canned::json(200, json!({"data": [{"id": "cus_3"}], "has_more": false}))
            }
            ("POST", "/v1/customers") => {
                Canned::json(200, json!({"id": "cus_new", "echo": request.body_text()}))
            }
            _ => Canned::json(404, json!({"error": {"message": "no such route"}})),
        }
    })
}

fn shop(env: &[(&str, &str)], base_url: &str) -> Result<Instance, plugin_host::CallError> {
    let dir = std::env::temp_dir().join(format!("plugin-http-e2e-{}", std::process::id()));
    let store = ChainStore::env_then_file(
        EnvStore::from_vars(env.iter().copied()),
        FileStore::new(dir.join("credentials.toml")),
    );
    let mut host = Host::builder("1.0.0".parse().unwrap())
        .credentials(store)
        .build();
    host.load_static().unwrap();
    let mut instance = host.instantiate("shop", Some(&json!({ "base_url": base_url })))?;
    instance.install()?;
    instance.activate()?;
    Ok(instance)
}

#[test]
fn the_plugin_calls_the_api_with_its_credential() {
    let server = shop_api();
    let mut shop = shop(&[("SHOP_API_KEY", KEY)], server.url()).unwrap();
    let customers: Vec<Value> = shop.call_json("customers.list", &()).unwrap();
    assert_eq!(
        customers,
        [
            json!({"id": "cus_1"}),
            json!({"id": "cus_2"}),
            json!({"id": "cus_3"})
        ]
    );
    let created: Value = shop
        .call_json(
            "customers.create",
            &json!({"email": "a@b.c", "metadata": {"plan": "gold"}}),
        )
        .unwrap();
    assert_eq!(created["echo"], "email=a%40b.c&metadata%5Bplan%5D=gold");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_wrong_key_fails_with_the_credential_named_and_not_shown() {
    let server = shop_api();
    let wrong = "sk_test_wrong_key_0000";
    let mut shop = shop(&[("SHOP_API_KEY", wrong)], server.url()).unwrap();
    let error = shop.call("customers.list", b"null").unwrap_err();
    let plugin_host::CallError::Plugin { kind, message, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*kind, ErrorKind::InvalidConfig);
    assert_eq!(
        message,
        "authentication failed (401) for GET /v1/customers: Invalid API Key provided (type: invalid_request_error); check the credential 'api_key': the host's credential store provides it to this plugin"
    );
    assert!(!format!("{error:?}").contains(wrong));
}

#[test]
fn a_missing_credential_stops_activation_saying_where_to_put_it() {
    let error = shop(&[], "http://127.0.0.1:9").unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains(
            "plugin 'shop' has no credential 'api_key': store it as the environment variable SHOP_API_KEY, or `api_key = \"...\"` under [shop] in "
        ),
        "{message}"
    );
}
