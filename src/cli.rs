//! The `refdesk` command line.

use crate::auth::password;
use crate::config::Config;
use crate::domain::{EmailAddress, Role};
use crate::store::{library::Library, staff::Staff};
use crate::{app, demo, telemetry, App};
use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "refdesk", version, about = "One inbox for every way patrons reach the library")]
struct Cli {
    /// TOML configuration file; `REFDESK_*` environment variables override it.
    #[arg(long, env = "REFDESK_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the hub: HTTP server, outbox workers, live events. Applies pending migrations.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (the staff API and the console socket's frames).
    Openapi,
    /// Migrate and load a demo library with staff, patrons and conversations.
    Demo,
    /// Libraries (tenants).
    #[command(subcommand)]
    Library(LibraryCommand),
    /// Staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Deliver a patron message through the real ingest, as a channel would (for demos and
    /// end-to-end tests of the console).
    Simulate {
        /// The library's slug.
        #[arg(long)]
        library: String,
        /// The patron's phone number (E.164) for an SMS, or email address for an email.
        #[arg(long)]
        from: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        subject: Option<String>,
    },
}

#[derive(Subcommand)]
enum LibraryCommand {
    /// Create a library.
    Add {
        /// Short name used in URLs, e.g. `springfield`.
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create a staff account. Prints a generated password unless --password-stdin is given.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: Option<String>,
        /// staff, manager or admin.
        #[arg(long, default_value = "staff")]
        role: Role,
        /// The library's slug; may be left out when there is only one library.
        #[arg(long)]
        library: Option<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a single-use password reset link for an account (for a library without a
    /// mailbox to mail it from). Earlier links of the account stop working.
    ResetPassword {
        #[arg(long)]
        email: String,
        /// The library's slug; may be left out when there is only one library.
        #[arg(long)]
        library: Option<String>,
    },
}

pub async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("refdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Openapi = cli.command {
        use utoipa::OpenApi;
        println!("{}", crate::http::openapi::ApiDoc::openapi().to_pretty_json()?);
        return Ok(());
    }
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => serve(config).await,
        Command::Openapi => unreachable!("handled before the configuration is read"),
        Command::Migrate => {
            let db = app::connect(&config).await?;
            app::migrate(&db).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo => {
            let db = app::connect(&config).await?;
            app::migrate(&db).await?;
            let logins = demo::load(&db).await?;
            println!("Demo library loaded. Log in at {} with:", config.public_origin());
            for (email, role, password) in logins {
                println!("  {role:<8} {email:<32} {password}");
            }
            Ok(())
        }
        Command::Library(LibraryCommand::Add { slug, name }) => {
            let db = app::connect(&config).await?;
            app::migrate(&db).await?;
            let valid = (2..=63).contains(&slug.len())
                && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !slug.starts_with('-');
            if !valid {
                bail!("--slug: 2 to 63 lower-case letters, digits and dashes, not starting with a dash (it appears in URLs)");
            }
            if name.trim().is_empty() {
                bail!("--name: the library's name is empty");
            }
            let lib =
                Library::create(&db, &slug, name.trim()).await.context("creating the library (is the slug taken?)")?;
            println!("library {} created (id {})", lib.slug, lib.id);
            Ok(())
        }
        Command::Simulate { library, from, text, subject } => {
            let db = app::connect(&config).await?;
            simulate(&db, &library, &from, &text, subject).await
        }
        Command::Staff(StaffCommand::Add { email, name, role, library, password_stdin }) => {
            let db = app::connect(&config).await?;
            app::migrate(&db).await?;
            let email = EmailAddress::parse(&email).context("--email")?;
            let library = pick_library(&db, library).await?;
            let (password, generated) = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                (s.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (crate::auth::token::random_token()[..20].to_owned(), true)
            };
            password::check_strength(&password).map_err(anyhow::Error::msg)?;
            let hash = password::hash(password.clone()).await?;
            let name = name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("staff").to_owned());
            let staff = Staff::insert(&db, library.id, email.as_str(), &name, role, &hash)
                .await
                .context("creating the account")?;
            println!("{} account {} created in {}", role.as_str(), staff.email, library.slug);
            if generated {
                println!("password: {password}");
            }
            Ok(())
        }
        Command::Staff(StaffCommand::ResetPassword { email, library }) => {
            let db = app::connect(&config).await?;
            app::migrate(&db).await?;
            let email = EmailAddress::parse(&email).context("--email")?;
            let library = pick_library(&db, library).await?;
            let account = crate::store::staff::StaffCredentials::find_active_by_email(&db, email.as_str())
                .await?
                .into_iter()
                .find(|a| a.library_id == library.id)
                .with_context(|| format!("no active account {} in {}", email.as_str(), library.slug))?;
            let minutes = config.auth.reset_link_minutes;
            let link = crate::auth::reset::issue_link(
                &db,
                &config.public_origin(),
                minutes,
                library.id,
                account.id,
                crate::store::password_reset::IssuedVia::Cli,
                None,
            )
            .await?;
            println!("Password reset link for {} (works once, for {minutes} minutes):", email.as_str());
            println!("{}", link.url);
            Ok(())
        }
    }
}

