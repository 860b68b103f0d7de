//! Server-side fetches that cannot be turned against the library's own network (SSRF).
//!
//! Only URLs whose origin (scheme, host, port) is on the caller's allow-list are fetched;
//! every redirect hop is checked against the same list; the host's addresses are resolved
//! once, refused if private, loopback or link-local (unless the hub's operator allowed that
//! network, see [`PrivateNets`]), and the connection is pinned to the checked address so a
//! second DNS answer cannot swap it. Credentials go only to the first origin. Bodies are
//! read up to a size cap.
//!
//! The allow-list comes from a library's settings, so it is not trusted to reach private
//! addresses: a library admin who lists `http://169.254.169.254` still gets nothing.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use url::Url;

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum FetchError {
    #[error("not an allowed address")]
    NotAllowed,
    #[error("the address resolves to a private or local network")]
    PrivateAddress,
    #[error("larger than {0} bytes")]
    TooLarge(usize),
    #[error("too many redirects")]
    TooManyRedirects,
    #[error("fetch failed: {0}")]
    Failed(String),
}

/// A fetched body and its declared content type.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Origins (`https://api.twilio.com`, `http://127.0.0.1:4010`) that may be fetched.
#[derive(Debug, Clone)]
pub struct AllowList(Vec<Url>);

impl AllowList {
    /// Entries that do not parse as URLs are ignored.
    pub fn new<S: AsRef<str>>(origins: &[S]) -> Self {
        Self(origins.iter().filter_map(|o| Url::parse(o.as_ref()).ok()).collect())
    }

    fn allows(&self, url: &Url) -> bool {
        self.0.iter().any(|o| o.origin() == url.origin())
    }
}

/// Private networks the hub's operator lets server-side requests reach (an on-premises SMS
/// gateway; the provider fake in tests). Set only in the hub's configuration, never by a
/// library. Empty (the default) refuses every private, loopback and link-local address.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrivateNets(Vec<ipnet::IpNet>);

impl PrivateNets {
    /// Comma-separated networks or single addresses: `127.0.0.1/32, 10.20.0.0/16, ::1`.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<ipnet::IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("{s} is not an IP network or address"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// May a server-side request go to `ip`?
    pub fn permits(&self, ip: IpAddr) -> bool {
        is_public(ip) || self.contains(ip)
    }
}

fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64 // carrier-grade NAT
                || v4.octets()[0] == 0)
        }
        IpAddr::V6(v6) => {
            let seg = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (seg[0] & 0xfe00) == 0xfc00 // unique local
                || (seg[0] & 0xffc0) == 0xfe80 // link local
                || v6.to_ipv4_mapped().is_some_and(|v4| !is_public(IpAddr::V4(v4))))
        }
    }
}

/// Fetches `url` if the allow-list permits it, following at most three allowed redirects.
/// `basic_auth` is sent to the first URL only.
pub async fn fetch(
    allow: &AllowList,
    private: &PrivateNets,
    url: &str,
    basic_auth: Option<(&str, &str)>,
    max_bytes: usize,
) -> Result<Fetched, FetchError> {
    let mut url = Url::parse(url).map_err(|_| FetchError::NotAllowed)?;
    let mut auth = basic_auth;
    for _ in 0..4 {
        if !allow.allows(&url) || !matches!(url.scheme(), "https" | "http") {
            return Err(FetchError::NotAllowed);
        }
        let (host, addr) = resolve_checked(&url, private).await?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(20))
            .connect_timeout(Duration::from_secs(5))
            .resolve(&host, addr)
            .build()
            .map_err(|e| FetchError::Failed(e.to_string()))?;
        let mut request = client.get(url.clone());
        if let Some((user, pass)) = auth.take() {
            request = request.basic_auth(user, Some(pass));
        }
        let mut response = request.send().await.map_err(|_| FetchError::Failed("connection failed".into()))?;
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .ok_or_else(|| FetchError::Failed("redirect without a location".into()))?;
            url = url.join(location).map_err(|_| FetchError::NotAllowed)?;
            continue;
        }
        if !response.status().is_success() {
            return Err(FetchError::Failed(format!("HTTP {}", response.status().as_u16())));
        }
        if response.content_length().is_some_and(|n| n as usize > max_bytes) {
            return Err(FetchError::TooLarge(max_bytes));
        }
        let content_type =
            response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let mut data = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|_| FetchError::Failed("reading the body".into()))? {
            if data.len() + chunk.len() > max_bytes {
                return Err(FetchError::TooLarge(max_bytes));
            }
            data.extend_from_slice(&chunk);
        }
        return Ok(Fetched { content_type, data });
    }
    Err(FetchError::TooManyRedirects)
}

