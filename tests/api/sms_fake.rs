//! A small stateful stand-in for the SMS provider's REST API (the far side of a paid
//! provider), honouring its contract: Basic auth with the account sid and token, form
//! fields, 201 with `sid` and `status`, errors as `{code, message, status}`. It also serves
//! MMS media (with a redirect, as the provider's media URLs do).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde_json::json;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub const ACCOUNT_SID: &str = "AC00000000000000000000000000000001";
pub const AUTH_TOKEN: &str = "f00dcafe0123456789abcdef01234567";
pub const FROM: &str = "+15557654321";

#[derive(Default)]
pub struct FakeState {
    /// Every accepted POST's form fields.
    pub sent: Mutex<Vec<Vec<(String, String)>>>,
    /// Scripted answers (HTTP status, JSON body); when empty, 201 queued.
    pub script: Mutex<VecDeque<(u16, serde_json::Value)>>,
    pub requests: Mutex<u32>,
}

#[derive(Clone)]
pub struct FakeProvider {
    pub base: String,
    pub state: Arc<FakeState>,
}

impl FakeProvider {
    pub async fn start() -> Self {
        let state = Arc::new(FakeState::default());
        let app =
            Router::new()
                .route("/2010-04-01/Accounts/{sid}/Messages.json", post(create_message))
                .route(
                    "/media/{n}",
                    get(|Path(n): Path<String>| async move { Redirect::temporary(&format!("/cdn/{n}")) }),
                )
                .route(
                    "/cdn/{n}",
                    get(|Path(n): Path<String>| async move {
                        ([("content-type", "image/jpeg")], format!("jpeg-bytes-{n}"))
                    }),
                )
                .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { base, state }
    }

    pub fn then(&self, status: u16, body: serde_json::Value) {
        self.state.script.lock().unwrap().push_back((status, body));
    }

    pub fn sent(&self) -> Vec<Vec<(String, String)>> {
        self.state.sent.lock().unwrap().clone()
    }
}

pub fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

async fn create_message(
    State(state): State<Arc<FakeState>>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    *state.requests.lock().unwrap() += 1;
    let expected =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT_SID}:{AUTH_TOKEN}")));
    if sid != ACCOUNT_SID || headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (StatusCode::UNAUTHORIZED, Json(json!({"code": 20003, "message": "Authenticate", "status": 401})))
            .into_response();
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    if field(&form, "To").is_none() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": 21604, "message": "A 'To' phone number is required.", "status": 400})),
        )
            .into_response();
    }
    if field(&form, "From").is_none() && field(&form, "MessagingServiceSid").is_none() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": 21603, "message": "A 'From' phone number is required.", "status": 400})),
        )
            .into_response();
    }
    if let Some((status, body)) = state.script.lock().unwrap().pop_front() {
        return (StatusCode::from_u16(status).unwrap(), Json(body)).into_response();
    }
    let n = {
        let mut sent = state.sent.lock().unwrap();
        sent.push(form);
        sent.len()
    };
    (StatusCode::CREATED, Json(json!({"sid": format!("SM{n:032}"), "status": "queued"}))).into_response()
}
