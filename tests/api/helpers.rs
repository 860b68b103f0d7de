//! Every test gets its own database (cloned from a migrated template) and the real app on a
//! random port, driven through typed helpers.

use channels::{Inbound, ThreadHint};
use futures::future::BoxFuture;
use refdesk::domain::{Address, Channel, LibraryId, Role, StaffId, E164};
use refdesk::inbox::ingest::Accepted;
use refdesk::outbox::{Adapter, Adapters, Delivery, DeliveryError, Receipt};
use refdesk::{App, Config};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::{Connection, PgConnection, PgPool};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const PASSWORD: &str = "correct horse battery staple";

/// Where tests create their databases. Any role that may CREATE DATABASE.
pub fn admin_url() -> String {
    std::env::var("REFDESK_TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn url_for(db: &str) -> String {
    let admin = admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    format!("{base}/{db}")
}

/// A migrated template, made once per migration set; tests clone it (much faster than
/// migrating each database).
async fn template() -> String {
    let fingerprint: String = refdesk::app::MIGRATOR
        .iter()
        .map(|m| format!("{}:{}", m.version, hex::encode(&m.checksum[..4])))
        .collect::<Vec<_>>()
        .join(",");
    let mut admin = PgConnection::connect(&admin_url()).await.expect("connect to the test Postgres");
    // Per role: a template another role made may not be copyable by this one.
    let role: String = sqlx::query_scalar("SELECT current_user").fetch_one(&mut admin).await.unwrap();
    let name = format!("refdesk_tpl_{:016x}", fxhash(&format!("{role}/{fingerprint}")));
    sqlx::query("SELECT pg_advisory_lock(4242)").execute(&mut admin).await.unwrap();
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(&name)
        .fetch_one(&mut admin)
        .await
        .unwrap();
    if !exists {
        let building = format!("{name}_building");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {building}")).execute(&mut admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {building}")).execute(&mut admin).await.unwrap();
        {
            let pool = PgPool::connect(&url_for(&building)).await.unwrap();
            refdesk::app::migrate(&pool).await.unwrap();
            pool.close().await;
        }
        sqlx::query(&format!("ALTER DATABASE {building} RENAME TO {name}")).execute(&mut admin).await.unwrap();
    }
    sqlx::query("SELECT pg_advisory_unlock(4242)").execute(&mut admin).await.unwrap();
    name
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

pub async fn fresh_database() -> String {
    let template = template().await;
    let name = format!("refdesk_test_{}", hex::encode(rand::random::<[u8; 6]>()));
    let mut admin = PgConnection::connect(&admin_url()).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin).await.unwrap();
    url_for(&name)
}

pub fn test_config(database_url: &str) -> Config {
    Config::load_from(
        None,
        [
            ("DATABASE_URL".to_owned(), database_url.to_owned()),
            ("REFDESK_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
            // Tests step the outbox themselves unless they start workers.
            ("REFDESK_OUTBOX__WORKERS".to_owned(), "0".to_owned()),
            ("REFDESK_OUTBOX__BASE_BACKOFF_MS".to_owned(), "10".to_owned()),
            ("REFDESK_OUTBOX__MAX_BACKOFF_MS".to_owned(), "20".to_owned()),
            // The SMS provider fake and the mail rig listen on loopback: the operator's
            // allowance for them (`localhost` may also resolve to ::1).
            ("REFDESK_OUTBOUND__ALLOW_PRIVATE_NETWORKS".to_owned(), "127.0.0.1/32, ::1".to_owned()),
        ],
    )
    .expect("test config")
}

/// One library's accounts, all with [`PASSWORD`].
pub struct Library {
    pub id: LibraryId,
    pub admin: String,
    pub manager: String,
    pub staff: String,
    pub staff_id: StaffId,
}

pub struct TestApp {
    pub addr: String,
    pub db: PgPool,
    pub state: refdesk::http::AppState,
    pub worker: refdesk::outbox::Worker,
    pub adapter: Arc<ScriptedAdapter>,
    pub a: Library,
    pub b: Library,
    pub trigger: refdesk::shutdown::ShutdownTrigger,
    pub realtime: refdesk::realtime::Realtime,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|c| c).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(Config) -> Config) -> TestApp {
    let url = fresh_database().await;
    let config = adjust(test_config(&url));
    let adapter = Arc::new(ScriptedAdapter::default());
    let adapters = Adapters::default()
        .with(Channel::Sms, adapter.clone())
        .with(Channel::Email, adapter.clone())
        .with(Channel::Chat, adapter.clone());
    let outbox_config = config.outbox.clone();
    let app = App::build_with(config, |_, _| adapters.clone()).await.expect("app builds");
    let addr = format!("http://{}", app.local_addr());
    let state = app.state().clone();
    let realtime = app.realtime().clone();
    let trigger = app.shutdown_trigger();
    let db = state.db.clone();
    let worker = refdesk::outbox::Worker::new(
        db.clone(),
        adapters,
        outbox_config,
        realtime.clone(),
        Arc::new(tokio::sync::Notify::new()),
    );
    tokio::spawn(app.run_until_stopped());
    let a = seed_library(&db, "alpha").await;
    let b = seed_library(&db, "beta").await;
    TestApp { addr, db, state, worker, adapter, a, b, trigger, realtime }
}

