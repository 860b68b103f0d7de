use crate::domain::{LibraryId, E164};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};

/// A library's SMS provider account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SmsAccount {
    pub library_id: LibraryId,
    pub account_sid: String,
    pub auth_token: String,
    pub previous_auth_token: Option<String>,
    pub previous_valid_until: Option<DateTime<Utc>>,
    pub from_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub api_base_url: String,
    pub media_hosts: Vec<String>,
    pub help_text: Option<String>,
}

impl SmsAccount {
    pub async fn find(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Option<SmsAccount>> {
        sqlx::query_as(
            "SELECT library_id, account_sid, auth_token, previous_auth_token, previous_valid_until, from_number,
                    messaging_service_sid, api_base_url, media_hosts, help_text
               FROM sms_account WHERE library_id = $1",
        )
        .bind(library)
        .fetch_optional(db)
        .await
    }

    /// The library with this slug and its account, in one round trip (what the webhooks'
    /// cache, `sms::accounts`, remembers).
    pub async fn find_with_library(
        db: &PgPool,
        slug: &str,
    ) -> sqlx::Result<Option<(crate::store::library::Library, Option<SmsAccount>)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: LibraryId,
            slug: String,
            name: String,
            timezone: String,
            account_sid: Option<String>,
            auth_token: Option<String>,
            previous_auth_token: Option<String>,
            previous_valid_until: Option<DateTime<Utc>>,
            from_number: Option<String>,
            messaging_service_sid: Option<String>,
            api_base_url: Option<String>,
            media_hosts: Option<Vec<String>>,
            help_text: Option<String>,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT l.id, l.slug, l.name, l.timezone, a.account_sid, a.auth_token, a.previous_auth_token,
                    a.previous_valid_until, a.from_number, a.messaging_service_sid, a.api_base_url, a.media_hosts,
                    a.help_text
               FROM library l LEFT JOIN sms_account a ON a.library_id = l.id WHERE l.slug = $1",
        )
        .bind(slug)
        .fetch_optional(db)
        .await?;
        Ok(row.map(|r| {
            let library = crate::store::library::Library { id: r.id, slug: r.slug, name: r.name, timezone: r.timezone };
            let account = match (r.account_sid, r.auth_token, r.api_base_url) {
                (Some(account_sid), Some(auth_token), Some(api_base_url)) => Some(SmsAccount {
                    library_id: r.id,
                    account_sid,
                    auth_token,
                    previous_auth_token: r.previous_auth_token,
                    previous_valid_until: r.previous_valid_until,
                    from_number: r.from_number,
                    messaging_service_sid: r.messaging_service_sid,
                    api_base_url,
                    media_hosts: r.media_hosts.unwrap_or_default(),
                    help_text: r.help_text,
                }),
                _ => None,
            };
            (library, account)
        }))
    }

    /// The tokens a webhook signature may be made with: the current one, and the previous
    /// one while its grace period lasts.
    pub fn verifying_tokens(&self, now: DateTime<Utc>) -> Vec<&[u8]> {
        let mut tokens = vec![self.auth_token.as_bytes()];
        if let (Some(prev), Some(until)) = (&self.previous_auth_token, self.previous_valid_until) {
            if now < until {
                tokens.push(prev.as_bytes());
            }
        }
        tokens
    }

    /// Creates or replaces the account. A changed auth token keeps the old one valid for
    /// `grace` so webhooks signed before the switch still verify.
    pub async fn upsert(db: &PgPool, a: &SmsAccount, grace: chrono::Duration) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO sms_account (library_id, account_sid, auth_token, from_number, messaging_service_sid,
                                      api_base_url, media_hosts, help_text)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (library_id) DO UPDATE SET
                previous_auth_token = CASE WHEN sms_account.auth_token <> EXCLUDED.auth_token
                                           THEN sms_account.auth_token ELSE sms_account.previous_auth_token END,
                previous_valid_until = CASE WHEN sms_account.auth_token <> EXCLUDED.auth_token
                                            THEN now() + $9 ELSE sms_account.previous_valid_until END,
                account_sid = EXCLUDED.account_sid, auth_token = EXCLUDED.auth_token,
                from_number = EXCLUDED.from_number, messaging_service_sid = EXCLUDED.messaging_service_sid,
                api_base_url = EXCLUDED.api_base_url, media_hosts = EXCLUDED.media_hosts,
                help_text = EXCLUDED.help_text, updated_at = now()",
        )
        .bind(a.library_id)
        .bind(&a.account_sid)
        .bind(&a.auth_token)
        .bind(&a.from_number)
        .bind(&a.messaging_service_sid)
        .bind(&a.api_base_url)
        .bind(&a.media_hosts)
        .bind(&a.help_text)
        .bind(grace)
        .execute(db)
        .await?;
        Ok(())
    }
}

