//! Cursor pagination: following a list through its pages.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Client, HttpError, Request};

/// Where the cursor for the next page comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorSource {
    /// A field of the last item of the page, such as Stripe's `id`.
    LastItem(String),
    /// A field of the response, such as `next_cursor` or
    /// `/meta/next_cursor`.
    Response(String),
}

/// How to follow a cursor-paginated list. Field names are either plain keys
/// of the top-level object (`data`) or JSON pointers (`/meta/has_more`).
///
/// [`CursorPagination::stripe`] (the default) reads items from `data`,
/// continues while `has_more` is true, and asks for the next page with
/// `starting_after` = the last item's `id`.
///
/// Every list stops after [`max_pages`](Self::max_pages) pages (1,000 by
/// default) so that an API that always says `has_more` cannot loop forever;
/// [`limit`](Self::limit) stops after that many items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CursorPagination {
    items: String,
    has_more: Option<String>,
    cursor_param: String,
    cursor: CursorSource,
    limit: Option<usize>,
    max_pages: usize,
}

impl CursorPagination {
    /// Stripe's lists: `data`, `has_more`, `starting_after` = last `id`.
    pub fn stripe() -> CursorPagination {
        CursorPagination::new(
            "data",
            "starting_after",
            CursorSource::LastItem("id".to_owned()),
        )
        .has_more_field(Some("has_more"))
    }

    /// Items under `items`, the cursor from `cursor` sent as query
    /// parameter `cursor_param`. Without a `has_more` field (the default
    /// here), the list ends at an empty page or a missing (`null`, empty)
    /// cursor.
    pub fn new(
        items: impl Into<String>,
        cursor_param: impl Into<String>,
        cursor: CursorSource,
    ) -> CursorPagination {
        CursorPagination {
            items: items.into(),
            has_more: None,
            cursor_param: cursor_param.into(),
            cursor,
            limit: None,
            max_pages: 1000,
        }
    }

    /// The boolean field that says whether more pages follow, or `None`.
    pub fn has_more_field(mut self, field: Option<&str>) -> CursorPagination {
        self.has_more = field.map(str::to_owned);
        self
    }

    /// Stops after `items` items (the last page is cut to fit).
    pub fn limit(mut self, items: usize) -> CursorPagination {
        self.limit = Some(items);
        self
    }

    /// Stops after `pages` pages (at least 1) even if the API says there
    /// are more.
    pub fn max_pages(mut self, pages: usize) -> CursorPagination {
        self.max_pages = pages.max(1);
        self
    }
}

impl Default for CursorPagination {
    fn default() -> Self {
        CursorPagination::stripe()
    }
}

/// The items of a paginated list, and whether the list goes on.
#[derive(Debug, Clone, PartialEq)]
pub struct Paginated<T> {
    /// The items, in the order the pages gave them.
    pub items: Vec<T>,
    /// How many pages were read.
    pub pages: usize,
    /// Whether the API has more items than were read (the limit or the page
    /// cap stopped the reading).
    pub has_more: bool,
}

