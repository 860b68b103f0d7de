//! The hand-built dataset: a desk open Monday to Friday 9-12 and 13-17 (New York time),
//! closed on Monday 12 January 2026 (a holiday), four texts in January 2026.
//!
//! | conv | arrives            | answered (by)        | resolved            | notes                      |
//! |------|--------------------|----------------------|---------------------|----------------------------|
//! | C1   | Fri 9 Jan 16:00    | Tue 13 Jan 09:30 (S) | Tue 13 Jan 14:00    | across a weekend + holiday |
//! | C2   | Wed 14 Jan 11:30   | 13:30 and 14:00 (S)  | 15:00               | over lunch, two replies    |
//! | C3   | Wed 14 Jan 10:00   | 10:10 (S)            | 10:20, reopened, again Thu 15 Jan 10:00 | |
//! | C4   | Sat 17 Jan 10:00   | 10:05 (M)            | —                   | outside hours              |

use super::*;
use channels::{Address, Channel, Inbound, ThreadHint};
use refdesk::domain::E164;
use refdesk::reports::facts;

async fn arrive(
    app: &TestApp,
    from: &str,
    id: &str,
    at: DateTime<Utc>,
    thread: Option<ConversationId>,
) -> ConversationId {
    let inbound = Inbound {
        channel: Channel::Sms,
        from: Address::Phone(E164::parse(from).unwrap()),
        display_name: None,
        provider_id: id.to_owned(),
        subject: None,
        text: "a question".to_owned(),
        sanitized_html: None,
        thread: ThreadHint::Conversation { conversation: thread.map(|c| c.0) },
        received_at: at,
        attachments: vec![],
    };
    app.state.ingest.accept(app.a.id, inbound).await.unwrap().conversation_id
}

/// A staff reply at `at`, written as the reply path writes it (message, conversation, facts).
async fn answer(app: &TestApp, conv: ConversationId, staff: StaffId, at: DateTime<Utc>) {
    let mut tx = app.db.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO message (library_id, conversation_id, direction, channel, author_staff_id, body, delivery_status, created_at)
         VALUES ($1, $2, 'out', 'sms', $3, 'an answer', 'delivered', $4)",
    )
    .bind(app.a.id)
    .bind(conv)
    .bind(staff)
    .bind(at)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE conversation SET waiting_since = NULL, first_response_at = coalesce(first_response_at, $3),
                assignee_id = coalesce(assignee_id, $4) WHERE library_id = $1 AND id = $2",
    )
    .bind(app.a.id)
    .bind(conv)
    .bind(at)
    .bind(staff)
    .execute(&mut *tx)
    .await
    .unwrap();
    facts::on_reply(&mut tx, app.a.id, conv, staff, at).await.unwrap();
    tx.commit().await.unwrap();
}

