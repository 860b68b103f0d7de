//! Search quality: ~100 realistic patron queries (misspellings, other word forms, synonyms,
//! Spanish) against ~50 library FAQ entries, through the public JSON endpoint. The expected
//! entry must be in the top three for at least 90% of them.

use super::load_fixture;
use crate::helpers::*;


#[tokio::test]
async fn the_expected_entry_is_in_the_top_three_for_nine_in_ten_patron_queries() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    let queries: Vec<(String, String)> =
        serde_json::from_str(include_str!("../../fixtures/faq/queries.json")).expect("queries.json parses");
    let patron = app.anonymous();
    let (mut top1, mut top3) = (0, 0);
    let mut misses = Vec::new();
    for (q, expected) in &queries {
        let want = ids[expected.as_str()].as_i64().unwrap();
        let path = format!("/faq/alpha/search.json?q={}", url_encode(q));
        let (status, body) = patron.get(&path).await;
        assert_eq!(status, 200, "{q}: {body}");
        let got: Vec<i64> = body["results"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
        if got.first() == Some(&want) {
            top1 += 1;
        }
        if got.contains(&want) {
            top3 += 1;
        } else {
            let questions: Vec<&str> =
                body["results"].as_array().unwrap().iter().map(|r| r["question"].as_str().unwrap()).collect();
            misses.push(format!("  {q:?} wanted {expected}, got {questions:?}"));
        }
    }
    let n = queries.len() as f64;
    println!(
        "FAQ search quality: {top3}/{} queries have the expected entry in the top 3 ({:.1}%), {top1} first ({:.1}%)",
        queries.len(),
        100.0 * top3 as f64 / n,
        100.0 * top1 as f64 / n
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(top3 as f64 >= 0.9 * n, "top-3 score below 90%");
}

pub fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

