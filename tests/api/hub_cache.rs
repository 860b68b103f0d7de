//! The hub's in-memory read path (cached sessions and inbox list pages) answers exactly as
//! the database would: writes show at once to whoever made them, other instances' writes
//! once their event or notification arrives, ended sessions are refused at once, and a
//! page is never served across libraries or to the wrong staff member.

use crate::helpers::*;
use refdesk::inbox::ingest::Ingest;
use refdesk::realtime::{Realtime, EVENTS_CHANNEL};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

/// Long enough for a loaded machine; the mechanisms take milliseconds.
const WITHIN: Duration = Duration::from_secs(10);

fn ids(page: &Value) -> Vec<i64> {
    page["conversations"].as_array().unwrap_or(&vec![]).iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

async fn list(s: &Session, query: &str) -> Vec<i64> {
    let (status, page) = s.get(&format!("/api/conversations?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    ids(&page)
}

#[tokio::test]
async fn a_staff_member_who_claims_a_conversation_sees_it_in_the_next_list() {
    let app = spawn_app().await;
    let first = app.sms(app.a.id, "+15557770001", "first", "SM1").await.conversation_id.0;
    let second = app.sms(app.a.id, "+15557770002", "second", "SM2").await.conversation_id.0;
    let s = app.login(&app.a.staff).await;
    assert_eq!(list(&s, "assignee=none").await, vec![first, second]);
    assert_eq!(list(&s, "assignee=none").await, vec![first, second], "served again (from memory)");
    assert_eq!(list(&s, "assignee=me").await, Vec::<i64>::new());

    let (status, _) = s.post(&format!("/api/conversations/{first}/claim"), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list(&s, "assignee=none").await, vec![second]);
    assert_eq!(list(&s, "assignee=me").await, vec![first]);

    let (status, _) = s.put(&format!("/api/conversations/{second}/status"), json!({"status": "resolved"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list(&s, "").await, vec![first], "resolved leaves the open queue at once");
}

#[tokio::test]
async fn a_message_drops_only_the_pages_it_can_change_once_its_event_arrives() {
    let app = spawn_app().await;
    let manager = app.login(&app.a.manager).await;
    let (_, loans) = manager.post("/api/teams", json!({"name": "Loans"})).await;
    let (_, local) = manager.post("/api/teams", json!({"name": "Local history"})).await;
    let (loans, local) = (loans["id"].as_i64().unwrap(), local["id"].as_i64().unwrap());
    let conv = app.sms(app.a.id, "+15557770003", "is the library open today?", "SM1").await.conversation_id.0;
    manager.put(&format!("/api/conversations/{conv}/team"), json!({"team_id": loans})).await;
    let s = app.login(&app.a.staff).await;
    assert_eq!(list(&s, &format!("team={loans}")).await, vec![conv]);
    assert_eq!(list(&s, &format!("team={local}")).await, Vec::<i64>::new());
    assert_eq!(list(&s, "").await, vec![conv]);
    assert_eq!(app.realtime.lists.cached_pages(app.a.id), 3);

    // The patron writes again: their conversation (team Loans) is answered later.
    app.sms(app.a.id, "+15557770003", "and on Sunday?", "SM2").await;
    wait_until("the event drops the pages it can change", WITHIN, || async {
        (app.realtime.lists.cached_pages(app.a.id) == 1).then_some(())
    })
    .await;
    let (_, page) = s.get(&format!("/api/conversations?team={loans}")).await;
    assert_eq!(page["conversations"][0]["last_message_preview"], "and on Sunday?");
    assert_eq!(list(&s, &format!("team={local}")).await, Vec::<i64>::new(), "kept: neither holds it nor its team");
}

#[tokio::test]
async fn a_message_stored_by_another_instance_is_listed_once_its_event_arrives() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    assert_eq!(list(&s, "").await, Vec::<i64>::new());
    assert_eq!(app.realtime.lists.cached_pages(app.a.id), 1);
    // Another hub instance: its own ingest and realtime handle, the same database. This
    // instance learns of the message only through the event stream.
    let elsewhere = Ingest::start(app.db.clone(), Realtime::new(), 1, 8);
    let conv = elsewhere
        .accept(app.a.id, sms("+15557770004", "do you have the new Ishiguro?", "SM1"))
        .await
        .unwrap()
        .conversation_id
        .0;
    // Numbered as the other instance's sequencer would; its NOTIFY wakes our listener.
    refdesk::store::event::sequence_pending(&app.db, EVENTS_CHANNEL).await.unwrap();
    // No request asks meanwhile: only the event can drop the page (not its age).
    wait_until("the event drops the cached page", WITHIN, || async {
        (app.realtime.lists.cached_pages(app.a.id) == 0).then_some(())
    })
    .await;
    assert_eq!(list(&s, "").await, vec![conv]);
}

#[tokio::test]
async fn a_change_without_an_event_reaches_other_instances_by_notification() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15557770005", "hello", "SM1").await.conversation_id.0;
    let s = app.login(&app.a.staff).await;
    let label = |page: Value| page["conversations"][0]["contact_label"].as_str().map(str::to_owned);
    assert_eq!(label(s.get("/api/conversations").await.1).as_deref(), Some("+15557770005"));
    // What another instance does after a staff write there: change, then notify.
    sqlx::query("UPDATE contact SET display_name = 'Ada Lovelace' WHERE library_id = $1")
        .bind(app.a.id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.realtime.lists.cached_pages(app.a.id), 1);
    refdesk::realtime::cache_signal::lists_changed(&app.db, app.a.id).await.unwrap();
    wait_until("the notification drops the cached page", WITHIN, || async {
        (app.realtime.lists.cached_pages(app.a.id) == 0).then_some(())
    })
    .await;
    assert_eq!(label(s.get("/api/conversations").await.1).as_deref(), Some("Ada Lovelace"));
    assert_eq!(list(&s, "").await, vec![conv]);
}

#[tokio::test]
async fn a_cached_page_is_never_served_to_another_library_or_another_staff_members_mine() {
    let app = spawn_app().await;
    let in_a = app.sms(app.a.id, "+15557770006", "for alpha", "SM1").await.conversation_id.0;
    let in_b = app.sms(app.b.id, "+15557770006", "for beta", "SM2").await.conversation_id.0;
    let alpha = app.login(&app.a.staff).await;
    let beta = app.login(&app.b.staff).await;
    assert_eq!(list(&alpha, "").await, vec![in_a]);
    assert_eq!(list(&beta, "").await, vec![in_b], "the same query in another library");
    assert_eq!(list(&alpha, "").await, vec![in_a]);

    alpha.post(&format!("/api/conversations/{in_a}/claim"), json!({})).await;
    assert_eq!(list(&alpha, "assignee=me").await, vec![in_a]);
    let colleague = app.login(&app.a.manager).await;
    assert_eq!(list(&colleague, "assignee=me").await, Vec::<i64>::new(), "\"me\" is each caller's own");
    assert_eq!(list(&colleague, &format!("assignee={}", app.a.staff_id)).await, vec![in_a]);
    assert_eq!(app.anonymous().get("/api/conversations").await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_logged_out_cookie_is_refused_at_once_though_it_was_just_verified() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let copied = s.cookie_header();
    assert_eq!(s.get("/api/conversations").await.0, StatusCode::OK);
    assert_eq!(s.post("/api/logout", json!({})).await.0, StatusCode::NO_CONTENT);
    let replay = reqwest::Client::new()
        .get(format!("{}/api/conversations", app.addr))
        .header("cookie", copied)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn disabling_or_changing_a_role_refuses_the_next_request_at_once() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    for change in [json!({"role": "manager"}), json!({"disabled": true})] {
        let staff = app.login(&app.a.staff).await;
        assert_eq!(staff.get("/api/conversations").await.0, StatusCode::OK);
        let (status, body) = admin.put(&format!("/api/staff/{}", app.a.staff_id), change.clone()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(staff.get("/api/conversations").await.0, StatusCode::UNAUTHORIZED, "after {change}");
    }
}

#[tokio::test]
async fn sessions_ended_by_another_instance_are_refused_once_its_notification_arrives() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    assert_eq!(staff.get("/api/conversations").await.0, StatusCode::OK);
    // Another instance ends them (a password reset there): only the NOTIFY reaches us.
    // The cached copy goes when the notification is applied, with no request asking (an
    // expired copy is only dropped when a request finds it).
    assert_eq!(app.realtime.sessions.len(), 1);
    refdesk::store::session::revoke_all_for(&app.db, app.a.id, app.a.staff_id).await.unwrap();
    wait_until("the notification drops the cached session", WITHIN, || async {
        app.realtime.sessions.is_empty().then_some(())
    })
    .await;
    assert_eq!(staff.get("/api/conversations").await.0, StatusCode::UNAUTHORIZED);
}
