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
        Server::with_robots_redirects(0)
    }

    /// A server whose robots.txt is reached through `hops` redirects and
    /// then also disallows /kremlin (`hops` 0: served at once, /private/ only).
    pub fn with_robots_redirects(hops: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let (h, b) = (hits.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (h, b) = (h.clone(), b.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &h, &b, hops);
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
    robots_hops: usize,
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
    let port = base.rsplit(':').next().unwrap_or("");
    let hop = path
        .strip_prefix("/robots/")
        .and_then(|n| n.parse::<usize>().ok());
    let (status, headers, body): (&str, Vec<(&str, String)>, Vec<u8>) = match path.as_str() {
        "/robots.txt" if robots_hops > 0 => (
            "301 Moved Permanently",
            vec![("Location", "/robots/1".into())],
            Vec::new(),
        ),
        _ if hop.is_some_and(|n| n < robots_hops) => (
            "302 Found",
            vec![("Location", format!("/robots/{}", hop.unwrap() + 1))],
            Vec::new(),
        ),
        _ if hop.is_some() => (
            "200 OK",
            vec![("Content-Type", "text/plain".into())],
            b"User-agent: *\nDisallow: /private/\nDisallow: /kremlin\n".to_vec(),
        ),
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
        _ if path.starts_with("/wh/") => (
            "200 OK",
            vec![("Content-Type", html.into())],
            whitehouse_page(&path[4..]).into_bytes(),
        ),
        "/biden-feed.xml" => {
            let items: String = (1..=3)
                .map(|n| format!("<item><title>Readout {n}</title><link>{base}/wh/{n}</link><guid>{base}/wh/{n}</guid></item>"))
                .collect();
            (
                "200 OK",
                vec![("Content-Type", "application/rss+xml".into())],
                format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><link>{base}/</link><description>d</description>{items}</channel></rss>").into_bytes(),
            )
        }
        "/deep" => (
            "200 OK",
            vec![("Content-Type", html.into())],
            format!(
                "<!DOCTYPE html>\n<html><body>\n<h1>Deep</h1>\n{}",
                "<div>".repeat(100_000)
            )
            .into_bytes(),
        ),
        "/offsite" => (
            "302 Found",
            vec![("Location", format!("http://localhost:{port}/kremlin"))],
            Vec::new(),
        ),
        "/listing" => (
            "200 OK",
            vec![("Content-Type", html.into())],
            format!(
                "<html><body><ul>\
                 <li><a href=\"mailto:press@example.org\">Write to us</a></li>\
                 <li><a href=\"javascript:void(0)\">Menu</a></li>\
                 <li><a href=\"http://localhost:{port}/xinhua-en\">Elsewhere</a></li>\
                 <li><a href=\"http://127.0.0.2:{port}/mfa\">Elsewhere too</a></li>\
                 <li><a href=\"/kremlin\">Telephone conversation</a></li>\
                 </ul></body></html>"
            )
            .into_bytes(),
        ),
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

/// A White House readout page (the `whitehouse` profile's shape) of one of
/// three calls on one day whose titles share their first six words.
fn whitehouse_page(n: &str) -> String {
    let who = match n {
        "1" => "Prime Minister Kishida of Japan",
        "2" => "President Macron of France",
        _ => "Chancellor Scholz of Germany",
    };
    let title = format!("Readout of President Joseph R. Biden Jr.’s Call with {who}");
    let slug: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"UTF-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"https://www.whitehouse.gov/briefings-statements/2022/05/{slug}/\"></head>\
         <body><main><h1 class=\"page-title\">{title}</h1><time datetime=\"2022-05-10T12:00:00-04:00\">May 10, 2022</time>\
         <div class=\"body-content\"><p>President Biden spoke today with {who}.</p></div></main></body></html>"
    )
}
