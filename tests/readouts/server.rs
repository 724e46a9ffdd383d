//! A small HTTP server on loopback serving saved pages, for `add` and
//! `update`: never the internet. Routes: the fixtures, a 404, a page that
//! never answers, a redirect loop, a 50 MB page, a GBK page, an RSS feed,
//! robots.txt (disallowing /private/), and ETag answers (304).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running server: its address and how often each path was asked for.
pub struct Server {
    pub base: String,
    pub hits: Arc<Mutex<HashMap<String, usize>>>,
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/pages")
            .join(name),
    )
    .unwrap()
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let (h, b) = (hits.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (h, b) = (h.clone(), b.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &h, &b);
                });
            }
        });
        Server { base, hits }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn serve(
    mut stream: TcpStream,
    hits: &Mutex<HashMap<String, usize>>,
    base: &str,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(v.trim().to_string());
            }
        }
    }
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let html = "text/html; charset=utf-8";
    let (status, headers, body): (&str, Vec<(&str, String)>, Vec<u8>) = match path.as_str() {
        "/robots.txt" => (
            "200 OK",
            vec![("Content-Type", "text/plain".into())],
            b"User-agent: *\nDisallow: /private/\n".to_vec(),
        ),
        "/kremlin" | "/xinhua-en" | "/mfa" | "/private/page" => {
            if if_none_match.as_deref() == Some("\"v1\"") {
                (
                    "304 Not Modified",
                    vec![("ETag", "\"v1\"".into())],
                    Vec::new(),
                )
            } else {
                let name = match path.as_str() {
                    "/xinhua-en" => "xinhua-en-readout.html",
                    "/mfa" => "prc-mfa-en-press-conference.html",
                    _ => "kremlin-en-readout.html",
                };
                (
                    "200 OK",
                    vec![("Content-Type", html.into()), ("ETag", "\"v1\"".into())],
                    fixture(name),
                )
            }
        }
        "/gbk" => {
            let text = String::from_utf8(fixture("xinhua-zh-readout.html"))
                .unwrap()
                .replace("charset=utf-8", "charset=gbk");
            let (bytes, _, _) = encoding_rs::GBK.encode(&text);
            (
                "200 OK",
                vec![("Content-Type", "text/html".into())],
                bytes.into_owned(),
            )
        }
        "/feed.xml" => {
            let feed = format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><link>{base}/</link><description>d</description>\
                 <item><title>Telephone conversation</title><link>{base}/kremlin</link><guid>{base}/kremlin</guid></item>\
                 <item><title>Xi, Trump</title><link>{base}/xinhua-en</link><guid>item-2</guid></item></channel></rss>"
            );
            (
                "200 OK",
                vec![("Content-Type", "application/rss+xml".into())],
                feed.into_bytes(),
            )
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(5));
            return Ok(());
        }
        "/loop" => ("302 Found", vec![("Location", "/loop2".into())], Vec::new()),
        "/loop2" => ("302 Found", vec![("Location", "/loop".into())], Vec::new()),
        "/big" => {
            write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", 50 * 1024 * 1024)?;
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..800 {
                stream.write_all(&chunk)?;
            }
            return Ok(());
        }
        _ => (
            "404 Not Found",
            vec![("Content-Type", html.into())],
            b"<h1>Not found</h1>".to_vec(),
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    )?;
    for (k, v) in headers {
        write!(stream, "{k}: {v}\r\n")?;
    }
    write!(stream, "\r\n")?;
    stream.write_all(&body)?;
    stream.flush()
}
