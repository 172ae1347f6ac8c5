//! Small pieces of generated syntax: identifiers, doc comments, `cfg`s.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::rust::docs::doc_lines;
use crate::rust::plan::gating::Gate;

/// An identifier; `r#type` becomes a raw identifier.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The name without a raw identifier's `r#`, as serde and people see it.
pub(crate) fn plain(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Outer doc attributes for `text`, already-sanitized paragraphs
/// separated by empty lines.
pub(crate) fn docs(text: &str) -> TokenStream {
    lines_to_attrs(&doc_lines(text), false)
}

/// Outer doc attributes for several parts: each part is a paragraph of
/// its own (the first usually a summary written by the generator).
pub(crate) fn docs_parts(parts: &[String]) -> TokenStream {
    lines_to_attrs(&join_parts(parts), false)
}

fn join_parts(parts: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        let part_lines = doc_lines(part);
        if part_lines.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(part_lines);
    }
    lines
}

/// Doc lines written by the generator itself, taken as they are (they may
/// hold Markdown the generator means: code spans, lists).
pub(crate) fn raw_docs(lines: &[String]) -> TokenStream {
    lines_to_attrs(lines, false)
}

/// Inner doc lines written by the generator itself.
pub(crate) fn raw_inner_docs(lines: &[String]) -> TokenStream {
    lines_to_attrs(lines, true)
}

fn lines_to_attrs(lines: &[String], inner: bool) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        if inner {
            quote!(#![doc = #text])
        } else {
            quote!(#[doc = #text])
        }
    });
    quote!(#(#attrs)*)
}

/// The names of the features that turn on resources, by resource index.
#[derive(Debug)]
pub(crate) struct Features<'a>(pub(crate) &'a [String]);

impl Features<'_> {
    /// The condition that `gate` holds: `feature = "a"` or `any(...)`;
    /// `None` when every feature compiles it.
    pub(crate) fn condition(&self, gate: &Gate) -> Option<TokenStream> {
        if gate.is_all(self.0.len()) {
            return None;
        }
        let names: Vec<&str> = gate
            .resources()
            .filter_map(|r| self.0.get(r))
            .map(String::as_str)
            .collect();
        Some(match names.as_slice() {
            [one] => quote!(feature = #one),
            several => quote!(any(#(feature = #several),*)),
        })
    }

    /// `#[cfg(...)]` for `gate` inside something already gated by
    /// `within`; empty when `within` implies it.
    pub(crate) fn cfg_within(&self, gate: &Gate, within: &Gate) -> TokenStream {
        if gate.covers(within) {
            return TokenStream::new();
        }
        self.cfg(gate)
    }

    /// `#[cfg(...)]` for `gate`; empty when every feature compiles it.
    pub(crate) fn cfg(&self, gate: &Gate) -> TokenStream {
        match self.condition(gate) {
            Some(condition) => quote!(#[cfg(#condition)]),
            None => TokenStream::new(),
        }
    }
}
