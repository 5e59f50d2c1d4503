//! A channel in the style of Alipay's open API: requests are form posts to one gateway, signed
//! with the app's RSA2 key; answers are JSON whose `<method>_response` object is signed with the
//! platform's key; notifications are form posts signed the same way, answered with exactly
//! `success` (anything else is retried, about eight times over a day).

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use openssl::pkey::{PKey, Private, Public};
use serde::Deserialize;
use tongban_api::payments::{parse_yuan, yuan, PayChannel};

use super::channel::{
    ChannelError, ChannelFuture, Created, LineKind, NewRefund, NewTrade, Notified, NotifyRejected, PaymentChannel, RefundStatus,
    StatementLine, Trade, TradeStatus,
};
use super::rsa2;
use super::transport::InProcess;
use crate::clock::{parse_shanghai_datetime, shanghai_datetime, SECOND};

/// Where the gateway is; the sandbox serves it at this path.
pub const GATEWAY_PATH: &str = "/sandbox/alipay/gateway.do";
/// Where the channel's cashier pages are.
const CASHIER_PREFIX: &str = "/sandbox/alipay/cashier/";
/// Where notifications come to.
pub const NOTIFY_PATH: &str = "/pay/notify/alipay";
/// Where the channel's statements are downloaded from.
const BILLS_PREFIX: &str = "/sandbox/alipay/bills/";

pub struct Alipay {
    pub app_id: String,
    pub seller_id: String,
    pub app_key: PKey<Private>,
    pub platform_key: PKey<Public>,
    pub gateway: InProcess,
    /// The portal's address, for the notify URL the channel is given.
    pub public_origin: String,
    /// How old a notification may be, in microseconds.
    pub fresh: i64,
    pub clock: std::sync::Arc<dyn crate::clock::Clock>,
}

/// What the gateway answers inside `<method>_response`.
#[derive(Deserialize)]
struct Answer {
    code: String,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    sub_code: Option<String>,
    #[serde(default)]
    sub_msg: Option<String>,
    #[serde(default)]
    trade_no: Option<String>,
    #[serde(default)]
    trade_status: Option<String>,
    #[serde(default)]
    total_amount: Option<String>,
    #[serde(default)]
    seller_id: Option<String>,
    #[serde(default)]
    cashier_url: Option<String>,
    #[serde(default)]
    out_request_no: Option<String>,
    #[serde(default)]
    refund_status: Option<String>,
    #[serde(default)]
    bill_download_url: Option<String>,
}

/// `TRADE_CLOSED` tells why by its sub-code in this sandbox; a bare close is a close.
fn status_of(trade_status: &str, sub_code: Option<&str>) -> Option<TradeStatus> {
    Some(match trade_status {
        "WAIT_BUYER_PAY" => TradeStatus::Paying,
        "TRADE_SUCCESS" | "TRADE_FINISHED" => TradeStatus::Paid,
        "TRADE_CLOSED" => match sub_code {
            Some(code @ "ACQ.PAYMENT_FAIL") => TradeStatus::Declined(code.into()),
            Some(code @ "ACQ.SYSTEM_ERROR") => TradeStatus::BankError(code.into()),
            _ => TradeStatus::Closed,
        },
        _ => return None,
    })
}

/// The `<method>_response` object exactly as signed: the bytes between its name and the last
/// `,"sign":` — what Alipay's SDKs verify, since re-serialising would change them.
fn signed_part<'a>(body: &'a str, method: &str) -> Option<(&'a str, String)> {
    let name = format!("\"{}_response\":", method.replace('.', "_"));
    let start = body.find(&name)? + name.len();
    let end = body.rfind(",\"sign\":")?;
    let sign: serde_json::Value = serde_json::from_str(body).ok()?;
    Some((body.get(start..end)?, sign.get("sign")?.as_str()?.to_string()))
}

