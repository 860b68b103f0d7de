//! Part 5: survey results over a million responses — the trend by month of one question
//! broken down by one demographic question, through the real app's HTTP API, beside the
//! same figure computed straight from the responses (no rollups).

use crate::common::{self, Report};
use refdesk::domain::{LibraryId, Role};
use sqlx::PgPool;
use std::time::{Duration, Instant};

const PART: &str = "5 survey";
/// Responses generated: 1,000,000 unless `REFDESK_BENCH_SURVEY_RESPONSES` says otherwise
/// (a smaller run where disk is short).
fn responses() -> i64 {
    std::env::var("REFDESK_BENCH_SURVEY_RESPONSES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000)
}
const REQUESTS: usize = 200;
const PASSWORD: &str = "bench survey password 1";
const MANAGER: &str = "manager@bench-survey.example";

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p99 and max of `samples`, in ms.
fn summary(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let at = |q: f64| millis(samples[((samples.len() as f64 - 1.0) * q).round() as usize]);
    (at(0.5), at(0.99), at(1.0))
}

pub async fn run(db: &str, report: &mut Report) -> anyhow::Result<()> {
    let name = format!("{db}_survey");
    let url = common::url_for(&name);
    let mut reused = false;
    if common::database_exists(&name).await? {
        let pool = PgPool::connect(&url).await?;
        let n: Option<i64> =
            sqlx::query_scalar("SELECT count(*) FROM survey_response").fetch_optional(&pool).await.ok().flatten();
        reused = n == Some(responses());
        pool.close().await;
    }
    if !reused {
        common::recreate_database(&name).await?;
    }
    let pool = PgPool::connect(&url).await?;
    let (library, survey) = if reused { existing(&pool).await? } else { generate(&pool, report).await? };

    // (b) The same figure straight from the responses, without rollups.
    let raw_sql = "SELECT date_trunc('month', r.submitted_at AT TIME ZONE 'UTC')::date AS month,
                          r.context_options[array_position(r.context_keys, 'patron_type')] AS patron_type,
                          count(*), avg(r.measure_scores[array_position(r.measure_keys, 'overall')])::float8
                     FROM survey_response r
                    WHERE r.library_id = $1 AND r.survey_id = $2 AND r.submitted_at > now() - interval '2 years'
                    GROUP BY 1, 2";
    let mut raw = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let rows: Vec<(chrono::NaiveDate, Option<String>, i64, Option<f64>)> =
            sqlx::query_as(raw_sql).bind(library).bind(survey).fetch_all(&pool).await.unwrap_or_default();
        raw.push(t.elapsed());
        anyhow::ensure!(rows.len() > 50 || raw.len() > 1, "the raw query found too few groups");
    }
    let (raw_p50, _, _) = summary(raw);
    report.info(
        PART,
        "(b) same figure straight from 1M responses, no rollups (median of 3)",
        format!("{raw_p50:.0} ms"),
    );

    // (c) Through the HTTP API, one manager, requests one after another.
    let app = refdesk::App::build(common::app_config(&url)).await?;
    let base = format!("http://{}", app.local_addr());
    let trigger = app.shutdown_trigger();
    let server = tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let login = client
        .post(format!("{base}/api/login"))
        .json(&serde_json::json!({"email": MANAGER, "password": PASSWORD}))
        .send()
        .await?;
    anyhow::ensure!(login.status().is_success(), "bench manager login failed: {}", login.status());
    let from = (chrono::Utc::now() - chrono::Duration::days(730)).date_naive();
    let breakdown =
        format!("{base}/api/surveys/{survey}/breakdown?by=patron_type&question=overall&grain=month&from={from}");
    let overview = format!("{base}/api/surveys/{survey}/results?grain=month&from={from}");
    let mut times = Vec::new();
    let mut overview_times = Vec::new();
    for i in 0..REQUESTS {
        let t = Instant::now();
        let r = client.get(&breakdown).send().await?;
        anyhow::ensure!(r.status().is_success(), "breakdown answered {}", r.status());
        let body: serde_json::Value = r.json().await?;
        times.push(t.elapsed());
        if i == 0 {
            let periods = body["periods"].as_array().map_or(0, |p| p.len());
            anyhow::ensure!(periods >= 24, "the breakdown has {periods} months");
        }
        let t = Instant::now();
        let r = client.get(&overview).send().await?;
        anyhow::ensure!(r.status().is_success(), "results answered {}", r.status());
        r.bytes().await?;
        overview_times.push(t.elapsed());
    }
    let (p50, p99, max) = summary(times);
    report.check(
        PART,
        format!(
            "(c) trend by month x patron type over {} responses, HTTP API, {REQUESTS} requests",
            common::thousands(responses() as f64)
        ),
        format!("p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms"),
        "< 300 ms",
        p99 < 300.0,
    );
    let (p50, p99, _) = summary(overview_times);
    report.info(
        PART,
        "(c) headline results (trend, every question, Opportunity Index), HTTP API",
        format!("p50 {p50:.1} ms, p99 {p99:.1} ms"),
    );
    trigger.trigger();
    let _ = server.await;

    // (d) The write path: one response with its rollups, one transaction each.
    let def = channels::survey::sample::library_satisfaction();
    let mut writes = Vec::new();
    for i in 0..300 {
        let mut answers = channels::survey::Answers::new();
        answers.insert("overall".into(), channels::survey::Answer::Rating { value: 1 + (i % 5) as u8 });
        answers.insert("patron_type".into(), channels::survey::Answer::Choice { option: "student".into() });
        answers.insert("staff_help".into(), channels::survey::Answer::Aspect { importance: 5, satisfaction: 3 });
        let key = format!("bench-write-{}-{i}", chrono::Utc::now().timestamp_micros());
        let t = Instant::now();
        refdesk::survey::responses::record(
            &pool,
            refdesk::survey::responses::NewResponse {
                library,
                survey_id: survey,
                version: 1,
                definition: &def,
                source: refdesk::survey::responses::Source::Web,
                language: "en",
                answers,
                submit_key: &key,
                entered_by: None,
                submitted_at: None,
            },
        )
        .await?;
        writes.push(t.elapsed());
    }
    let keep = std::env::var("REFDESK_BENCH_KEEP").is_ok();
    if keep {
        // The kept dataset goes back to exactly its million responses.
        sqlx::query("DELETE FROM survey_response WHERE submit_key LIKE 'bench-write-%'").execute(&pool).await?;
        sqlx::query("SELECT survey_rollup_rebuild($1, $2)").bind(library).bind(survey).execute(&pool).await?;
    }
    let (p50, p99, _) = summary(writes);
    report.info(
        PART,
        "(d) storing one response with its rollups (1 client)",
        format!("p50 {p50:.1} ms, p99 {p99:.1} ms"),
    );
    pool.close().await;
    Ok(())
}

