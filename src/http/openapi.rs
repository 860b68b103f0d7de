//! The OpenAPI document, generated from the handlers' annotations.

use super::api;
use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Refdesk staff API", description = "One inbox for every way patrons reach the library."),
    paths(
        api::session::login, api::session::logout, api::session::current,
        api::password_reset::request, api::password_reset::complete, api::password_reset::colleague_link,
        api::limits::show, api::limits::update,
        api::conversations::list, api::conversations::show, api::conversations::reply,
        api::conversations::note, api::conversations::claim, api::conversations::assign,
        api::conversations::transfer, api::conversations::set_status, api::conversations::set_tags,
        api::contacts::show,
        api::search::search,
        api::teams::list, api::teams::create, api::teams::update,
        api::staff::list, api::staff::create, api::staff::update,
        api::canned::list, api::canned::create, api::canned::update, api::canned::remove,
        api::sms::segments, api::sms::settings, api::sms::update_settings, api::sms::set_consent,
        api::email::list_mailboxes, api::email::create_mailbox, api::email::update_mailbox,
        api::email::resync_mailbox, api::email::list_quarantine, api::email::show_quarantined,
        api::email::conversation_email,
        api::email::upload_attachment,
        api::sms::keywords, api::sms::set_keyword, api::sms::delete_keyword,
        api::chat::settings, api::chat::update_settings,
        api::hours::show_hours, api::hours::set_hours, api::hours::list_holidays, api::hours::add_holiday, api::hours::delete_holiday,
        api::reports::response_times, api::reports_more::volume, api::reports_more::chat, api::reports_more::reference, api::reports_more::patrons, api::reports_more::csat, api::reports_more::export,
        api::reference::set_reference, api::reference::reference_of, api::reference::question_types, api::tally::add_tally, api::tally::today, api::tally::undo,
        api::targets::list, api::targets::replace, api::targets::due, api::targets::report,
        api::surveys::list, api::surveys::create, api::surveys::show, api::surveys::update, api::surveys::publish, api::surveys::enter_paper, api::survey_results::overview, api::survey_results::breakdown, api::survey_results::comments, api::survey_export::export, api::csat::settings, api::csat::update_settings, api::csat::add_optout, api::csat::report,
        api::privacy::policy, api::privacy::update_policy, api::privacy::preview, api::privacy::export_json, api::privacy::export_html, api::privacy::erase, api::privacy::audit_log,
        api::patrons::merge_contacts, api::patrons::split_contact, api::patrons::list_duplicates, api::patrons::update_profile, api::patrons::record_consent, api::patrons::merge_conversations, api::patrons::split_message,
        api::faq::list, api::faq::create, api::faq::read, api::faq::update, api::faq::remove, api::faq::publish, api::faq::unpublish, api::faq::reviewed, api::faq::from_conversation, api::faq_insights::suggest, api::faq_insights::synonyms, api::faq_insights::replace_synonyms, api::faq_insights::analytics,
    ),
    // The console socket's frames (GET /ws/console), so clients generate their types too.
    components(schemas(
        crate::realtime::protocol::ServerFrame,
        crate::realtime::protocol::ClientFrame,
        // The chat widget's socket protocol (web/widget's types are generated from these).
        channels::chat::PatronFrame,
        channels::chat::HubFrame,
    )),
    modifiers(&CommonErrors),
    tags(
        (name = "session", description = "Staff login. State-changing requests need the X-CSRF-Token header from GET /api/session."),
        (name = "conversations", description = "The inbox"),
        (name = "reports", description = "Opening hours, reference statistics and manager reports"),
        (name = "surveys", description = "Surveys, their results, and ratings after a conversation (CSAT)"),
    )
)]
pub struct ApiDoc;

/// Documents the errors every route can answer, so clients (and the schema fuzzer) know
/// them: 401 without a session, 403 for a missing CSRF token or a role, 404 for ids that
/// are not the caller's, 422 for bad input, 429 when rate limited.
struct CommonErrors;

impl utoipa::Modify for CommonErrors {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                )
                .build()
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            let public = matches!(
                path.as_str(),
                "/api/login" | "/api/auth/password-reset" | "/api/auth/password-reset/complete"
            );
            let ops = [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, op) in ops.into_iter().filter_map(|(m, op)| op.as_mut().map(|op| (m, op))) {
                // Handler names repeat across resources (list, show); ids must not.
                op.operation_id = Some(operation_id(method, path));
                let responses = &mut op.responses.responses;
                let mut add = |code: &str, description: &str| {
                    responses.entry(code.to_owned()).or_insert_with(|| error(description).into());
                };
                if !public {
                    add("401", "Not logged in, or the session ended");
                    add("403", "Missing CSRF token, foreign Origin, or a role that may not do this");
                }
                if path.contains('{') {
                    add("404", "No such record in the caller's library");
                }
                add("422", "Invalid input; `code` says which");
                add("429", "Too many requests; see Retry-After");
            }
        }
    }
}

/// `get /api/conversations/{id}/replies` -> `get_conversations_by_id_replies`.
fn operation_id(method: &str, path: &str) -> String {
    let rest = path.trim_start_matches("/api/").replace("{id}", "by_id").replace(['/', '-', '.'], "_");
    format!("{method}_{rest}")
}

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
