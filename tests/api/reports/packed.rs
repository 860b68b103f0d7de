//! Packed histograms (one row per ended week, month or year): every figure read from them
//! is the one the bucket rows give, to the last digit, and agrees with brute-force
//! `percentile_cont` over the facts (counts, means and reply counts exactly, durations
//! within the histograms' 2.5%).

use super::*;
use refdesk::domain::{LibraryId, TeamId};
use refdesk::reports::rollup;

/// 3,000 conversations of library A over the last 700 days (ended and current periods),
/// on three channels and two teams plus none, with durations from seconds to weeks; facts
/// from `report_facts_backfill` and histograms rebuilt (which packs the ended periods).
async fn history(app: &TestApp) -> Vec<TeamId> {
    let db = &app.db;
    sqlx::query("UPDATE library SET timezone = 'America/New_York' WHERE id = $1")
        .bind(app.a.id)
        .execute(db)
        .await
        .unwrap();
    let mut teams = vec![];
    for name in ["Packed desk", "Packed chat"] {
        teams.push(refdesk::store::team::Team::create(db, app.a.id, name).await.unwrap());
    }
    let contact: i64 = sqlx::query_scalar("INSERT INTO contact (library_id) VALUES ($1) RETURNING id")
        .bind(app.a.id)
        .fetch_one(db)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO conversation (library_id, contact_id, channel, status, team_id, assignee_id, created_at,
                                   first_response_at, resolved_at, message_count)
         SELECT $1, $2, (ARRAY['sms', 'email', 'chat'])[1 + i % 3], CASE WHEN i % 7 <> 0 THEN 'resolved' ELSE 'pending' END,
                CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN $4 ELSE $3 END, $5,
                c.at, c.at + r.secs * interval '1 second',
                CASE WHEN i % 7 <> 0 THEN c.at + r.secs * (2 + i % 4) * interval '1 second' END, 2 + (i * 13) % 9
           FROM generate_series(1, 3000) i,
                LATERAL (SELECT now() - interval '700 days' + i * interval '334 minutes' + (i % 97) * interval '1 minute' AS at) c,
                -- Seconds (chat) to days (email): exact buckets and 5% buckets alike.
                LATERAL (SELECT ((i * 7919) % 1000 + 1) * (ARRAY[1, 1, 37, 611])[1 + (i * 31) % 4] AS secs) r",
    )
    .bind(app.a.id)
    .bind(contact)
    .bind(teams[0])
    .bind(teams[1])
    .bind(app.a.staff_id)
    .execute(db)
    .await
    .unwrap();
    sqlx::query("SELECT report_facts_backfill($1)").bind(app.a.id).execute(db).await.unwrap();
    rollup::rebuild_library(db, app.a.id).await.unwrap();
    teams
}

/// Every grouping over periods with whole years, months and weeks and loose ends, in clock
/// and business hours, plus a channel-and-team filter (the month-only level).
fn cases(teams: &[TeamId]) -> Vec<(Period, Filter)> {
    let today = Utc::now().date_naive();
    let tomorrow = today + chrono::Duration::days(1);
    let periods = [
        Period::new(tomorrow - chrono::Duration::days(720), tomorrow).unwrap(),
        Period::new(tomorrow - chrono::Duration::days(365), tomorrow).unwrap(),
        Period::new(tomorrow - chrono::Duration::days(30), tomorrow).unwrap(),
        Period::new(today - chrono::Duration::days(400), today - chrono::Duration::days(123)).unwrap(),
    ];
    let mut all = vec![];
    for period in periods {
        for group in [Group::None, Group::Channel, Group::Team, Group::Staff, Group::Week, Group::TeamWeek] {
            for business_hours in [false, true] {
                all.push((period, Filter { channel: None, team: None, staff: None, business_hours, group }));
            }
        }
        let narrow = Filter {
            channel: Some("email".into()),
            team: Some(teams[0]),
            staff: None,
            business_hours: false,
            group: Group::None,
        };
        all.push((period, narrow));
    }
    all
}

async fn read_all(app: &TestApp, cases: &[(Period, Filter)], exact_below: i64) -> Vec<(response_times::Table, bool)> {
    let mut out = vec![];
    for (period, filter) in cases {
        out.push(
            response_times::figures(&app.state.reports_db, app.a.id, NY, period, filter, exact_below).await.unwrap(),
        );
    }
    out
}

async fn count(app: &TestApp, sql: &str, library: LibraryId) -> i64 {
    sqlx::query_scalar(sql).bind(library).fetch_one(&app.db).await.unwrap()
}

