//! Self-service answers: search quality on a fixture set, the staff API, the public pages
//! and JSON, the SMS keyword.

mod cache;
mod public;
mod quality;
mod query;
mod staff;

use crate::helpers::*;
use serde_json::{json, Value};

/// Library A's entries from the fixture set, published, with its synonyms.
pub async fn load_fixture(app: &TestApp) -> Value {
    let fixture: Value =
        serde_json::from_str(include_str!("../fixtures/faq/entries.json")).expect("entries.json parses");
    let manager = app.login(&app.a.manager).await;
    let (status, _) = manager.put("/api/faq/synonyms", json!({"groups": fixture["synonyms"]})).await;
    assert_eq!(status, 200);
    let mut ids = serde_json::Map::new();
    for e in fixture["entries"].as_array().unwrap() {
        let id = publish(&manager, e).await;
        ids.insert(e["key"].as_str().unwrap().to_owned(), json!(id));
    }
    Value::Object(ids)
}

/// Creates and publishes one entry; its id.
pub async fn publish(manager: &Session, e: &Value) -> i64 {
    let body = json!({
        "question": e["question"], "short_answer": e["short_answer"],
        "answer_html": format!("<p>{}</p>", e["answer"].as_str().unwrap()),
        "topics": e["topics"], "language": e.get("language").cloned().unwrap_or(json!("en")),
        "slug": e["key"],
    });
    let (status, entry) = manager.post("/api/faq", body).await;
    assert_eq!(status, 201, "{entry}");
    let id = entry["id"].as_i64().unwrap();
    let (status, _) = manager.post(&format!("/api/faq/{id}/publish"), json!({})).await;
    assert_eq!(status, 200);
    id
}
