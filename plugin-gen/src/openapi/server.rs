//! Servers: base URLs, possibly with variables.

use std::collections::BTreeMap;

/// One entry of `servers`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// `url`, with `{variable}` placeholders.
    pub url: String,
    /// `description`.
    pub description: Option<String>,
    /// `variables`, by name; every placeholder of the URL has one.
    pub variables: BTreeMap<String, ServerVariable>,
}

/// A variable of a server URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerVariable {
    /// `default`.
    pub default: String,
    /// `enum`: the allowed values, if restricted.
    pub values: Vec<String>,
    /// `description`.
    pub description: Option<String>,
}

impl Server {
    /// The URL with every variable replaced by its default.
    ///
    /// ```
    /// # use std::collections::BTreeMap;
    /// use plugin_gen::openapi::{Server, ServerVariable};
    /// let server = Server {
    ///     url: "https://{region}.example.com/v1".into(),
    ///     description: None,
    ///     variables: BTreeMap::from([(
    ///         "region".into(),
    ///         ServerVariable { default: "eu".into(), values: vec![], description: None },
    ///     )]),
    /// };
    /// assert_eq!(server.default_url(), "https://eu.example.com/v1");
    /// ```
    pub fn default_url(&self) -> String {
        self.variables
            .iter()
            .fold(self.url.clone(), |url, (name, variable)| {
                url.replace(&format!("{{{name}}}"), &variable.default)
            })
    }
}
