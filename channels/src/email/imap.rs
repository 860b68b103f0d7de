//! A thin IMAP client over async-imap: connect (TLS, STARTTLS or plain) and log in, SELECT
//! with UIDVALIDITY, UID SEARCH, UID FETCH BODY.PEEK[] (never sets \Seen), UID STORE
//! +FLAGS (\Seen), moving to another folder (UID MOVE, or COPY + \Deleted + EXPUNGE where
//! the server has no MOVE), IDLE with a timeout, LOGOUT.
//!
//! No hub logic lives here: which UIDs to fetch, when to mark them seen (only after the
//! message is committed), how to reconnect and back off are the poller's decisions.
//! Every call is bounded by the configured timeout, so a silent server cannot hang a poller.

use super::tls::{client_config, Security, TlsSetupError};
use async_imap::extensions::idle::IdleResponse;
use futures_util::TryStreamExt;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpSocket, TcpStream};
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::TlsConnector;

/// Where and how to reach one mailbox.
#[derive(Clone)]
pub struct ImapConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub password: String,
    /// PEM certificates to trust besides the public roots (a self-signed server).
    pub extra_roots_pem: Option<Vec<u8>>,
    /// Bound on connecting and on each command (not on [`ImapSession::idle`]).
    pub timeout: Duration,
    /// Connect from this local address (tests use another loopback address).
    pub local_address: Option<IpAddr>,
    /// Connect to this address instead of resolving `host` (the hub resolved and checked
    /// it); TLS still verifies the certificate against `host`.
    pub connect_to: Option<SocketAddr>,
}

impl fmt::Debug for ImapConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("password", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Why an IMAP operation failed. Every variant is worth a reconnect with backoff except
/// [`ImapError::Login`] and [`ImapError::Tls`], which need an admin to fix the settings.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("could not connect: {0}")]
    Connect(#[source] std::io::Error),
    #[error(transparent)]
    Tls(#[from] TlsSetupError),
    #[error("TLS handshake failed: {0}")]
    Handshake(#[source] std::io::Error),
    #[error("the server did not greet with OK")]
    Greeting,
    #[error("the server refused STARTTLS")]
    StartTls,
    #[error("login refused: {0}")]
    Login(String),
    #[error("the server did not report UIDVALIDITY for the folder")]
    NoUidValidity,
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("IMAP error: {0}")]
    Protocol(#[from] async_imap::error::Error),
}

/// The byte stream under a session: plain TCP or TLS.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug> Io for T {}

type Stream = Box<dyn Io>;

/// A selected folder's identity: UIDs are only meaningful together with `uid_validity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    pub uid_validity: u32,
    pub uid_next: Option<u32>,
    pub exists: u32,
}

/// How an IDLE wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleOutcome {
    /// The server reported a change (new mail, expunge, flags): search again.
    Changed,
    /// Nothing happened within the timeout (re-IDLE; servers drop IDLE after ~30 min).
    TimedOut,
}

/// What the server said it can do (after login, where servers list everything).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub idle: bool,
    /// RFC 6851 MOVE.
    pub move_: bool,
    /// RFC 4315 UIDPLUS (UID EXPUNGE).
    pub uidplus: bool,
}

/// Where [`ImapSession::move_to`] left the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    Moved,
    /// The server refused the move (the folder is missing, or no rights): the messages stay
    /// where they are, marked \Seen.
    NotMoved,
}

/// A logged-in IMAP session.
pub struct ImapSession {
    session: async_imap::Session<Stream>,
    timeout: Duration,
    caps: Capabilities,
}

impl fmt::Debug for ImapSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSession").finish_non_exhaustive()
    }
}

