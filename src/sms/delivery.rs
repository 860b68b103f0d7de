//! The outbox adapter that sends texts through the library's provider account.

use crate::domain::{LibraryId, E164};
use crate::outbox::{Adapter, Delivery, DeliveryError, Receipt};
use crate::store::library::Library;
use crate::store::sms::{self as rows, SmsAccount};
use channels::fetch::PrivateNets;
use channels::sms::api::{Account, ApiError, OutboundSms, SmsApi};
use futures::future::BoxFuture;
use sqlx::PgPool;

pub struct SmsDelivery {
    db: PgPool,
    /// Where the provider reaches our status callback.
    public_origin: String,
    /// Private networks the provider URL may reach (the operator's setting).
    private: PrivateNets,
}

impl SmsDelivery {
    pub fn new(db: PgPool, public_origin: String, private: PrivateNets) -> Self {
        Self { db, public_origin, private }
    }

    async fn send(&self, d: &Delivery) -> Result<Receipt, DeliveryError> {
        let db_err = |e: sqlx::Error| DeliveryError::Transient(format!("database: {e}"));
        let account = SmsAccount::find(&self.db, d.library_id)
            .await
            .map_err(db_err)?
            .ok_or_else(|| DeliveryError::Permanent("SMS is not set up for this library".into()))?;
        if rows::is_opted_out(&self.db, d.library_id, &d.to).await.map_err(db_err)? {
            return Err(DeliveryError::Permanent("the patron opted out of texts (replied STOP)".into()));
        }
        let slug = library_slug(&self.db, d.library_id).await.map_err(db_err)?;
        let api = SmsApi::new(&account.api_base_url).allowing(self.private.clone());
        let sms = OutboundSms {
            to: d.to.clone(),
            body: d.body.clone(),
            media_urls: vec![],
            status_callback: Some(format!("{}/webhooks/sms/{slug}/status", self.public_origin)),
        };
        let creds = Account {
            sid: account.account_sid,
            auth_token: account.auth_token,
            from: account.from_number,
            messaging_service_sid: account.messaging_service_sid,
        };
        match api.send(&creds, &sms).await {
            Ok(sent) => Ok(Receipt { provider_id: sent.sid }),
            Err(e) if e.is_opt_out() => {
                if let Ok(phone) = E164::parse(&d.to) {
                    rows::set_consent(&self.db, d.library_id, &phone, true, "provider").await.map_err(db_err)?;
                }
                Err(DeliveryError::Permanent(format!("the patron opted out of texts ({e})")))
            }
            Err(ApiError::Transient(why)) => Err(DeliveryError::Transient(why)),
            Err(e @ ApiError::Rejected { .. }) => Err(DeliveryError::Permanent(e.to_string())),
        }
    }
}

async fn library_slug(db: &PgPool, id: LibraryId) -> sqlx::Result<String> {
    Ok(Library::find(db, id).await?.map(|l| l.slug).unwrap_or_default())
}

impl Adapter for SmsDelivery {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<Receipt, DeliveryError>> {
        Box::pin(self.send(delivery))
    }
}
