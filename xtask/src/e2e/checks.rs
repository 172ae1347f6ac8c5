//! The calls the suite makes through the plugin loaded in a host, and
//! what each must answer.

use std::path::Path;

use plugin_host::{CallError, EnvStore, ErrorKind, Host, Instance};
use serde_json::{Value, json};

use super::pages::Pages;
use super::prism::Prism;

/// The key the suite stores; Prism checks only that credentials are there
/// and well formed.
const KEY: &str = "sk_test_e2e_4242";

/// Runs every check against `prism` with the plugin library at `library`;
/// returns how many passed, or the first failure.
pub(crate) fn run(library: &Path, prism: &Prism) -> Result<usize, String> {
    let mut suite = Suite {
        instance: instance(library, prism, &[("STRIPE_API_KEY", KEY)])?,
        prism,
        passed: 0,
    };
    crud(&mut suite)?;
    nested_and_deep_object(&mut suite)?;
    paging(&mut suite, library)?;
    credentials(&mut suite, library)?;
    Ok(suite.passed)
}

struct Suite<'a> {
    instance: Instance,
    prism: &'a Prism,
    passed: usize,
}

impl Suite<'_> {
    /// Calls `command`, which must succeed and pass `check`; Prism must
    /// have found the request valid.
    fn ok(
        &mut self,
        command: &str,
        input: Value,
        check: impl Fn(&Value) -> Result<(), String>,
    ) -> Result<Value, String> {
        let before = self.prism.log().len();
        let output: Value = self
            .instance
            .call_json(command, &input)
            .map_err(|e| format!("`{command}` with {input} failed: {e}"))?;
        check(&output).map_err(|problem| {
            format!("`{command}` with {input}: {problem}; it answered {output}")
        })?;
        let log = self.prism.log();
        let requests = &log[before.min(log.len())..];
        if requests.contains("Violation") || !requests.contains("passed the validation rules") {
            return Err(format!(
                "Prism did not find `{command}` with {input} valid; it logged:\n{requests}"
            ));
        }
        self.pass(&format!("{command} {input}"));
        Ok(output)
    }

    /// Calls `command`, which must fail with `kind` and a message that
    /// passes `check`.
    fn fails(
        &mut self,
        command: &str,
        input: Value,
        kind: ErrorKind,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<String, String> {
        match self.instance.call_json::<_, Value>(command, &input) {
            Ok(output) => Err(format!(
                "`{command}` with {input} should have failed, but answered {output}"
            )),
            Err(CallError::Plugin {
                kind: actual,
                message,
                ..
            }) => {
                if actual != kind {
                    return Err(format!(
                        "`{command}` with {input} failed as {actual:?}, not {kind:?}: {message}"
                    ));
                }
                check(&message).map_err(|problem| {
                    format!("`{command}` with {input}: {problem}; the message: {message}")
                })?;
                self.pass(&format!("{command} {input}"));
                println!("        fails as it should: {message}");
                Ok(message)
            }
            Err(other) => Err(format!(
                "`{command}` with {input} failed in the host, not the plugin: {other}"
            )),
        }
    }

    fn pass(&mut self, what: &str) {
        self.passed += 1;
        let shown: String = what.chars().take(150).collect();
        println!("    ok  {shown}");
    }
}

/// A host with the credentials `env` (as environment variables), the
/// library loaded, and the plugin instantiated with Prism as its base URL
/// and activated.
fn instance(library: &Path, prism: &Prism, env: &[(&str, &str)]) -> Result<Instance, String> {
    instance_at(library, prism.url(), env)
}

/// As [`instance`], with any base URL.
fn instance_at(library: &Path, base_url: &str, env: &[(&str, &str)]) -> Result<Instance, String> {
    let mut host = Host::builder(semver_one())
        .credentials(EnvStore::from_vars(env.iter().copied()))
        .build();
    host.load_library(library)
        .map_err(|e| format!("the host refused {}: {e}", library.display()))?;
    let mut instance = host
        .instantiate("stripe", Some(&json!({ "base_url": base_url })))
        .map_err(|e| format!("could not create the plugin 'stripe': {e}"))?;
    instance
        .install()
        .map_err(|e| format!("installing 'stripe' failed: {e}"))?;
    instance
        .activate()
        .map_err(|e| format!("activating 'stripe' failed: {e}"))?;
    Ok(instance)
}

fn semver_one() -> plugin_host::semver::Version {
    plugin_host::semver::Version::new(1, 0, 0)
}