/// Whether the number has opted out of texts from this library. Consent is kept as a keyed
/// hash of the number (`privacy_phone_hash`), so it outlives the patron's erasure.
pub async fn is_opted_out(db: impl PgExecutor<'_>, library: LibraryId, phone: &str) -> sqlx::Result<bool> {
    let out: Option<bool> = sqlx::query_scalar(
        "SELECT opted_out FROM sms_consent
          WHERE library_id = $1 AND phone_hash = privacy_phone_hash(privacy_key_for($1), $2)",
    )
    .bind(library)
    .bind(phone)
    .fetch_optional(db)
    .await?;
    Ok(out.unwrap_or(false))
}

/// The operative opt-out, by keyed hash of the number.
const UPSERT_CONSENT: &str = "INSERT INTO sms_consent (library_id, phone_hash, opted_out, source)
     VALUES ($1, privacy_phone_hash(privacy_key_for($1), $2), $3, $4)
     ON CONFLICT (library_id, phone_hash) DO UPDATE SET opted_out = $3, source = $4, changed_at = now()";

/// Records an opt-out or opt-in for `phone` (kept as a keyed hash), and the same in the
/// consent history of every contact with that number. Returns whether the number was opted
/// out before: a STOP or START learns whether it changed anything in the same round trip.
pub async fn set_consent(
    db: impl PgExecutor<'_>,
    library: LibraryId,
    phone: &E164,
    opted_out: bool,
    source: &str,
) -> sqlx::Result<bool> {
    // The hash once (privacy_key_for may create the library's key); `prev` reads the row as
    // it was before this statement, whatever `c` writes.
    sqlx::query_scalar(
        "WITH k AS (SELECT privacy_phone_hash(privacy_key_for($1), $2) AS hash),
              prev AS (SELECT s.opted_out FROM sms_consent s, k WHERE s.library_id = $1 AND s.phone_hash = k.hash),
              c AS (INSERT INTO sms_consent (library_id, phone_hash, opted_out, source)
                    SELECT $1, k.hash, $3, $4 FROM k
                    ON CONFLICT (library_id, phone_hash) DO UPDATE SET opted_out = $3, source = $4, changed_at = now()),
              h AS (INSERT INTO contact_consent (library_id, contact_id, kind, granted, source)
                    SELECT $1, ci.contact_id, 'sms', NOT $3, $4 FROM contact_identity ci
                     WHERE ci.library_id = $1 AND ci.channel = 'sms' AND ci.address = $2)
         SELECT coalesce((SELECT opted_out FROM prev), false)",
    )
    .bind(library)
    .bind(phone.as_str())
    .bind(opted_out)
    .bind(source)
    .fetch_one(db)
    .await
}

/// Like [`set_consent`] without the history rows (the caller writes its own).
pub async fn set_consent_only(
    db: impl PgExecutor<'_>,
    library: LibraryId,
    phone: &E164,
    opted_out: bool,
    source: &str,
) -> sqlx::Result<()> {
    consent_query(db, UPSERT_CONSENT, library, phone, opted_out, source).await
}

async fn consent_query(
    db: impl PgExecutor<'_>,
    sql: &str,
    library: LibraryId,
    phone: &E164,
    opted_out: bool,
    source: &str,
) -> sqlx::Result<()> {
    sqlx::query(sql).bind(library).bind(phone.as_str()).bind(opted_out).bind(source).execute(db).await?;
    Ok(())
}

pub async fn keyword_reply(db: &PgPool, library: LibraryId, keyword: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT reply FROM sms_keyword WHERE library_id = $1 AND keyword = $2")
        .bind(library)
        .bind(keyword)
        .fetch_optional(db)
        .await
}

pub async fn set_keyword(db: &PgPool, library: LibraryId, keyword: &str, reply: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sms_keyword (library_id, keyword, reply) VALUES ($1, $2, $3)
         ON CONFLICT (library_id, keyword) DO UPDATE SET reply = $3",
    )
    .bind(library)
    .bind(keyword)
    .bind(reply)
    .execute(db)
    .await?;
    Ok(())
}
