//! Request bodies and parameters the HTTP runtime does not encode by
//! itself: form bodies with a style per field (OpenAPI's `encoding`),
//! multipart bodies with files, and parameters sent as JSON text.

use plugin_api::PluginError;
use plugin_http::{Multipart, QueryStyle, Request};
use serde::Serialize;
use serde_json::{Map, Value};

use super::values::FileContent;

/// How one field of a form or multipart body is written: by wire name,
/// the style its `encoding` gives. Fields not listed use `form` with
/// `explode` (OpenAPI's default): scalars as `name=value`, lists as
/// repeated `name=a&name=b`.
pub type FieldStyle = (&'static str, QueryStyle);

/// `request` with `body` as an `application/x-www-form-urlencoded` body,
/// each field in its style: `deepObject` in bracket notation
/// (`address[city]=Paris`, `expand[0]=x`), `form`, `spaceDelimited` and
/// `pipeDelimited` as in a query string.
///
/// # Errors
///
/// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when the body is
/// not an object, or a field holds nested values its style cannot write.
pub fn form_body<T: Serialize + ?Sized>(request: Request, body: &T, styles: &[FieldStyle]) -> Result<Request, PluginError> {
    let fields = fields_of(body)?;
    let mut parts = Vec::new();
    for (name, value) in &fields {
        let encoded = match style_of(styles, name) {
            QueryStyle::DeepObject => {
                let mut single = Map::new();
                single.insert(name.clone(), value.clone());
                plugin_http::encode_form(&Value::Object(single))
            }
            style => plugin_http::encode_query(name, value, style),
        }
        .map_err(|e| PluginError::invalid_input(e.to_string()))?;
        if !encoded.is_empty() {
            parts.push(encoded);
        }
    }
    Ok(request.raw_body("application/x-www-form-urlencoded", parts.join("&").into_bytes()))
}

/// `request` with `body` as a `multipart/form-data` body: the fields in
/// `files` (wire name, content type) as files read from their
/// [`FileContent`], objects and `deepObject` lists in bracket notation
/// (`metadata[plan]`), other lists as one part per item, scalars as text.
///
/// # Errors
///
/// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when the body is
/// not an object, a file cannot be read, or a value cannot be written.
pub fn multipart_body<T: Serialize + ?Sized>(
    request: Request,
    body: &T,
    files: &[(&str, &str)],
    styles: &[FieldStyle],
) -> Result<Request, PluginError> {
    let invalid = |e: plugin_http::EncodeError| PluginError::invalid_input(e.to_string());
    let mut multipart = Multipart::new();
    for (name, value) in fields_of(body)? {
        if let Some((_, content_type)) = files.iter().find(|(file, _)| *file == name) {
            let file: FileContent = serde_json::from_value(value).map_err(|e| {
                PluginError::invalid_input(format!(
                    "'{name}' must be a file: {{\"path\": \"...\"}} or its content as a string ({e})"
                ))
            })?;
            let (filename, content_type, bytes) = file.load(&name, content_type)?;
            multipart = multipart.file(name, filename, content_type, bytes);
            continue;
        }
        match value {
            Value::Null => {}
            Value::Array(items) if style_of(styles, &name) != QueryStyle::DeepObject => {
                for item in items {
                    multipart = match item {
                        Value::Object(_) | Value::Array(_) => {
                            let mut single = Map::new();
                            single.insert(name.clone(), item);
                            multipart.fields(&Value::Object(single)).map_err(invalid)?
                        }
                        scalar => multipart.text(name.clone(), scalar_text(&scalar)),
                    };
                }
            }
            Value::Object(_) | Value::Array(_) => {
                let mut single = Map::new();
                single.insert(name.clone(), value);
                multipart = multipart.fields(&Value::Object(single)).map_err(invalid)?;
            }
            scalar => multipart = multipart.text(name, scalar_text(&scalar)),
        }
    }
    Ok(request.multipart_body(&multipart))
}

/// `value` as JSON text, for a parameter whose `content` is JSON; `None`
/// for `null`, which leaves the parameter out.
///
/// # Errors
///
/// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) if it does not
/// serialize.
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>, PluginError> {
    let value = serde_json::to_value(value).map_err(|e| PluginError::invalid_input(e.to_string()))?;
    Ok((!value.is_null()).then(|| value.to_string()))
}

/// The members of a body that must be an object, in name order.
fn fields_of<T: Serialize + ?Sized>(body: &T) -> Result<Map<String, Value>, PluginError> {
    match serde_json::to_value(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(PluginError::invalid_input(
            "a form or multipart body must be an object of fields",
        )),
        Err(e) => Err(PluginError::invalid_input(format!("the body does not serialize: {e}"))),
    }
}

fn style_of(styles: &[FieldStyle], name: &str) -> QueryStyle {
    styles
        .iter()
        .find(|(field, _)| *field == name)
        .map_or(QueryStyle::FORM, |(_, style)| *style)
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body_of(request: &Request) -> String {
        String::from_utf8(request.body().unwrap().1.to_vec())
            .unwrap()
            .replace("%5B", "[")
            .replace("%5D", "]")
    }

    #[test]
    fn form_fields_in_their_styles() {
        let body = json!({
            "address": {"city": "Paris", "line1": "1 rue X"},
            "expand": ["a", "b"],
            "tags": ["x", "y"],
            "ids": ["1", "2"],
            "email": "a@b.c",
            "skipped": null,
        });
        let styles = [
            ("address", QueryStyle::DeepObject),
            ("expand", QueryStyle::DeepObject),
            ("ids", QueryStyle::Form { explode: false }),
        ];
        let request = form_body(Request::post("/x"), &body, &styles).unwrap();
        let sent = body_of(&request);
        let expected = "address[city]=Paris&address[line1]=1%20rue%20X&email=a%40b.c\
                        &expand[0]=a&expand[1]=b&ids=1,2&tags=x&tags=y";
        assert_eq!(sent, expected);
        let content_type = request.body().unwrap().0;
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        let list = json!([1]);
        let error = form_body(Request::post("/x"), &list, &[]).unwrap_err();
        let message = error.message();
        assert!(message.contains("object of fields"), "{message}");
    }

    #[test]
    fn multipart_files_and_fields() {
        let body = json!({
            "file": "hello",
            "purpose": "dispute_evidence",
            "file_link_data": {"create": true},
        });
        let request = multipart_body(Request::post("/v1/files"), &body, &[("file", "text/plain")], &[]).unwrap();
        let (content_type, bytes) = request.body().unwrap();
        let multipart = content_type.starts_with("multipart/form-data; boundary=");
        assert!(multipart, "{content_type}");
        let text = String::from_utf8_lossy(bytes);
        for part in [
            "name=\"file\"; filename=\"file\"\r\nContent-Type: text/plain\r\n\r\nhello",
            "name=\"file_link_data[create]\"\r\n\r\ntrue",
            "name=\"purpose\"\r\n\r\ndispute_evidence",
        ] {
            assert!(text.contains(part), "{text}");
        }
        let missing = json!({"file": {"path": "/no/such/file"}});
        let error = multipart_body(Request::post("/v1/files"), &missing, &[("file", "")], &[]).unwrap_err();
        let message = error.message();
        assert!(message.contains("cannot read the file '/no/such/file'"), "{message}");
    }

    #[test]
    fn json_parameters() {
        let object = json_text(&json!({"a": 1})).unwrap();
        let expected = Some(r#"{"a":1}"#.to_owned());
        assert_eq!(object, expected);
        let nothing: Option<u8> = None;
        let text = json_text(&nothing).unwrap();
        assert_eq!(text, None);
    }
}
