//! Fetching pages: `ureq` with rustls, a User-Agent naming the project,
//! timeouts, retries with exponential backoff (network errors, 429, 5xx),
//! robots.txt, a delay between two requests to one host, conditional
//! requests from the cache (ETag, Last-Modified), redirects followed by hand
//! (a loop is named), and a cap on the body.

pub mod cache;
pub mod hosts;
pub mod robots;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ureq::http::{Response, StatusCode};
use ureq::Body;
use url::Url;

use crate::error::{Error, Result};
pub use cache::Cache;
pub use hosts::Hosts;
use robots::Robots;

/// The User-Agent: the project's name and version.
pub const USER_AGENT: &str = concat!(
    "readouts/",
    env!("CARGO_PKG_VERSION"),
    " (full-text search over diplomatic statements; one page at a time, robots.txt respected)"
);

/// The largest page accepted by default, in bytes.
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// How pages are fetched.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Timeout of one request (connect, send, receive).
    pub timeout: Duration,
    /// Retries after a network error, a 429 or a 5xx.
    pub retries: u32,
    /// The first wait before a retry (doubled each time).
    pub backoff: Duration,
    /// The least time between two requests to one host (robots.txt's
    /// Crawl-delay, if longer, wins).
    pub delay: Duration,
    /// The largest page accepted.
    pub max_bytes: u64,
    /// The most redirects followed.
    pub max_redirects: usize,
    /// Where raw pages are cached; `None`: not cached.
    pub cache: Option<Cache>,
    /// Use only the cache: never the network.
    pub offline: bool,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_secs(1),
            delay: Duration::from_secs(1),
            max_bytes: MAX_PAGE_BYTES,
            max_redirects: 5,
            cache: None,
            offline: false,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL it was served from (after redirects).
    pub url: String,
    /// The body as sent.
    pub bytes: Vec<u8>,
    /// The Content-Type header.
    pub content_type: Option<String>,
    /// Read from the cache (the server said 304, or `offline`).
    pub from_cache: bool,
}

/// A client: keeps robots.txt and the time of the last request per host.
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    robots: HashMap<String, Robots>,
    last: HashMap<String, Instant>,
    hosts: Hosts,
}

/// One answer: status, headers we use, body.
struct Answer {
    status: StatusCode,
    response: Response<Body>,
}