impl Alipay {
    async fn call(&self, method: &str, biz: serde_json::Value, extra: &[(&str, &str)]) -> Result<Answer, ChannelError> {
        let timestamp = shanghai_datetime(self.clock.now());
        let biz = biz.to_string();
        let mut params: Vec<(&str, &str)> = vec![
            ("app_id", &self.app_id),
            ("method", method),
            ("charset", "utf-8"),
            ("sign_type", "RSA2"),
            ("timestamp", &timestamp),
            ("version", "1.0"),
            ("biz_content", &biz),
        ];
        params.extend_from_slice(extra);
        let sign = rsa2::sign(&self.app_key, &rsa2::signing_content(params.iter().copied()));
        params.push(("sign", &sign));
        let form = serde_urlencoded::to_string(&params).map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        let request = Request::post(GATEWAY_PATH)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded;charset=utf-8")
            .body(Body::from(form))
            .map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        let (status, _, body) = self.gateway.send(request).await?;
        if status != StatusCode::OK {
            return Err(ChannelError::Unreachable(format!("gateway answered {status}")));
        }
        let body = std::str::from_utf8(&body).map_err(|_| ChannelError::Unreachable("answer is not UTF-8".into()))?;
        let (raw, sign) = signed_part(body, method).ok_or_else(|| ChannelError::Unreachable("answer without a signed part".into()))?;
        if !rsa2::verify(&self.platform_key, raw, &sign) {
            return Err(ChannelError::Unreachable("answer's signature does not verify".into()));
        }
        let answer: Answer = serde_json::from_str(raw).map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        // A system fault is no answer: what was asked may or may not have happened, so it is asked again.
        if answer.code == "20000" || answer.sub_code.as_deref().is_some_and(|c| c.starts_with("isp.") || c == "ACQ.SYSTEM_ERROR") {
            return Err(ChannelError::Unreachable(format!("the channel's system fault {}", answer.sub_code.unwrap_or(answer.code))));
        }
        if answer.code != "10000" {
            return Err(ChannelError::Refused {
                code: answer.sub_code.unwrap_or(answer.code),
                message: answer.sub_msg.unwrap_or(answer.msg),
            });
        }
        Ok(answer)
    }

    fn trade_of(&self, answer: Answer) -> Result<Trade, ChannelError> {
        if answer.seller_id.as_deref() != Some(self.seller_id.as_str()) {
            return Err(ChannelError::Unreachable("a trade answer for another merchant".into()));
        }
        let status = answer.trade_status.as_deref().and_then(|s| status_of(s, answer.sub_code.as_deref()));
        let amount = answer.total_amount.as_deref().and_then(parse_yuan);
        match (status, amount) {
            (Some(status), Some(amount_fen)) => Ok(Trade { status, channel_trade_no: answer.trade_no, amount_fen }),
            _ => Err(ChannelError::Unreachable("a trade answer without a known status or amount".into())),
        }
    }

    /// A trade the channel does not know answers as not started, as Alipay's query of an
    /// unpaid page-pay trade does.
    fn not_started(error: ChannelError) -> Result<Trade, ChannelError> {
        match error {
            ChannelError::Refused { code, .. } if code == "ACQ.TRADE_NOT_EXIST" => {
                Ok(Trade { status: TradeStatus::NotStarted, channel_trade_no: None, amount_fen: 0 })
            }
            other => Err(other),
        }
    }
}

impl PaymentChannel for Alipay {
    fn id(&self) -> PayChannel {
        PayChannel::Alipay
    }

    fn is_ours(&self, merchant: &str, app: &str) -> bool {
        merchant == self.seller_id && app == self.app_id
    }

    fn create<'a>(&'a self, trade: NewTrade<'a>) -> ChannelFuture<'a, Created> {
        Box::pin(async move {
            let notify_url = format!("{}{NOTIFY_PATH}", self.public_origin);
            let biz = serde_json::json!({
                "out_trade_no": trade.out_trade_no,
                "total_amount": yuan(trade.amount_fen),
                "subject": trade.subject,
                "product_code": "QUICK_WAP_WAY",
                "time_expire": shanghai_datetime(trade.time_expire),
            });
            let answer =
                self.call("alipay.trade.wap.pay", biz, &[("notify_url", notify_url.as_str()), ("return_url", trade.return_url)]).await?;
            // The payer is sent only to the channel's own cashier, whatever an answer says.
            let cashier_url = answer
                .cashier_url
                .filter(|url| url.starts_with(CASHIER_PREFIX))
                .ok_or_else(|| ChannelError::Unreachable("no cashier address of the channel's".into()))?;
            Ok(Created { cashier_url })
        })
    }

    fn query<'a>(&'a self, out_trade_no: &'a str) -> ChannelFuture<'a, Trade> {
        Box::pin(async move {
            match self.call("alipay.trade.query", serde_json::json!({ "out_trade_no": out_trade_no }), &[]).await {
                Ok(answer) => self.trade_of(answer),
                Err(error) => Self::not_started(error),
            }
        })
    }