/// Puts the packed rows back as bucket rows (the layout before packing).
async fn unpack(app: &TestApp) {
    sqlx::query(
        "WITH gone AS (DELETE FROM report_histogram_packed WHERE library_id = $1 RETURNING *)
         INSERT INTO report_histogram (library_id, level, grain, measure, period, channel, team_id, staff_id, bucket, n, total)
         SELECT g.library_id, g.level, g.grain, g.measure, g.period, g.channel, g.team_id, g.staff_id, c.bucket, c.n,
                CASE WHEN c.i = 1 THEN g.total ELSE 0 END
           FROM gone g, unnest(g.buckets, g.counts) WITH ORDINALITY AS c(bucket, n, i)",
    )
    .bind(app.a.id)
    .execute(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn packed_histograms_give_the_bucket_rows_figures_and_agree_with_percentile_cont_over_the_facts() {
    let app = spawn_app().await;
    let teams = history(&app).await;
    let ended_bucket_rows = "SELECT count(*) FROM report_histogram WHERE library_id = $1
                               AND CASE grain WHEN 'y' THEN (period + interval '1 year')::date
                                              WHEN 'm' THEN (period + interval '1 month')::date
                                              ELSE period + 7 END <= (now() AT TIME ZONE 'America/New_York')::date";
    assert_eq!(count(&app, ended_bucket_rows, app.a.id).await, 0, "the rebuild packed every ended period");
    assert!(count(&app, "SELECT count(*) FROM report_histogram_packed WHERE library_id = $1", app.a.id).await > 500);
    assert!(
        count(&app, "SELECT count(*) FROM report_histogram WHERE library_id = $1", app.a.id).await > 0,
        "current periods"
    );

    let cases = cases(&teams);
    let packed = read_all(&app, &cases, -1).await;
    let exact = read_all(&app, &cases, i64::MAX).await;
    for (((period, filter), (p, was_exact)), (e, _)) in cases.iter().zip(&packed).zip(&exact) {
        let what = format!("{:?} {:?} {}..{}", filter.group, filter.channel, period.from, period.to);
        assert!(!was_exact, "{what}: read from the histograms");
        assert_eq!(p.keys().collect::<Vec<_>>(), e.keys().collect::<Vec<_>>(), "{what}");
        assert!(!p.is_empty(), "{what}");
        for (key, e) in e {
            let p = &p[key];
            assert_eq!(p.replies_to_resolve, e.replies_to_resolve, "{what} {key}: reply counts are exact");
            for (ps, es) in [(&p.first_response, &e.first_response), (&p.resolution, &e.resolution)] {
                assert_eq!((ps.count, ps.mean), (es.count, es.mean), "{what} {key}");
                for (x, y) in [(es.p50, ps.p50), (es.p90, ps.p90), (es.p99, ps.p99)] {
                    match (x, y) {
                        (Some(x), Some(y)) => {
                            assert!(
                                (x - y).abs() <= 0.025 * x.max(1.0),
                                "{what} {key}: percentile_cont {x}, histogram {y}"
                            )
                        }
                        _ => assert_eq!((x, y, ps.count), (None, None, 0), "{what} {key}"),
                    }
                }
            }
        }
    }

    // The same histograms as bucket rows give the same figures to the last digit; packing
    // them again moves them all and changes nothing.
    unpack(&app).await;
    assert_eq!(count(&app, "SELECT count(*) FROM report_histogram_packed WHERE library_id = $1", app.a.id).await, 0);
    assert_eq!(read_all(&app, &cases, -1).await, packed, "bucket rows and packed rows read alike");
    assert!(rollup::pack(&app.db, app.a.id).await.unwrap() > 1_000);
    assert_eq!(count(&app, ended_bucket_rows, app.a.id).await, 0);
    assert_eq!(read_all(&app, &cases, -1).await, packed);

    // A count arriving for an ended week (a late write) lands in a bucket row beside the
    // packed one; both are read, and the next pack folds it into the packed row.
    let (week, bucket): (NaiveDate, i32) = sqlx::query_as(
        "SELECT period, buckets[1] FROM report_histogram_packed
          WHERE library_id = $1 AND level = 4 AND grain = 'w' AND measure = 1 ORDER BY period DESC LIMIT 1",
    )
    .bind(app.a.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO report_histogram (library_id, level, grain, measure, period, channel, team_id, staff_id, bucket, n, total)
         VALUES ($1, 4, 'w', 1, $2, '', 0, 0, $3, 1, 1000000)",
    )
    .bind(app.a.id)
    .bind(week)
    .bind(bucket)
    .execute(&app.db)
    .await
    .unwrap();
    let weeks = Period::new(week, week + chrono::Duration::days(7)).unwrap();
    let by_week = filter(Group::Week, false);
    let read = |app: &TestApp| {
        let (weeks, by_week) = (weeks, by_week.clone());
        let db = app.state.reports_db.clone();
        let library = app.a.id;
        async move { response_times::figures(&db, library, NY, &weeks, &by_week, -1).await.unwrap().0 }
    };
    let with_late = read(&app).await;
    let exact = read_all(&app, &[(weeks, filter(Group::Week, false))], i64::MAX).await;
    let (late, before) = (&with_late[&week.to_string()], &exact[0].0[&week.to_string()]);
    assert_eq!(late.first_response.count, before.first_response.count + 1, "the late count is read");
    assert_eq!(rollup::pack(&app.db, app.a.id).await.unwrap(), 1);
    assert_eq!(count(&app, ended_bucket_rows, app.a.id).await, 0);
    assert_eq!(read(&app).await, with_late, "folded into the packed row, read alike");
}