pub async fn seed_library(db: &PgPool, slug: &str) -> Library {
    let lib = refdesk::store::library::Library::create(db, slug, &format!("{slug} library")).await.unwrap();
    let hash = refdesk::auth::password::hash(PASSWORD.into()).await.unwrap();
    let mut ids = Vec::new();
    for role in [Role::Admin, Role::Manager, Role::Staff] {
        let email = format!("{}@{slug}.example", role.as_str());
        let s =
            refdesk::store::staff::Staff::insert(db, lib.id, &email, &format!("{slug} {}", role.as_str()), role, &hash)
                .await
                .unwrap();
        ids.push((email, s.id));
    }
    Library {
        id: lib.id,
        admin: ids[0].0.clone(),
        manager: ids[1].0.clone(),
        staff: ids[2].0.clone(),
        staff_id: ids[2].1,
    }
}

impl TestApp {
    /// Logs in and returns a client holding the session cookie and CSRF token.
    pub async fn login(&self, email: &str) -> Session {
        let s = self.anonymous();
        let (status, body) = s.post("/api/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(status, StatusCode::OK, "login failed: {body}");
        Session { csrf: body["csrf_token"].as_str().unwrap().to_owned(), ..s }
    }

    /// A client with no session.
    pub fn anonymous(&self) -> Session {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder().cookie_provider(jar.clone()).build().unwrap();
        Session { client, jar, addr: self.addr.clone(), csrf: String::new() }
    }

    /// A patron text arriving through the real ingest.
    pub async fn sms(&self, library: LibraryId, from: &str, text: &str, provider_id: &str) -> Accepted {
        self.state.ingest.accept(library, sms(from, text, provider_id)).await.expect("ingest")
    }

    /// Runs the outbox until nothing is due.
    pub async fn dispatch_all_pending(&self) {
        while self.worker.step().await.unwrap() != refdesk::outbox::Outcome::Idle {}
    }
}

pub fn sms(from: &str, text: &str, provider_id: &str) -> Inbound {
    Inbound {
        channel: Channel::Sms,
        from: Address::Phone(E164::parse(from).unwrap()),
        display_name: None,
        provider_id: provider_id.to_owned(),
        subject: None,
        text: text.to_owned(),
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent { conversation: None, within: Duration::from_secs(72 * 3600) },
        received_at: chrono::Utc::now(),
        attachments: vec![],
    }
}

#[derive(Clone)]
pub struct Session {
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    pub addr: String,
    pub csrf: String,
}

impl Session {
    /// The Cookie header a browser would send with this session.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.jar.cookies(&self.addr.parse().unwrap()).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = self.client.get(format!("{}{path}", self.addr)).send().await.unwrap();
        read(r).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, body).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PUT, path, body).await
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> (StatusCode, Value) {
        let r = self
            .client
            .request(method, format!("{}{path}", self.addr))
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap();
        read(r).await
    }
}

async fn read(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// The far side of a channel for the outbox tests: records every delivery and answers with
/// scripted results (default: success).
#[derive(Default)]
pub struct ScriptedAdapter {
    pub script: Mutex<VecDeque<Result<Receipt, DeliveryError>>>,
    pub delivered: Mutex<Vec<Delivery>>,
    /// Optional delay per delivery, to widen race windows in concurrency tests.
    pub delay: Mutex<Option<Duration>>,
    /// Notified when a delivery starts.
    pub started: tokio::sync::Notify,
}

impl ScriptedAdapter {
    pub fn then(&self, result: Result<Receipt, DeliveryError>) {
        self.script.lock().unwrap().push_back(result);
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.delivered.lock().unwrap().clone()
    }
}

impl Adapter for ScriptedAdapter {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<Receipt, DeliveryError>> {
        Box::pin(async move {
            self.started.notify_waiters();
            let delay = *self.delay.lock().unwrap();
            if let Some(d) = delay {
                tokio::time::sleep(d).await;
            }
            self.delivered.lock().unwrap().push(delivery.clone());
            let next = self.script.lock().unwrap().pop_front();
            next.unwrap_or_else(|| Ok(Receipt { provider_id: Some(format!("SM{}", delivery.message_id)) }))
        })
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.trigger.trigger();
    }
}

/// Polls `check` until it returns Some, for at most `within`; panics naming `what` if it
/// never does. For what another task brings about (an event read back, a NOTIFY).
pub async fn wait_until<T, F, Fut>(what: &str, within: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + within;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(tokio::time::Instant::now() < deadline, "not within {within:?}: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