/// The pages of a list, read one request at a time; see [`Client::pages`].
#[derive(Debug)]
pub struct Pages<'c, T> {
    client: &'c Client,
    request: Request,
    pagination: CursorPagination,
    pages: usize,
    items: usize,
    previous_cursor: Option<String>,
    done: bool,
    more: bool,
    item_type: std::marker::PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pages<'_, T> {
    /// Whether the API has more items than were read: true once the limit or
    /// the page cap stopped the iteration early.
    pub fn has_more(&self) -> bool {
        self.more
    }

    fn next_page(&mut self) -> Result<Vec<T>, HttpError> {
        let operation = format!("{} {}", self.request.method(), self.request.path()?);
        let fail = |message: String| HttpError::Pagination {
            operation: operation.clone(),
            message,
        };
        let page: Value = self.client.send(&self.request)?.success_json()?;
        self.pages += 1;
        let items = field(&page, &self.pagination.items)
            .and_then(Value::as_array)
            .ok_or_else(|| fail(format!("the page has no array '{}'", self.pagination.items)))?;
        let mut decoded = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item = T::deserialize(item).map_err(|e| HttpError::Decode {
                operation: operation.clone(),
                status: 200,
                target: std::any::type_name::<T>(),
                message: format!("item {index} of page {}: {e}", self.pages),
            })?;
            decoded.push(item);
        }
        let cursor = match &self.pagination.cursor {
            CursorSource::LastItem(name) => items.last().and_then(|item| field(item, name)),
            CursorSource::Response(name) => field(&page, name),
        }
        .and_then(|v| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        let said_more = match &self.pagination.has_more {
            Some(name) => field(&page, name)
                .and_then(Value::as_bool)
                .ok_or_else(|| fail(format!("the page has no boolean '{name}'")))?,
            // Without a has_more field, an empty page or a missing cursor
            // ends the list.
            None => !items.is_empty() && cursor.is_some(),
        };
        if let Some(limit) = self.pagination.limit {
            let room = limit - self.items;
            if decoded.len() >= room {
                self.more = said_more || decoded.len() > room;
                decoded.truncate(room);
                self.done = true;
            }
        }
        self.items += decoded.len();
        if self.done {
            return Ok(decoded);
        }
        match cursor {
            _ if !said_more => self.done = true,
            None => {
                return Err(fail(match &self.pagination.cursor {
                    CursorSource::LastItem(name) => format!(
                        "the API says more pages follow, but the page's last item has no '{name}' to continue from"
                    ),
                    CursorSource::Response(name) => format!(
                        "the API says more pages follow, but the page has no cursor in '{name}'"
                    ),
                }));
            }
            Some(cursor) if self.previous_cursor.as_deref() == Some(cursor.as_str()) => {
                return Err(fail(format!(
                    "the API gave the cursor '{cursor}' twice in a row; it would loop forever"
                )));
            }
            Some(cursor) => {
                if self.pages >= self.pagination.max_pages {
                    log::warn!(
                        target: "plugin_http",
                        "{operation}: stopped after {} pages (the cap); more items remain",
                        self.pages
                    );
                    self.more = true;
                    self.done = true;
                } else {
                    self.request
                        .set_query(&self.pagination.cursor_param, &cursor);
                    self.previous_cursor = Some(cursor);
                }
            }
        }
        Ok(decoded)
    }
}

impl<T: DeserializeOwned> Iterator for Pages<'_, T> {
    type Item = Result<Vec<T>, HttpError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let page = self.next_page();
        if page.is_err() {
            self.done = true;
        }
        Some(page)
    }
}

impl Client {
    /// The pages of the list `request` starts, fetched as the iterator
    /// advances. The request's own cursor parameter, if any, is where the
    /// list starts.
    pub fn pages<T: DeserializeOwned>(
        &self,
        request: Request,
        pagination: &CursorPagination,
    ) -> Pages<'_, T> {
        Pages {
            client: self,
            request,
            pagination: pagination.clone(),
            pages: 0,
            items: 0,
            previous_cursor: None,
            done: pagination.limit == Some(0),
            more: false,
            item_type: std::marker::PhantomData,
        }
    }

    /// Every item of the list `request` starts, across its pages.
    ///
    /// ```no_run
    /// use plugin_http::{Client, CursorPagination, QueryStyle, Request};
    ///
    /// # fn main() -> Result<(), plugin_http::HttpError> {
    /// # let client = Client::builder("https://api.stripe.com").build()?;
    /// let request = Request::get("/v1/customers").query("limit", &100, QueryStyle::FORM);
    /// let all = client.paginate::<serde_json::Value>(request, &CursorPagination::stripe().limit(250))?;
    /// println!("{} customers, more: {}", all.items.len(), all.has_more);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// The first request's error; [`HttpError::Pagination`] if a page lacks
    /// the items array, the `has_more` field or the cursor, or repeats the
    /// previous cursor; [`HttpError::Decode`] naming the item that does not
    /// decode.
    pub fn paginate<T: DeserializeOwned>(
        &self,
        request: Request,
        pagination: &CursorPagination,
    ) -> Result<Paginated<T>, HttpError> {
        let mut pages = self.pages::<T>(request, pagination);
        let mut items = Vec::new();
        for page in pages.by_ref() {
            items.extend(page?);
        }
        Ok(Paginated {
            items,
            pages: pages.pages,
            has_more: pages.more,
        })
    }
}

/// A field by plain name or JSON pointer.
fn field<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    if name.starts_with('/') {
        value.pointer(name)
    } else {
        value.get(name)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fields_by_name_or_pointer() {
        let page = json!({"data": [1], "meta": {"next": "c2"}});
        assert_eq!(field(&page, "data"), Some(&json!([1])));
        assert_eq!(field(&page, "/meta/next"), Some(&json!("c2")));
        assert_eq!(field(&page, "meta/next"), None);
    }

    #[test]
    fn stripe_is_the_default() {
        let stripe = CursorPagination::default();
        assert_eq!(stripe.items, "data");
        assert_eq!(stripe.has_more.as_deref(), Some("has_more"));
        assert_eq!(stripe.cursor_param, "starting_after");
        assert_eq!(stripe.cursor, CursorSource::LastItem("id".into()));
        assert_eq!(CursorPagination::stripe().max_pages(0).max_pages, 1);
    }
}
