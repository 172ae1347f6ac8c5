//! Templates with `{name}` placeholders: paths and server URLs.

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TemplatePart {
    /// Text taken as it is.
    Literal(String),
    /// A `{name}` placeholder.
    Param(String),
}

/// Splits a template into literal text and placeholders; the error says
/// what is wrong with the braces.
///
/// ```
/// use plugin_gen::openapi::{TemplatePart, parse_template};
/// assert_eq!(
///     parse_template("/pets/{petId}.json").unwrap(),
///     [
///         TemplatePart::Literal("/pets/".into()),
///         TemplatePart::Param("petId".into()),
///         TemplatePart::Literal(".json".into()),
///     ]
/// );
/// assert!(parse_template("/pets/{petId").is_err());
/// ```
pub fn parse_template(template: &str) -> Result<Vec<TemplatePart>, String> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("'{template}' has a '}}' without a '{{' before it"));
        }
        if open > 0 {
            parts.push(TemplatePart::Literal(rest[..open].to_owned()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find(['{', '}'])
            .filter(|&i| after[i..].starts_with('}'))
            .ok_or_else(|| {
                format!("'{template}' has a '{{' that is not closed before the next brace")
            })?;
        let name = &after[..close];
        if name.is_empty() {
            return Err(format!("'{template}' has an empty placeholder '{{}}'"));
        }
        parts.push(TemplatePart::Param(name.to_owned()));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest.to_owned()));
    }
    Ok(parts)
}

/// The placeholder names of a template, in order.
pub(crate) fn placeholder_names(parts: &[TemplatePart]) -> impl Iterator<Item = &str> {
    parts.iter().filter_map(|part| match part {
        TemplatePart::Param(name) => Some(name.as_str()),
        TemplatePart::Literal(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_must_balance() {
        assert!(parse_template("/a}").is_err());
        assert!(parse_template("/a/{b{c}}").is_err());
        assert!(parse_template("/a/{}").is_err());
        assert_eq!(parse_template("").unwrap(), []);
        let parts = parse_template("https://{region}.x.com/{v}").unwrap();
        assert_eq!(
            placeholder_names(&parts).collect::<Vec<_>>(),
            ["region", "v"]
        );
    }
}
