//! What only a development server offers: the sandbox SMS gateway's outbox, so that people trying
//! the portal can read the codes it "sent".

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub phone: String,
    pub body: String,
    /// Unix seconds.
    pub sent_at: i64,
}