    fn close<'a>(&'a self, out_trade_no: &'a str) -> ChannelFuture<'a, Trade> {
        Box::pin(async move {
            match self.call("alipay.trade.close", serde_json::json!({ "out_trade_no": out_trade_no }), &[]).await {
                Ok(answer) => self.trade_of(answer),
                // Closing what was paid meanwhile is refused; the query then says it was paid.
                Err(ChannelError::Refused { code, .. }) if code == "ACQ.TRADE_STATUS_ERROR" => self.query(out_trade_no).await,
                Err(error) => Self::not_started(error),
            }
        })
    }

    fn refund<'a>(&'a self, refund: NewRefund<'a>) -> ChannelFuture<'a, RefundStatus> {
        Box::pin(async move {
            let biz = serde_json::json!({
                "out_trade_no": refund.out_trade_no,
                "out_request_no": refund.out_request_no,
                "refund_amount": yuan(refund.amount_fen),
                "refund_reason": refund.reason,
            });
            // Taken is not yet done: the notification, or a query, says when the money is back.
            self.call("alipay.trade.refund", biz, &[]).await.map(|_| RefundStatus::Processing)
        })
    }

    fn query_refund<'a>(&'a self, out_trade_no: &'a str, out_request_no: &'a str) -> ChannelFuture<'a, RefundStatus> {
        Box::pin(async move {
            let biz = serde_json::json!({ "out_trade_no": out_trade_no, "out_request_no": out_request_no });
            let answer = self.call("alipay.trade.fastpay.refund.query", biz, &[]).await?;
            // Without REFUND_SUCCESS, Alipay's answer means "not received, or not given back".
            Ok(match (answer.refund_status.as_deref(), answer.out_request_no.as_deref()) {
                (Some("REFUND_SUCCESS"), Some(no)) if no == out_request_no => RefundStatus::Success,
                _ => RefundStatus::Unknown,
            })
        })
    }

    fn statement<'a>(&'a self, date: &'a str) -> ChannelFuture<'a, Vec<StatementLine>> {
        Box::pin(async move {
            let biz = serde_json::json!({ "bill_type": "trade", "bill_date": date });
            let answer = self.call("alipay.data.dataservice.bill.downloadurl.query", biz, &[]).await?;
            let url = answer
                .bill_download_url
                .filter(|url| url.starts_with(BILLS_PREFIX))
                .ok_or_else(|| ChannelError::Unreachable("no statement address of the channel's".into()))?;
            let request = Request::get(url).body(Body::empty()).map_err(|e| ChannelError::Unreachable(e.to_string()))?;
            let (status, _, bill) = self.gateway.send(request).await?;
            if status != StatusCode::OK {
                return Err(ChannelError::Unreachable(format!("the statement answered {status}")));
            }
            read_bill(&bill).map_err(ChannelError::Unreachable)
        })
    }

    fn read_notification(&self, _headers: &HeaderMap, body: &[u8], now: i64) -> Result<Notified, NotifyRejected> {
        let params: Vec<(String, String)> = serde_urlencoded::from_bytes(body).map_err(|_| NotifyRejected::Malformed)?;
        // A name given twice could be read one way and signed another.
        let mut names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            return Err(NotifyRejected::Malformed);
        }
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let signature = get("sign").ok_or(NotifyRejected::Malformed)?;
        if get("sign_type") != Some("RSA2") {
            return Err(NotifyRejected::Malformed);
        }
        let content = rsa2::signing_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if !rsa2::verify(&self.platform_key, &content, signature) {
            return Err(NotifyRejected::Forged);
        }
        let sent = get("notify_time").and_then(parse_shanghai_datetime).ok_or(NotifyRejected::Malformed)?;
        if (now - sent).abs() > self.fresh.max(SECOND) {
            return Err(NotifyRejected::Stale);
        }
        let kind = get("trade_status").ok_or(NotifyRejected::Malformed)?;
        let status = status_of(kind, get("sub_code")).ok_or(NotifyRejected::Malformed)?;
        let amount_fen = get("total_amount").and_then(parse_yuan).ok_or(NotifyRejected::Malformed)?;
        // A refund's notification names it, with what the trade has given back in all.
        let refund = match get("out_biz_no").filter(|n| !n.is_empty()) {
            Some(no) => {
                get("refund_fee").and_then(parse_yuan).ok_or(NotifyRejected::Malformed)?;
                Some(no.to_string())
            }
            None => None,
        };
        let notified = Notified {
            out_trade_no: get("out_trade_no").filter(|n| !n.is_empty()).ok_or(NotifyRejected::Malformed)?.to_string(),
            kind: kind.to_string(),
            status,
            channel_trade_no: get("trade_no").map(str::to_string),
            amount_fen,
            merchant: get("seller_id").unwrap_or_default().to_string(),
            app: get("app_id").unwrap_or_default().to_string(),
            signature: signature.to_string(),
            refund,
        };
        if !self.is_ours(&notified.merchant, &notified.app) {
            return Err(NotifyRejected::NotOurs);
        }
        Ok(notified)
    }

    fn acknowledge(&self) -> Response {
        ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "success").into_response()
    }

    fn refuse(&self, _why: NotifyRejected) -> Response {
        (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "failure").into_response()
    }
}

