//! The crash test: clients submit applications and pay their fees at the sandbox channel while
//! the server is killed (SIGKILL, no shutdown) at random moments — several times just after the
//! channel took a payment and before its notification was processed — and started again on the
//! same database. Afterwards every submission a client saw acknowledged exists, submitted,
//! exactly once, and none is duplicated; every order paid at the channel is a success, each fee
//! is paid by one order, and any other order paid for it is recorded as surplus.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use serde_json::{json, Value};

use crate::server::TestServer;

const CSRF: &str = "crash0test0csrf0token00000000000";
const KILLS: u32 = 20;
/// A real one-page PDF (uploads are parsed, not only sniffed).
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000054 00000 n \n0000000105 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n";

/// Demo people with level-2 accounts: (ID number, name, phone).
const CLIENTS: [(&str, &str, &str); 4] = [
    ("31010119900307241X", "张伟", "13800138000"),
    ("310105198511123624", "李娜", "13900139000"),
    ("31010419870415122X", "孙丽", "13011130001"),
    ("31011519830922351X", "吴强", "13011130002"),
];

/// A few hundred milliseconds, different each time.
fn jitter(range_ms: u64) -> Duration {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos() as u64);
    Duration::from_millis(nanos % range_ms)
}

struct Client {
    port: u16,
    session: String,
}

enum Answer {
    /// The server answered: status and body.
    Got(u16, Value),
    /// The connection failed or was cut: the server may or may not have acted.
    Lost,
}

