//! The staff REST API, one module per resource. Every handler takes a `StaffSession`.

pub mod canned;
pub mod contacts;
pub mod conversations;
pub mod email;
pub mod patrons;
pub mod privacy;
pub mod search;
pub mod session;
pub mod sms;
pub mod staff;
pub mod teams;

use super::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(session::router())
        .merge(conversations::router())
        .merge(contacts::router())
        .merge(search::router())
        .merge(teams::router())
        .merge(staff::router())
        .merge(sms::router())
        .merge(canned::router())
        .merge(email::router())
        .merge(patrons::router())
        .merge(privacy::router())
}
