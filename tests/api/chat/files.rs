//! Attachments from the patron: sniffed, capped, only for the chat they belong to.

use super::*;
use crate::helpers::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn upload(app: &TestApp, token: &str, client_id: &str, filename: &str, body: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/chat/alpha/attachments", app.addr))
        .header("origin", SITE)
        .header("x-chat-token", token)
        .header("x-client-id", client_id)
        .header("x-filename", filename)
        .header("content-type", "image/png")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_patron_uploads_an_image_that_only_their_chat_can_download() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, welcome) = new_patron(&app.addr).await;
    let token = welcome["token"].as_str().unwrap().to_owned();

    let r = upload(&app, &token, "f1", "my%20card.png", PNG.to_vec()).await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["access-control-allow-origin"], SITE);
    let body: serde_json::Value = r.json().await.unwrap();
    let attachment = &body["message"]["attachments"][0];
    assert_eq!(attachment["filename"], "my card.png");
    assert_eq!(attachment["content_type"], "image/png");
    let id = attachment["id"].as_i64().unwrap();
    // The same upload retried stores nothing twice.
    let again: serde_json::Value =
        upload(&app, &token, "f1", "my%20card.png", PNG.to_vec()).await.json().await.unwrap();
    assert_eq!(again["message"]["id"], body["message"]["id"]);
    // The socket hears it too.
    let m = next(&mut ws, is("message")).await;
    assert_eq!(m["message"]["id"], body["message"]["id"]);

    let get = |token: String| {
        let url = format!("{}/chat/alpha/attachments/{id}?token={token}", app.addr);
        async move { reqwest::get(url).await.unwrap() }
    };
    let r = get(token.clone()).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);

    let (_, other) = new_patron(&app.addr).await;
    assert_eq!(get(other["token"].as_str().unwrap().to_owned()).await.status(), 404);
    assert_eq!(get("forged".into()).await.status(), 401);

    // Not an image or a PDF; larger than the library allows.
    let r = upload(&app, &token, "f2", "page.html", b"<html><script>alert(1)</script>".to_vec()).await;
    assert_eq!(r.status(), 415);
    sqlx::query("UPDATE chat_settings SET max_upload_bytes = 1024 WHERE library_id = $1")
        .bind(app.a.id)
        .execute(&app.db)
        .await
        .unwrap();
    let mut big = PNG.to_vec();
    big.resize(2048, 0);
    assert_eq!(upload(&app, &token, "f3", "big.png", big).await.status(), 413);
}
