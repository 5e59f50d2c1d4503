//! A channel in the style of WeChat Pay API v3: JSON requests to REST paths, each signed by the
//! merchant's key in an `Authorization` header; answers and notifications signed by the
//! platform's key in `Wechatpay-*` headers; a notification's facts sealed in an AES-256-GCM
//! resource only the merchant's API v3 key opens. A notification is taken by answering 200 or
//! 204 within five seconds; anything else is sent again (15 times over a day).

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use openssl::pkey::{PKey, Private, Public};
use openssl::symm::{decrypt_aead, encrypt_aead, Cipher};
use serde::Deserialize;
use tongban_api::payments::{parse_yuan, PayChannel};

use super::channel::{
    ChannelError, ChannelFuture, Created, LineKind, NewRefund, NewTrade, Notified, NotifyRejected, PaymentChannel, RefundStatus,
    StatementLine, Trade, TradeStatus,
};
use super::rsa2;
use super::transport::InProcess;
use crate::clock::{shanghai_rfc3339, SECOND};
use crate::secrets::random_token;

/// Where the API is; the sandbox serves it under this path.
pub const API_BASE: &str = "/sandbox/wechat";
/// Where the channel's H5 cashier pages are.
const CASHIER_PREFIX: &str = "/sandbox/wechat/cashier/";
/// Where notifications come to.
pub const NOTIFY_PATH: &str = "/pay/notify/wechat";
pub const AUTH_SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";
pub const SIGNATURE: &str = "wechatpay-signature";
pub const TIMESTAMP: &str = "wechatpay-timestamp";
pub const NONCE: &str = "wechatpay-nonce";
pub const SERIAL: &str = "wechatpay-serial";
/// The one algorithm a notification's resource is sealed with.
pub const AEAD: &str = "AEAD_AES_256_GCM";

/// What the merchant signs for a request: method, path with query, time, nonce and body, each
/// on its own line.
pub fn request_message(method: &str, url: &str, timestamp: &str, nonce: &str, body: &str) -> String {
    format!("{method}\n{url}\n{timestamp}\n{nonce}\n{body}\n")
}

/// What the platform signs for an answer or a notification.
pub fn answer_message(timestamp: &str, nonce: &str, body: &str) -> String {
    format!("{timestamp}\n{nonce}\n{body}\n")
}

/// The merchant's `Authorization` header, as parsed.
pub struct Authorization {
    pub mchid: String,
    pub nonce: String,
    pub signature: String,
    pub timestamp: String,
    pub serial: String,
}

impl Authorization {
    pub fn header(&self) -> String {
        format!(
            "{AUTH_SCHEME} mchid=\"{}\",nonce_str=\"{}\",signature=\"{}\",timestamp=\"{}\",serial_no=\"{}\"",
            self.mchid, self.nonce, self.signature, self.timestamp, self.serial
        )
    }

    pub fn parse(header: &str) -> Option<Self> {
        let fields = header.strip_prefix(AUTH_SCHEME)?.strip_prefix(' ')?;
        let get = |name: &str| {
            fields.split(',').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                (key == name).then(|| value.strip_prefix('"')?.strip_suffix('"').map(str::to_string))?
            })
        };
        Some(Authorization {
            mchid: get("mchid")?,
            nonce: get("nonce_str")?,
            signature: get("signature")?,
            timestamp: get("timestamp")?,
            serial: get("serial_no")?,
        })
    }
}

/// Seals `plain` for the merchant: base64 of the ciphertext followed by its 16-byte tag.
pub fn seal(key: &[u8; 32], nonce: &str, associated: &str, plain: &[u8]) -> String {
    let mut tag = [0u8; 16];
    let sealed = encrypt_aead(Cipher::aes_256_gcm(), key, Some(nonce.as_bytes()), associated.as_bytes(), plain, &mut tag)
        .expect("AES-256-GCM with a 32-byte key seals in memory");
    STANDARD.encode([sealed.as_slice(), &tag].concat())
}