/// Resolves `url`'s host once and checks every address against `private`. Returns the host
/// name and the address to pin the connection to (`reqwest::ClientBuilder::resolve`), so a
/// second DNS answer cannot swap in a private address after the check.
pub async fn resolve_checked(url: &Url, private: &PrivateNets) -> Result<(String, SocketAddr), FetchError> {
    let host = url.host_str().ok_or(FetchError::NotAllowed)?.to_owned();
    let port = url.port_or_known_default().ok_or(FetchError::NotAllowed)?;
    let addr = resolve_host_checked(&host, port, private).await?;
    Ok((host, addr))
}

/// Resolves `host` once (a name or an IP literal, `[::1]` too) and checks every address
/// against `private`: the address to connect to, for clients that are not HTTP (a library's
/// IMAP and SMTP servers). Connecting there, not to the name, means a second DNS answer
/// cannot swap in a private address after the check.
pub async fn resolve_host_checked(host: &str, port: u16, private: &PrivateNets) -> Result<SocketAddr, FetchError> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(|c| c == '[' || c == ']'), port))
        .await
        .map_err(|_| FetchError::Failed("the host does not resolve".into()))?
        .collect();
    if addrs.is_empty() {
        return Err(FetchError::Failed("the host does not resolve".into()));
    }
    // Every answer must be permitted: a name that resolves to both is not trusted.
    if addrs.iter().any(|a| !private.permits(a.ip())) {
        return Err(FetchError::PrivateAddress);
    }
    // One address is pinned, so prefer IPv4: more servers (mail ones especially) listen on
    // it than on IPv6 (`localhost` is often both, with the server on 127.0.0.1 only).
    Ok(*addrs.iter().find(|a| a.is_ipv4()).unwrap_or(&addrs[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_loopback_and_link_local_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["54.172.60.1", "2600:1f18::1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[tokio::test]
    async fn urls_off_the_allow_list_are_refused_before_any_request() {
        let allow = AllowList::new(&["https://api.twilio.com"]);
        for url in [
            "https://evil.example/x",
            "http://api.twilio.com/x", // other scheme, other origin
            "https://api.twilio.com:8443/x",
            "file:///etc/passwd",
            "not a url",
        ] {
            let refused = fetch(&allow, &PrivateNets::default(), url, None, 10).await.unwrap_err();
            assert_eq!(refused, FetchError::NotAllowed, "{url}");
        }
    }

    #[tokio::test]
    async fn a_listed_name_that_resolves_to_loopback_is_refused() {
        let allow = AllowList::new(&["http://localhost:9"]);
        let refused = fetch(&allow, &PrivateNets::default(), "http://localhost:9/x", None, 10).await.unwrap_err();
        assert_eq!(refused, FetchError::PrivateAddress);
    }

    #[tokio::test]
    async fn a_mail_host_on_loopback_is_refused_unless_the_operator_allows_it() {
        for host in ["127.0.0.1", "localhost", "[::1]", "0.0.0.0"] {
            let refused = resolve_host_checked(host, 993, &PrivateNets::default()).await.unwrap_err();
            assert_eq!(refused, FetchError::PrivateAddress, "{host}");
        }
        let allowed = PrivateNets::parse("127.0.0.1/32").unwrap();
        let addr = resolve_host_checked("127.0.0.1", 993, &allowed).await.unwrap();
        assert_eq!(addr, "127.0.0.1:993".parse().unwrap());
    }

    #[test]
    fn private_networks_parse_from_the_operators_list() {
        let nets = PrivateNets::parse(" 127.0.0.1/32, 10.20.0.0/16,::1 ,").unwrap();
        for (ip, ok) in [
            ("127.0.0.1", true),
            ("127.0.0.2", false),
            ("10.20.3.4", true),
            ("10.21.0.1", false),
            ("::1", true),
            ("::ffff:127.0.0.1", true),
            ("169.254.169.254", false),
            ("54.172.60.1", true), // public: always permitted
        ] {
            assert_eq!(nets.permits(ip.parse().unwrap()), ok, "{ip}");
        }
        assert!(PrivateNets::parse("localhost").is_err());
        assert_eq!(PrivateNets::parse("").unwrap(), PrivateNets::default());
    }
}
