//! The runtime of generated API plugins: what a plugin generated from an
//! OpenAPI document calls to turn an operation's arguments into an HTTP
//! request, send it with the API's authentication, and decode the answer.
//!
//! - [`Client`]: a blocking client (ureq, rustls) with a base URL, timeouts,
//!   a user agent, default headers and [`Auth`].
//! - [`Request`]: one operation: path template and parameters
//!   ([`QueryStyle`] for `form` and `deepObject`), headers, cookies, and a
//!   JSON, form ([`encode_form`], Stripe's bracket notation) or
//!   [`Multipart`] body.
//! - [`Response`]: status, headers, body; decoded by status into the
//!   caller's type, or turned into an [`ApiError`] that says what the API
//!   said and what to do.
//! - [`CursorPagination`]: following `has_more` and `starting_after` (or
//!   another API's cursor fields) through every page.
//! - [`fetch_credential`]: the plugin's own credentials from the host, as a
//!   [`Secret`] that never shows in output.
//!
//! [`HttpError`] converts into [`plugin_api::PluginError`], so a command
//! can use `?` throughout:
//!
//! ```no_run
//! use plugin_api::{Command, Context, PluginError};
//! use plugin_http::{Auth, Client, CursorPagination, QueryStyle, Request, Secret};
//!
//! #[derive(serde::Serialize)]
//! struct CreateCustomer {
//!     email: String,
//!     metadata: std::collections::BTreeMap<String, String>,
//! }
//!
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct Customer {
//!     id: String,
//! }
//!
//! fn client<C>(ctx: &Context<'_, C>, base_url: Option<&str>) -> Result<Client, PluginError> {
//!     let key = plugin_http::fetch_credential(ctx, "api_key")?;
//!     Ok(Client::builder("https://api.stripe.com")
//!         .override_base_url(base_url)
//!         .auth(Auth::basic(key, Secret::empty()).credential("api_key"))
//!         .build()?)
//! }
//!
//! fn create_customer(client: &Client, body: &CreateCustomer) -> Result<Customer, PluginError> {
//!     let request = Request::post("/v1/customers").form_body(body);
//!     Ok(client.send(&request)?.json_if(&[200])?)
//! }
//!
//! fn all_customers(client: &Client) -> Result<Vec<Customer>, PluginError> {
//!     let request = Request::get("/v1/customers").query("limit", &100, QueryStyle::FORM);
//!     Ok(client.paginate(request, &CursorPagination::stripe())?.items)
//! }
//! ```

#![deny(missing_docs)]

mod api_error;
mod auth;
mod brackets;
mod client;
mod credentials;
mod error;
mod form;
mod multipart;
mod pagination;
mod path;
mod percent;
mod query;
mod redact;
mod request;
mod response;
mod secret;
mod transport;

pub use api_error::ApiError;
pub use auth::{ApiKeyLocation, Auth, ClientCredentials};
pub use brackets::{ArrayFormat, BracketOptions, Nulls};
pub use client::{Client, ClientBuilder, DEFAULT_USER_AGENT};
pub use credentials::{CREDENTIALS_SERVICE, GET_METHOD, fetch_credential, fetch_credential_from};
pub use error::{EncodeError, HttpError};
pub use form::{encode_form, encode_form_with, form_pairs};
pub use multipart::Multipart;
pub use pagination::{CursorPagination, CursorSource, Pages, Paginated};
pub use query::{QueryStyle, encode_query, query_pairs};
pub use request::{Method, Request};
pub use response::Response;
pub use secret::{REDACTED, Secret};
