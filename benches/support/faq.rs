//! Part 5: FAQ search over 10,000 entries through the HTTP API (`GET
//! /faq/{library}/search.json?q=`, what the chat widget asks as a patron types).
//!
//! In a fresh database (`<name>_faq`, dropped at the end), one library with the fixture's
//! synonyms and [`ENTRIES`] published entries: the 53 fixture entries, each repeated with
//! other wording (words drawn from the fixture answers, seeded), so the vocabulary, the
//! trigram word list and the GIN indexes are those of a large real FAQ. Then [`COUNT`]
//! searches by [`CLIENTS`] concurrent clients, cycling through the fixture's 106 patron
//! queries (misspellings, synonyms, Spanish) — every one a real ranked search.

use crate::common::{self, Report};
use crate::load::drive;
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

    explain(&db, report).await?;
    let app = refdesk::App::build(common::app_config(&url)).await?;
    let base = format!("http://{}/faq/{SLUG}/search.json?q=", app.local_addr());
    let trigger = app.shutdown_trigger();
    let server = tokio::spawn(app.run_until_stopped());
    let queries: Vec<(String, String)> = serde_json::from_str(include_str!("../../tests/fixtures/faq/queries.json"))?;
    let urls: Arc<Vec<String>> = Arc::new(
        queries
            .iter()
            .map(|(q, _)| format!("{base}{}", url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()))
            .collect(),
    );
    let clients = (0..CLIENTS).map(|_| reqwest::Client::new()).collect::<Vec<_>>();
    let (warm, clients) = drive(clients, WARMUP, LIMIT, get_each(urls.clone())).await;
    warm.check("FAQ search warm-up")?;
    let (load, _) = drive(clients, COUNT, LIMIT, get_each(urls)).await;
    trigger.trigger();
    let _ = server.await;
    load.check("FAQ search")?;
    report.check(
        PART,
        format!("FAQ search.json over {} entries, {CLIENTS} clients: p99", common::thousands(ENTRIES as f64)),
        format!("{:.1} ms", load.p99_ms()),
        format!("< {TARGET_P99_MS} ms"),
        load.p99_ms() < TARGET_P99_MS,
    );
    report.info(PART, "FAQ search.json", load.summary("searches"));
    report.note(format!(
        "FAQ: {} published entries and 10 synonym groups loaded in {load_secs:.1} s (search vectors and the word \
         list by the table's trigger); {COUNT} searches after {WARMUP} unmeasured, cycling through the 106 fixture \
         patron queries.",
        common::thousands(ENTRIES as f64)
    ));
    db.close().await;
    if std::env::var("REFDESK_BENCH_KEEP").is_err() {
        common::drop_database(&name).await?;
    }
    Ok(())
}

/// Queries whose plans the report shows: every word found often, a misspelling corrected
/// to a word found often, and words found nowhere (all three tiers run, all empty).
const EXPLAINED: [&str; 3] = ["can i renew my book", "printng", "zeppelin quartz"];

/// EXPLAIN (ANALYZE, BUFFERS) of the search call for [`EXPLAINED`]: rows, buffers (every
/// statement inside `faq_search` summed) and time, plus the tsquery texts it composed. Row
/// and buffer counts do not depend on the machine's load, unlike the times.
async fn explain(db: &PgPool, report: &mut Report) -> anyhow::Result<()> {
    let library = refdesk::domain::LibraryId(
        sqlx::query_scalar("SELECT id FROM library WHERE slug = $1").bind(SLUG).fetch_one(db).await?,
    );
    for q in EXPLAINED {
        let Some(plan) = refdesk::faq::search::explain(db, library, q, 3).await? else {
            continue;
        };
        let root = &plan[0];
        let top = &root["Plan"];
        let buffers = top["Shared Hit Blocks"].as_i64().unwrap_or(0) + top["Shared Read Blocks"].as_i64().unwrap_or(0);
        let composed = refdesk::faq::query::tsqueries(db, library, q).await?.map(|t| t.all_words).unwrap_or_default();
        report.info(
            PART,
            format!("EXPLAIN search \"{q}\" (one call)"),
            format!(
                "{} rows; {buffers} buffers; {:.2} ms execution + {:.2} ms planning; all words: {composed}",
                top["Actual Rows"].as_f64().unwrap_or(0.0),
                root["Execution Time"].as_f64().unwrap_or(f64::NAN),
                root["Planning Time"].as_f64().unwrap_or(f64::NAN),
            ),
        );
    }
    Ok(())
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