/// Alipay's trade statement (业务明细): `#` lines around a table whose columns are named in
/// Chinese; a refund's line is of business type 退款, its amounts negative.
fn read_bill(bill: &[u8]) -> Result<Vec<StatementLine>, String> {
    let bill = bill.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bill);
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).flexible(true).trim(csv::Trim::All).from_reader(bill);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).ok_or(format!("the statement has no column {name}"));
    let (trade, kind, amount, refund) =
        (column("商户订单号")?, column("业务类型")?, column("订单金额（元）")?, column("退款批次号/请求号")?);
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let field = |i: usize| record.get(i).unwrap_or_default();
        // A refund's amounts are written negative; a payment's never are.
        let (kind, refund_no, written) = match field(kind) {
            "交易" => (LineKind::Payment, None, field(amount)),
            "退款" => (LineKind::Refund, Some(field(refund).to_string()), field(amount).strip_prefix('-').unwrap_or("")),
            other => return Err(format!("a business type not known: {other}")),
        };
        let amount_fen = parse_yuan(written).ok_or(format!("an amount that does not read: {}", field(amount)))?;
        lines.push(StatementLine { kind, out_trade_no: field(trade).to_string(), refund_no, amount_fen });
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_reads_its_payments_and_refunds() {
        let bill = "#支付宝业务明细查询\n#账号：[2088000000000001]\n支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,订单金额（元）,商家实收（元）,退款批次号/请求号\n\
            2026120122001,TBP1\t,交易,驾驶证换证,2026-12-01 10:00:00,2026-12-01 10:00:05,10.00,10.00,\n\
            2026120122001,TBP1,退款,驾驶证换证,2026-12-01 10:00:00,2026-12-01 11:00:00,-3.00,-3.00,TBP1R0\n#交易合计：1笔\n";
        let lines = read_bill(bill.as_bytes()).unwrap();
        assert_eq!(lines[0], StatementLine { kind: LineKind::Payment, out_trade_no: "TBP1".into(), refund_no: None, amount_fen: 1000 });
        assert_eq!(
            lines[1],
            StatementLine { kind: LineKind::Refund, out_trade_no: "TBP1".into(), refund_no: Some("TBP1R0".into()), amount_fen: 300 }
        );
    }

    #[test]
    fn the_signed_part_is_the_bytes_as_sent() {
        let body = r#"{"alipay_trade_query_response":{"code":"10000","msg":"Success","total_amount":"10.00"},"sign":"abc"}"#;
        let (raw, sign) = signed_part(body, "alipay.trade.query").unwrap();
        assert_eq!(raw, r#"{"code":"10000","msg":"Success","total_amount":"10.00"}"#);
        assert_eq!(sign, "abc");
        assert!(signed_part(r#"{"other_response":{}}"#, "alipay.trade.query").is_none());
    }

    #[test]
    fn closed_trades_say_why() {
        assert_eq!(status_of("TRADE_CLOSED", Some("ACQ.PAYMENT_FAIL")), Some(TradeStatus::Declined("ACQ.PAYMENT_FAIL".into())));
        assert_eq!(status_of("TRADE_CLOSED", None), Some(TradeStatus::Closed));
        assert_eq!(status_of("TRADE_FINISHED", None), Some(TradeStatus::Paid));
        assert_eq!(status_of("SOMETHING", None), None);
    }
}
