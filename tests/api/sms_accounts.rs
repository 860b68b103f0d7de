//! The hub remembers each library's SMS account for its webhooks; a change applies at once
//! on the instance that saved it and, through Postgres, on every other instance, long
//! before the remembered copy would expire.

use crate::helpers::*;
use crate::sms::{count, form, post_signed_at, setup, PATRON};
use crate::sms_fake::{AUTH_TOKEN, FROM};
use refdesk::sms::accounts::CACHE_FOR;
use reqwest::StatusCode;
use secrecy::ExposeSecret;
use serde_json::json;
use std::time::{Duration, Instant};

const OTHER_ACCOUNT: &str = "AC00000000000000000000000000000002";

/// The form signed for another account sid (the provider account the library moved to).
fn form_for(account: &str, sid: &str) -> Vec<(String, String)> {
    let mut params = form(sid, PATRON, "Are you open on Sunday?");
    params.iter_mut().filter(|(k, _)| k == "AccountSid").for_each(|(_, v)| *v = account.to_owned());
    params
}

#[tokio::test]
async fn an_account_change_applies_at_once_here_and_on_another_instance_through_postgres() {
    let s = setup().await;
    let url = s.app.state.config.database_url.expose_secret().to_owned();
    let two = refdesk::App::build(test_config(&url)).await.unwrap();
    let two_addr = format!("http://{}", two.local_addr());
    let stop_two = two.shutdown_trigger();
    let running = tokio::spawn(two.run_until_stopped());

    // Both instances read the account once and remember it.
    let hook = "/webhooks/sms/alpha";
    assert_eq!(post_signed_at(&s.app.addr, hook, &form("SM1", PATRON, "one"), AUTH_TOKEN).await.0, StatusCode::OK);
    assert_eq!(post_signed_at(&two_addr, hook, &form("SM2", PATRON, "two"), AUTH_TOKEN).await.0, StatusCode::OK);
    let remembered_at = Instant::now();

    // The library moves to another provider account, saved through instance one.
    let (status, body) = s
        .admin
        .put(
            "/api/settings/sms",
            json!({"account_sid": OTHER_ACCOUNT, "auth_token": AUTH_TOKEN, "from_number": FROM,
                   "api_base_url": s.fake.base}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Instance one forgot before it answered.
    let old = form_for(crate::sms_fake::ACCOUNT_SID, "SM3");
    assert_eq!(post_signed_at(&s.app.addr, hook, &old, AUTH_TOKEN).await.0, StatusCode::FORBIDDEN);
    assert_eq!(post_signed_at(&s.app.addr, hook, &form_for(OTHER_ACCOUNT, "SM4"), AUTH_TOKEN).await.0, StatusCode::OK);

    // Instance two hears it from Postgres: well within the remembered copy's lifetime.
    let deadline = remembered_at + CACHE_FOR / 2;
    for i in 5.. {
        let (status, _) =
            post_signed_at(&two_addr, hook, &form_for(OTHER_ACCOUNT, &format!("SM{i}")), AUTH_TOKEN).await;
        if status == StatusCode::OK {
            break;
        }
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(Instant::now() < deadline, "instance two still verifies against the old account");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let old = form_for(crate::sms_fake::ACCOUNT_SID, "SMold");
    assert_eq!(post_signed_at(&two_addr, hook, &old, AUTH_TOKEN).await.0, StatusCode::FORBIDDEN);
    assert_eq!(count(&s.app, "SELECT count(*) FROM message WHERE provider_id = 'SMold'").await, 0);

    stop_two.trigger();
    running.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_library_that_sets_up_sms_after_a_refused_webhook_is_served_at_once() {
    let s = setup().await;
    let hook = "/webhooks/sms/beta";
    // Beta has no SMS account yet: refused, and the hub remembers that.
    assert_eq!(
        post_signed_at(&s.app.addr, hook, &form("SMb1", PATRON, "hi"), AUTH_TOKEN).await.0,
        StatusCode::NOT_FOUND
    );
    let admin = s.app.login(&s.app.b.admin).await;
    let (status, body) = admin
        .put(
            "/api/settings/sms",
            json!({"account_sid": crate::sms_fake::ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from_number": FROM,
                   "api_base_url": s.fake.base}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(post_signed_at(&s.app.addr, hook, &form("SMb2", PATRON, "hi"), AUTH_TOKEN).await.0, StatusCode::OK);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM message WHERE library_id = $1 AND provider_id = 'SMb2'")
        .bind(s.app.b.id)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}