/// Opens a sealed resource; `None` when it was not sealed with this key, nonce and associated data.
pub fn open(key: &[u8; 32], nonce: &str, associated: &str, sealed: &str) -> Option<Vec<u8>> {
    let bytes = STANDARD.decode(sealed).ok()?;
    let (cipher, tag) = bytes.split_at_checked(bytes.len().checked_sub(16)?)?;
    decrypt_aead(Cipher::aes_256_gcm(), key, Some(nonce.as_bytes()), associated.as_bytes(), cipher, tag).ok()
}

pub struct Wechat {
    pub app_id: String,
    pub mch_id: String,
    pub merchant_serial: String,
    pub merchant_key: PKey<Private>,
    pub platform_serial: String,
    pub platform_key: PKey<Public>,
    pub api_v3_key: [u8; 32],
    pub api: InProcess,
    /// The portal's address, for the notify URL the channel is given.
    pub public_origin: String,
    /// How old a notification may be, in microseconds.
    pub fresh: i64,
    pub clock: std::sync::Arc<dyn crate::clock::Clock>,
}

#[derive(Deserialize)]
struct Amount {
    total: u64,
}

/// A transaction as a query or a notification describes it.
#[derive(Deserialize)]
struct Transaction {
    #[serde(default)]
    appid: String,
    mchid: String,
    out_trade_no: String,
    #[serde(default)]
    transaction_id: Option<String>,
    trade_state: String,
    amount: Amount,
}

/// A refund as its answer, its query or its notification describes it.
#[derive(Deserialize)]
struct Refund {
    out_refund_no: String,
    out_trade_no: String,
    #[serde(default, alias = "refund_status")]
    status: String,
    #[serde(default)]
    mchid: String,
    #[serde(default)]
    transaction_id: Option<String>,
    amount: Amount,
}

