//! What the generated commands have in common: reading a command's input,
//! connecting to the API with the plugin's credentials, encoding bodies,
//! and turning responses into a command's output. Public so that the
//! crate's Rust users can run commands as the plugin does.

mod answer;
mod api;
mod args;
mod encode;
mod values;

pub use answer::{bytes, failure, json, no_content, pages, text};
pub use api::{Api, Credentials, Security};
pub use args::{ALL, Args, BODY};
pub use encode::{FieldStyle, form_body, json_text, multipart_body};
pub use values::{EmptyString, FileContent};