async fn bounded<T, E: Into<ImapError>>(
    limit: Duration,
    fut: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, ImapError> {
    tokio::time::timeout(limit, fut).await.map_err(|_| ImapError::Timeout(limit))?.map_err(Into::into)
}

impl ImapSession {
    /// Connects, secures the connection as configured, and logs in.
    pub async fn connect(config: &ImapConfig) -> Result<Self, ImapError> {
        bounded(config.timeout, Self::connect_inner(config)).await
    }

    async fn connect_inner(config: &ImapConfig) -> Result<Self, ImapError> {
        let tcp = tcp_connect(config).await?;
        let stream: Stream = match config.security {
            Security::Plain => Box::new(tcp),
            Security::Tls => Box::new(tls_wrap(config, tcp).await?),
            Security::StartTls => {
                let mut client = async_imap::Client::new(tcp);
                expect_greeting(&mut client).await?;
                client.run_command_and_check_ok("STARTTLS", None).await.map_err(|_| ImapError::StartTls)?;
                // Anything the server sent before the handshake is discarded with the
                // plain-text client (no STARTTLS response injection).
                Box::new(tls_wrap(config, client.into_inner()).await?)
            }
        };
        let mut client = async_imap::Client::new(stream);
        if config.security != Security::StartTls {
            expect_greeting(&mut client).await?;
        }
        let session = client.login(&config.username, &config.password).await.map_err(|(e, _)| match e {
            async_imap::error::Error::No(text) | async_imap::error::Error::Bad(text) => ImapError::Login(text),
            other => ImapError::Protocol(other),
        })?;
        let mut session = ImapSession { session, timeout: config.timeout, caps: Capabilities::default() };
        let caps = session.session.capabilities().await?;
        session.caps =
            Capabilities { idle: caps.has_str("IDLE"), move_: caps.has_str("MOVE"), uidplus: caps.has_str("UIDPLUS") };
        Ok(session)
    }

    /// What the server can do, as it said after login.
    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    /// Whether the server supports IDLE (poll with a timer otherwise).
    pub async fn supports_idle(&mut self) -> Result<bool, ImapError> {
        Ok(self.caps.idle)
    }

    /// Selects `folder` read-write and returns its UIDVALIDITY. The name is sent as an IMAP
    /// quoted string; one with CR or LF is refused.
    pub async fn select(&mut self, folder: &str) -> Result<Selected, ImapError> {
        let mailbox = bounded(self.timeout, self.session.select(folder)).await?;
        Ok(Selected {
            uid_validity: mailbox.uid_validity.ok_or(ImapError::NoUidValidity)?,
            uid_next: mailbox.uid_next,
            exists: mailbox.exists,
        })
    }

    /// UID SEARCH with an IMAP search `query` (`"UNSEEN"`, `"UID 120:*"`, `"SINCE 1-Jan-2024"`).
    /// The query is protocol syntax written by the hub, never patron input. Sorted UIDs.
    pub async fn uid_search(&mut self, query: &str) -> Result<Vec<u32>, ImapError> {
        let found = bounded(self.timeout, self.session.uid_search(query)).await?;
        let mut uids: Vec<u32> = found.into_iter().collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// The sizes in bytes (RFC822.SIZE) of `uids`, to fetch big messages one at a time.
    pub async fn uid_sizes(&mut self, uids: &[u32]) -> Result<Vec<(u32, u32)>, ImapError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let limit = self.timeout;
        let fetches = bounded(limit, async {
            let stream = self.session.uid_fetch(uid_set(uids), "(UID RFC822.SIZE)").await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await?;
        Ok(fetches.iter().filter_map(|f| Some((f.uid?, f.size?))).collect())
    }

    /// The raw RFC 5322 bytes of `uids`, fetched with BODY.PEEK[] so nothing is marked seen.
    /// Messages deleted meanwhile are simply missing from the result.
    pub async fn fetch_raw(&mut self, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, ImapError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let limit = self.timeout;
        let mut out = Vec::with_capacity(uids.len());
        // One response at a time: each is copied out and its buffer dropped before the next,
        // so a chunk is held about once, not twice.
        bounded(limit, async {
            let mut stream = self.session.uid_fetch(uid_set(uids), "(UID BODY.PEEK[])").await?;
            while let Some(fetch) = stream.try_next().await? {
                if let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) {
                    out.push((uid, body.to_vec()));
                }
            }
            Ok::<_, async_imap::error::Error>(())
        })
        .await?;
        Ok(out)
    }

    /// The raw bytes of one big message, fetched in ranges of `range` bytes
    /// (`BODY.PEEK[]<offset.length>`, RFC 3501 partial fetch), so neither the client's read
    /// buffer nor any one response ever holds more than a range: a single `BODY.PEEK[]`
    /// makes async-imap grow its buffer to the whole literal and hand it over whole, and the
    /// message then exists twice. `size` is the server's RFC822.SIZE and only sizes the buffer
    /// up front (never beyond `cap`); at most `cap` bytes are read, so a message over the
    /// parse limit costs `cap` bytes of memory, not its size. Each range is its own command
    /// with its own timeout. `None`: the message was deleted meanwhile.
    pub async fn fetch_raw_ranged(
        &mut self,
        uid: u32,
        size: u32,
        range: usize,
        cap: usize,
    ) -> Result<Option<Vec<u8>>, ImapError> {
        let range = range.max(1);
        let mut out: Vec<u8> = Vec::with_capacity((size as usize).min(cap));
        while out.len() < cap {
            let want = range.min(cap - out.len());
            let query = format!("(UID BODY.PEEK[]<{}.{want}>)", out.len());
            let limit = self.timeout;
            let before = out.len();
            let mut found = false;
            bounded(limit, async {
                let mut stream = self.session.uid_fetch(uid.to_string(), &query).await?;
                while let Some(fetch) = stream.try_next().await? {
                    if fetch.uid == Some(uid) {
                        found = true;
                        if let Some(part) = fetch.body() {
                            out.extend_from_slice(&part[..part.len().min(want)]);
                        }
                    }
                }
                Ok::<_, async_imap::error::Error>(())
            })
            .await?;
            if !found {
                return Ok(None);
            }
            // A short (or empty) range is the end of the message.
            if out.len() - before < want {
                break;
            }
        }
        Ok(Some(out))
    }

    /// Adds \Seen to `uids` (UID STORE +FLAGS.SILENT). Call only after the messages are
    /// committed.
    pub async fn mark_seen(&mut self, uids: &[u32]) -> Result<(), ImapError> {
        if uids.is_empty() {
            return Ok(());
        }
        let limit = self.timeout;
        bounded(limit, async {
            let stream = self.session.uid_store(uid_set(uids), "+FLAGS.SILENT (\\Seen)").await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await?;
        Ok(())
    }

    /// Moves `uids` of the selected folder to `folder`: UID MOVE where the server has MOVE,
    /// else [`Self::move_by_copy`]. Call only after the messages are committed (and marked
    /// \Seen, so they arrive seen). A refusal (NO: the folder does not exist, no rights) is
    /// [`Filed::NotMoved`], not an error: the caller falls back to \Seen alone.
    pub async fn move_to(&mut self, uids: &[u32], folder: &str) -> Result<Filed, ImapError> {
        if uids.is_empty() {
            return Ok(Filed::Moved);
        }
        if !self.caps.move_ {
            return self.move_by_copy(uids, folder).await;
        }
        let limit = self.timeout;
        refused_is_not_moved(bounded(limit, self.session.uid_mv(uid_set(uids), folder)).await)
    }

    /// Moves without MOVE, as RFC 6851 describes it: UID COPY, then \Deleted, then UID
    /// EXPUNGE of just these UIDs (UIDPLUS) or, on a server without UIDPLUS, EXPUNGE (which
    /// also removes other messages someone marked \Deleted in the folder, as any mail client's
    /// expunge would). A COPY refused leaves the folder untouched.
    pub async fn move_by_copy(&mut self, uids: &[u32], folder: &str) -> Result<Filed, ImapError> {
        if uids.is_empty() {
            return Ok(Filed::Moved);
        }
        let limit = self.timeout;
        let set = uid_set(uids);
        if refused_is_not_moved(bounded(limit, self.session.uid_copy(&set, folder)).await)? == Filed::NotMoved {
            return Ok(Filed::NotMoved);
        }
        bounded(limit, async {
            let stream = self.session.uid_store(&set, "+FLAGS.SILENT (\\Deleted)").await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await?;
        let uidplus = self.caps.uidplus;
        bounded(limit, async {
            if uidplus {
                self.session.uid_expunge(&set).await?.try_collect::<Vec<_>>().await
            } else {
                self.session.expunge().await?.try_collect::<Vec<_>>().await
            }
        })
        .await?;
        Ok(Filed::Moved)
    }

    /// Waits in IDLE until the server reports a change or `wait` passes, then ends IDLE.
    /// The session is consumed and handed back, as IMAP allows no other command meanwhile.
    pub async fn idle(self, wait: Duration) -> Result<(Self, IdleOutcome), ImapError> {
        let (timeout, self_caps) = (self.timeout, self.caps);
        let mut handle = self.session.idle();
        bounded(timeout, handle.init()).await?;
        let outcome = {
            // Dropping the stop source interrupts the wait, so it lives until the end.
            let (wait_fut, _stop) = handle.wait_with_timeout(wait);
            match wait_fut.await? {
                IdleResponse::NewData(_) => IdleOutcome::Changed,
                IdleResponse::Timeout | IdleResponse::ManualInterrupt => IdleOutcome::TimedOut,
            }
        };
        let session = bounded(timeout, handle.done()).await?;
        // Unsolicited responses (EXISTS, EXPUNGE) are only hints; the caller searches again.
        while session.unsolicited_responses.try_recv().is_ok() {}
        Ok((ImapSession { session, timeout, caps: self_caps }, outcome))
    }

    /// Logs out and closes the connection.
    pub async fn logout(mut self) -> Result<(), ImapError> {
        bounded(self.timeout, self.session.logout()).await
    }
}

async fn tcp_connect(config: &ImapConfig) -> Result<TcpStream, ImapError> {
    let Some(local) = config.local_address else {
        return match config.connect_to {
            Some(addr) => TcpStream::connect(addr).await,
            None => TcpStream::connect((config.host.as_str(), config.port)).await,
        }
        .map_err(ImapError::Connect);
    };
    let remote = match config.connect_to {
        Some(addr) => Some(addr),
        None => tokio::net::lookup_host((config.host.as_str(), config.port))
            .await
            .map_err(ImapError::Connect)?
            .find(|a| a.is_ipv4() == local.is_ipv4()),
    }
    .filter(|a| a.is_ipv4() == local.is_ipv4())
    .ok_or_else(|| ImapError::Connect(std::io::Error::other("no address of the local address's family")))?;
    let socket = if local.is_ipv4() { TcpSocket::new_v4() } else { TcpSocket::new_v6() }.map_err(ImapError::Connect)?;
    socket.bind((local, 0).into()).map_err(ImapError::Connect)?;
    socket.connect(remote).await.map_err(ImapError::Connect)
}

async fn tls_wrap<S>(config: &ImapConfig, stream: S) -> Result<tokio_rustls::client::TlsStream<S>, ImapError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let tls = client_config(config.extra_roots_pem.as_deref())?;
    let name =
        ServerName::try_from(config.host.clone()).map_err(|_| TlsSetupError::BadServerName(config.host.clone()))?;
    TlsConnector::from(tls).connect(name, stream).await.map_err(ImapError::Handshake)
}

async fn expect_greeting<S: Io>(client: &mut async_imap::Client<S>) -> Result<(), ImapError> {
    use async_imap::imap_proto::{Response, Status};
    let greeting = client.read_response().await.map_err(ImapError::Connect)?.ok_or(ImapError::Greeting)?;
    match greeting.parsed() {
        Response::Data { status: Status::Ok, .. } => Ok(()),
        _ => Err(ImapError::Greeting),
    }
}

/// A server's NO to a MOVE or COPY (missing folder, no rights) as [`Filed::NotMoved`].
fn refused_is_not_moved(result: Result<(), ImapError>) -> Result<Filed, ImapError> {
    match result {
        Ok(()) => Ok(Filed::Moved),
        Err(ImapError::Protocol(async_imap::error::Error::No(_))) => Ok(Filed::NotMoved),
        Err(e) => Err(e),
    }
}

/// A UID set with runs compressed: `[1, 2, 3, 7, 9, 10]` -> `1:3,7,9:10`.
pub(crate) fn uid_set(uids: &[u32]) -> String {
    let mut sorted = uids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}:{end}") });
        i += 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_compress_runs() {
        assert_eq!(uid_set(&[9, 1, 2, 3, 7, 10, 2]), "1:3,7,9:10");
        assert_eq!(uid_set(&[5]), "5");
        assert_eq!(uid_set(&[]), "");
    }
}