#[derive(Deserialize)]
struct Failure {
    code: String,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct Notice {
    event_type: String,
    resource: Resource,
}

#[derive(Deserialize)]
struct Resource {
    algorithm: String,
    ciphertext: String,
    #[serde(default)]
    associated_data: String,
    nonce: String,
}

fn status_of(trade_state: &str) -> Option<TradeStatus> {
    Some(match trade_state {
        // A refund of a paid trade leaves it paid: what was given back is the refunds' business.
        "SUCCESS" | "REFUND" => TradeStatus::Paid,
        "NOTPAY" => TradeStatus::NotStarted,
        "USERPAYING" => TradeStatus::Paying,
        "CLOSED" | "REVOKED" => TradeStatus::Closed,
        "PAYERROR" => TradeStatus::Declined("PAYERROR".into()),
        _ => return None,
    })
}

fn refund_status_of(status: &str) -> RefundStatus {
    match status {
        "SUCCESS" => RefundStatus::Success,
        "PROCESSING" => RefundStatus::Processing,
        "CLOSED" => RefundStatus::Closed,
        // ABNORMAL: the payer's account cannot take it back; someone must arrange it by hand.
        _ => RefundStatus::Unknown,
    }
}

/// A header's text, if it has one.
fn text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

impl Wechat {
    /// Sends a request signed as the merchant, to `url` (a path of the API, with its query).
    async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<serde_json::Value>,
    ) -> Result<(StatusCode, HeaderMap, String), ChannelError> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let timestamp = (self.clock.now() / SECOND).to_string();
        let nonce = random_token(16);
        let signature = rsa2::sign(&self.merchant_key, &request_message(method.as_str(), url, &timestamp, &nonce, &body));
        let authorization = Authorization { mchid: self.mch_id.clone(), nonce, signature, timestamp, serial: self.merchant_serial.clone() };
        let mut request = Request::builder()
            .method(method)
            .uri(url)
            .header(header::AUTHORIZATION, authorization.header())
            .header(header::ACCEPT, "application/json");
        if !body.is_empty() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let request = request.body(Body::from(body)).map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        let (status, headers, answer) = self.api.send(request).await?;
        let answer = String::from_utf8(answer.to_vec()).map_err(|_| ChannelError::Unreachable("answer is not UTF-8".into()))?;
        Ok((status, headers, answer))
    }

    /// Sends a signed request; answers the JSON of a 2xx answer (null when empty) once the
    /// platform's signature on it verifies.
    async fn call(&self, method: Method, path: &str, body: Option<serde_json::Value>) -> Result<serde_json::Value, ChannelError> {
        let (status, headers, answer) = self.send(method, &format!("{API_BASE}{path}"), body).await?;
        let answer = answer.as_str();
        if !self.signed_by_platform(&headers, answer) {
            return Err(ChannelError::Unreachable(format!("an answer ({status}) whose signature does not verify")));
        }
        if status.is_success() {
            return if answer.is_empty() {
                Ok(serde_json::Value::Null)
            } else {
                serde_json::from_str(answer).map_err(|e| ChannelError::Unreachable(e.to_string()))
            };
        }
        let failure: Failure = serde_json::from_str(answer).map_err(|e| ChannelError::Unreachable(format!("{status}: {e}")))?;
        // A fault or a limit is no answer: what was asked may or may not have happened.
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS || failure.code == "SYSTEM_ERROR" {
            return Err(ChannelError::Unreachable(format!("the channel's fault {} {}", failure.code, failure.message)));
        }
        Err(ChannelError::Refused { code: failure.code, message: failure.message })
    }

    fn signed_by_platform(&self, headers: &HeaderMap, body: &str) -> bool {
        match (text(headers, SERIAL), text(headers, TIMESTAMP), text(headers, NONCE), text(headers, SIGNATURE)) {
            (Some(serial), Some(timestamp), Some(nonce), Some(signature)) => {
                serial == self.platform_serial && rsa2::verify(&self.platform_key, &answer_message(timestamp, nonce, body), signature)
            }
            _ => false,
        }
    }

    fn trade_of(&self, answer: serde_json::Value, out_trade_no: &str) -> Result<Trade, ChannelError> {
        let trade: Transaction = serde_json::from_value(answer).map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        if !self.is_ours(&trade.mchid, &trade.appid) || trade.out_trade_no != out_trade_no {
            return Err(ChannelError::Unreachable("a trade answer for another merchant".into()));
        }
        let status =
            status_of(&trade.trade_state).ok_or_else(|| ChannelError::Unreachable("a trade answer without a known state".into()))?;
        Ok(Trade { status, channel_trade_no: trade.transaction_id, amount_fen: trade.amount.total })
    }

    fn not_started(error: ChannelError) -> Result<Trade, ChannelError> {
        match error {
            ChannelError::Refused { code, .. } if code == "ORDER_NOT_EXIST" => {
                Ok(Trade { status: TradeStatus::NotStarted, channel_trade_no: None, amount_fen: 0 })
            }
            other => Err(other),
        }
    }

    fn refund_of(&self, answer: serde_json::Value, out_trade_no: &str, out_refund_no: &str) -> Result<RefundStatus, ChannelError> {
        let refund: Refund = serde_json::from_value(answer).map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        if refund.out_trade_no != out_trade_no || refund.out_refund_no != out_refund_no {
            return Err(ChannelError::Unreachable("an answer about another refund".into()));
        }
        Ok(refund_status_of(&refund.status))
    }
}

impl PaymentChannel for Wechat {
    fn id(&self) -> PayChannel {
        PayChannel::Wechat
    }

    fn is_ours(&self, merchant: &str, app: &str) -> bool {
        merchant == self.mch_id && app == self.app_id
    }

    fn create<'a>(&'a self, trade: NewTrade<'a>) -> ChannelFuture<'a, Created> {
        Box::pin(async move {
            let body = serde_json::json!({
                "appid": self.app_id,
                "mchid": self.mch_id,
                "description": trade.subject.chars().take(127).collect::<String>(),
                "out_trade_no": trade.out_trade_no,
                "time_expire": shanghai_rfc3339(trade.time_expire),
                "notify_url": format!("{}{NOTIFY_PATH}", self.public_origin),
                "amount": { "total": trade.amount_fen, "currency": "CNY" },
                "scene_info": { "payer_client_ip": trade.payer_ip, "h5_info": { "type": "Wap" } },
            });
            let answer = self.call(Method::POST, "/v3/pay/transactions/h5", Some(body)).await?;
            // The payer is sent only to the channel's own cashier, and comes back by the
            // address the merchant adds to it, as WeChat's H5 payment takes it.
            let h5_url = answer["h5_url"]
                .as_str()
                .filter(|url| url.starts_with(CASHIER_PREFIX))
                .ok_or_else(|| ChannelError::Unreachable("no cashier address of the channel's".into()))?;
            let back: String = url_encoded(trade.return_url);
            Ok(Created { cashier_url: format!("{h5_url}&redirect_url={back}") })
        })
    }

