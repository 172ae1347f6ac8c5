//! A list that ends: Prism answers every page with `has_more: true`, so
//! the suite also serves Stripe's customer list itself, three customers in
//! pages of two, to see `"$all": true` follow the cursor to the end.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::{Value, json};

/// A one-route HTTP server on 127.0.0.1 that records the request targets.
pub(crate) struct Pages {
    url: String,
    targets: Arc<Mutex<Vec<String>>>,
    _thread: JoinHandle<()>,
}

impl Pages {
    /// Starts serving `GET /v1/customers` in pages of two: `cus_1`, `cus_2`
    /// with `has_more: true`, then `cus_3` with `has_more: false` after
    /// `starting_after=cus_2`.
    pub(crate) fn start() -> Result<Pages, String> {
        let listener =
            TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("could not listen: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let targets = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&targets);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(&stream);
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let target = request_line
                    .split(' ')
                    .nth(1)
                    .unwrap_or_default()
                    .to_owned();
                let body = page(&target).to_string();
                if let Ok(mut targets) = recorded.lock() {
                    targets.push(target);
                }
                let mut stream = &stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Ok(Pages {
            url: format!("http://127.0.0.1:{port}"),
            targets,
            _thread: thread,
        })
    }

    /// Where it listens.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The request targets received, in order.
    pub(crate) fn targets(&self) -> Vec<String> {
        self.targets.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

fn customer(id: &str) -> Value {
    json!({"id": id, "object": "customer", "created": 1_700_000_000, "livemode": false, "email": format!("{id}@example.com")})
}

fn page(target: &str) -> Value {
    let (data, has_more) = if target.contains("starting_after=cus_2") {
        (vec![customer("cus_3")], false)
    } else {
        (vec![customer("cus_1"), customer("cus_2")], true)
    };
    json!({"object": "list", "url": "/v1/customers", "has_more": has_more, "data": data})
}
