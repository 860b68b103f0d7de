//! The OpenAPI document, generated from the handlers' annotations.

use super::api;
use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Refdesk staff API", description = "One inbox for every way patrons reach the library."),
    paths(
        api::session::login, api::session::logout, api::session::current,
        api::conversations::list, api::conversations::show, api::conversations::reply,
        api::conversations::note, api::conversations::claim, api::conversations::assign,
        api::conversations::transfer, api::conversations::set_status, api::conversations::set_tags,
        api::contacts::show,
        api::search::search,
        api::teams::list, api::teams::create, api::teams::update,
        api::staff::list, api::staff::create, api::staff::update,
    ),
    // The console socket's frames (GET /ws/console), so clients generate their types too.
    components(schemas(
        crate::realtime::protocol::ServerFrame,
        crate::realtime::protocol::ClientFrame,
    )),
    tags(
        (name = "session", description = "Staff login. State-changing requests need the X-CSRF-Token header from GET /api/session."),
        (name = "conversations", description = "The inbox"),
    )
)]
pub struct ApiDoc;

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
