//! The front end, the model and the Rust back end never panic: truncated
//! documents and randomly mutated ones give `Ok` or `Err`, never a panic,
//! and a model the back end accepts always gives files that parse as
//! Rust. Each run is wrapped in `catch_unwind` so that a failure names the
//! input that panicked. The mutations are deterministic (a fixed xorshift
//! seed).

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::XorShift;
use plugin_gen::model::Model;
use plugin_gen::openapi::{self, Format};
use plugin_gen::rust::{GenError, Options, SdkSource};
use serde_json::{Value, json};

/// Runs the front end, the model and the Rust back end on `text`;
/// `Some(message)` if one panicked or generated Rust that does not parse.
fn panics_on_text(text: &str, format: Format) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| {
        openapi::parse(text, format)
            .ok()
            .and_then(|spec| generate(&spec))
    }))
    .unwrap_or_else(|payload| Some(panic_message(payload.as_ref())))
}

fn panics_on_value(value: Value) -> Option<String> {
    catch_unwind(AssertUnwindSafe(move || {
        openapi::from_value(value)
            .ok()
            .and_then(|spec| generate(&spec))
    }))
    .unwrap_or_else(|payload| Some(panic_message(payload.as_ref())))
}

/// Models `spec` and generates its crate; `Some(message)` when the back
/// end wrote a file that is not valid Rust.
fn generate(spec: &openapi::Spec) -> Option<String> {
    let model = Model::from_spec(spec).ok()?;
    let options = Options::new("mutated", "mutated", SdkSource::Version("0.1".into()));
    match plugin_gen::rust::generate(&model, &options, &mut |_| {}) {
        Err(error @ GenError::Internal { .. }) => Some(error.to_string()),
        Ok(_) | Err(_) => None,
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Byte offsets at which to cut `text`: every `step`-th byte and every
/// line end, on character boundaries.
fn cut_points(text: &str, step: usize) -> Vec<usize> {
    let mut points: Vec<usize> = (0..text.len()).step_by(step).collect();
    points.extend(text.match_indices('\n').map(|(i, _)| i));
    points.retain(|&i| text.is_char_boundary(i));
    points.sort_unstable();
    points.dedup();
    points
}

fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} inputs panicked:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn truncated_documents_never_panic() {
    let mut failures = Vec::new();
    for (file, format, step) in [
        ("petstore/swagger-petstore3-openapi.yaml", Format::Yaml, 17),
        ("petstore/swagger-petstore3-openapi.json", Format::Json, 101),
        ("petstore/oai-petstore-expanded-3.0.json", Format::Json, 5),
    ] {
        let text = common::spec_text(file);
        for cut in cut_points(&text, step) {
            if let Some(message) = panics_on_text(&text[..cut], format) {
                failures.push(format!("{file} cut at byte {cut}: {message}"));
            }
        }
    }
    let stripe = serde_json::to_string_pretty(&common::stripe_subset()).unwrap();
    let step = stripe.len() / 150;
    for cut in (0..stripe.len())
        .step_by(step)
        .chain([stripe.len() - 1, stripe.len() - 2])
    {
        if !stripe.is_char_boundary(cut) {
            continue;
        }
        if let Some(message) = panics_on_text(&stripe[..cut], Format::Json) {
            failures.push(format!("the Stripe subset cut at byte {cut}: {message}"));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn yaml_documents_cut_at_a_line_still_read_or_fail_cleanly() {
    // Cut at line ends, YAML often stays valid with parts missing: this
    // reaches the front end's checks rather than the parser's.
    // Written with its keys in order, `paths` comes after `components` and
    // `openapi`, so many prefixes are whole documents.
    let value: Value = serde_json::from_str(&common::spec_text(
        "petstore/swagger-petstore3-openapi.json",
    ))
    .unwrap();
    let text = serde_norway::to_string(&value).unwrap();
    let mut read = 0;
    for (cut, _) in text.match_indices('\n') {
        if let Ok(spec) = openapi::parse(&text[..cut], Format::Yaml) {
            read += 1;
            let _ = Model::from_spec(&spec);
        }
    }
    assert!(read > 10, "only {read} prefixes were valid documents");
}

#[test]
fn mutated_documents_never_panic() {
    let mut failures = Vec::new();
    let bases = [
        (
            "swagger petstore",
            serde_json::from_str::<Value>(&common::spec_text(
                "petstore/swagger-petstore3-openapi.json",
            ))
            .unwrap(),
            700,
        ),
        (
            "expanded petstore",
            serde_json::from_str(&common::spec_text(
                "petstore/oai-petstore-expanded-3.0.json",
            ))
            .unwrap(),
            500,
        ),
        (
            "petstore",
            serde_json::from_str(&common::spec_text("petstore/oai-petstore-3.0.json")).unwrap(),
            500,
        ),
        ("Stripe subset", common::stripe_subset(), 30),
    ];
    for (name, base, runs) in bases {
        for seed in 1..=runs {
            let mut rng = XorShift::new(seed * 7919 + name.len() as u64);
            let mut doc = base.clone();
            let mut applied = Vec::new();
            for _ in 0..1 + rng.below(3) {
                applied.push(mutate(&mut doc, &mut rng));
            }
            if let Some(message) = panics_on_value(doc) {
                failures.push(format!(
                    "{name}, seed {seed}, after {}: {message}",
                    applied.join("; ")
                ));
            }
        }
    }
    assert_no_failures(&failures);
}

/// The pointers of every value in `doc`.
fn all_pointers(doc: &Value) -> Vec<String> {
    let mut pointers = Vec::new();
    let mut stack = vec![(String::new(), doc)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    stack.push((
                        format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                        member,
                    ));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), item));
                }
            }
            _ => {}
        }
        pointers.push(pointer);
    }
    pointers.sort();
    pointers
}

