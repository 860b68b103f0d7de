//! Wiring: the database pool, the background tasks and the HTTP server, built from one
//! `Config`. Tests run exactly this.

use crate::config::Config;
use crate::http::{self, rate_limit::RateLimiter, AppState};
use crate::inbox::actions::Actions;
use crate::inbox::ingest::Ingest;
use crate::outbox::{self, Adapters};
use crate::realtime::Realtime;
use crate::shutdown::{self, Shutdown, ShutdownTrigger};
use anyhow::Context;
use secrecy::ExposeSecret;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinSet;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A built hub: bound to its port, tasks not yet running.
pub struct App {
    listener: TcpListener,
    state: AppState,
    realtime: Realtime,
    worker: outbox::Worker,
    outbox_workers: u32,
    trigger: ShutdownTrigger,
}

/// Connects to Postgres as configured (without migrating).
pub async fn connect(config: &Config) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(config.database_url.expose_secret())
        .context("database_url is not a valid Postgres URL")?
        .application_name("refdesk");
    PgPoolOptions::new()
        .max_connections(config.database.max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .context("cannot connect to Postgres (database_url / DATABASE_URL)")
}

pub async fn migrate(db: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(db).await.context("applying database migrations failed")
}

impl App {
    pub async fn build(config: Config) -> anyhow::Result<App> {
        let private = config.outbound.private_nets();
        Self::build_with(config, move |db, origin| channel_adapters(db, origin, private)).await
    }

    /// Like [`App::build`] with other channel adapters for the outbox (tests use a
    /// scripted far side). `adapters` gets the pool and the public origin.
    pub async fn build_with(config: Config, adapters: impl FnOnce(&PgPool, &str) -> Adapters) -> anyhow::Result<App> {
        let db = connect(&config).await?;
        if config.database.migrate_on_start {
            migrate(&db).await?;
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("cannot listen on {} (listen / REFDESK_LISTEN)", config.listen))?;
        let realtime = Realtime::new().with_faq_searches(config.faq.search_cache());
        let outbox_wake = Arc::new(Notify::new());
        let ingest = Ingest::start(db.clone(), realtime.clone(), config.ingest.writers, config.ingest.max_batch);
        let actions = Actions { db: db.clone(), realtime: realtime.clone(), outbox_wake: outbox_wake.clone() };
        let mut public_origin = config.public_origin();
        if config.public_url.is_none() {
            // Port 0 in tests: the origin is the port we actually got.
            public_origin = format!("http://{}", listener.local_addr()?);
        }
        let adapters = adapters(&db, &public_origin);
        let worker = outbox::Worker::new(db.clone(), adapters, config.outbox.clone(), realtime.clone(), outbox_wake);
        let reports_db = crate::reports::pool::connect(&config)?;
        let state = AppState {
            db,
            reports_db,
            actions,
            ingest,
            login_limiter: Arc::new(RateLimiter::new(
                config.auth.login_failures_per_window,
                Duration::from_secs(15 * 60),
            )),
            webhook_limiter: Arc::new(RateLimiter::new(
                config.webhooks.per_library_per_minute,
                Duration::from_secs(60),
            )),
            survey_limiter: Arc::new(RateLimiter::new(
                config.survey.submissions_per_address_per_hour,
                Duration::from_secs(3600),
            )),
            faq_vote_limiter: Arc::new(RateLimiter::new(
                config.faq.votes_per_address_per_10_minutes,
                crate::faq::VOTE_WINDOW,
            )),
            reset_limiter: Arc::new(RateLimiter::new(
                config.auth.reset_requests_per_address_per_window,
                Duration::from_secs(15 * 60),
            )),
            library_limits: Arc::new(http::rate_limit::LibraryLimitsCache::new(http::rate_limit::Limits::ceilings(
                &config,
            ))),
            public_origin,
            realtime: realtime.clone(),
            sockets: Default::default(),
            chat_limits: Default::default(),
            config: Arc::new(config),
        };
        let (trigger, _) = shutdown::channel();
        let outbox_workers = state.config.outbox.workers;
        Ok(App { listener, state, realtime, worker, outbox_workers, trigger })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener")
    }