/// Create, retrieve, update, list and delete for customers, products and
/// prices; prices cannot be deleted in Stripe's API (it has no such
/// operation), so for them the suite checks that `prices delete` is refused
/// with the commands that exist, and archives the price instead.
///
/// Prism 5.16 reads a form body as if every `deepObject` field were there
/// (an empty object when it is not) and then asks for those objects'
/// required fields, so the creates of products and prices send their
/// nested objects complete: more nested form fields on the wire.
fn crud(suite: &mut Suite<'_>) -> Result<(), String> {
    let product = json!({
        "name": "Gold plan",
        "default_price_data": {"currency": "eur", "unit_amount": 1200, "recurring": {"interval": "month"}},
        "package_dimensions": {"height": 1.5, "length": 20, "weight": 300, "width": 10},
    });
    let price = json!({
        "currency": "eur",
        "product": "prod_1",
        "unit_amount": 1200,
        "custom_unit_amount": {"enabled": false},
        "product_data": {"name": "Gold plan"},
        "recurring": {"interval": "month", "interval_count": 1},
        "transform_quantity": {"divide_by": 2, "round": "up"},
    });
    for (resource, object, create) in [
        (
            "customers",
            "customer",
            json!({"email": "ada@example.com", "name": "Ada"}),
        ),
        ("products", "product", product),
        ("prices", "price", price),
    ] {
        let is_object = |value: &Value| object_of(value, object);
        let created = suite.ok(&format!("{resource} create"), create, is_object)?;
        let id = created["id"].as_str().unwrap_or("missing").to_owned();
        let path_key = match resource {
            "customers" => "customer",
            "products" => "id",
            _ => "price",
        };
        suite.ok(
            &format!("{resource} retrieve"),
            json!({ path_key: id }),
            is_object,
        )?;
        let update = match resource {
            "customers" => {
                json!({ path_key: id, "description": "updated", "metadata": {"tier": "2"} })
            }
            "products" => json!({ path_key: id, "description": "updated", "active": true }),
            _ => json!({ path_key: id, "nickname": "monthly", "active": false }),
        };
        suite.ok(&format!("{resource} update"), update, is_object)?;
        suite.ok(&format!("{resource} list"), json!({"limit": 3}), |page| {
            list_of(page, object)
        })?;
        if resource == "prices" {
            suite.fails(
                "prices delete",
                json!({ "price": id }),
                ErrorKind::UnknownCommand,
                |message| {
                    contains(
                        message,
                        &[
                            "unknown command 'prices delete'",
                            "prices create",
                            "prices update",
                        ],
                    )
                },
            )?;
        } else {
            suite.ok(
                &format!("{resource} delete"),
                json!({ path_key: id }),
                |deleted| {
                    if deleted["deleted"] != json!(true) {
                        return Err("`deleted` is not true".to_owned());
                    }
                    object_of(deleted, object)
                },
            )?;
        }
    }
    Ok(())
}

/// A create with nested form fields (a map, a nested object, lists), a
/// deepObject query, a field Prism must refuse (showing it reads the form
/// fields), and a key the command does not take.
fn nested_and_deep_object(suite: &mut Suite<'_>) -> Result<(), String> {
    let nested = json!({
        "email": "grace@example.com",
        "metadata": {"plan": "gold", "seats": "12"},
        "address": {"city": "Paris", "line1": "1 rue de Rivoli", "postal_code": "75001", "country": "FR"},
        "preferred_locales": ["fr", "en"],
        "expand": ["tax_ids"],
        "invoice_settings": {"custom_fields": [{"name": "PO", "value": "42"}]},
    });
    suite.ok("customers create", nested, |customer| {
        object_of(customer, "customer")?;
        for field in [
            "address",
            "metadata",
            "preferred_locales",
            "invoice_settings",
        ] {
            if customer.get(field).is_none() {
                return Err(format!("the customer has no `{field}`"));
            }
        }
        Ok(())
    })?;
    suite.ok(
        "customers list",
        json!({"created": {"gt": 1_700_000_000, "lte": 1_800_000_000}, "limit": 2}),
        |page| list_of(page, "customer"),
    )?;
    suite.fails(
        "customers create",
        json!({"tax_exempt": "not-a-tax-status"}),
        ErrorKind::InvalidInput,
        |message| contains(message, &["422", "POST /v1/customers"]),
    )?;
    let log = suite.prism.log();
    if !log.contains("request.body.tax_exempt") {
        return Err(format!(
            "Prism did not report the invalid form field tax_exempt; its log ends:\n{}",
            tail(&log)
        ));
    }
    suite.fails(
        "customers create",
        json!({"emial": "typo@example.com"}),
        ErrorKind::InvalidInput,
        |message| contains(message, &["'emial'", "email", "metadata"]),
    )?;
    suite.fails(
        "customers create",
        json!({"balance": "a lot"}),
        ErrorKind::InvalidInput,
        |message| contains(message, &["customers create", "invalid"]),
    )?;
    Ok(())
}

