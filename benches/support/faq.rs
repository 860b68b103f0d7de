//! Part 5: FAQ search over 10,000 entries through the HTTP API (`GET
//! /faq/{library}/search.json?q=`, what the chat widget asks as a patron types).
//!
//! In a fresh database (`<name>_faq`, dropped at the end), one library with the fixture's
//! synonyms and [`ENTRIES`] published entries: the 53 fixture entries, each repeated with
//! other wording (words drawn from the fixture answers, seeded), so the vocabulary, the
//! trigram word list and the GIN indexes are those of a large real FAQ. Then, twice (a
//! fresh hub each time), [`COUNT`] searches by [`CLIENTS`] concurrent clients cycling
//! through the fixture's 106 patron queries (misspellings, synonyms, Spanish): with the
//! hub's result cache off (every search a real ranked search in Postgres) and on (the
//! queries repeat, as patrons' questions do, so after the warm-up they come from memory).

use crate::common::{self, Report};
use crate::load::{drive, Load};
use crate::probe::{Cpu, CpuSplit};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use sqlx::PgPool;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

const PART: &str = "5 faq";
const ENTRIES: usize = 10_000;
const CLIENTS: usize = 8;
const COUNT: u64 = 5_000;
const WARMUP: u64 = 300;
const LIMIT: Duration = Duration::from_secs(90);
const TARGET_P99_MS: f64 = 20.0;
const SLUG: &str = "bench-faq";

pub async fn run(db_name: &str, report: &mut Report) -> anyhow::Result<()> {
    let name = format!("{db_name}_faq");
    common::recreate_database(&name).await?;
    let url = common::url_for(&name);
    let db = PgPool::connect(&url).await?;
    let loaded = std::time::Instant::now();
    load(&db).await?;
    let load_secs = loaded.elapsed().as_secs_f64();

    explain(&url, report).await?;
    let queries: Vec<(String, String)> = serde_json::from_str(include_str!("../../tests/fixtures/faq/queries.json"))?;
    let entries = common::thousands(ENTRIES as f64);
    for cached in [false, true] {
        let run = measure(&name, &url, &queries, cached).await?;
        let label = if cached {
            "cached: the 106 fixture queries repeating, as patrons' questions do"
        } else {
            "uncached (faq.search_cache_bytes = 0): every search runs in Postgres"
        };
        report.check(
            PART,
            format!("FAQ search.json over {entries} entries, {CLIENTS} clients, {label}: p99"),
            format!("{:.1} ms", run.load.p99_ms()),
            format!("< {TARGET_P99_MS} ms"),
            run.load.p99_ms() < TARGET_P99_MS,
        );
        let searches = run.load.done.max(1) as f64;
        report.info(
            PART,
            format!("FAQ search.json, {}", if cached { "cached" } else { "uncached" }),
            format!(
                "{}; Postgres CPU {:.2} ms per search, hub and clients (this process) {:.2} ms; {}; load average {} \
                 before, {} after",
                run.load.summary(" searches"),
                run.cpu.pg_ours * 1e3 / searches,
                run.cpu.bench * 1e3 / searches,
                if cached {
                    format!("{} of {} searches answered from memory", run.stats.hits, run.stats.hits + run.stats.misses)
                } else {
                    "cache off".to_owned()
                },
                run.load_before,
                run.load_after,
            ),
        );
        report.note(format!("FAQ search.json {}: {}.", if cached { "cached" } else { "uncached" }, run.cpu.describe()));
    }
    report.note(format!(
        "FAQ: {entries} published entries and 10 synonym groups loaded in {load_secs:.1} s (search vectors and the word \
         list by the table's trigger); per configuration a fresh hub, {WARMUP} searches unmeasured, then {COUNT}, \
         cycling through the 106 fixture patron queries."
    ));
    db.close().await;
    if std::env::var("REFDESK_BENCH_KEEP").is_err() {
        common::drop_database(&name).await?;
    }
    Ok(())
}

/// One measured run of [`CLIENTS`] clients against a fresh hub.
struct Run {
    load: Load,
    cpu: CpuSplit,
    stats: refdesk::faq::cache::CacheStats,
    load_before: String,
    load_after: String,
}

