//! The chat widget script and the demo page (src/http/widget.rs).

use crate::helpers::{spawn_app, spawn_app_with};
use reqwest::StatusCode;

fn built() -> bool {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web/dist/widget/widget.js").exists()
}

#[tokio::test]
async fn widget_script_loads_on_any_site_without_cookies_and_revalidates_by_hash() {
    let app = spawn_app().await;
    let client = reqwest::Client::new();
    let r = client.get(format!("{}/widget.js", app.addr)).header("Origin", "https://library.example").send().await.unwrap();
    if !built() {
        // A checkout without the front end built says how to build it.
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.unwrap().contains("npm run build"));
        return;
    }
    assert_eq!(r.status(), StatusCode::OK);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "text/javascript; charset=utf-8");
    assert_eq!(h["cross-origin-resource-policy"], "cross-origin");
    assert!(h["cache-control"].to_str().unwrap().contains("max-age=86400"));
    assert!(h.get("set-cookie").is_none());
    assert!(r.text().await.unwrap().contains("/ws/chat"));

    let again = client
        .get(format!("{}/widget.js", app.addr))
        .header("If-None-Match", h["etag"].to_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn demo_page_is_served_only_in_demo_mode() {
    let app = spawn_app().await;
    let r = reqwest::get(format!("{}/chat/demo", app.addr)).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let demo = spawn_app_with(|mut c| {
        c.demo.chat_page = true;
        c
    })
    .await;
    let r = reqwest::get(format!("{}/chat/demo", demo.addr)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(r.headers().get("set-cookie").is_none());
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<script src="/widget.js" data-library="demo" async></script>"#));
    let css = reqwest::get(format!("{}/chat/demo.css", demo.addr)).await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
}