    fn query<'a>(&'a self, out_trade_no: &'a str) -> ChannelFuture<'a, Trade> {
        Box::pin(async move {
            let path = format!("/v3/pay/transactions/out-trade-no/{}?mchid={}", url_encoded(out_trade_no), self.mch_id);
            match self.call(Method::GET, &path, None).await {
                Ok(answer) => self.trade_of(answer, out_trade_no),
                Err(error) => Self::not_started(error),
            }
        })
    }

    fn close<'a>(&'a self, out_trade_no: &'a str) -> ChannelFuture<'a, Trade> {
        Box::pin(async move {
            let path = format!("/v3/pay/transactions/out-trade-no/{}/close", url_encoded(out_trade_no));
            match self.call(Method::POST, &path, Some(serde_json::json!({ "mchid": self.mch_id }))).await {
                // Closing answers nothing (204), and refusing to close (paid meanwhile, closed
                // already) says little: the query says where the trade stands now.
                Ok(_) | Err(ChannelError::Refused { .. }) => self.query(out_trade_no).await,
                Err(error) => Err(error),
            }
        })
    }

    fn refund<'a>(&'a self, refund: NewRefund<'a>) -> ChannelFuture<'a, RefundStatus> {
        Box::pin(async move {
            let body = serde_json::json!({
                "out_trade_no": refund.out_trade_no,
                "out_refund_no": refund.out_request_no,
                "reason": refund.reason.chars().take(80).collect::<String>(),
                "notify_url": format!("{}{NOTIFY_PATH}", self.public_origin),
                "amount": { "refund": refund.amount_fen, "total": refund.total_fen, "currency": "CNY" },
            });
            let answer = self.call(Method::POST, "/v3/refund/domestic/refunds", Some(body)).await?;
            self.refund_of(answer, refund.out_trade_no, refund.out_request_no)
        })
    }

