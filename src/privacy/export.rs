//! Export of one patron's data: every step's `export` part over the patron and the contacts
//! merged into them, as JSON (one section per table) or as a readable HTML page.

use super::steps::ALL;
use crate::domain::{ContactId, LibraryId};
use serde_json::{Map, Value};
use sqlx::PgPool;

/// One patron's data, one key per table (None: no such contact in this library).
pub async fn export(db: &PgPool, library: LibraryId, contact: ContactId) -> sqlx::Result<Option<Value>> {
    let mut conn = db.acquire().await?;
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM contact WHERE library_id = $1 AND id = $2)")
        .bind(library)
        .bind(contact)
        .fetch_one(&mut *conn)
        .await?;
    if !exists {
        return Ok(None);
    }
    let contacts = super::person(&mut conn, library, contact).await?;
    let mut sections = Map::new();
    for step in ALL {
        if let Some(sql) = step.export {
            let rows: Value = sqlx::query_scalar(sql).bind(library).bind(&contacts).fetch_one(&mut *conn).await?;
            sections.insert(step.table.to_owned(), rows);
        }
    }
    let mut out = Map::new();
    out.insert("contact_id".into(), Value::from(contact.0));
    out.insert("exported_at".into(), Value::from(chrono::Utc::now().to_rfc3339()));
    out.insert("data".into(), Value::Object(sections));
    Ok(Some(Value::Object(out)))
}

/// Plain-language headings for the sections patrons will read.
fn heading(table: &str) -> &str {
    match table {
        "contact" => "Your profile",
        "contact_identity" => "How you reached us",
        "conversation" => "Your conversations",
        "message" => "Messages",
        "attachment" => "Files",
        "email_message" => "Emails as received",
        "csat_rating" => "Your ratings",
        "sms_consent" => "Text message consent",
        "contact_consent" => "Consent history",
        "contact_merge" => "Records joined together",
        "chat_session" => "Web chat sessions",
        "chat_transcript" => "Chat transcripts you asked for",
        "survey_response" => "Your survey answers",
        "csat_request" => "Rating requests we sent",
        "csat_optout" => "Rating requests you turned off",
        other => other,
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) if s.len() > 2000 && s.chars().all(|c| c.is_ascii_alphanumeric() || "+/=\n".contains(c)) => {
            format!("({} bytes of file data, in the JSON export)", s.len() * 3 / 4)
        }
        Value::String(s) => escape(s),
        other => escape(&other.to_string()),
    }
}

/// The export as one self-contained, accessible HTML page (no scripts, no external files).
pub fn to_html(library_name: &str, export: &Value) -> String {
    let mut html = String::new();
    html.push_str("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    html.push_str(&format!("<title>Your data at {}</title>", escape(library_name)));
    html.push_str("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}td{white-space:pre-wrap;overflow-wrap:anywhere}</style>");
    html.push_str("</head><body><main>");
    html.push_str(&format!("<h1>Your data at {}</h1>", escape(library_name)));
    html.push_str(&format!("<p>Exported {}.</p>", cell(&export["exported_at"])));
    if let Some(sections) = export["data"].as_object() {
        for (table, rows) in sections {
            html.push_str(&format!("<section><h2>{}</h2>", escape(heading(table))));
            let rows = rows.as_array().cloned().unwrap_or_default();
            let Some(first) = rows.first().and_then(|r| r.as_object()) else {
                html.push_str("<p>Nothing kept.</p></section>");
                continue;
            };
            let columns: Vec<&String> = first.keys().collect();
            html.push_str("<table><thead><tr>");
            for c in &columns {
                html.push_str(&format!("<th scope=\"col\">{}</th>", escape(&c.replace('_', " "))));
            }
            html.push_str("</tr></thead><tbody>");
            for row in &rows {
                html.push_str("<tr>");
                for c in &columns {
                    html.push_str(&format!("<td>{}</td>", cell(&row[c.as_str()])));
                }
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table></section>");
        }
    }
    html.push_str("</main></body></html>");
    html
}