/// Applies one random mutation; returns what it did.
fn mutate(doc: &mut Value, rng: &mut XorShift) -> String {
    let pointers = all_pointers(doc);
    let target = pointers[rng.below(pointers.len())].clone();
    match rng.below(6) {
        0 => delete(doc, &target),
        1 => {
            let replacements = [
                json!(null),
                json!(42),
                json!(-1.5),
                json!("x"),
                json!(true),
                json!([]),
                json!({}),
                json!([1]),
                json!({"a": 1}),
            ];
            let replacement = replacements[rng.below(replacements.len())].clone();
            let description = format!("set {target} to {replacement}");
            if let Some(slot) = doc.pointer_mut(&target) {
                *slot = replacement;
            }
            description
        }
        2 => {
            let refs: Vec<&String> = pointers.iter().filter(|p| p.ends_with("/$ref")).collect();
            if refs.is_empty() {
                return "no $ref to break".to_owned();
            }
            let at = refs[rng.below(refs.len())].clone();
            let anywhere = pointers[rng.below(pointers.len())].clone();
            let broken = [
                "#/components/schemas/Nope".to_owned(),
                "#/x~2".to_owned(),
                "https://example.com/a.json#/A".to_owned(),
                "other.yaml#/A".to_owned(),
                String::new(),
                "#".to_owned(),
                "#/paths".to_owned(),
                "#/info".to_owned(),
                "#/components/schemas/%zz".to_owned(),
                format!("#{anywhere}"),
            ];
            let new = broken[rng.below(broken.len())].clone();
            let description = format!("point {at} at {new:?}");
            if let Some(slot) = doc.pointer_mut(&at) {
                *slot = Value::String(new);
            }
            description
        }
        3 => {
            let source = pointers[rng.below(pointers.len())].clone();
            let copy = doc.pointer(&source).cloned().unwrap_or(Value::Null);
            if let Some(slot) = doc.pointer_mut(&target) {
                *slot = copy;
            }
            format!("copy {source} over {target}")
        }
        4 => {
            let keywords = [
                ("not", json!({})),
                (
                    "allOf",
                    json!([{"$ref": "#/components/schemas/Pet"}, {"type": "string"}]),
                ),
                ("enum", json!([1.5, null])),
                ("type", json!(["string", "integer", "null"])),
                ("nullable", json!("yes")),
                (
                    "discriminator",
                    json!({"propertyName": "x", "mapping": {"a": "Nope", "b": "#/components/schemas/Pet"}}),
                ),
                ("$ref", json!("#")),
                ("oneOf", json!([])),
                (
                    "anyOf",
                    json!([{"type": "null"}, {"$ref": "#/components/schemas/Pet"}]),
                ),
                ("items", json!([{}])),
                ("additionalProperties", json!(3)),
                ("style", json!("deepObject")),
                ("in", json!("path")),
                ("required", json!(true)),
                ("const", json!({"a": 1})),
                ("format", json!(7)),
                ("properties", json!({"": {}, "type": {"enum": [""]}})),
                (
                    "allOf",
                    json!([{"$ref": "#/components/schemas/Pet"}, {"oneOf": [{"type": "string"}]}]),
                ),
            ];
            let (keyword, value) = keywords[rng.below(keywords.len())].clone();
            match doc.pointer_mut(&target) {
                Some(Value::Object(map)) => {
                    map.insert(keyword.to_owned(), value);
                    format!("add {keyword} to {target}")
                }
                _ => format!("{target} is no object for {keyword}"),
            }
        }
        _ => {
            let Some(slot) = doc.pointer_mut(&target) else {
                return "no place to deepen".to_owned();
            };
            let mut nested = std::mem::take(slot);
            for _ in 0..70 {
                nested = Value::Object(
                    [
                        ("type".to_owned(), json!("array")),
                        ("items".to_owned(), nested),
                    ]
                    .into_iter()
                    .collect(),
                );
            }
            *slot = nested;
            format!("nest {target} 70 arrays deep")
        }
    }
}

fn delete(doc: &mut Value, target: &str) -> String {
    let Some((parent, last)) = target.rsplit_once('/') else {
        return "nothing to delete at the root".to_owned();
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>()
                && index < items.len()
            {
                items.remove(index);
            }
        }
        _ => {}
    }
    format!("delete {target}")
}