    pub fn port(&self) -> u16 {
        self.local_addr().port()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn realtime(&self) -> &Realtime {
        &self.realtime
    }

    /// A trigger that stops this app gracefully.
    pub fn shutdown_trigger(&self) -> ShutdownTrigger {
        self.trigger.clone()
    }

    /// Serves until the shutdown trigger fires (or a task fails): finishes in-flight
    /// requests and sends, then returns which task ended first and why.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let App { listener, state, realtime, worker, outbox_workers, trigger } = self;
        let db = state.db.clone();
        let mut tasks: JoinSet<(&'static str, anyhow::Result<()>)> = JoinSet::new();
        let stop = |t: &ShutdownTrigger| -> Shutdown { t.subscribe() };

        let server_stop = stop(&trigger);
        let state_sockets = state.sockets.clone();
        let email_ingest = state.ingest.clone();
        let mail_private_nets = state.config.outbound.private_nets();
        let header_read_timeout = state.config.http.header_read_timeout();
        let public_origin = state.public_origin.clone();
        let app = http::router(state);
        tasks.spawn(async move {
            http::serve::serve(listener, app, header_read_timeout, server_stop).await;
            ("http server", Ok(()))
        });
        tasks.spawn({
            let (rt, db, s) = (realtime.clone(), db.clone(), stop(&trigger));
            async move { ("event sequencer", rt.run_sequencer(db, s).await) }
        });
        tasks.spawn({
            let (rt, db, s) = (realtime.clone(), db.clone(), stop(&trigger));
            async move { ("event listener", rt.run_listener(db, s).await) }
        });
        for _ in 0..outbox_workers {
            let (w, s) = (worker.clone(), stop(&trigger));
            tasks.spawn(async move { ("outbox worker", w.run_until_stopped(s).await) });
        }
        tasks.spawn({
            let (db, rt, s) = (db.clone(), realtime.clone(), stop(&trigger));
            async move { ("housekeeping", crate::housekeeping::run(db, rt, s).await) }
        });
        tasks.spawn({
            let (db, ingest, rt, s) = (db.clone(), email_ingest, realtime.clone(), stop(&trigger));
            let private = mail_private_nets;
            async move { ("email poller", crate::email::poller::run(db, ingest, rt, public_origin, private, s).await) }
        });
        tasks.spawn({
            let (db, fanout, s) = (db.clone(), realtime.chat.clone(), stop(&trigger));
            async move { ("chat sessions", crate::chat::sweep::run(db, fanout, s).await) }
        });
        tasks.spawn({
            let (sockets, db, s) = (state_sockets, db.clone(), stop(&trigger));
            async move { ("console socket watch", sockets.watch(db, s).await) }
        });
        tasks.spawn({
            let (db, s) = (db.clone(), stop(&trigger));
            async move { ("report histograms", crate::reports::rollup::run(db, s).await) }
        });

        let mut first_error = None;
        while let Some(joined) = tasks.join_next().await {
            let (name, result) = joined.unwrap_or(("a task", Err(anyhow::anyhow!("panicked"))));
            match &result {
                Ok(()) => tracing::info!(task = name, "task stopped"),
                Err(e) => tracing::error!(task = name, error = %e, "task failed"),
            }
            // Any task ending means the hub is going down: stop the others gracefully.
            trigger.trigger();
            if let (None, Err(e)) = (&first_error, result) {
                first_error = Some(e.context(format!("{name} failed")));
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The channels this hub delivers through. `private`: the networks the operator lets the
/// SMS provider URL and mail hosts reach (`outbound.allow_private_networks`).
pub fn channel_adapters(db: &PgPool, public_origin: &str, private: channels::fetch::PrivateNets) -> Adapters {
    Adapters::default()
        .with(
            crate::domain::Channel::Sms,
            Arc::new(crate::sms::delivery::SmsDelivery::new(db.clone(), public_origin.to_owned(), private.clone())),
        )
        .with(
            crate::domain::Channel::Email,
            Arc::new(crate::email::delivery::EmailDelivery::new(db.clone(), private.clone())),
        )
        .with(
            crate::domain::Channel::Chat,
            Arc::new(crate::chat::delivery::ChatDelivery::new(
                db.clone(),
                Arc::new(crate::email::delivery::EmailDelivery::new(db.clone(), private)),
            )),
        )
}
