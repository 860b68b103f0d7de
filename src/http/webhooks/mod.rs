//! Providers' webhooks. Each checks the provider's signature before anything else.

pub mod sms;

use super::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().merge(sms::router())
}
