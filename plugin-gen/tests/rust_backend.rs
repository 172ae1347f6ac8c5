//! The Rust back end's decisions, on small descriptions written for each:
//! input keys, enum fallbacks, recursion, features and links, credential
//! names, unsupported constructs, options.

use std::path::Path;

use plugin_gen::model::Model;
use plugin_gen::openapi::{self, Format};
use plugin_gen::rust::{GenError, GeneratedCrate, Options, SdkSource};

fn options() -> Options {
    Options::new("shop-plugin", "shop", SdkSource::Version("0.1".into()))
}

fn generate_yaml(yaml: &str) -> Result<GeneratedCrate, GenError> {
    let spec = openapi::parse(yaml, Format::Yaml).unwrap_or_else(|e| panic!("{e}"));
    let model = Model::from_spec(&spec).unwrap_or_else(|e| panic!("{e}"));
    plugin_gen::rust::generate(&model, &options(), &mut |_| {})
}

fn file<'g>(generated: &'g GeneratedCrate, path: &str) -> &'g str {
    generated.files().get(Path::new(path)).unwrap_or_else(|| {
        panic!(
            "no {path}; files: {:?}",
            generated.files().keys().collect::<Vec<_>>()
        )
    })
}

const SHOP: &str = r##"
openapi: 3.0.3
info: { title: Shop, version: "2" }
servers: [{ url: "https://{region}.shop.example/v1", variables: { region: { default: eu } } }]
security: [{ key: [] }, { token: [] }]
paths:
  /customers/{customer}:
    post:
      parameters:
        - { name: customer, in: path, required: true, schema: { type: string } }
        - { name: $expand, in: query, schema: { type: array, items: { type: string } } }
        - { name: created, in: query, style: deepObject, schema: { type: object, properties: { gt: { type: integer } } } }
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                customer: { type: string }
                status: { $ref: "#/components/schemas/status" }
                tree: { $ref: "#/components/schemas/tree" }
            encoding:
              tree: { style: deepObject, explode: true }
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/customer" } } } }
        default: { description: error, content: { application/json: { schema: { $ref: "#/components/schemas/error" } } } }
  /orders:
    get:
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/order" } } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Shop-Key }
    token: { type: http, scheme: bearer }
  schemas:
    status: { type: string, enum: [active, unknown] }
    tree:
      type: object
      properties:
        children: { type: array, items: { $ref: "#/components/schemas/tree" } }
        parent: { $ref: "#/components/schemas/tree" }
    customer:
      type: object
      required: [id]
      properties:
        id: { type: string }
        last_order: { $ref: "#/components/schemas/order" }
    order:
      type: object
      required: [id]
      properties:
        id: { type: string }
        buyer: { $ref: "#/components/schemas/customer" }
    error:
      type: object
      properties: { message: { type: string } }
"##;