/// `"$all": true` on a list: against a server whose list ends, every item
/// of every page, the cursor sent as `starting_after`; against Prism,
/// which answers every page with `has_more: true` and the same last id, an
/// error saying the list would never end. `$all` on a command that does
/// not page is refused.
fn paging(suite: &mut Suite<'_>, library: &Path) -> Result<(), String> {
    let server = Pages::start()?;
    let mut ending = instance_at(library, server.url(), &[("STRIPE_API_KEY", KEY)])?;
    let input = json!({"$all": true, "limit": 2});
    let all: Value = ending.call_json("customers list", &input).map_err(|e| {
        format!("`customers list` with {input} against a list that ends failed: {e}")
    })?;
    let ids: Vec<&str> = all
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
        .collect();
    if ids != ["cus_1", "cus_2", "cus_3"] {
        return Err(format!(
            "`customers list` with {input} answered {all}, not the three customers"
        ));
    }
    let targets = server.targets();
    if targets
        != [
            "/v1/customers?limit=2",
            "/v1/customers?limit=2&starting_after=cus_2",
        ]
    {
        return Err(format!("the pages were asked for as {targets:?}"));
    }
    suite.pass(&format!(
        "customers list {input} against a list of three in pages of two"
    ));
    suite.fails(
        "customers list",
        json!({"$all": true, "limit": 2}),
        ErrorKind::Failed,
        |message| {
            contains(
                message,
                &["pagination stopped", "twice in a row", "GET /v1/customers"],
            )
        },
    )?;
    suite.fails(
        "customers create",
        json!({"$all": true}),
        ErrorKind::InvalidInput,
        |message| contains(message, &["does not page", "$all"]),
    )?;
    Ok(())
}

/// A credential Prism refuses (an HTTP basic user name with a `:` in it,
/// which is not well formed) gives a 401 that names the credential to
/// check and does not show it; no credential at all stops the activation
/// with where to store one.
fn credentials(suite: &mut Suite<'_>, library: &Path) -> Result<(), String> {
    let bad = "sk_test_wrong:key";
    let mut wrong = Suite {
        instance: instance(library, suite.prism, &[("STRIPE_USERNAME", bad)])?,
        prism: suite.prism,
        passed: 0,
    };
    wrong.fails(
        "customers retrieve",
        json!({"customer": "cus_1"}),
        ErrorKind::InvalidConfig,
        |message| {
            contains(message, &["401", "check the credential 'username'"])?;
            if message.contains("sk_test_wrong") {
                return Err("the message shows the credential".to_owned());
            }
            Ok(())
        },
    )?;
    suite.passed += wrong.passed;
    match instance(library, suite.prism, &[]) {
        Ok(_) => Err("the plugin activated without any credential".to_owned()),
        Err(message) => {
            contains(&message, &["STRIPE_API_KEY", "STRIPE_USERNAME"])?;
            suite.pass("activation without any credential");
            println!("        fails as it should: {message}");
            Ok(())
        }
    }
}

fn object_of(value: &Value, object: &str) -> Result<(), String> {
    if value["object"] != json!(object) {
        return Err(format!("`object` is not \"{object}\""));
    }
    if !value["id"].is_string() {
        return Err("`id` is not a string".to_owned());
    }
    Ok(())
}

fn list_of(page: &Value, object: &str) -> Result<(), String> {
    if page["object"] != json!("list") || !page["has_more"].is_boolean() || !page["url"].is_string()
    {
        return Err("not a list: `object`, `has_more` or `url` is missing".to_owned());
    }
    let items = page["data"].as_array().ok_or("`data` is not an array")?;
    if items.is_empty() {
        return Err("`data` is empty".to_owned());
    }
    items.iter().try_for_each(|item| object_of(item, object))
}

fn contains(message: &str, parts: &[&str]) -> Result<(), String> {
    match parts.iter().find(|part| !message.contains(**part)) {
        Some(missing) => Err(format!("the message does not say '{missing}'")),
        None => Ok(()),
    }
}

fn tail(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}