impl Fetcher {
    /// A client with these options.
    pub fn new(options: FetchOptions) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent();
        Fetcher {
            agent,
            options,
            robots: HashMap::new(),
            last: HashMap::new(),
            hosts: Hosts::any(),
        }
    }

    /// The hosts fetched from.
    pub fn hosts(&self) -> &Hosts {
        &self.hosts
    }

    /// Fetch only from these hosts from now on (every redirect included).
    pub fn set_hosts(&mut self, hosts: Hosts) {
        self.hosts = hosts;
    }

    /// The options.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetch a page (or read it from the cache when `offline`).
    pub fn get(&mut self, url: &str) -> Result<Fetched> {
        let fail = |reason: String| Error::Fetch {
            url: url.to_string(),
            reason,
        };
        let mut current = parse_url(url).map_err(fail)?;
        if self.options.offline {
            return self.cached(url);
        }
        let mut chain: Vec<String> = Vec::new();
        loop {
            if chain.contains(&current.to_string()) {
                chain.push(current.to_string());
                return Err(fail(format!("redirect loop: {}", chain.join(" → "))));
            }
            if chain.len() > self.options.max_redirects {
                return Err(fail(format!(
                    "more than {} redirects: {}",
                    self.options.max_redirects,
                    chain.join(" → ")
                )));
            }
            chain.push(current.to_string());
            if let Some(why) = self.hosts.refusal(&current) {
                return Err(fail(match chain.len() {
                    1 => why,
                    _ => format!("redirected to {current}: {why}"),
                }));
            }
            self.check_robots(&current).map_err(fail)?;
            let cached = self.options.cache.as_ref().and_then(|c| c.get(url));
            let answer = self.call(&current, cached.as_ref().map(|c| &c.0))?;
            if answer.status.is_redirection() && answer.status != StatusCode::NOT_MODIFIED {
                let location = header(&answer.response, "location")
                    .ok_or_else(|| fail(format!("HTTP {} without a Location", answer.status)))?;
                current = current
                    .join(&location)
                    .map_err(|e| fail(format!("bad redirect Location {location:?}: {e}")))?;
                continue;
            }
            return self.finish(url, &current, answer, cached);
        }
    }

    /// The cached copy of a page.
    pub fn cached(&self, url: &str) -> Result<Fetched> {
        let (entry, bytes) = self
            .options
            .cache
            .as_ref()
            .and_then(|c| c.get(url))
            .ok_or_else(|| Error::Fetch {
                url: url.to_string(),
                reason: "not in the page cache (fetch it once without --offline)".into(),
            })?;
        Ok(Fetched {
            url: entry.final_url,
            bytes,
            content_type: entry.content_type,
            from_cache: true,
        })
    }

    /// A final answer: the page (cached), the cached copy on 304, or an error.
    fn finish(
        &mut self,
        url: &str,
        current: &Url,
        answer: Answer,
        cached: Option<(cache::Entry, Vec<u8>)>,
    ) -> Result<Fetched> {
        let fail = |reason: String| Error::Fetch {
            url: url.to_string(),
            reason,
        };
        let Answer {
            status,
            mut response,
        } = answer;
        if status == StatusCode::NOT_MODIFIED {
            if let Some((entry, bytes)) = cached {
                return Ok(Fetched {
                    url: entry.final_url,
                    bytes,
                    content_type: entry.content_type,
                    from_cache: true,
                });
            }
        }
        if !status.is_success() {
            return Err(fail(format!("HTTP {status}")));
        }
        let max = self.options.max_bytes;
        let too_big = |n: u64| {
            fail(format!(
                "the page is {:.1} MB, over the {} MB cap; refused",
                n as f64 / 1_048_576.0,
                max / 1_048_576
            ))
        };
        let declared = header(&response, "content-length").and_then(|v| v.parse::<u64>().ok());
        if let Some(n) = declared.filter(|n| *n > max) {
            return Err(too_big(n));
        }
        let bytes = match response.body_mut().with_config().limit(max).read_to_vec() {
            Ok(b) => b,
            Err(ureq::Error::BodyExceedsLimit(_)) => {
                return Err(fail(format!(
                    "the page is over the {} MB cap; refused",
                    max / 1_048_576
                )))
            }
            Err(e) => return Err(fail(describe(&e, self.options.timeout))),
        };
        let entry = cache::Entry {
            url: url.to_string(),
            final_url: current.to_string(),
            etag: header(&response, "etag"),
            last_modified: header(&response, "last-modified"),
            content_type: header(&response, "content-type"),
            fetched: chrono::Utc::now().to_rfc3339(),
        };
        if let Some(cache) = &self.options.cache {
            cache.put(&entry, &bytes)?;
        }
        Ok(Fetched {
            url: entry.final_url,
            bytes,
            content_type: entry.content_type,
            from_cache: false,
        })
    }

    /// One request, after the host's delay, retried with backoff.
    fn call(&mut self, url: &Url, cached: Option<&cache::Entry>) -> Result<Answer> {
        let mut attempt = 0;
        loop {
            self.wait_turn(url);
            let mut request = self.agent.get(url.as_str());
            if let Some(entry) = cached {
                if let Some(etag) = &entry.etag {
                    request = request.header("If-None-Match", etag);
                }
                if let Some(lm) = &entry.last_modified {
                    request = request.header("If-Modified-Since", lm);
                }
            }
            let result = request.call();
            let retry = match &result {
                Ok(r) => {
                    r.status() == StatusCode::TOO_MANY_REQUESTS || r.status().is_server_error()
                }
                Err(_) => true,
            };
            if retry && attempt < self.options.retries {
                std::thread::sleep(self.options.backoff * 2u32.pow(attempt));
                attempt += 1;
                continue;
            }
            return match result {
                Ok(response) => Ok(Answer {
                    status: response.status(),
                    response,
                }),
                Err(e) => Err(Error::Fetch {
                    url: url.to_string(),
                    reason: format!(
                        "{} (after {} tr{})",
                        describe(&e, self.options.timeout),
                        attempt + 1,
                        if attempt == 0 { "y" } else { "ies" }
                    ),
                }),
            };
        }
    }

    /// Sleep until this host may be asked again.
    fn wait_turn(&mut self, url: &Url) {
        let key = origin(url);
        let crawl = self.robots.get(&key).and_then(|r| r.crawl_delay);
        let delay = crawl.map_or(self.options.delay, |c| c.max(self.options.delay));
        if let Some(last) = self.last.get(&key) {
            let ready = *last + delay;
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
        self.last.insert(key, Instant::now());
    }
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

fn header(response: &Response<Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// An http or https URL.
pub fn parse_url(text: &str) -> std::result::Result<Url, String> {
    let url = Url::parse(text).map_err(|e| format!("not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "{}: only http and https pages are fetched",
            url.scheme()
        ));
    }
    Ok(url)
}

/// A network error in words.
fn describe(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("timed out after {} s", timeout.as_secs_f64()),
        ureq::Error::Io(io) => format!("network error: {io}"),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        other => other.to_string(),
    }
}