impl Client {
    fn send(&self, method: &str, path: &str, content_type: &str, body: &[u8], extra: &str) -> Answer {
        let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else { return Answer::Lost };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: {content_type}\r\n\
             Cookie: tb_session={}; tb_csrf={CSRF}\r\nX-CSRF-Token: {CSRF}\r\n{extra}Content-Length: {}\r\n\r\n",
            self.session,
            body.len()
        );
        if stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body)).is_err() {
            return Answer::Lost;
        }
        let mut raw = Vec::new();
        if stream.read_to_end(&mut raw).is_err() {
            return Answer::Lost;
        }
        let text = String::from_utf8_lossy(&raw);
        let Some((head, body)) = text.split_once("\r\n\r\n") else { return Answer::Lost };
        let Some(status) = head.split(' ').nth(1).and_then(|s| s.parse().ok()) else { return Answer::Lost };
        if let Some(token) =
            head.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("set-cookie: tb_session=").map(|v| v.to_string()))
        {
            let token = token.split(';').next().unwrap_or("").to_string();
            if !token.is_empty() {
                return Answer::Got(
                    status,
                    json!({ "__session": token, "body": serde_json::from_str::<Value>(body).unwrap_or(Value::Null) }),
                );
            }
        }
        Answer::Got(status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    /// Sends until the server answers (it may be down for a moment).
    fn call(&self, method: &str, path: &str, body: Value) -> (u16, Value) {
        loop {
            match self.send(method, path, "application/json", body.to_string().as_bytes(), "") {
                Answer::Got(status, value) => return (status, value),
                Answer::Lost => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Where a 303 sends the browser, following nothing; `None` while the server is down.
    fn location(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Option<(u16, String)> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: {content_type}\r\n\
             Cookie: tb_session={}; tb_csrf={CSRF}\r\nContent-Length: {}\r\n\r\n",
            self.session,
            body.len()
        );
        stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body)).ok()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).ok()?;
        let text = String::from_utf8_lossy(&raw);
        let (head, _) = text.split_once("\r\n\r\n")?;
        let status = head.split(' ').nth(1)?.parse().ok()?;
        let location =
            head.lines().find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: "))).unwrap_or("").to_string();
        Some((status, location))
    }

    fn get(&self, path: &str) -> (u16, Value) {
        loop {
            match self.send("GET", path, "application/json", b"", "") {
                Answer::Got(status, value) => return (status, value),
                Answer::Lost => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

fn sign_in(port: u16, id: &str) -> Client {
    let mut client = Client { port, session: String::new() };
    let (status, answer) = client.call("POST", "/api/v1/auth/sign-in/password", json!({ "identifier": id, "password": "Tongban!2026" }));
    assert_eq!(status, 200, "{answer}");
    client.session = answer["__session"].as_str().unwrap_or_default().to_string();
    client
}

/// The date `days` from today in Shanghai, `YYYY-MM-DD` (days since the epoch to a civil date).
fn shanghai_date_in(days: i64) -> String {
    let secs = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64) + 8 * 3600;
    let z = secs.div_euclid(86_400) + days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A service the clients file, with its answers.
fn pages_of(service: &str, (id_number, name, phone): (&str, &str, &str)) -> Vec<(&'static str, Value)> {
    let applicant = ("applicant", json!({ "name": name, "id_number": id_number, "phone": phone }));
    match service {
        "JT-001" => vec![
            applicant,
            ("licence", json!({ "licence_class": "C1", "expires_on": shanghai_date_in(60), "reason": "expiry" })),
            ("health", json!({ "conditions": ["none"], "exam_hospital": "上海市第六人民医院", "exam_on": shanghai_date_in(-3) })),
            ("delivery", json!({ "delivery": "window" })),
        ],
        _ => vec![
            applicant,
            (
                "tenancy",
                json!({ "address": { "district": "xuhui", "detail": "漕溪北路 88 号 1201 室" }, "contract_filed": "yes", "filing_number": "20260001234",
                        "lease_start": "2026-01-01", "lease_end": "2026-12-31", "monthly_rent": "5200" }),
            ),
            ("withdrawal", json!({ "amount": "4500", "bank": "icbc", "account": "6222021234567890128" })),
        ],
    }
}

/// Fills, provides and submits one application for `service`; the id and number when the server
/// said so, or the id alone when the answer to the submission was lost.
fn submit_one(client: &Client, service: &str, who: (&str, &str, &str)) -> (String, Option<String>) {
    let phone = who.2;
    let (_, draft) = client.call("POST", "/api/v1/applications", json!({ "service_code": service }));
    let id = draft["id"].as_str().expect("a draft").to_string();
    for (page, answers) in pages_of(service, who) {
        loop {
            let version = client.get(&format!("/api/v1/applications/{id}")).1["version"].clone();
            let (status, _) = client.call(
                "POST",
                &format!("/api/v1/applications/{id}/pages"),
                json!({ "page": page, "answers": answers, "version": version }),
            );
            if status == 200 {
                break;
            }
        }
    }
    let (_, materials) = client.get(&format!("/api/v1/applications/{id}/materials"));
    for slot in materials["slots"].as_array().into_iter().flatten().filter(|s| s["provided"].is_null()) {
        let code = slot["code"].as_str().unwrap_or_default();
        if let Some(licence) = slot["licences"].as_array().and_then(|l| l.first()) {
            client.call(
                "POST",
                &format!("/api/v1/applications/{id}/materials/{code}/licence"),
                json!({ "licence_id": licence["id"], "confirmed": true }),
            );
        } else {
            while let Answer::Lost = client.send(
                "POST",
                &format!("/api/v1/applications/{id}/materials/{code}/upload"),
                "application/octet-stream",
                PDF,
                "X-Filename: a.pdf\r\n",
            ) {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
    loop {
        let (_, detail) = client.get(&format!("/api/v1/applications/{id}"));
        if detail["state"] == "submitted" {
            // Submitted before an answer could come back: it counts, unacknowledged.
            return (id, None);
        }
        let (status, declaration) = client.call("POST", &format!("/api/v1/applications/{id}/declaration"), json!({}));
        if status != 200 {
            continue;
        }
        let (_, outbox) = client.get("/api/v1/dev/outbox");
        let code = outbox
            .as_array()
            .into_iter()
            .flatten()
            .find(|m| m["phone"] == phone && m["body"].as_str().is_some_and(|b| b.contains("用于签署")))
            .and_then(|m| m["body"].as_str().and_then(|b| b.split(|c: char| !c.is_ascii_digit()).find(|p| p.len() == 6).map(String::from)));
        let Some(code) = code else { continue };
        match client.send(
            "POST",
            &format!("/api/v1/applications/{id}/submit"),
            "application/json",
            json!({ "digest": declaration["digest"], "code": code }).to_string().as_bytes(),
            "",
        ) {
            Answer::Got(200, submitted) => return (id, submitted["number"].as_str().map(String::from)),
            _ => continue,
        }
    }
}

/// A payment made in the crash test: the order, its fee and who made it.
struct Paid {
    order: String,
    fee: String,
}

/// Makes an order for `fee` (the same key until an answer comes) and follows its single-use
/// address to the channel's cashier: the order and the cashier's address, or `None` when the fee
/// is paid already or the address was spent by a request whose answer was lost.
fn open_cashier(client: &Client, fee: &str, key: &str) -> Option<(String, String)> {
    let order = loop {
        match client.send(
            "POST",
            &format!("/api/v1/fees/{fee}/payments"),
            "application/json",
            br#"{"channel":"alipay"}"#,
            &format!("Idempotency-Key: {key}\r\n"),
        ) {
            Answer::Got(200, order) => break order,
            // Paid already by the other tab, or waiting for its confirmation.
            Answer::Got(409, _) => return None,
            Answer::Got(status, answer) => {
                eprintln!("    an order for fee {fee} was refused: {status} {answer}");
                return None;
            }
            Answer::Lost => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let id = order["id"].as_str()?.to_string();
    // No way to the cashier: the order ended before the payer got there (the channel failed).
    let next = order["next_url"].as_str()?;
    let cashier = loop {
        match client.location("GET", next, "text/plain", b"") {
            Some((303, location)) => break location,
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    // A spent address leads to the payment's page, not the cashier.
    cashier.starts_with("/sandbox/").then_some((id, cashier))
}

/// Pays at the cashier, its notification held back a moment; true when the channel took the
/// money. Every third payer does not come back (only the notification can settle it).
fn pay_at_cashier(client: &Client, (id, cashier): &(String, String), paid: &AtomicBool, come_back: bool) -> bool {
    let back = loop {
        match client.location("POST", cashier, "application/x-www-form-urlencoded", b"action=pay&notify=delay") {
            Some((303, location)) => break Some(location),
            // The "cannot be paid" page: paid by this request before its answer was lost.
            Some((200, _)) => break None,
            Some((status, _)) if status < 500 && status != 408 => return false,
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    paid.store(true, Ordering::SeqCst);
    if let (true, Some(back)) = (come_back, back) {
        if let Some((_, token)) = back.split_once("token=") {
            client.call("POST", &format!("/api/v1/payments/{id}/return"), json!({ "token": token }));
        }
    }
    true
}

/// Files a driving-licence renewal and pays its fee; every fifth time two tabs are at the cashier
/// at once and both pay.
fn submit_and_pay(
    client: &Client,
    who: (&str, &str, &str),
    round: u32,
    paid: &AtomicBool,
) -> Result<((String, Option<String>), Vec<Paid>), String> {
    let submitted = submit_one(client, "JT-001", who);
    let asked = std::time::Instant::now();
    let fee = loop {
        let (_, detail) = client.get(&format!("/api/v1/applications/{}", submitted.0));
        if let Some(fee) = detail["fees"][0]["id"].as_str() {
            break fee.to_string();
        }
        if asked.elapsed() > Duration::from_secs(60) {
            return Err(format!("application {} owes no fee after it was submitted", submitted.0));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let key = format!("crash-{}-{round}", submitted.0);
    let mut tabs: Vec<(String, String)> = open_cashier(client, &fee, &key).into_iter().collect();
    if round % 5 == 0 {
        tabs.extend(open_cashier(client, &fee, &format!("{key}-tab")));
    }
    let payments = tabs
        .iter()
        .filter(|tab| pay_at_cashier(client, tab, paid, round % 3 != 0))
        .map(|(order, _)| Paid { order: order.clone(), fee: fee.clone() })
        .collect();
    Ok((submitted, payments))
}

/// Waits until every order paid at the cashier is a success, then checks each fee is paid by
/// one of them with one receipt, and every other is surplus, given back once in full; `(orders, surplus)`.
fn check_payments(clients: &[Client], payments: &[Vec<Paid>]) -> Result<(usize, usize), String> {
    let started = std::time::Instant::now();
    let (mut orders, mut surplus) = (0, 0);
    for (client, paid) in clients.iter().zip(payments) {
        for payment in paid {
            loop {
                let (_, order) = client.get(&format!("/api/v1/payments/{}", payment.order));
                if order["state"] == "success" {
                    break;
                }
                if started.elapsed() > Duration::from_secs(240) {
                    return Err(format!("order {} paid at the channel is {} after the crashes", payment.order, order["state"]));
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            orders += 1;
        }
        let mut fees: Vec<&str> = paid.iter().map(|p| p.fee.as_str()).collect();
        fees.dedup();
        for fee in fees {
            let (_, detail) = client.get(&format!("/api/v1/fees/{fee}"));
            if detail["fee"]["state"] != "paid" {
                return Err(format!("fee {fee} is {} though paid at the channel", detail["fee"]["state"]));
            }
            let paid_by = detail["fee"]["paid_by"].clone();
            let receipts: Vec<&serde_json::Value> =
                detail["orders"].as_array().into_iter().flatten().filter(|o| !o["receipt_id"].is_null()).collect();
            if receipts.len() != 1 || receipts[0]["id"] != paid_by {
                return Err(format!("fee {fee} has {} receipts; it should have one, for the order that paid it", receipts.len()));
            }
            for order in detail["orders"].as_array().into_iter().flatten().filter(|o| o["state"] == "success" && o["id"] != paid_by) {
                if order["surplus"] != "duplicate" {
                    return Err(format!("fee {fee} was paid twice, and order {} is not recorded as surplus", order["id"]));
                }
                let refunds = order["refunds"].as_array().cloned().unwrap_or_default();
                if refunds.len() != 1 || refunds[0]["cause"] != "duplicate" || refunds[0]["amount_fen"] != order["amount_fen"] {
                    return Err(format!("order {} paid twice is not given back exactly once in full: {refunds:?}", order["id"]));
                }
                surplus += 1;
            }
        }
    }
    Ok((orders, surplus))
}

pub fn crash_test(server: &mut TestServer) -> Result<(), String> {
    let port: u16 = server.base_url().rsplit(':').next().and_then(|p| p.parse().ok()).ok_or("no port")?;
    let clients: Vec<Client> = CLIENTS.iter().map(|(id, _, _)| sign_in(port, id)).collect();
    let killing = AtomicBool::new(true);
    let kills = AtomicU32::new(0);
    // Set when a payment was just made at the cashier: the next kill comes before its notification.
    let paid = AtomicBool::new(false);
    let kills_after_payment = AtomicU32::new(0);
    let results = std::thread::scope(|scope| {
        let workers: Vec<_> = clients
            .iter()
            .zip(CLIENTS)
            .map(|(client, who)| {
                let (killing, paid) = (&killing, &paid);
                scope.spawn(move || {
                    let (mut done, mut payments) = (Vec::new(), Vec::new());
                    let mut round = 0;
                    while killing.load(Ordering::SeqCst) {
                        round += 1;
                        if round % 2 == 0 {
                            match submit_and_pay(client, who, round / 2, paid) {
                                Ok((submitted, paid)) => {
                                    done.push(submitted);
                                    payments.extend(paid);
                                }
                                Err(e) => return Err(e),
                            }
                        } else {
                            done.push(submit_one(client, "GJJ-002", who));
                        }
                    }
                    Ok((done, payments))
                })
            })
            .collect();
        let mut outcome = Ok(());
        while kills.load(Ordering::SeqCst) < KILLS {
            if paid.swap(false, Ordering::SeqCst) {
                // The notification is held back a second: this kill comes before it is processed.
                std::thread::sleep(jitter(300));
                kills_after_payment.fetch_add(1, Ordering::SeqCst);
            } else {
                std::thread::sleep(Duration::from_millis(200) + jitter(1200));
            }
            if let Err(e) = server.crash_and_restart() {
                outcome = Err(e);
                break;
            }
            kills.fetch_add(1, Ordering::SeqCst);
        }
        killing.store(false, Ordering::SeqCst);
        let mut done: Vec<(Vec<(String, Option<String>)>, Vec<Paid>)> = Vec::new();
        for worker in workers {
            match worker.join() {
                Ok(Ok(work)) => done.push(work),
                Ok(Err(e)) => outcome = outcome.and(Err(e)),
                Err(_) => outcome = outcome.and(Err("a client thread panicked".to_string())),
            }
        }
        outcome.map(|()| done)
    })?;
    let (results, payments): (Vec<_>, Vec<_>) = results.into_iter().unzip();

    let (mut acknowledged, mut unacknowledged, mut found) = (0, 0, 0);
    for (client, done) in clients.iter().zip(&results) {
        let (_, list) = client.get("/api/v1/applications");
        let submitted: Vec<&Value> = list.as_array().into_iter().flatten().filter(|a| a["state"] == "submitted").collect();
        found += submitted.len();
        for (id, number) in done {
            let matches: Vec<&&Value> = submitted.iter().filter(|a| a["id"] == id.as_str()).collect();
            if matches.len() != 1 {
                return Err(format!("application {id} is there {} times after the crashes", matches.len()));
            }
            match number {
                Some(number) if matches[0]["number"] != number.as_str() => {
                    return Err(format!("application {id} was acknowledged as {number} but is {}", matches[0]["number"]));
                }
                Some(_) => acknowledged += 1,
                None => unacknowledged += 1,
            }
        }
        if submitted.len() != done.len() {
            return Err(format!("{} submissions made, {} submitted applications found: a duplicate", done.len(), submitted.len()));
        }
    }
    println!(
        "    crash test: {} kills; {acknowledged} submissions acknowledged and {unacknowledged} submitted as the answer was lost; \
         {found} submitted applications found, each exactly once",
        kills.load(Ordering::SeqCst)
    );
    let (orders, surplus) = check_payments(&clients, &payments)?;
    println!(
        "    payments: {} kills came just after the channel took a payment; {orders} orders paid at the channel are each a success, \
         every fee is paid by one order with one receipt, {surplus} paid twice (two tabs) are recorded as surplus and given back once in full",
        kills_after_payment.load(Ordering::SeqCst)
    );
    Ok(())
}
