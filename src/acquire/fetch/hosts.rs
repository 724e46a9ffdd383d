//! The hosts a fetch may reach: a source's own sites (its address's host
//! and the hosts of that site: `www.x.org`, `x.org` and `news.x.org` are one
//! site) and the hosts a source names (`hosts` in `sources.toml`). Every
//! address fetched for it (the feed or listing, its items, every redirect,
//! robots.txt and its redirects) must be on one of them; an IP address or
//! `localhost` matches only itself.

use std::net::IpAddr;

use url::Url;

/// Where fetches may go: any host, or only these sites.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hosts {
    /// Lower-case hosts, `www.` left off; empty: any host.
    sites: Vec<String>,
}

impl Hosts {
    /// Any host.
    pub fn any() -> Hosts {
        Hosts::default()
    }

    /// The sites of these addresses and these extra hosts.
    pub fn of<'a>(urls: impl IntoIterator<Item = &'a str>, extra: &[String]) -> Hosts {
        let mut sites: Vec<String> = urls
            .into_iter()
            .filter_map(|u| Url::parse(u).ok()?.host_str().map(site))
            .chain(extra.iter().map(|h| site(h.trim())))
            .filter(|h| !h.is_empty())
            .collect();
        sites.dedup();
        Hosts { sites }
    }

    /// Why this address may not be fetched, or `None` when it may.
    pub fn refusal(&self, url: &Url) -> Option<String> {
        if self.sites.is_empty() {
            return None;
        }
        let host = url.host_str().unwrap_or("");
        if self.sites.iter().any(|s| same_site(s, &site(host))) {
            return None;
        }
        Some(format!(
            "{host:?} is not one of this source's hosts ({}); not fetched (name it in the source's `hosts`, or add the page by its own address, if you trust it)",
            self.sites.join(", ")
        ))
    }
}

/// A host as a site: lower case, without a leading `www.` or brackets.
fn site(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// One site: the same host, or (for names, not IP addresses) one under the
/// other.
fn same_site(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let is_name = |h: &str| h.parse::<IpAddr>().is_err() && h.contains('.');
    is_name(a) && is_name(b) && (b.ends_with(&format!(".{a}")) || a.ends_with(&format!(".{b}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sources_sites_and_nothing_else() {
        let hosts = Hosts::of(
            ["https://www.whitehouse.gov/feed/"],
            &["cdn.example.org".into()],
        );
        let ok = |u: &str| hosts.refusal(&Url::parse(u).unwrap()).is_none();
        assert!(ok("https://whitehouse.gov/x"));
        assert!(ok("https://WWW.WhiteHouse.gov./briefings/"));
        assert!(ok("https://archives.whitehouse.gov/x"));
        assert!(ok("http://cdn.example.org/page"));
        assert!(!ok("https://whitehouse.gov.evil.net/x"));
        assert!(!ok("https://notwhitehouse.gov/x"));
        assert!(!ok("http://localhost/"));
        let local = Hosts::of(["http://127.0.0.1:8080/feed"], &[]);
        let ok = |u: &str| local.refusal(&Url::parse(u).unwrap()).is_none();
        assert!(ok("http://127.0.0.1:9999/page"));
        assert!(!ok("http://127.0.0.2:8080/page"));
        assert!(!ok("http://localhost:8080/page"));
        assert!(!ok("http://[::1]:8080/page"));
        let e = local
            .refusal(&Url::parse("http://localhost/").unwrap())
            .unwrap();
        assert!(
            e.contains("\"localhost\" is not one of this source's hosts (127.0.0.1)"),
            "{e}"
        );
        assert!(Hosts::any()
            .refusal(&Url::parse("http://localhost/").unwrap())
            .is_none());
    }
}
