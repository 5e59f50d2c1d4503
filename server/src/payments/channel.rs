//! What the portal asks of a payment channel, whatever its protocol: open a trade and get its
//! cashier address, ask where a trade stands, close it, and read a notification exactly as it
//! arrived. A real channel's adapter implements this; the sandbox ones speak the real protocol to
//! the sandbox channels this server runs under `/sandbox/…`.

use std::future::Future;
use std::pin::Pin;

use axum::http::HeaderMap;
use axum::response::Response;
use tongban_api::payments::PayChannel;

pub type ChannelFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, ChannelError>> + Send + 'a>>;

#[derive(Debug)]
pub enum ChannelError {
    /// No answer, an answer that does not verify, or a fault: nothing is known; ask again later.
    Unreachable(String),
    /// The channel answered and refused, with its code.
    Refused { code: String, message: String },
}

impl std::fmt::Display for ChannelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChannelError::Unreachable(why) => write!(f, "channel unreachable: {why}"),
            ChannelError::Refused { code, message } => write!(f, "channel refused: {code} {message}"),
        }
    }
}

pub struct NewTrade<'a> {
    pub out_trade_no: &'a str,
    pub amount_fen: u64,
    pub subject: &'a str,
    /// Microseconds: the channel stops taking payment after this.
    pub time_expire: i64,
    pub return_url: &'a str,
    /// The payer's address, as a channel's risk checks want it.
    pub payer_ip: &'a str,
}

pub struct Created {
    pub cashier_url: String,
}

/// Where a trade stands at the channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TradeStatus {
    /// The channel has no such trade (yet), or it is open and nobody paid.
    NotStarted,
    /// The payer confirmed; the channel is completing it.
    Paying,
    Paid,
    Declined(String),
    Closed,
    BankError(String),
}

/// A trade as the channel answers about it: always the portal's own merchant's.
pub struct Trade {
    pub status: TradeStatus,
    pub channel_trade_no: Option<String>,
    pub amount_fen: u64,
}

pub struct NewRefund<'a> {
    pub out_trade_no: &'a str,
    /// The portal's number for the refund: asking again with it is the same refund.
    pub out_request_no: &'a str,
    pub amount_fen: u64,
    /// What the trade took in all.
    pub total_fen: u64,
    pub reason: &'a str,
}

/// Where a refund stands at the channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundStatus {
    /// Not known to be given back: not received, still with the bank, or refused.
    Unknown,
    /// Taken; the money is on its way back.
    Processing,
    Success,
    /// Ended by the channel without giving the money back: it can be asked for again.
    Closed,
}

/// What a line of a channel's daily statement records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Payment,
    Refund,
}

/// One line of a channel's statement of a day: money it took, or gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLine {
    pub kind: LineKind,
    pub out_trade_no: String,
    /// The portal's number for the refund, on a refund's line.
    pub refund_no: Option<String>,
    pub amount_fen: u64,
}

/// What a notification whose signature verified says.
pub struct Notified {
    pub out_trade_no: String,
    /// The channel's own name for the fact (TRADE_SUCCESS …).
    pub kind: String,
    pub status: TradeStatus,
    pub channel_trade_no: Option<String>,
    pub amount_fen: u64,
    /// The merchant it is addressed to, and the app it is for, as the channel names them.
    pub merchant: String,
    pub app: String,
    /// The signature as sent: a notification is taken once.
    pub signature: String,
    /// Set when it reports a refund of the trade: the portal's number for that refund.
    pub refund: Option<String>,
}

/// Why a notification is refused before anything changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyRejected {
    Malformed,
    Forged,
    Stale,
    Replayed,
    NotOurs,
    UnknownOrder,
    AmountMismatch,
}

impl NotifyRejected {
    pub fn as_str(self) -> &'static str {
        match self {
            NotifyRejected::Malformed => "malformed",
            NotifyRejected::Forged => "forged",
            NotifyRejected::Stale => "stale",
            NotifyRejected::Replayed => "replayed",
            NotifyRejected::NotOurs => "not ours",
            NotifyRejected::UnknownOrder => "unknown order",
            NotifyRejected::AmountMismatch => "amount mismatch",
        }
    }
}

pub trait PaymentChannel: Send + Sync {
    fn id(&self) -> PayChannel;
    /// The merchant and the app the portal is at this channel: a notification for others is refused.
    fn is_ours(&self, merchant: &str, app: &str) -> bool;
    fn create<'a>(&'a self, trade: NewTrade<'a>) -> ChannelFuture<'a, Created>;
    fn query<'a>(&'a self, out_trade_no: &'a str) -> ChannelFuture<'a, Trade>;
    /// Closes an unpaid trade; a trade that was paid meanwhile answers `Paid`.
    fn close<'a>(&'a self, out_trade_no: &'a str) -> ChannelFuture<'a, Trade>;
    /// Asks for a refund; asking again with the same `out_request_no` is the same refund.
    fn refund<'a>(&'a self, refund: NewRefund<'a>) -> ChannelFuture<'a, RefundStatus>;
    fn query_refund<'a>(&'a self, out_trade_no: &'a str, out_request_no: &'a str) -> ChannelFuture<'a, RefundStatus>;
    /// The channel's statement of a Shanghai day (`YYYY-MM-DD`): every payment it completed and
    /// every refund it gave back that day, for this merchant.
    fn statement<'a>(&'a self, date: &'a str) -> ChannelFuture<'a, Vec<StatementLine>>;
    /// Verifies a notification exactly as received (`now` in microseconds). No I/O.
    fn read_notification(&self, headers: &HeaderMap, body: &[u8], now: i64) -> Result<Notified, NotifyRejected>;
    /// The answer that tells the channel to stop sending.
    fn acknowledge(&self) -> Response;
    /// The answer to a refused notification: a 4xx in the channel's shape.
    fn refuse(&self, why: NotifyRejected) -> Response;
}
