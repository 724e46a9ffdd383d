//! robots.txt (RFC 9309): the group for `readouts` (else `*`), its Allow and
//! Disallow rules (longest match wins, Allow on a tie; `*` and `$`), and
//! Crawl-delay.

use std::time::Duration;

use url::Url;

use super::{origin, Fetcher};

/// The rules that apply to this client on one site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    /// `(allow, pattern)` in file order.
    rules: Vec<(bool, String)>,
    /// Crawl-delay, when given.
    pub crawl_delay: Option<Duration>,
    /// Why nothing is allowed, when robots.txt could not be read.
    pub unreachable: Option<String>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx answer).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Nothing allowed (robots.txt unreachable: a 5xx answer).
    pub fn disallow_all() -> Robots {
        Robots {
            rules: vec![(false, "/".into())],
            crawl_delay: None,
            unreachable: None,
        }
    }

    /// Nothing allowed, and why (robots.txt could not be read).
    pub fn unreachable(why: String) -> Robots {
        Robots {
            unreachable: Some(why),
            ..Robots::disallow_all()
        }
    }

    /// Parse a robots.txt for the product token `agent` (lower case).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let mut groups: Vec<(Vec<String>, Robots)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Robots::default()));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" | "crawl-delay" => {
                    in_agents = false;
                    let Some((_, robots)) = groups.last_mut() else {
                        continue;
                    };
                    if key == "crawl-delay" {
                        robots.crawl_delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0)
                            .map(|s| Duration::from_secs_f64(s.min(60.0)));
                    } else if !value.is_empty() {
                        robots.rules.push((key == "allow", value.to_string()));
                    }
                }
                _ => {}
            }
        }
        let find = |want: &dyn Fn(&str) -> bool| {
            groups
                .iter()
                .find(|(agents, _)| agents.iter().any(|a| want(a)))
                .map(|(_, r)| r.clone())
        };
        find(&|a| a != "*" && agent.contains(a))
            .or_else(|| find(&|a| a == "*"))
            .unwrap_or_default()
    }

    /// May this path (with its query) be fetched?
    pub fn allows(&self, path: &str) -> bool {
        let best = self
            .rules
            .iter()
            .filter(|(_, pattern)| matches(pattern, path))
            .max_by_key(|(allow, pattern)| (pattern.len(), *allow));
        best.is_none_or(|(allow, _)| *allow)
    }
}

/// The most redirects followed to a robots.txt (RFC 9309: at least five).
pub const MAX_ROBOTS_REDIRECTS: usize = 5;

impl Fetcher {
    /// Refuse a URL the site's robots.txt disallows (read once per site).
    pub(super) fn check_robots(&mut self, url: &Url) -> std::result::Result<(), String> {
        let key = origin(url);
        if !self.robots.contains_key(&key) {
            let robots = self.read_robots(url);
            self.robots.insert(key.clone(), robots);
        }
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let robots = &self.robots[&key];
        if robots.allows(&path) {
            return Ok(());
        }
        Err(match &robots.unreachable {
            Some(why) => format!("{key}/robots.txt {why}, so nothing there is fetched"),
            None => format!("{key}/robots.txt disallows {path} for readouts; not fetched"),
        })
    }

    /// A site's robots.txt, following up to [`MAX_ROBOTS_REDIRECTS`]
    /// redirects (on this fetch's hosts): its rules on a 2xx, none on a 4xx,
    /// everything disallowed when unreachable (a 5xx, too many redirects, a
    /// redirect elsewhere), none on a network error.
    fn read_robots(&mut self, url: &Url) -> Robots {
        let Ok(mut current) = url.join("/robots.txt") else {
            return Robots::allow_all();
        };
        let mut redirects = 0;
        loop {
            if let Some(why) = self.hosts.refusal(&current) {
                return Robots::unreachable(format!("redirects to {current}, and {why}"));
            }
            let mut answer = match self.call(&current, None) {
                Ok(a) => a,
                Err(_) => return Robots::allow_all(),
            };
            let status = answer.status;
            if status.is_redirection() {
                let next = super::header(&answer.response, "location")
                    .and_then(|l| current.join(&l).ok())
                    .filter(|u| matches!(u.scheme(), "http" | "https"));
                match next {
                    Some(next) if redirects < MAX_ROBOTS_REDIRECTS => {
                        redirects += 1;
                        current = next;
                        continue;
                    }
                    Some(_) => {
                        return Robots::unreachable(format!(
                            "redirects more than {MAX_ROBOTS_REDIRECTS} times"
                        ))
                    }
                    None => {
                        return Robots::unreachable(format!(
                            "answers HTTP {status} without a usable Location"
                        ))
                    }
                }
            }
            if status.is_success() {
                let text = answer
                    .response
                    .body_mut()
                    .with_config()
                    .limit(512 * 1024)
                    .read_to_string()
                    .unwrap_or_default();
                return Robots::parse(&text, "readouts");
            }
            if status.is_server_error() {
                return Robots::unreachable(format!("answers HTTP {status}"));
            }
            // 4xx: no rules to respect.
            return Robots::allow_all();
        }
    }
}

/// Does a robots.txt pattern (`*` any run, `$` the end) match the start of `path`?
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if last && anchored {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty() || (parts.is_empty() && rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_rules_and_delay() {
        let text = "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\n\
                    User-agent: readouts\nDisallow: /no/\nAllow: /no/but-this\nDisallow: /*.pdf$\n";
        let r = Robots::parse(text, "readouts");
        assert!(r.allows("/private/x"));
        assert!(!r.allows("/no/page"));
        assert!(r.allows("/no/but-this.html"));
        assert!(!r.allows("/a/b.pdf"));
        assert!(r.allows("/a/b.pdf?x=1"));
        let other = Robots::parse(text, "somebot");
        assert!(!other.allows("/private/x"));
        assert_eq!(other.crawl_delay, Some(Duration::from_secs(2)));
        assert!(!Robots::disallow_all().allows("/"));
        assert!(Robots::allow_all().allows("/anything"));
    }
}
