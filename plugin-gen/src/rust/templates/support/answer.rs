//! Responses as a command's output: the body decoded into the type the
//! operation declares for its status, written back as JSON.

use plugin_api::PluginError;
use plugin_http::{Client, CursorPagination, Request, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The body decoded as `T`, as JSON.
///
/// # Errors
///
/// [`Failed`](plugin_api::ErrorKind::Failed) when the body does not decode
/// (the message names the type and quotes the body).
pub fn json<T: DeserializeOwned + Serialize>(response: &Response) -> Result<Vec<u8>, PluginError> {
    let value: T = response.json()?;
    plugin_api::to_json(&value)
}

/// `null`, for a response without a body.
///
/// # Errors
///
/// None; the signature matches the other answers.
pub fn no_content(_response: &Response) -> Result<Vec<u8>, PluginError> {
    Ok(b"null".to_vec())
}

/// The body as a JSON string, for text (and XML) responses.
///
/// # Errors
///
/// None; the signature matches the other answers.
pub fn text(response: &Response) -> Result<Vec<u8>, PluginError> {
    plugin_api::to_json(&response.text())
}

/// The body in base64 as a JSON string, for binary responses (a PDF).
///
/// # Errors
///
/// None; the signature matches the other answers.
pub fn bytes(response: &Response) -> Result<Vec<u8>, PluginError> {
    plugin_api::to_json(&base64(response.body()))
}

/// Every item of the paged list `request` starts, as a JSON array.
///
/// # Errors
///
/// The first request's error, or
/// [`Failed`](plugin_api::ErrorKind::Failed) when a page does not decode
/// or the API repeats a cursor (an API that would page forever).
pub fn pages<T: DeserializeOwned + Serialize>(
    client: &Client,
    request: Request,
    pagination: &CursorPagination,
) -> Result<Vec<u8>, PluginError> {
    let all = client.paginate::<T>(request, pagination)?;
    plugin_api::to_json(&all.items)
}

/// The error for a status the operation does not answer with success:
/// what the API said, and what to do (which credential to check for a
/// 401).
pub fn failure(response: Response) -> PluginError {
    response.into_error().into()
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
