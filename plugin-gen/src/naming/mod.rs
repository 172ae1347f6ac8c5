//! Rust names for things named in a specification.
//!
//! The rules, which every back end relies on:
//!
//! - Text splits into words at symbols and case changes ([`snake_case`],
//!   [`upper_camel_case`]); non-ASCII characters separate words.
//! - Fields, parameters and modules are `snake_case` ([`field_name`]);
//!   types and variants are `UpperCamelCase` ([`type_name`],
//!   [`variant_names`]).
//! - Keywords are escaped ([`escape_keyword`]): `type` -> `r#type`,
//!   `self` -> `self_`, `Self` -> `Self_`.
//! - A leading digit gets a prefix: `_` in snake_case (`_3d_secure`), `N`
//!   in UpperCamelCase (`N3dSecure`).
//! - Collisions are settled by numeric suffixes in a fixed order
//!   ([`UniqueNames`]), so the same input always gives the same names.

mod case;
mod keywords;
mod unique;
mod variants;
mod words;

pub use case::{field_name, snake_case, type_name, upper_camel_case};
pub use keywords::{escape_keyword, is_keyword};
pub use unique::UniqueNames;
pub use variants::variant_names;