/// The library named by `--library`, or the only one.
async fn pick_library(db: &sqlx::PgPool, slug: Option<String>) -> anyhow::Result<Library> {
    match slug {
        Some(slug) => Library::find_by_slug(db, &slug).await?.with_context(|| format!("no library {slug:?}")),
        None => {
            let all: Vec<Library> =
                sqlx::query_as("SELECT id, slug, name, timezone FROM library LIMIT 2").fetch_all(db).await?;
            match <[Library; 1]>::try_from(all) {
                Ok([only]) => Ok(only),
                Err(v) if v.is_empty() => bail!("no library yet: run `refdesk library add` first"),
                Err(_) => bail!("several libraries: name one with --library"),
            }
        }
    }
}

async fn simulate(
    db: &sqlx::PgPool,
    library: &str,
    from: &str,
    text: &str,
    subject: Option<String>,
) -> anyhow::Result<()> {
    use crate::domain::{Address, Channel, E164};
    let library = Library::find_by_slug(db, library).await?.with_context(|| format!("no library {library:?}"))?;
    let (channel, address, thread) = if from.starts_with('+') {
        let hint = channels::ThreadHint::ContinueRecent {
            conversation: None,
            within: std::time::Duration::from_secs(72 * 3600),
        };
        (Channel::Sms, Address::Phone(E164::parse(from).context("--from")?), hint)
    } else {
        (
            Channel::Email,
            Address::Email(EmailAddress::parse(from).context("--from")?),
            channels::ThreadHint::new_conversation(),
        )
    };
    let inbound = channels::Inbound {
        channel,
        from: address,
        display_name: None,
        provider_id: format!("simulated-{}", crate::auth::token::random_token()),
        subject,
        text: text.to_owned(),
        sanitized_html: None,
        thread,
        received_at: chrono::Utc::now(),
        attachments: vec![],
    };
    let ingest = crate::inbox::ingest::Ingest::start(db.clone(), crate::realtime::Realtime::new(), 1, 1);
    let accepted = ingest.accept(library.id, inbound).await?;
    // This process runs no sequencer: publish the event now rather than wait for the hub's.
    crate::store::event::sequence_pending(db, crate::realtime::EVENTS_CHANNEL).await?;
    println!("conversation {} message {}", accepted.conversation_id, accepted.message_id);
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let app = App::build(config).await?;
    tracing::info!(address = %app.local_addr(), ready_in_ms = started.elapsed().as_millis() as u64, "refdesk is serving");
    let trigger = app.shutdown_trigger();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutdown requested; finishing in-flight work");
        trigger.trigger();
    });
    app.run_until_stopped().await
}

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
