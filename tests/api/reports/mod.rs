//! Reports: exact figures on a hand-built dataset, facts written by the real reply and
//! resolve paths, hours and holidays, reference statistics, roles and CSV.

mod dataset;
mod flows;
mod packed;
mod reference;

use crate::helpers::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use refdesk::domain::{ConversationId, StaffId};
use refdesk::reports::period::Period;
use refdesk::reports::response_times::{self, Filter, Group};
use reqwest::StatusCode;
use serde_json::{json, Value};

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

/// A New York wall-clock time (January: EST, UTC-5).
fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    NY.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The figure `field` ("first_response.p50") of the row with `key`.
fn figure(report: &Value, key: &str, field: &str) -> Value {
    let row = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}: {report}"));
    let (measure, stat) = field.split_once('.').unwrap();
    row["current"][measure][stat].clone()
}

fn filter(group: Group, business_hours: bool) -> Filter {
    Filter { channel: None, team: None, staff: None, business_hours, group }
}

/// Figures read straight from the library functions (exact or from histograms).
async fn direct(app: &TestApp, f: &Filter, exact_below: i64) -> response_times::Table {
    let p = Period::new(day(2026, 1, 1), day(2026, 2, 1)).unwrap();
    response_times::figures(&app.state.reports_db, app.a.id, NY, &p, f, exact_below).await.unwrap().0
}

/// The staff id of an account of library A.
async fn staff_id(app: &TestApp, email: &str) -> StaffId {
    sqlx::query_scalar("SELECT id FROM staff WHERE library_id = $1 AND email = $2")
        .bind(app.a.id)
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn fact(app: &TestApp, conv: ConversationId) -> Option<Value> {
    sqlx::query_scalar("SELECT to_jsonb(f) FROM conversation_fact f WHERE library_id = $1 AND conversation_id = $2")
        .bind(app.a.id)
        .bind(conv)
        .fetch_optional(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_sql_bucket_function_matches_the_rust_one() {
    let app = spawn_app().await;
    let values: Vec<i64> = (0..5000).chain((5000..40_000_000).step_by(7919)).collect();
    let sql: Vec<i32> =
        sqlx::query_scalar("SELECT report_bucket(v) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(v, o) ORDER BY o")
            .bind(&values)
            .fetch_all(&app.db)
            .await
            .unwrap();
    for (v, b) in values.iter().zip(sql) {
        assert_eq!(b, refdesk::reports::histogram::bucket(*v), "value {v}");
    }
}

#[tokio::test]
async fn hours_and_holidays_are_managed_by_managers_and_validated() {
    let app = spawn_app().await;
    let manager = app.login(&app.a.manager).await;
    let (_, team) = manager.post("/api/teams", json!({"name": "Desk"})).await;
    let team = team["id"].as_i64().unwrap();
    let path = format!("/api/teams/{team}/hours");
    let week = json!({"intervals": [
        {"weekday": 1, "opens": "13:00:00", "closes": "17:00:00"},
        {"weekday": 1, "opens": "09:00", "closes": "12:00"},
        {"weekday": 6, "opens": "10:00:00", "closes": "14:00:00"}]});
    let (status, body) = manager.put(&path, week).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["intervals"][0], json!({"weekday": 1, "opens": "09:00:00", "closes": "12:00:00"}));
    assert_eq!(body["intervals"].as_array().unwrap().len(), 3);
    assert_eq!(body["timezone"], "UTC");

    for (bad, code) in [
        (
            json!([{"weekday": 1, "opens": "09:00", "closes": "12:00"}, {"weekday": 1, "opens": "11:00", "closes": "13:00"}]),
            "overlapping_intervals",
        ),
        (json!([{"weekday": 8, "opens": "09:00", "closes": "12:00"}]), "invalid_interval"),
        (json!([{"weekday": 2, "opens": "12:00", "closes": "09:00"}]), "invalid_interval"),
    ] {
        let (status, body) = manager.put(&path, json!({"intervals": bad})).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)));
    }
    let staff = app.login(&app.a.staff).await;
    assert_eq!(staff.put(&path, json!({"intervals": []})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(staff.get(&path).await.1["intervals"].as_array().unwrap().len(), 3, "unchanged, and readable by staff");

    let (status, holiday) = manager.post("/api/holidays", json!({"day": "2026-12-25", "name": "Christmas Day"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) =
        manager.post("/api/holidays", json!({"day": "2026-07-03", "name": "Desk training", "team_id": team})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, list) = staff.get("/api/holidays").await;
    let days: Vec<&str> = list.as_array().unwrap().iter().map(|h| h["day"].as_str().unwrap()).collect();
    assert_eq!(days, ["2026-07-03", "2026-12-25"]);
    assert_eq!(list[0]["team_id"], team);
    let id = holiday["id"].as_i64().unwrap();
    assert_eq!(
        staff.send(reqwest::Method::DELETE, &format!("/api/holidays/{id}"), json!(null)).await.0,
        StatusCode::FORBIDDEN
    );
    let other = app.login(&app.b.manager).await;
    assert_eq!(
        other.send(reqwest::Method::DELETE, &format!("/api/holidays/{id}"), json!(null)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        manager.send(reqwest::Method::DELETE, &format!("/api/holidays/{id}"), json!(null)).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(staff.get("/api/holidays").await.1.as_array().unwrap().len(), 1);
    let (status, body) = manager.post("/api/holidays", json!({"day": "2026-12-25", "name": " "})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_name")));
}