/// Warms up, then measures [`COUNT`] searches through a fresh hub with the result cache
/// on (the default budget) or off.
async fn measure(db_name: &str, url: &str, queries: &[(String, String)], cached: bool) -> anyhow::Result<Run> {
    let mut config = common::app_config(url);
    if !cached {
        config.faq.search_cache_bytes = 0;
    }
    let app = refdesk::App::build(config).await?;
    let base = format!("http://{}/faq/{SLUG}/search.json?q=", app.local_addr());
    let cache = app.realtime().faq_searches.clone();
    let trigger = app.shutdown_trigger();
    let server = tokio::spawn(app.run_until_stopped());
    let urls: Arc<Vec<String>> = Arc::new(
        queries
            .iter()
            .map(|(q, _)| format!("{base}{}", url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()))
            .collect(),
    );
    let clients = (0..CLIENTS).map(|_| reqwest::Client::new()).collect::<Vec<_>>();
    let (warm, clients) = drive(clients, WARMUP, LIMIT, get_each(urls.clone())).await;
    warm.check("FAQ search warm-up")?;
    let warm_stats = cache.stats();
    let load_before = load_average();
    let cpu = Cpu::sample(db_name);
    let (load, _) = drive(clients, COUNT, LIMIT, get_each(urls)).await;
    let cpu = cpu.since_now(db_name);
    let load_after = load_average();
    let mut stats = cache.stats();
    stats.hits -= warm_stats.hits;
    stats.misses -= warm_stats.misses;
    trigger.trigger();
    let _ = server.await;
    load.check("FAQ search")?;
    Ok(Run { load, cpu, stats, load_before, load_after })
}

/// The 1-, 5- and 15-minute load averages.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

/// Queries whose plans the report shows: every word found often, a misspelling corrected
/// to a word found often, and words found nowhere (all three tiers run, all empty).
const EXPLAINED: [&str; 3] = ["can i renew my book", "printng", "zeppelin quartz"];
/// Fresh ANALYZE samples the plans are checked over.
const ANALYZE_ROUNDS: usize = 5;

/// EXPLAIN (ANALYZE, BUFFERS) of the search call for [`EXPLAINED`] after each of
/// [`ANALYZE_ROUNDS`] fresh ANALYZEs: rows, buffers (every statement inside `faq_search`
/// summed) and time, plus the tsquery texts it composed. Row and buffer counts do not depend
/// on the machine's load, unlike the times. One connection, each query run once before its
/// EXPLAIN: the first call on a connection also compiles the function and fills the
/// catalog caches (reported apart), which is no property of the plan.
async fn explain(url: &str, report: &mut Report) -> anyhow::Result<()> {
    let db = sqlx::postgres::PgPoolOptions::new().max_connections(1).connect(url).await?;
    let library = refdesk::domain::LibraryId(
        sqlx::query_scalar("SELECT id FROM library WHERE slug = $1").bind(SLUG).fetch_one(&db).await?,
    );
    let first = refdesk::faq::search::explain(&db, library, EXPLAINED[2], 3).await?;
    if let Some(plan) = first {
        let (buffers, exec, _) = plan_figures(&plan);
        report.info(
            PART,
            "EXPLAIN search, first call on a new connection (\"zeppelin quartz\")",
            format!("{buffers} buffers; {exec:.2} ms (compiling the function, catalog caches, planning)"),
        );
    }
    for q in EXPLAINED {
        let mut seen: Vec<(i64, f64, f64)> = Vec::new();
        let mut rows = 0.0;
        for _ in 0..ANALYZE_ROUNDS {
            sqlx::query("ANALYZE faq_entry, faq_word, faq_synonym").execute(&db).await?;
            refdesk::faq::search::search(&db, library, q, refdesk::faq::Scope::Published, None, 3).await?;
            let Some(plan) = refdesk::faq::search::explain(&db, library, q, 3).await? else { break };
            rows = plan[0]["Plan"]["Actual Rows"].as_f64().unwrap_or(0.0);
            seen.push(plan_figures(&plan));
        }
        if seen.is_empty() {
            continue;
        }
        let buffers: Vec<i64> = seen.iter().map(|s| s.0).collect();
        let exec = seen.iter().map(|s| s.1).fold(f64::NAN, f64::min);
        let exec_max = seen.iter().map(|s| s.1).fold(f64::NAN, f64::max);
        let composed = refdesk::faq::query::tsqueries(&db, library, q).await?.map(|t| t.all_words).unwrap_or_default();
        report.info(
            PART,
            format!("EXPLAIN search \"{q}\" (one call, after each of {ANALYZE_ROUNDS} fresh ANALYZEs)"),
            format!(
                "{rows} rows; buffers {buffers:?}; {exec:.2}-{exec_max:.2} ms execution + {:.2} ms planning; \
                 all words: {composed}",
                seen[0].2
            ),
        );
    }
    db.close().await;
    Ok(())
}