async fn resolve(app: &TestApp, conv: ConversationId, at: DateTime<Utc>) {
    let mut tx = app.db.begin().await.unwrap();
    sqlx::query("UPDATE conversation SET status = 'resolved', resolved_at = $3, waiting_since = NULL WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(conv)
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
    facts::on_resolve(&mut tx, app.a.id, conv, at).await.unwrap();
    tx.commit().await.unwrap();
}

/// Builds the dataset; returns the four conversations.
async fn build(app: &TestApp) -> [ConversationId; 4] {
    sqlx::query("UPDATE library SET timezone = 'America/New_York' WHERE id = $1")
        .bind(app.a.id)
        .execute(&app.db)
        .await
        .unwrap();
    let manager = app.login(&app.a.manager).await;
    let (_, team) = manager.post("/api/teams", json!({"name": "Desk"})).await;
    let team = team["id"].as_i64().unwrap();
    let mut intervals = vec![];
    for weekday in 1..=5 {
        intervals.push(json!({"weekday": weekday, "opens": "09:00", "closes": "12:00"}));
        intervals.push(json!({"weekday": weekday, "opens": "13:00", "closes": "17:00"}));
    }
    assert_eq!(
        manager.put(&format!("/api/teams/{team}/hours"), json!({"intervals": intervals})).await.0,
        StatusCode::OK
    );
    let (status, _) =
        manager.post("/api/holidays", json!({"day": "2026-01-12", "name": "Staff day", "team_id": team})).await;
    assert_eq!(status, StatusCode::CREATED);

    let (s, m) = (app.a.staff_id, staff_id(app, &app.a.manager).await);
    let c1 = arrive(app, "+15550000001", "c1", ny(2026, 1, 9, 16, 0), None).await;
    let c2 = arrive(app, "+15550000002", "c2", ny(2026, 1, 14, 11, 30), None).await;
    let c3 = arrive(app, "+15550000003", "c3", ny(2026, 1, 14, 10, 0), None).await;
    let c4 = arrive(app, "+15550000004", "c4", ny(2026, 1, 17, 10, 0), None).await;
    sqlx::query("UPDATE conversation SET team_id = $2 WHERE library_id = $1")
        .bind(app.a.id)
        .bind(team)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE conversation SET tags = '{ill}' WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(c1)
        .execute(&app.db)
        .await
        .unwrap();

    answer(app, c1, s, ny(2026, 1, 13, 9, 30)).await;
    resolve(app, c1, ny(2026, 1, 13, 14, 0)).await;
    answer(app, c2, s, ny(2026, 1, 14, 13, 30)).await;
    answer(app, c2, s, ny(2026, 1, 14, 14, 0)).await;
    resolve(app, c2, ny(2026, 1, 14, 15, 0)).await;
    answer(app, c3, s, ny(2026, 1, 14, 10, 10)).await;
    resolve(app, c3, ny(2026, 1, 14, 10, 20)).await;
    arrive(app, "+15550000003", "c3-again", ny(2026, 1, 15, 9, 0), Some(c3)).await;
    resolve(app, c3, ny(2026, 1, 15, 10, 0)).await;
    answer(app, c4, m, ny(2026, 1, 17, 10, 5)).await;
    [c1, c2, c3, c4]
}

#[tokio::test]
async fn exact_figures_over_a_weekend_a_holiday_lunch_breaks_and_a_reopened_conversation() {
    let app = spawn_app().await;
    let [c1, _, c3, c4] = build(&app).await;

    // Stored facts.
    let f1 = fact(&app, c1).await.unwrap();
    assert_eq!((f1["first_response_secs"].as_i64(), f1["first_response_bsecs"].as_i64()), (Some(322_200), Some(5_400)));
    assert_eq!((f1["resolution_secs"].as_i64(), f1["resolution_bsecs"].as_i64()), (Some(338_400), Some(18_000)));
    let f3 = fact(&app, c3).await.unwrap();
    assert_eq!((f3["resolution_secs"].as_i64(), f3["reopen_count"].as_i64()), (Some(1_200), Some(1)));
    let last: DateTime<Utc> =
        sqlx::query_scalar("SELECT last_resolved_at FROM conversation_fact WHERE conversation_id = $1")
            .bind(c3)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(last, ny(2026, 1, 15, 10, 0), "the reopen moved the last resolution only");
    let f4 = fact(&app, c4).await.unwrap();
    assert_eq!((f4["first_response_secs"].as_i64(), f4["first_response_bsecs"].as_i64()), (Some(300), Some(0)));

    // Wall clock, through the API (exact: few conversations).
    let manager = app.login(&app.a.manager).await;
    let (status, r) = manager.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01").await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!((r["exact"].as_bool(), r["previous_from"].as_str()), (Some(true), Some("2025-12-01")));
    assert_eq!(figure(&r, "", "first_response.count"), 4);
    assert_eq!(figure(&r, "", "first_response.mean"), 82_575.0);
    assert_eq!(figure(&r, "", "first_response.p50"), 3_900.0);
    assert_eq!(figure(&r, "", "first_response.p90"), 227_700.0);
    assert_eq!(figure(&r, "", "resolution.count"), 3);
    assert_eq!(figure(&r, "", "resolution.mean"), 117_400.0);
    assert_eq!(figure(&r, "", "resolution.p50"), 12_600.0);
    assert_eq!(figure(&r, "", "resolution.p90"), 273_240.0);
    assert_eq!(figure(&r, "", "replies_to_resolve.p50"), 1.0);
    assert_eq!(r["rows"][0]["previous"]["first_response"]["count"], 0);

    // Business hours.
    let (_, b) = manager.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01&hours=business").await;
    assert_eq!(figure(&b, "", "first_response.mean"), 2_400.0);
    assert_eq!(figure(&b, "", "first_response.p50"), 2_100.0);
    assert_eq!(figure(&b, "", "first_response.p90"), 4_860.0);
    assert_eq!(figure(&b, "", "resolution.mean"), 9_400.0);
    assert_eq!(figure(&b, "", "resolution.p50"), 9_000.0);

    // Per staff member, per week, per tag; the resolution of the reopened C3 stays its first.
    let (s, m) = (app.a.staff_id.0.to_string(), staff_id(&app, &app.a.manager).await.0.to_string());
    let (_, by_staff) = manager.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01&group=staff").await;
    assert_eq!(
        (figure(&by_staff, &s, "first_response.count"), figure(&by_staff, &m, "first_response.count")),
        (json!(3), json!(1))
    );
    assert_eq!(figure(&by_staff, &s, "first_response.p50"), 7_200.0);
    let (_, weeks) = manager.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01&group=week").await;
    assert_eq!(figure(&weeks, "2026-01-12", "first_response.count"), 4);
    // Every team's weeks in one table: all four answered in the Desk team's week of the 12th.
    let (_, teams) = manager.get("/api/teams").await;
    let desk_week = format!("{}/2026-01-12", teams[0]["id"]);
    let (status, team_weeks) =
        manager.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01&group=team_week").await;
    assert_eq!(status, StatusCode::OK, "{team_weeks}");
    assert_eq!(team_weeks["rows"].as_array().unwrap().len(), 1, "{team_weeks}");
    assert_eq!(figure(&team_weeks, &desk_week, "first_response.count"), 4);
    assert_eq!(figure(&team_weeks, &desk_week, "first_response.mean"), 82_575.0);
    assert_eq!(figure(&team_weeks, &desk_week, "first_response.p50"), 3_900.0);
    assert_eq!(figure(&team_weeks, &desk_week, "first_response.p90"), 227_700.0);
    assert_eq!(figure(&team_weeks, &desk_week, "resolution.count"), 3);
    assert_eq!(figure(&team_weeks, &desk_week, "resolution.mean"), 117_400.0);
    assert_eq!(figure(&team_weeks, &desk_week, "replies_to_resolve.p50"), 1.0);
    let (_, tags) = manager.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01&group=tag").await;
    assert_eq!(figure(&tags, "ill", "resolution.mean"), 338_400.0);

    // Staff see their own figures only.
    let staff = app.login(&app.a.staff).await;
    let (_, own) = staff.get("/api/reports/response-times?from=2026-01-01&to=2026-02-01").await;
    assert_eq!(figure(&own, "", "first_response.count"), 3);
    assert_eq!(staff.get(&format!("/api/reports/response-times?staff={m}")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(staff.get("/api/reports/patrons").await.0, StatusCode::FORBIDDEN);

    // The histograms give the same counts and means, exact reply counts, and percentiles
    // within 2.5%; rebuilding them from the facts gives the rows kept incrementally.
    for business in [false, true] {
        let exact = direct(&app, &filter(Group::Channel, business), i64::MAX).await;
        let approx = direct(&app, &filter(Group::Channel, business), -1).await;
        let (e, a) = (&exact["sms"], &approx["sms"]);
        assert_eq!((e.first_response.count, e.first_response.mean), (a.first_response.count, a.first_response.mean));
        assert_eq!(e.replies_to_resolve, a.replies_to_resolve);
        for (x, y) in [(e.first_response.p50, a.first_response.p50), (e.resolution.p90, a.resolution.p90)] {
            let (x, y) = (x.unwrap(), y.unwrap());
            assert!((x - y).abs() <= 0.025 * x.max(1.0), "exact {x} vs histogram {y}");
        }
    }
    // Weeks, teams and the library read from histogram rows plus the loose days' facts agree
    // with the facts too. 13 Jan 2026 is a Tuesday: weeks from Monday the 19th, and the week
    // of the 12th without Monday; from Wednesday the 14th, the week of the 12th without
    // Monday and Tuesday (C1's response and resolution on the 13th are taken away again);
    // December 2025 is a whole (empty) month, 1-15 January loose days.
    let reports = &app.state.reports_db;
    // First, packing the ended periods (every one here: the replies and resolves wrote bucket
    // rows) changes no figure, to the last digit; the checks below then read packed rows.
    let january = Period::new(day(2026, 1, 1), day(2026, 2, 1)).unwrap();
    let groups = [Group::None, Group::Channel, Group::Team, Group::Staff, Group::Week, Group::TeamWeek];
    let mut unpacked = vec![];
    for group in groups {
        unpacked
            .push(response_times::figures(reports, app.a.id, NY, &january, &filter(group, true), -1).await.unwrap());
    }
    refdesk::reports::rollup::pack(&app.db, app.a.id).await.unwrap();
    let packed: i64 = sqlx::query_scalar("SELECT count(*) FROM report_histogram_packed WHERE library_id = $1")
        .bind(app.a.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(packed > 10, "{packed} packed rows");
    for (group, before) in groups.into_iter().zip(unpacked) {
        let after = response_times::figures(reports, app.a.id, NY, &january, &filter(group, true), -1).await.unwrap();
        assert_eq!(after, before, "{group:?}");
    }
    for (group, from, to) in [
        (Group::Week, day(2026, 1, 13), day(2026, 2, 1)),
        (Group::Week, day(2026, 1, 14), day(2026, 2, 1)),
        (Group::TeamWeek, day(2026, 1, 14), day(2026, 2, 1)),
        (Group::TeamWeek, day(2026, 1, 1), day(2026, 2, 1)),
        (Group::Week, day(2026, 1, 1), day(2026, 2, 1)),
        (Group::Team, day(2025, 12, 1), day(2026, 1, 15)),
        (Group::None, day(2025, 12, 1), day(2026, 1, 16)),
    ] {
        let p = Period::new(from, to).unwrap();
        let (exact, _) =
            response_times::figures(reports, app.a.id, NY, &p, &filter(group, false), i64::MAX).await.unwrap();
        let (approx, was_exact) =
            response_times::figures(reports, app.a.id, NY, &p, &filter(group, false), -1).await.unwrap();
        assert!(!was_exact, "{group:?} {from}: read from histograms");
        assert_eq!(exact.keys().collect::<Vec<_>>(), approx.keys().collect::<Vec<_>>(), "{group:?} {from}");
        for (key, e) in &exact {
            let a = &approx[key];
            assert_eq!(
                (e.first_response.count, e.first_response.mean),
                (a.first_response.count, a.first_response.mean)
            );
            assert_eq!((e.resolution.count, e.resolution.mean), (a.resolution.count, a.resolution.mean));
            assert_eq!(e.replies_to_resolve, a.replies_to_resolve, "{group:?} {from} {key}");
        }
        assert!(exact.values().map(|f| f.first_response.count).sum::<i64>() >= 3, "{group:?} {from}: {exact:?}");
        if from == day(2026, 1, 14) {
            let week = approx.values().next().unwrap();
            assert_eq!((week.first_response.count, week.resolution.count), (3, 2), "{group:?}: C1 taken away");
            assert_eq!(week.first_response.mean, Some(2_700.0), "{group:?}: C2, C3 and C4");
        }
    }
    // A level not built yet (as after the migration, before the background builder ran)
    // is answered exactly from the facts; the builder then makes the same histograms (packed
    // now, as every period here has ended, where the replies and resolves wrote bucket rows).
    sqlx::query("DELETE FROM report_rollup WHERE library_id = $1 AND level = 1")
        .bind(app.a.id)
        .execute(&app.db)
        .await
        .unwrap();
    let p = Period::new(day(2026, 1, 1), day(2026, 2, 1)).unwrap();
    let (_, exact) =
        response_times::figures(&app.state.reports_db, app.a.id, NY, &p, &filter(Group::Channel, false), -1)
            .await
            .unwrap();
    assert!(exact, "level 1 is not built: figures come from the facts");
    assert!(refdesk::reports::rollup::build_missing(&app.db).await.unwrap() >= 1);
    let (_, exact) =
        response_times::figures(&app.state.reports_db, app.a.id, NY, &p, &filter(Group::Channel, false), -1)
            .await
            .unwrap();
    assert!(!exact, "built again: figures come from the histograms");
    let snapshot =
        "SELECT coalesce(jsonb_agg(h ORDER BY level, grain, measure, period, channel, team_id, staff_id), '[]')
                      FROM report_histogram_whole h WHERE library_id = $1";
    let before: Value = sqlx::query_scalar(snapshot).bind(app.a.id).fetch_one(&app.db).await.unwrap();
    refdesk::reports::rollup::rebuild_library(&app.db, app.a.id).await.unwrap();
    let after: Value = sqlx::query_scalar(snapshot).bind(app.a.id).fetch_one(&app.db).await.unwrap();
    assert_eq!(before, after);
    assert!(before.as_array().unwrap().len() > 10);

    // Service targets: the team's own (business hours) wins over the channel's.
    let (_, teams) = manager.get("/api/teams").await;
    let team = teams[0]["id"].as_i64().unwrap();
    let targets = json!([{"channel": "sms", "first_response_secs": 7200},
                         {"channel": "sms", "team_id": team, "first_response_secs": 1800, "business_hours": true}]);
    assert_eq!(manager.put("/api/service-targets", targets).await.0, StatusCode::OK);
    let (_, t) = manager.get("/api/reports/targets?from=2026-01-01&to=2026-02-01").await;
    assert_eq!((t["current"][0]["responses"].as_i64(), t["current"][0]["share_met"].as_f64()), (Some(0), None));
    assert_eq!((t["current"][1]["responses"].as_i64(), t["current"][1]["met"].as_i64()), (Some(4), Some(2)));
    assert_eq!(t["current"][1]["share_met"], 0.5);
    assert_eq!(staff.put("/api/service-targets", json!([])).await.0, StatusCode::FORBIDDEN);

    // CSV of the same table, and the per-conversation export.
    let csv = manager
        .client
        .get(format!("{}/api/reports/response-times?from=2026-01-01&to=2026-02-01&format=csv", manager.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("key,period,measure,count,mean,p50,p90,p99\r\n"), "{text}");
    assert!(text.contains(",current,first_response_secs_wall,4,82575,3900,227700,"), "{text}");
    let export = manager
        .client
        .get(format!("{}/api/reports/conversations.csv?from=2026-01-01&to=2026-02-01", manager.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    let text = export.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "header and four conversations: {text}");
    assert!(lines[0].starts_with("conversation_id,channel,status,team_id,assignee_id,created_at,first_response_at,"));
    let c1_line = lines.iter().find(|l| l.starts_with(&format!("{},sms,resolved,", c1.0))).unwrap();
    assert!(
        c1_line.contains(",322200,5400,") && c1_line.contains(",338400,18000,1,0,") && c1_line.contains(",ill,"),
        "{c1_line}"
    );
    let own = staff
        .client
        .get(format!("{}/api/reports/conversations.csv?from=2026-01-01&to=2026-02-01", staff.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(own.text().await.unwrap().lines().count(), 4, "staff export their own three");
}