#[test]
fn names_used_twice_and_dollar_names_get_their_place() {
    let generated = generate_yaml(SHOP).unwrap();
    let commands = file(&generated, "src/resources/customers.rs");
    assert!(
        commands.contains(
            r#"&["customer", "query:$expand", "created", "body:customer", "status", "tree"]"#
        ),
        "{commands}"
    );
    assert!(
        commands.contains(r#".rest_if_any(&[("body:customer", "customer")])"#),
        "{commands}"
    );
    assert!(
        commands.contains(r#".group(&[("query:$expand", "$expand"), ("created", "created")])"#),
        "{commands}"
    );
    assert!(
        commands.contains(
            r#".query("created", &query.created, ::plugin_http::QueryStyle::DeepObject)"#
        )
    );
    assert!(
        commands.contains(r#"("tree", ::plugin_http::QueryStyle::DeepObject)"#),
        "{commands}"
    );
}

#[test]
fn enums_keep_unknown_values_under_a_free_name() {
    let generated = generate_yaml(SHOP).unwrap();
    let status = file(&generated, "src/types/status.rs");
    assert!(status.contains("    Unknown,\n"), "{status}");
    assert!(status.contains("UnknownValue(String)"), "{status}");
    assert!(
        status.contains(r#""unknown" => Self::Unknown,"#),
        "{status}"
    );
    assert!(
        status.contains("_ => Self::UnknownValue(value),"),
        "{status}"
    );
}

#[test]
fn recursion_is_boxed_and_resource_objects_are_linked() {
    let generated = generate_yaml(SHOP).unwrap();
    let tree = file(&generated, "src/types/tree.rs");
    assert!(tree.contains("pub parent: Option<Box<Tree>>"), "{tree}");
    assert!(tree.contains("pub children: Option<Vec<Tree>>"), "{tree}");
    let customer = file(&generated, "src/types/customer.rs");
    assert!(
        customer.contains("pub last_order: Option<super::link::Order>"),
        "{customer}"
    );
    let links = file(&generated, "src/types/link.rs");
    assert!(
        links.contains("#[cfg(feature = \"orders\")]\npub type Order = Box<super::Order>;"),
        "{links}"
    );
    assert!(
        links.contains("#[cfg(not(feature = \"orders\"))]\npub type Order = ::serde_json::Value;"),
        "{links}"
    );
    let index = file(&generated, "src/types/mod.rs");
    assert!(
        index.contains("#[cfg(feature = \"orders\")]\nmod order;"),
        "{index}"
    );
    assert!(
        index.contains("#[cfg(feature = \"customers\")]\nmod customer;"),
        "{index}"
    );
    let manifest = file(&generated, "Cargo.toml");
    assert!(
        manifest.contains("default = [\"full\"]\nfull = [\"customers\", \"orders\"]"),
        "{manifest}"
    );
    assert!(
        manifest.contains("crate-type = [\"cdylib\", \"rlib\"]"),
        "{manifest}"
    );
    assert!(
        manifest.contains("plugin-api = { version = \"0.1\" }"),
        "{manifest}"
    );
}

#[test]
fn alternatives_share_a_credential_and_the_base_url_fills_its_variables() {
    let generated = generate_yaml(SHOP).unwrap();
    let auth = file(&generated, "src/auth.rs");
    assert!(
        auth.contains(r#"pub const DEFAULT_BASE_URL: &str = "https://eu.shop.example/v1";"#),
        "{auth}"
    );
    assert!(
        auth.contains(r#"::plugin_http::ApiKeyLocation::Header,"#)
            && auth.contains(r#""X-Shop-Key","#),
        "{auth}"
    );
    assert_eq!(
        auth.matches(r#"credentials.get("api_key")?"#).count(),
        2,
        "{auth}"
    );
    let readme = file(&generated, "README.md");
    assert!(
        readme.contains("| `api_key` | `SHOP_API_KEY` | `key`, `token` |"),
        "{readme}"
    );
}

#[test]
fn two_schemes_needed_together_get_prefixed_credentials() {
    let yaml = SHOP.replace(
        "security: [{ key: [] }, { token: [] }]",
        "security: [{ key: [], token: [] }]",
    );
    let generated = generate_yaml(&yaml).unwrap();
    let auth = file(&generated, "src/auth.rs");
    assert!(
        auth.contains(r#"credentials.get("key_api_key")?"#),
        "{auth}"
    );
    assert!(
        auth.contains(r#"credentials.get("token_api_key")?"#),
        "{auth}"
    );
    assert!(auth.contains("::plugin_http::Auth::all(["), "{auth}");
}

#[test]
fn an_operation_only_mutual_tls_could_authenticate_is_an_error_with_its_pointer() {
    let yaml = SHOP
        .replace(
            "security: [{ key: [] }, { token: [] }]",
            "security: [{ tls: [] }]",
        )
        .replace(
            "    key: { type: apiKey",
            "    tls: { type: mutualTLS }\n    key: { type: apiKey",
        );
    let yaml = yaml.replace("openapi: 3.0.3", "openapi: 3.1.0");
    let error = generate_yaml(&yaml).unwrap_err();
    assert!(matches!(error, GenError::Unsupported { .. }), "{error}");
    let at = error
        .location()
        .expect("the error names a place")
        .pointer()
        .to_string();
    assert!(at.ends_with("/security"), "{at}");
    assert!(error.to_string().contains("mutual TLS"), "{error}");
}

#[test]
fn matrix_path_parameters_are_refused_by_name() {
    let yaml = SHOP.replace(
        "- { name: customer, in: path, required: true, schema: { type: string } }",
        "- { name: customer, in: path, required: true, style: matrix, schema: { type: string } }",
    );
    let error = generate_yaml(&yaml).unwrap_err();
    assert!(
        error.to_string().contains("'matrix' of 'customer'"),
        "{error}"
    );
    assert!(
        error
            .location()
            .unwrap()
            .pointer()
            .to_string()
            .starts_with("/paths/~1customers~1{customer}/post")
    );
}

#[test]
fn bad_options_are_refused_before_anything_is_made() {
    let spec = openapi::parse(SHOP, Format::Yaml).unwrap();
    let model = Model::from_spec(&spec).unwrap();
    let bad = Options::new("shop", "Shop!", SdkSource::Version("0.1".into()));
    let mut steps = 0;
    let error = plugin_gen::rust::generate(&model, &bad, &mut |_| steps += 1).unwrap_err();
    assert!(matches!(error, GenError::Options { .. }), "{error}");
    assert_eq!(steps, 0);
}

#[test]
fn a_relative_sdk_path_is_written_as_given_and_an_absolute_one_relative_to_the_crate() {
    let spec = openapi::parse(SHOP, Format::Yaml).unwrap();
    let model = Model::from_spec(&spec).unwrap();
    let relative = Options::new("shop", "shop", SdkSource::Path("../sdk".into()));
    let generated = plugin_gen::rust::generate(&model, &relative, &mut |_| {}).unwrap();
    assert!(
        file(&generated, "Cargo.toml").contains(r#"plugin-http = { path = "../sdk/plugin-http" }"#)
    );
    let scratch = std::env::temp_dir().join(format!("plugin-gen-sdk-path-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("sdk")).unwrap();
    let absolute = Options::new("shop", "shop", SdkSource::Path(scratch.join("sdk")));
    let generated = plugin_gen::rust::generate(&model, &absolute, &mut |_| {}).unwrap();
    generated.write_to(scratch.join("out/shop")).unwrap();
    let written = std::fs::read_to_string(scratch.join("out/shop/Cargo.toml")).unwrap();
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(
        written.contains(r#"plugin-api = { path = "../../sdk/plugin-api" }"#),
        "{written}"
    );
}

#[test]
fn progress_is_reported_in_order() {
    let spec = openapi::parse(SHOP, Format::Yaml).unwrap();
    let model = Model::from_spec(&spec).unwrap();
    let mut steps = Vec::new();
    let generated =
        plugin_gen::rust::generate(&model, &options(), &mut |step| steps.push(step)).unwrap();
    use plugin_gen::rust::Progress;
    assert!(
        matches!(steps.first(), Some(Progress::Planning { resources: 2, .. })),
        "{steps:?}"
    );
    assert_eq!(
        steps.last(),
        Some(&Progress::Finished {
            files: generated.files().len()
        })
    );
    let formatted = steps
        .iter()
        .filter(|s| matches!(s, Progress::Formatting { .. }))
        .count();
    let rust_files = generated
        .files()
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .count();
    assert_eq!(formatted, rust_files);
    assert!(
        steps
            .iter()
            .any(|s| matches!(s, Progress::Formatting { done, total } if done == total))
    );
}
