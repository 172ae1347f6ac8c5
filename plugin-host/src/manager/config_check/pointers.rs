//! JSON pointers: building them from the validator's paths, decoding and ordering them.

use std::cmp::Ordering;

use boon::InstanceToken;

/// Decodes the `%XX` escapes of a URI fragment.
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

pub(super) fn pointer(tokens: &[InstanceToken<'_>]) -> String {
    let mut path = String::new();
    for token in tokens {
        match token {
            InstanceToken::Prop(name) => path = child_pointer(&path, name),
            InstanceToken::Item(index) => path = format!("{path}/{index}"),
        }
    }
    path
}

pub(super) fn pointer_len(tokens: &[InstanceToken<'_>]) -> usize {
    pointer(tokens).len()
}

/// The JSON pointer of field `name` of the object at `parent`.
pub(super) fn child_pointer(parent: &str, name: &str) -> String {
    format!("{parent}/{}", name.replace('~', "~0").replace('/', "~1"))
}

/// Orders JSON pointers field by field, so that a field's children come
/// right after it and array items in numeric order.
pub(super) fn compare_pointers(a: &str, b: &str) -> Ordering {
    let tokens = |path: &'_ str| -> Vec<String> {
        path.split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    let (a, b) = (tokens(a), tokens(b));
    for (x, y) in a.iter().zip(&b) {
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len().cmp(&b.len())
}