async fn existing(pool: &PgPool) -> anyhow::Result<(LibraryId, i64)> {
    Ok(sqlx::query_as("SELECT library_id, id FROM survey LIMIT 1").fetch_one(pool).await?)
}

/// The library, its manager, the sample survey published, a million responses over two
/// years, then the rollups rebuilt in one pass.
async fn generate(pool: &PgPool, report: &mut Report) -> anyhow::Result<(LibraryId, i64)> {
    let lib = refdesk::store::library::Library::create(pool, "bench-survey", "Bench Survey Library").await?;
    let hash = refdesk::auth::password::hash(PASSWORD.into()).await?;
    refdesk::store::staff::Staff::insert(pool, lib.id, MANAGER, "Bench Manager", Role::Manager, &hash).await?;
    let def = channels::survey::sample::library_satisfaction();
    let survey = refdesk::survey::store::Survey::create(pool, lib.id, "bench", "Bench", &def).await?;
    let mut tx = pool.begin().await?;
    refdesk::survey::store::Survey::publish(&mut tx, lib.id, survey, None).await?;
    tx.commit().await?;
    let t = Instant::now();
    let total = responses();
    for chunk in 0..10 {
        sqlx::query(
            "INSERT INTO survey_response (library_id, survey_id, version, source, language, submitted_at, answers,
                    measure_keys, measure_kinds, measure_scores, context_keys, context_options, comment, submit_key)
             SELECT $1, $2, 1, (ARRAY['web', 'kiosk', 'paper'])[1 + i % 3], 'en',
                    now() - (random() * 730) * interval '1 day',
                    jsonb_build_object('overall', jsonb_build_object('type', 'rating', 'value', o)),
                    '{overall,recommend,staff_help,staff_help}', '{rating,nps,importance,satisfaction}',
                    ARRAY[o, floor(random() * 11), 1 + floor(random() * 5), 1 + floor(random() * 5)]::smallint[],
                    '{patron_type,visits,branch,_source}',
                    ARRAY[(ARRAY['adult', 'student', 'senior', 'parent'])[1 + floor(random() * 4)::int],
                          (ARRAY['weekly', 'monthly', 'rarely'])[1 + floor(random() * 3)::int],
                          (ARRAY['main', 'eastside', 'online'])[1 + floor(random() * 3)::int],
                          (ARRAY['web', 'kiosk', 'paper'])[1 + i % 3]],
                    CASE WHEN i % 10 = 0 THEN 'bench comment ' || i END,
                    'bench-' || lpad(i::text, 8, '0')
               FROM (SELECT i, 1 + floor(random() * 5)::smallint AS o
                       FROM generate_series($3::bigint, $4::bigint) AS i) g",
        )
        .bind(lib.id)
        .bind(survey)
        .bind(chunk * total / 10 + 1)
        .bind((chunk + 1) * total / 10)
        .execute(pool)
        .await?;
    }
    let inserted = t.elapsed();
    let t = Instant::now();
    sqlx::query("SELECT survey_rollup_rebuild($1, $2)").bind(lib.id).bind(survey).execute(pool).await?;
    let rebuilt = t.elapsed();
    sqlx::query("ANALYZE").execute(pool).await?;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM survey_rollup").fetch_one(pool).await?;
    report.info(
        PART,
        format!("(a) dataset: {} responses over two years, rollups rebuilt from them", common::thousands(total as f64)),
        format!(
            "inserted in {:.0} s; rollups ({} rows) rebuilt in {:.0} s",
            inserted.as_secs_f64(),
            common::thousands(rows as f64),
            rebuilt.as_secs_f64()
        ),
    );
    Ok((lib.id, survey))
}
