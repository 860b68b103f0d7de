//! Patron profiles: merge and split round trip, duplicate suggestions, regrouping
//! conversations, consent history and lifecycle stages.

use crate::helpers::*;
use channels::{Address, Channel, EmailAddress, Inbound, ThreadHint};
use chrono::{Duration, Utc};
use refdesk::domain::LibraryId;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn email(
    app: &TestApp,
    library: LibraryId,
    from: &str,
    text: &str,
    id: &str,
) -> refdesk::inbox::ingest::Accepted {
    let inbound = Inbound {
        channel: Channel::Email,
        from: Address::Email(EmailAddress::parse(from).unwrap()),
        display_name: Some("Pat Reader".into()),
        provider_id: id.into(),
        subject: Some("A question".into()),
        text: text.into(),
        sanitized_html: None,
        thread: ThreadHint::new_conversation(),
        received_at: Utc::now(),
        attachments: vec![],
    };
    app.state.ingest.accept(library, inbound).await.unwrap()
}

fn sorted_ids(v: &Value, key: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = v[key].as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn merging_two_contacts_and_splitting_them_restores_both() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let texted = app.sms(app.a.id, "+15552220001", "renew please", "SMm1").await;
    let emailed = email(&app, app.a.id, "pat@example.org", "renew please", "m1@example.org").await;
    let (into, from) = (texted.contact_id.0, emailed.contact_id.0);
    let (_, before_into) = staff.get(&format!("/api/contacts/{into}")).await;
    let (_, before_from) = staff.get(&format!("/api/contacts/{from}")).await;

    let (s, merge) = staff.post(&format!("/api/contacts/{into}/merge"), json!({"from_contact_id": from})).await;
    assert_eq!(s, StatusCode::OK, "{merge}");
    let (_, merged) = staff.get(&format!("/api/contacts/{into}")).await;
    assert_eq!(merged["identities"].as_array().unwrap().len(), 2);
    assert_eq!(merged["conversations"].as_array().unwrap().len(), 2);
    assert_eq!(merged["merges"][0]["from_contact_id"], from);
    let (_, gone) = staff.get(&format!("/api/contacts/{from}")).await;
    assert_eq!(gone["contact"]["merged_into"], into);
    // Merging again, or into itself, is refused.
    let (s, e) = staff.post(&format!("/api/contacts/{into}/merge"), json!({"from_contact_id": from})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("already_merged")));
    let (s, _) = staff.post(&format!("/api/contacts/{into}/merge"), json!({"from_contact_id": into})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // The patron writes by email after the merge: that conversation stays with `into`.
    let later = email(&app, app.a.id, "pat@example.org", "and another", "m2@example.org").await;
    assert_eq!(later.contact_id.0, into);

    let (s, split) = staff.post(&format!("/api/contacts/{into}/split"), json!({"merge_id": merge["id"]})).await;
    assert_eq!(s, StatusCode::OK, "{split}");
    assert!(split["split_at"].is_string());
    let (_, after_into) = staff.get(&format!("/api/contacts/{into}")).await;
    let (_, after_from) = staff.get(&format!("/api/contacts/{from}")).await;
    assert_eq!(after_from["identities"], before_from["identities"]);
    assert_eq!(sorted_ids(&after_from, "conversations"), sorted_ids(&before_from, "conversations"));
    assert_eq!(after_from["contact"]["merged_into"], Value::Null);
    assert_eq!(after_into["identities"], before_into["identities"]);
    let mut expected = sorted_ids(&before_into, "conversations");
    expected.push(later.conversation_id.0);
    expected.sort();
    assert_eq!(sorted_ids(&after_into, "conversations"), expected);
    let (s, _) = staff.post(&format!("/api/contacts/{into}/split"), json!({"merge_id": merge["id"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a merge is undone once");
    // Another library cannot merge our contacts.
    let b = app.login(&app.b.staff).await;
    assert_eq!(
        b.post(&format!("/api/contacts/{into}/merge"), json!({"from_contact_id": from})).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn duplicates_are_suggested_by_normalised_email_and_phone_and_never_merged() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let by_mail = email(&app, app.a.id, "pat+books@example.org", "hi", "d1@example.org").await;
    let by_text = app.sms(app.a.id, "+15553330001", "hi", "SMd1").await;
    let stranger = app.sms(app.a.id, "+15553339999", "hi", "SMd2").await;
    // A chat patron who typed the same address and number in other forms.
    let chat: i64 = sqlx::query_scalar("INSERT INTO contact (library_id) VALUES ($1) RETURNING id")
        .bind(app.a.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    for address in ["Pat@Example.org", "(555) 333-0001"] {
        sqlx::query(
            "INSERT INTO contact_identity (library_id, contact_id, channel, address) VALUES ($1, $2, 'chat', $3)",
        )
        .bind(app.a.id)
        .bind(chat)
        .bind(address)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let (s, d) = staff.get(&format!("/api/contacts/{chat}/duplicates")).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    let mut found: Vec<(i64, String)> = d
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["contact_id"].as_i64().unwrap(), x["matched"].as_str().unwrap().into()))
        .collect();
    found.sort();
    let mut expected = vec![(by_mail.contact_id.0, "email".to_owned()), (by_text.contact_id.0, "phone".to_owned())];
    expected.sort();
    assert_eq!(found, expected);
    let (_, d) = staff.get(&format!("/api/contacts/{}/duplicates", stranger.contact_id.0)).await;
    assert_eq!(d, json!([]));
    let merged: i64 = sqlx::query_scalar("SELECT count(*) FROM contact WHERE merged_into IS NOT NULL")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(merged, 0, "suggestions never merge by themselves");
}

#[tokio::test]
async fn two_conversations_merge_into_one_and_a_message_splits_out() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let first = email(&app, app.a.id, "ann@example.org", "about my hold", "c1@example.org").await;
    let second = email(&app, app.a.id, "ann@example.org", "same hold again", "c2@example.org").await;
    assert_ne!(first.conversation_id, second.conversation_id);
    let other = email(&app, app.a.id, "bob@example.org", "hi", "c3@example.org").await;
    let (into, from) = (first.conversation_id.0, second.conversation_id.0);
    let (s, e) = staff
        .post(&format!("/api/conversations/{into}/merge"), json!({"from_conversation_id": other.conversation_id.0}))
        .await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("different_patrons")));

    let (s, _) = staff.post(&format!("/api/conversations/{into}/merge"), json!({"from_conversation_id": from})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, c) = staff.get(&format!("/api/conversations/{into}")).await;
    assert_eq!(c["messages"].as_array().unwrap().len(), 2);
    assert_eq!(c["conversation"]["message_count"], 2);
    assert_eq!(staff.get(&format!("/api/conversations/{from}")).await.0, StatusCode::NOT_FOUND);

    let moved = second.message_id.0;
    let (s, split) = staff.post(&format!("/api/messages/{moved}/split"), json!(null)).await;
    assert_eq!(s, StatusCode::OK, "{split}");
    let new = split["conversation_id"].as_i64().unwrap();
    let (_, n) = staff.get(&format!("/api/conversations/{new}")).await;
    assert_eq!(n["messages"][0]["id"], moved);
    assert_eq!(n["conversation"]["contact_id"], first.contact_id.0);
    assert_eq!(n["conversation"]["status"], "open");
    let (_, c) = staff.get(&format!("/api/conversations/{into}")).await;
    assert_eq!(c["conversation"]["message_count"], 1);
    let (s, e) = staff.post(&format!("/api/messages/{}/split", first.message_id.0), json!(null)).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("only_message")));
}

