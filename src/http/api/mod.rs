//! The staff REST API, one module per resource. Every handler takes a `StaffSession`.

pub mod canned;
pub mod contacts;
pub mod conversations;
pub mod email;
pub mod faq;
pub mod faq_insights;
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
        .merge(faq::router())
        .merge(faq_insights::router())
}
