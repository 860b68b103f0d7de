//! The staff REST API, one module per resource. Every handler takes a `StaffSession`.

pub mod canned;
pub mod chat;
pub mod contacts;
pub mod conversations;
pub mod csat;
pub mod email;
pub mod faq;
pub mod faq_insights;
pub mod hours;
pub mod limits;
pub mod password_reset;
pub mod patrons;
pub mod privacy;
pub mod reference;
pub mod reports;
pub mod reports_more;
pub mod search;
pub mod session;
pub mod sms;
pub mod staff;
pub mod survey_export;
pub mod survey_results;
pub mod surveys;
pub mod tally;
pub mod targets;
pub mod teams;

use super::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(session::router())
        .merge(password_reset::router())
        .merge(limits::router())
        .merge(conversations::router())
        .merge(contacts::router())
        .merge(search::router())
        .merge(teams::router())
        .merge(staff::router())
        .merge(sms::router())
        .merge(canned::router())
        .merge(email::router())
        .merge(chat::router())
        .merge(hours::router())
        .merge(reports::router())
        .merge(reference::router())
        .merge(targets::router())
        .merge(surveys::router())
        .merge(survey_results::router())
        .merge(csat::router())
        .merge(patrons::router())
        .merge(privacy::router())
        .merge(faq::router())
        .merge(faq_insights::router())
}