    fn query_refund<'a>(&'a self, out_trade_no: &'a str, out_request_no: &'a str) -> ChannelFuture<'a, RefundStatus> {
        Box::pin(async move {
            let path = format!("/v3/refund/domestic/refunds/{}", url_encoded(out_request_no));
            match self.call(Method::GET, &path, None).await {
                Ok(answer) => self.refund_of(answer, out_trade_no, out_request_no),
                Err(ChannelError::Refused { code, .. }) if code == "RESOURCE_NOT_EXISTS" => Ok(RefundStatus::Unknown),
                Err(error) => Err(error),
            }
        })
    }

    fn statement<'a>(&'a self, date: &'a str) -> ChannelFuture<'a, Vec<StatementLine>> {
        Box::pin(async move {
            let answer = self.call(Method::GET, &format!("/v3/bill/tradebill?bill_date={date}&bill_type=ALL"), None).await?;
            let (Some(url), Some("SHA1"), Some(hash)) =
                (answer["download_url"].as_str(), answer["hash_type"].as_str(), answer["hash_value"].as_str())
            else {
                return Err(ChannelError::Unreachable("a statement answer without its address and hash".into()));
            };
            if !url.starts_with(&format!("{API_BASE}/v3/billdownload/")) {
                return Err(ChannelError::Unreachable("no statement address of the channel's".into()));
            }
            // The file itself is not signed: its hash, in the signed answer, vouches for it.
            let (status, _, bill) = self.send(Method::GET, url, None).await?;
            if status != StatusCode::OK || !hex::encode(openssl::sha::sha1(bill.as_bytes())).eq_ignore_ascii_case(hash) {
                return Err(ChannelError::Unreachable(format!("a statement ({status}) that does not match its hash")));
            }
            read_bill(&bill).map_err(ChannelError::Unreachable)
        })
    }

    fn read_notification(&self, headers: &HeaderMap, body: &[u8], now: i64) -> Result<Notified, NotifyRejected> {
        let (Some(serial), Some(timestamp), Some(nonce), Some(signature)) =
            (text(headers, SERIAL), text(headers, TIMESTAMP), text(headers, NONCE), text(headers, SIGNATURE))
        else {
            return Err(NotifyRejected::Malformed);
        };
        let body = std::str::from_utf8(body).map_err(|_| NotifyRejected::Malformed)?;
        if serial != self.platform_serial || !rsa2::verify(&self.platform_key, &answer_message(timestamp, nonce, body), signature) {
            return Err(NotifyRejected::Forged);
        }
        let sent = timestamp.parse::<i64>().ok().and_then(|t| t.checked_mul(SECOND)).ok_or(NotifyRejected::Malformed)?;
        if now.checked_sub(sent).is_none_or(|age| age.abs() > self.fresh.max(SECOND)) {
            return Err(NotifyRejected::Stale);
        }
        let notice: Notice = serde_json::from_str(body).map_err(|_| NotifyRejected::Malformed)?;
        let resource = &notice.resource;
        if resource.algorithm != AEAD {
            return Err(NotifyRejected::Malformed);
        }
        // Signed by the platform but not sealed for this merchant's key.
        let plain =
            open(&self.api_v3_key, &resource.nonce, &resource.associated_data, &resource.ciphertext).ok_or(NotifyRejected::Forged)?;
        let notified = match (notice.event_type.as_str(), resource.associated_data.as_str()) {
            ("TRANSACTION.SUCCESS", "transaction") => {
                let trade: Transaction = serde_json::from_slice(&plain).map_err(|_| NotifyRejected::Malformed)?;
                if trade.trade_state != "SUCCESS" {
                    return Err(NotifyRejected::Malformed);
                }
                Notified {
                    status: TradeStatus::Paid,
                    kind: notice.event_type,
                    out_trade_no: trade.out_trade_no,
                    channel_trade_no: trade.transaction_id,
                    amount_fen: trade.amount.total,
                    merchant: trade.mchid,
                    app: trade.appid,
                    signature: signature.to_string(),
                    refund: None,
                }
            }
            ("REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED", "refund") => {
                let refund: Refund = serde_json::from_slice(&plain).map_err(|_| NotifyRejected::Malformed)?;
                let done = notice.event_type == "REFUND.SUCCESS" && refund.status == "SUCCESS";
                Notified {
                    // Only a refund given back settles one; the others are known by querying.
                    status: if done { TradeStatus::Paid } else { TradeStatus::NotStarted },
                    kind: notice.event_type,
                    out_trade_no: refund.out_trade_no,
                    channel_trade_no: refund.transaction_id,
                    amount_fen: refund.amount.total,
                    merchant: refund.mchid,
                    // A refund's resource names no app: the merchant is what it is addressed to.
                    app: self.app_id.clone(),
                    signature: signature.to_string(),
                    refund: done.then_some(refund.out_refund_no),
                }
            }
            _ => return Err(NotifyRejected::Malformed),
        };
        if notified.out_trade_no.is_empty() {
            return Err(NotifyRejected::Malformed);
        }
        if !self.is_ours(&notified.merchant, &notified.app) {
            return Err(NotifyRejected::NotOurs);
        }
        Ok(notified)
    }

    fn acknowledge(&self) -> Response {
        StatusCode::NO_CONTENT.into_response()
    }

    fn refuse(&self, why: NotifyRejected) -> Response {
        let refusal = super::notify::WechatRefusal { code: "FAIL".into(), message: why.as_str().into() };
        (StatusCode::BAD_REQUEST, axum::Json(refusal)).into_response()
    }
}

