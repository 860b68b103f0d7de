//! Staff of one library can never read or change another library's records, and roles
//! gate what they may do.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn another_librarys_records_do_not_exist_for_staff() {
    let app = spawn_app().await;
    let theirs = app.sms(app.a.id, "+15552220000", "alpha patron", "SM1").await;
    let (conv, contact) = (theirs.conversation_id, theirs.contact_id);
    let admin_b = app.login(&app.b.admin).await;

    let reads = [format!("/api/conversations/{conv}"), format!("/api/contacts/{contact}")];
    for path in &reads {
        let (status, body) = admin_b.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
    }
    let writes = [
        (Method::POST, format!("/api/conversations/{conv}/replies"), json!({"body": "x"})),
        (Method::POST, format!("/api/conversations/{conv}/notes"), json!({"body": "x"})),
        (Method::POST, format!("/api/conversations/{conv}/claim"), json!({})),
        (Method::PUT, format!("/api/conversations/{conv}/assignee"), json!({"staff_id": null})),
        (Method::PUT, format!("/api/conversations/{conv}/team"), json!({"team_id": null})),
        (Method::PUT, format!("/api/conversations/{conv}/status"), json!({"status": "resolved"})),
        (Method::PUT, format!("/api/conversations/{conv}/tags"), json!({"tags": ["x"]})),
        (Method::PUT, format!("/api/staff/{}", app.a.staff_id), json!({"disabled": true})),
    ];
    for (method, path, body) in writes {
        let (status, reply) = admin_b.send(method.clone(), &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {reply}");
    }
    // Nothing of A's leaks into B's lists or search.
    let (_, list) = admin_b.get("/api/conversations?status=all").await;
    assert_eq!(list["conversations"].as_array().unwrap().len(), 0);
    let (_, hits) = admin_b.get("/api/search?q=alpha").await;
    assert_eq!(hits["hits"].as_array().unwrap().len(), 0);
    let (_, staff) = admin_b.get("/api/staff").await;
    assert!(staff.as_array().unwrap().iter().all(|s| s["email"].as_str().unwrap().ends_with("@beta.example")));
    // And nothing changed.
    let (status, unchanged) = app.login(&app.a.staff).await.get(&format!("/api/conversations/{conv}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unchanged["messages"].as_array().unwrap().len(), 1);
    assert_eq!(unchanged["conversation"]["status"], "open");
}

#[tokio::test]
async fn a_colleague_or_team_of_another_library_cannot_be_assigned() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15552221111", "hello", "SM1").await.conversation_id;
    let staff_a = app.login(&app.a.staff).await;
    let (status, _) =
        staff_a.put(&format!("/api/conversations/{conv}/assignee"), json!({"staff_id": app.b.staff_id})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let manager_b = app.login(&app.b.manager).await;
    let (_, team_b) = manager_b.post("/api/teams", json!({"name": "Beta desk"})).await;
    let (status, _) = staff_a.put(&format!("/api/conversations/{conv}/team"), json!({"team_id": team_b["id"]})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn roles_gate_team_and_staff_management() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let manager = app.login(&app.a.manager).await;
    let admin = app.login(&app.a.admin).await;

    assert_eq!(staff.post("/api/teams", json!({"name": "Reference"})).await.0, StatusCode::FORBIDDEN);
    let (status, team) = manager.post("/api/teams", json!({"name": "Reference", "member_ids": [app.a.staff_id]})).await;
    assert_eq!(status, StatusCode::CREATED, "{team}");
    assert_eq!(team["member_ids"], json!([app.a.staff_id]));
    assert_eq!(manager.post("/api/teams", json!({"name": "Reference"})).await.1["code"], "team_exists");
    assert_eq!(staff.put(&format!("/api/teams/{}", team["id"]), json!({"name": "Ref"})).await.0, StatusCode::FORBIDDEN);

    let new_staff = json!({"email": "new@alpha.example", "display_name": "New", "role": "staff", "password": "a long enough password"});
    assert_eq!(staff.post("/api/staff", new_staff.clone()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(manager.post("/api/staff", new_staff.clone()).await.0, StatusCode::FORBIDDEN);
    let (status, created) = admin.post("/api/staff", new_staff.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert!(created.get("password_hash").is_none());
    assert_eq!(admin.post("/api/staff", new_staff).await.1["code"], "staff_exists");
    let weak = json!({"email": "weak@alpha.example", "display_name": "W", "role": "staff", "password": "short"});
    assert_eq!(admin.post("/api/staff", weak).await.1["code"], "weak_password");

    assert_eq!(
        manager.put(&format!("/api/staff/{}", app.a.staff_id), json!({"role": "admin"})).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, promoted) = admin.put(&format!("/api/staff/{}", app.a.staff_id), json!({"role": "manager"})).await;
    assert_eq!((status, promoted["role"].as_str()), (StatusCode::OK, Some("manager")));
    // The promotion ends the old session so the new rights are read afresh.
    assert_eq!(staff.get("/api/session").await.0, StatusCode::UNAUTHORIZED);
    let again = app.login(&app.a.staff).await;
    assert_eq!(again.post("/api/teams", json!({"name": "Circulation"})).await.0, StatusCode::CREATED);
}