/// Buffers, execution and planning time of one `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`.
fn plan_figures(plan: &Value) -> (i64, f64, f64) {
    let root = &plan[0];
    let top = &root["Plan"];
    let buffers = top["Shared Hit Blocks"].as_i64().unwrap_or(0) + top["Shared Read Blocks"].as_i64().unwrap_or(0);
    (buffers, root["Execution Time"].as_f64().unwrap_or(f64::NAN), root["Planning Time"].as_f64().unwrap_or(f64::NAN))
}

type Get = Pin<Box<dyn Future<Output = (reqwest::Client, anyhow::Result<()>)> + Send>>;

fn get_each(urls: Arc<Vec<String>>) -> impl Fn(reqwest::Client, u64) -> Get + Send + Sync + 'static {
    move |client, i| {
        let urls = urls.clone();
        Box::pin(async move {
            let r = async {
                let response = client.get(&urls[i as usize % urls.len()]).send().await?;
                let status = response.status();
                let body = response.bytes().await?;
                anyhow::ensure!(status == reqwest::StatusCode::OK, "{status}: {}", String::from_utf8_lossy(&body));
                anyhow::Ok(())
            }
            .await;
            (client, r)
        })
    }
}

/// The library, its synonyms and [`ENTRIES`] published entries.
async fn load(db: &PgPool) -> anyhow::Result<()> {
    let fixture: Value = serde_json::from_str(include_str!("../../tests/fixtures/faq/entries.json"))?;
    let library: i64 =
        sqlx::query_scalar("INSERT INTO library (slug, name) VALUES ($1, 'Bench FAQ Library') RETURNING id")
            .bind(SLUG)
            .fetch_one(db)
            .await?;
    for group in fixture["synonyms"].as_array().unwrap() {
        let terms: Vec<String> = serde_json::from_value(group.clone())?;
        sqlx::query("INSERT INTO faq_synonym (library_id, terms) VALUES ($1, $2)")
            .bind(library)
            .bind(terms)
            .execute(db)
            .await?;
    }
    let entries = fixture["entries"].as_array().unwrap();
    let words: Vec<&str> = entries
        .iter()
        .flat_map(|e| e["answer"].as_str().unwrap().split_whitespace())
        .filter(|w| w.len() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    let mut rng = StdRng::seed_from_u64(10);
    let mut cols: [Vec<String>; 6] = Default::default();
    let mut topics: Vec<String> = Vec::new();
    for i in 0..ENTRIES {
        let e = &entries[i % entries.len()];
        let extra: Vec<&str> = (0..4).map(|_| words[rng.gen_range(0..words.len())]).collect();
        let question = if i < entries.len() {
            e["question"].as_str().unwrap().to_owned()
        } else {
            format!("{} ({})", e["question"].as_str().unwrap(), extra.join(" "))
        };
        let answer = format!("{} {}", e["answer"].as_str().unwrap(), extra.join(" "));
        cols[0].push(format!("{}-{i}", e["key"].as_str().unwrap()));
        cols[1].push(question);
        cols[2].push(format!("<p>{answer}</p>"));
        cols[3].push(answer);
        cols[4].push(e["short_answer"].as_str().unwrap().to_owned());
        cols[5].push(e.get("language").and_then(Value::as_str).unwrap_or("en").to_owned());
        topics.push(e["topics"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect::<Vec<_>>().join(","));
    }
    sqlx::query(
        "INSERT INTO faq_entry (library_id, slug, question, answer_html, answer_text, short_answer, language, topics,
                                status, published_at, views)
         SELECT $1, s, q, h, t, sa, l, string_to_array(tp, ','), 'published', now(), (random() * 500)::bigint
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                AS x(s, q, h, t, sa, l, tp)",
    )
    .bind(library)
    .bind(&cols[0])
    .bind(&cols[1])
    .bind(&cols[2])
    .bind(&cols[3])
    .bind(&cols[4])
    .bind(&cols[5])
    .bind(&topics)
    .execute(db)
    .await?;
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(())
}