/// WeChat Pay's trade statement: a table whose every value is written after a backtick, then a
/// blank line and the totals. A refund's line has the state REFUND and its own number and amount.
fn read_bill(bill: &str) -> Result<Vec<StatementLine>, String> {
    let bill = bill.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bill.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name).ok_or(format!("the statement has no column {name}"));
    let (trade, state, paid, refund_no, refunded) =
        (column("商户订单号")?, column("交易状态")?, column("应结订单金额")?, column("商户退款单号")?, column("退款金额")?);
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // The table ends where the totals begin: their heading's values have no backtick.
        if !record.get(0).is_some_and(|first| first.trim().starts_with('`')) {
            break;
        }
        let field = |i: usize| record.get(i).unwrap_or_default().trim().trim_start_matches('`');
        let yuan = |i: usize| parse_yuan(field(i)).ok_or(format!("an amount that does not read: {}", field(i)));
        let line = match field(state) {
            "SUCCESS" => {
                StatementLine { kind: LineKind::Payment, out_trade_no: field(trade).into(), refund_no: None, amount_fen: yuan(paid)? }
            }
            "REFUND" => StatementLine {
                kind: LineKind::Refund,
                out_trade_no: field(trade).into(),
                refund_no: Some(field(refund_no).into()),
                amount_fen: yuan(refunded)?,
            },
            other => return Err(format!("a trade state not known: {other}")),
        };
        lines.push(line);
    }
    Ok(lines)
}

fn url_encoded(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_resource_opens_only_with_its_key_nonce_and_associated_data() {
        let key = *b"0123456789abcdef0123456789abcdef";
        let sealed = seal(&key, "nonce1234567", "transaction", b"{\"a\":1}");
        assert_eq!(open(&key, "nonce1234567", "transaction", &sealed).as_deref(), Some(&b"{\"a\":1}"[..]));
        assert!(open(&key, "nonce1234567", "refund", &sealed).is_none());
        assert!(open(&key, "nonce7654321", "transaction", &sealed).is_none());
        assert!(open(b"fedcba9876543210fedcba9876543210", "nonce1234567", "transaction", &sealed).is_none());
        assert!(open(&key, "nonce1234567", "transaction", "AAAA").is_none());
        assert!(open(&key, "nonce1234567", "transaction", "not base64!").is_none());
    }

    #[test]
    fn the_authorization_header_reads_back() {
        let written = Authorization {
            mchid: "1900000001".into(),
            nonce: "abc".into(),
            signature: "c2lnbg==".into(),
            timestamp: "1764640000".into(),
            serial: "5157F09E".into(),
        };
        let read = Authorization::parse(&written.header()).unwrap();
        assert_eq!((read.mchid.as_str(), read.signature.as_str(), read.serial.as_str()), ("1900000001", "c2lnbg==", "5157F09E"));
        assert!(Authorization::parse("Bearer x").is_none());
        assert!(Authorization::parse(&format!("{AUTH_SCHEME} mchid=\"1\"")).is_none());
    }

    #[test]
    fn a_statement_reads_its_payments_and_refunds_and_not_its_totals() {
        let bill = "交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易状态,应结订单金额,商户退款单号,退款金额\n\
            `2026-12-01 10:00:05,`wx1,`1900000109,`4200001,`TBP1,`SUCCESS,`10.00,`0,`0.00\n\
            `2026-12-01 11:00:00,`wx1,`1900000109,`4200001,`TBP1,`REFUND,`0.00,`TBP1R0,`3.00\n\n\
            总交易单数,应结订单总金额,退款总金额\n`1,`10.00,`3.00\n";
        let lines = read_bill(bill).unwrap();
        assert_eq!(lines.len(), 2);
        let crlf_without_a_blank_line = bill.replace("\n\n", "\n").replace('\n', "\r\n");
        assert_eq!(read_bill(&crlf_without_a_blank_line).unwrap(), lines);
        assert_eq!(lines[0], StatementLine { kind: LineKind::Payment, out_trade_no: "TBP1".into(), refund_no: None, amount_fen: 1000 });
        assert_eq!(lines[1].refund_no.as_deref(), Some("TBP1R0"));
        assert_eq!(lines[1].amount_fen, 300);
    }

    #[test]
    fn trade_states_map_to_what_the_portal_knows() {
        assert_eq!(status_of("REFUND"), Some(TradeStatus::Paid));
        assert_eq!(status_of("NOTPAY"), Some(TradeStatus::NotStarted));
        assert_eq!(status_of("PAYERROR"), Some(TradeStatus::Declined("PAYERROR".into())));
        assert_eq!(status_of("ELSE"), None);
    }
}