#[tokio::test]
async fn consent_and_profile_are_recorded_with_when_and_how() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let t = app.sms(app.a.id, "+15554440001", "hello", "SMc1").await;
    let id = t.contact_id.0;
    let (s, _) = staff.post(&format!("/api/contacts/{id}/consents"), json!({"kind": "survey", "granted": false})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = staff
        .post(&format!("/api/contacts/{id}/consents"), json!({"kind": "sms", "granted": false, "source": "patron"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = staff.post(&format!("/api/contacts/{id}/consents"), json!({"kind": "fax", "granted": true})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, e) = staff
        .put(
            &format!("/api/contacts/{id}/profile"),
            json!({"preferred_channel": "sms", "language": "es", "patron_type": "student", "home_branch": "Eastside"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{e}");
    let (_, p) = staff.get(&format!("/api/contacts/{id}")).await;
    assert_eq!(p["consents"][0]["kind"], "sms");
    assert_eq!(p["consents"][0]["source"], "patron");
    assert_eq!(p["consents"][1]["kind"], "survey");
    assert!(p["consents"][1]["at"].is_string());
    assert_eq!(
        (p["contact"]["language"].as_str(), p["contact"]["home_branch"].as_str()),
        (Some("es"), Some("Eastside"))
    );
    // SMS consent recorded by staff is the operative opt-out too.
    let (status, err) =
        staff.post(&format!("/api/conversations/{}/replies", t.conversation_id.0), json!({"body": "hi"})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_opted_out")));
    let (s, _) = staff.put(&format!("/api/contacts/{id}/profile"), json!({"language": "not a tag!"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn lifecycle_goes_from_new_to_returning_to_lapsed_with_the_date_it_changed() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let first = email(&app, app.a.id, "lee@example.org", "one", "l1@example.org").await;
    let id = first.contact_id.0;
    let (_, p) = staff.get(&format!("/api/contacts/{id}")).await;
    assert_eq!(p["contact"]["lifecycle_stage"], "new");
    email(&app, app.a.id, "lee@example.org", "two", "l2@example.org").await;
    let (_, p) = staff.get(&format!("/api/contacts/{id}")).await;
    assert_eq!(p["contact"]["lifecycle_stage"], "returning");
    let later = Utc::now() + Duration::days(400);
    refdesk::patrons::lifecycle::refresh_all(&app.db, later).await.unwrap();
    let (stage, at): (String, chrono::DateTime<Utc>) =
        sqlx::query_as("SELECT lifecycle_stage, lifecycle_changed_at FROM contact WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((stage.as_str(), at.timestamp_micros()), ("lapsed", later.timestamp_micros()));
}

#[tokio::test]
async fn lifecycle_refresh_walks_a_big_library_in_short_batches_and_misses_no_one() {
    let app = spawn_app().await;
    // 2,500 contacts: three batches of the production size (1,000, 1,000, 500).
    let count = 2 * refdesk::patrons::lifecycle::BATCH + 500;
    sqlx::query("INSERT INTO contact (library_id, last_contact_at) SELECT $1, now() FROM generate_series(1, $2)")
        .bind(app.a.id)
        .bind(count)
        .execute(&app.db)
        .await
        .unwrap();
    let other = email(&app, app.b.id, "bo@example.org", "hi", "b1@example.org").await;
    let later = Utc::now() + Duration::days(400);
    let done = refdesk::patrons::lifecycle::refresh_in_batches(
        &app.db,
        app.a.id,
        None,
        later,
        refdesk::patrons::lifecycle::BATCH,
    )
    .await
    .unwrap();
    assert_eq!(done, refdesk::patrons::lifecycle::Refreshed { changed: count as u64, batches: 3 });
    let (lapsed, at_later): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE lifecycle_stage = 'lapsed'),
                count(*) FILTER (WHERE lifecycle_changed_at = $2)
           FROM contact WHERE library_id = $1",
    )
    .bind(app.a.id)
    .bind(later)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((lapsed, at_later), (count, count));
    // Another library is not touched, and a second run changes nothing (idempotent).
    let (stage,): (String,) = sqlx::query_as("SELECT lifecycle_stage FROM contact WHERE id = $1")
        .bind(other.contact_id.0)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stage, "new");
    let again = refdesk::patrons::lifecycle::refresh_in_batches(&app.db, app.a.id, None, later, 700).await.unwrap();
    assert_eq!(again, refdesk::patrons::lifecycle::Refreshed { changed: 0, batches: 4 });
}
