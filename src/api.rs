//! The one typed client of the API: base path, JSON, language, CSRF header, timeout, and every
//! failure mapped to `ApiError`.

use std::cell::Cell;

use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tongban_api::applications::{
    ApplicationDetail, ApplicationSummary, BookRequest, BookingView, Declaration, Message, PasskeyDeclaration, SavePageRequest,
    StartApplicationRequest, SubmitRequest, UnreadCount, WindowSlots,
};
use tongban_api::catalogue::{CatalogueQuery, Department, ServiceGuide, ServicePage, Theme};
use tongban_api::companies::{ActAsRequest, AddAgentRequest, AgentView, BindCompanyRequest, CompanyView};
use tongban_api::decisions::{DecisionPage, DecisionQuery};
use tongban_api::delivery::{HandOverRequest, OriginalsCheckInRequest, PickupCase, PickupLookupRequest, PostalAddress, SavedAddress};
use tongban_api::dev::OutboxMessage;
use tongban_api::feedback::{DepartmentFeedback, GuideFeedbackRequest};
use tongban_api::identity::{
    AccountEvent, ActiveSession, ChangePasswordRequest, ChangePhoneRequest, ConfirmIdentityRequest, PasswordSignInRequest,
    PhoneCodeRequest, RegisterRequest, SendCodeRequest, SendCodeResponse, SessionView, SmsSignInRequest, TextsLanguageRequest, CSRF_COOKIE,
    CSRF_HEADER,
};
use tongban_api::materials::{FileView, MaterialsView, UseFileRequest, UseLicenceRequest, UPLOAD_FILENAME_HEADER};
use tongban_api::passkeys::{
    AddPasskeyRequest, PasskeyCreationOptions, PasskeyRequestOptions, PasskeySignInRequest, PasskeyView, RenamePasskeyRequest,
};
use tongban_api::payments::{
    AssessFeeRequest, CreatePaymentRequest, FeeDetail, PaymentView, Reconciliation, ReconciliationQuery, RefundRequest, ReturnRequest,
    IDEMPOTENCY_HEADER,
};
use tongban_api::ratings::{FollowUpCase, FollowUpItem, FollowUpStepRequest, HandlingRating, RateRequest, RatingPeriod, RatingStatistics};
use tongban_api::receipts::{ReceiptCheck, ReceiptCheckRequest, ReceiptView};
use tongban_api::staff::{
    ActionRequest, CaseView, QueueItem, QueueQuery, StaffCodeRequest, StaffPasswordRequest, StaffService, StaffSessionView,
    StaffSignInChallenge, StaffSignInRequest, StartForPersonRequest, StartedForPerson,
};
use tongban_api::tickets::{
    FileTicketRequest, StaffTicketView, TicketActionRequest, TicketFiled, TicketReplyRequest, TicketSummary, TicketView,
};
use tongban_api::verification::{VerificationStatus, VerifyByBankCardRequest, VerifyBySmsRequest};
use tongban_api::wallet::{
    AuthorisationView, AuthoriseRequest, DataUseQuery, DataUseView, LicenceDocument, PresentRequest, Presentation, RedeemRequest,
    RedeemedLicence, RevokeLicenceRequest, Verification, VerifyRequest, Wallet, WalletLicence,
};
use tongban_api::{ErrorCode, Lang, API_PREFIX};
use wasm_bindgen::JsCast;

pub use tongban_api::ApiErrorBody as ApiError;

const TIMEOUT_MS: u32 = 15_000;

thread_local! {
    /// When the server last answered, in ms since the epoch: every answer restarts its idle clock.
    static LAST_CONTACT: Cell<f64> = const { Cell::new(0.0) };
}

pub fn last_contact() -> f64 {
    LAST_CONTACT.with(Cell::get)
}

fn unavailable() -> ApiError {
    ApiError { code: ErrorCode::Unavailable, message: String::new(), fields: Default::default() }
}

/// The CSRF cookie the server set, echoed in a header to prove the request comes from this app.
fn csrf_token() -> String {
    let cookies = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default();
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == CSRF_COOKIE)
        .map(|(_, value)| value.to_string())
        .unwrap_or_default()
}

/// One exchange with the API, answering the body of a success. It is not generic, so every call
/// shares this one request future and only the parsing differs per type (a smaller app).
async fn exchange(method: Method, path: &str, body: Option<String>, lang: Lang) -> Result<String, ApiError> {
    exchange_with(method, path, body, lang, None).await
}

/// [`exchange`], with one more header (an Idempotency-Key).
async fn exchange_with(
    method: Method,
    path: &str,
    body: Option<String>,
    lang: Lang,
    header: Option<(&str, &str)>,
) -> Result<String, ApiError> {
    if method == Method::GET {
        if let Some(answer) = answered_with_page(path) {
            // Drawn in a task of its own: starting the app is then several short tasks instead
            // of one long one, and a slow phone answers a tap in between.
            next_task().await;
            return Ok(answer);
        }
    }
    let builder = RequestBuilder::new(&format!("{API_PREFIX}{path}")).method(method);
    let signal = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let builder = builder.header("Accept", "application/json").header("Accept-Language", lang.tag()).abort_signal(Some(&signal));
    let builder = match header {
        Some((name, value)) => builder.header(name, value),
        None => builder,
    };
    let request = match body {
        Some(json) => {
            builder.header("Content-Type", "application/json").header(CSRF_HEADER, &csrf_token()).body(json).map_err(|_| unavailable())?
        }
        None => builder.build().map_err(|_| unavailable())?,
    };
    let response = request.send().await.map_err(|_| unavailable())?;
    LAST_CONTACT.with(|c| c.set(js_sys::Date::now()));
    let ok = response.ok();
    let text = response.text().await.map_err(|_| unavailable())?;
    if ok {
        return Ok(text);
    }
    // A proxy or a crashed server answers without our error shape: treat it as unavailable.
    Err(serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| unavailable()))
}

/// Resolves in a later task, after the browser has had a turn.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// An answer the server sent with the page for `path` (see the server's `web::shell`): used
/// once, for the page's first draw, so it appears without asking again.
fn answered_with_page(path: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let script = document.query_selector(&format!("script[data-answer=\"{API_PREFIX}{path}\"]")).ok()??;
    script.remove();
    script.text_content()
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|_| unavailable())
}

async fn get<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    parse(&exchange(Method::GET, path, None, lang).await?)
}

fn to_json(body: &impl Serialize) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| unavailable())
}

async fn post<T: DeserializeOwned>(path: &str, body: &impl Serialize, lang: Lang) -> Result<T, ApiError> {
    let body = to_json(body)?;
    parse(&exchange(Method::POST, path, Some(body), lang).await?)
}

async fn put<T: DeserializeOwned>(path: &str, body: &impl Serialize, lang: Lang) -> Result<T, ApiError> {
    let body = to_json(body)?;
    parse(&exchange(Method::PUT, path, Some(body), lang).await?)
}

/// A POST whose success has no body (204).
async fn post_done(path: &str, body: &impl Serialize, lang: Lang) -> Result<(), ApiError> {
    let body = to_json(body)?;
    exchange(Method::POST, path, Some(body), lang).await.map(|_| ())
}

fn nothing() -> serde_json::Value {
    serde_json::json!({})
}

pub use tongban_api::{encode_component as encode, query_string};

pub async fn search_services(query: &CatalogueQuery, lang: Lang) -> Result<ServicePage, ApiError> {
    get(&format!("/services{}", query_string(&query.pairs())), lang).await
}

pub async fn decisions(query: &DecisionQuery, lang: Lang) -> Result<DecisionPage, ApiError> {
    get(&format!("/decisions{}", query_string(&query.pairs())), lang).await
}

pub async fn service_guide(code: &str, lang: Lang) -> Result<ServiceGuide, ApiError> {
    get(&format!("/services/{}", encode(code)), lang).await
}

pub async fn guide_feedback(code: &str, request: &GuideFeedbackRequest, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/services/{}/feedback", encode(code)), request, lang).await
}

pub async fn staff_feedback(lang: Lang) -> Result<DepartmentFeedback, ApiError> {
    get("/staff/feedback", lang).await
}

/// What a person rates: an application's decision, or a closed ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rated {
    Application,
    Ticket,
}

impl Rated {
    /// The page of the rated thing, `/applications/{id}` or `/tickets/{id}`; its API path is the same.
    pub fn page(self, id: &str) -> String {
        match self {
            Rated::Application => format!("/applications/{}", encode(id)),
            Rated::Ticket => format!("/tickets/{}", encode(id)),
        }
    }
}

pub async fn rating(rated: Rated, id: &str, lang: Lang) -> Result<HandlingRating, ApiError> {
    get(&format!("{}/rating", rated.page(id)), lang).await
}

/// Rates the decision or the ticket, or makes the one revision of the rating.
pub async fn rate(rated: Rated, id: &str, request: &RateRequest, revision: bool, lang: Lang) -> Result<HandlingRating, ApiError> {
    let path = format!("{}/rating", rated.page(id));
    if revision {
        put(&path, request, lang).await
    } else {
        post(&path, request, lang).await
    }
}

pub async fn rating_statistics(period: RatingPeriod, lang: Lang) -> Result<RatingStatistics, ApiError> {
    get(&format!("/ratings{}", query_string(&[("period", period.as_str())])), lang).await
}

pub async fn staff_follow_ups(lang: Lang) -> Result<Vec<FollowUpItem>, ApiError> {
    get("/staff/follow-ups", lang).await
}

pub async fn staff_follow_up(id: &str, lang: Lang) -> Result<FollowUpCase, ApiError> {
    get(&format!("/staff/follow-ups/{}", encode(id)), lang).await
}

/// Records the follow-up's next step: `contacted` or `put-right`.
pub async fn staff_follow_up_step(id: &str, step: &str, request: &FollowUpStepRequest, lang: Lang) -> Result<FollowUpCase, ApiError> {
    post(&format!("/staff/follow-ups/{}/{step}", encode(id)), request, lang).await
}

pub async fn file_ticket(request: &FileTicketRequest, lang: Lang) -> Result<TicketFiled, ApiError> {
    post("/tickets", request, lang).await
}

pub async fn my_tickets(lang: Lang) -> Result<Vec<TicketSummary>, ApiError> {
    get("/tickets", lang).await
}

pub async fn ticket(id: &str, lang: Lang) -> Result<TicketView, ApiError> {
    get(&format!("/tickets/{}", encode(id)), lang).await
}

pub async fn reply_to_ticket(id: &str, request: &TicketReplyRequest, lang: Lang) -> Result<TicketView, ApiError> {
    post(&format!("/tickets/{}/reply", encode(id)), request, lang).await
}

pub async fn staff_tickets(lang: Lang) -> Result<Vec<TicketSummary>, ApiError> {
    get("/staff/tickets", lang).await
}

pub async fn staff_ticket(id: &str, lang: Lang) -> Result<StaffTicketView, ApiError> {
    get(&format!("/staff/tickets/{}", encode(id)), lang).await
}

pub async fn staff_ticket_act(id: &str, request: &TicketActionRequest, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/staff/tickets/{}/actions", encode(id)), request, lang).await
}

pub async fn departments(lang: Lang) -> Result<Vec<Department>, ApiError> {
    get("/departments", lang).await
}

pub async fn themes(lang: Lang) -> Result<Vec<Theme>, ApiError> {
    get("/themes", lang).await
}

pub async fn session(lang: Lang) -> Result<SessionView, ApiError> {
    get("/session", lang).await
}

pub async fn keep_alive(lang: Lang) -> Result<SessionView, ApiError> {
    post("/session/keep-alive", &nothing(), lang).await
}

pub async fn send_code(request: &SendCodeRequest, lang: Lang) -> Result<SendCodeResponse, ApiError> {
    post("/auth/codes", request, lang).await
}

pub async fn register(request: &RegisterRequest, lang: Lang) -> Result<SessionView, ApiError> {
    post("/auth/register", request, lang).await
}

pub async fn sign_in_password(request: &PasswordSignInRequest, lang: Lang) -> Result<SessionView, ApiError> {
    post("/auth/sign-in/password", request, lang).await
}

pub async fn sign_in_sms(request: &SmsSignInRequest, lang: Lang) -> Result<SessionView, ApiError> {
    post("/auth/sign-in/sms", request, lang).await
}

pub async fn verification_status(lang: Lang) -> Result<VerificationStatus, ApiError> {
    get("/account/verification", lang).await
}

pub async fn send_verification_code(lang: Lang) -> Result<SendCodeResponse, ApiError> {
    post("/account/verification/sms-code", &nothing(), lang).await
}

pub async fn verify_by_sms(request: &VerifyBySmsRequest, lang: Lang) -> Result<(), ApiError> {
    post_done("/account/verification/sms", request, lang).await
}

pub async fn verify_by_bank_card(request: &VerifyByBankCardRequest, lang: Lang) -> Result<(), ApiError> {
    post_done("/account/verification/bank-card", request, lang).await
}

pub async fn companies(lang: Lang) -> Result<Vec<CompanyView>, ApiError> {
    get("/account/companies", lang).await
}

pub async fn bind_company(request: &BindCompanyRequest, lang: Lang) -> Result<Vec<CompanyView>, ApiError> {
    post("/account/companies", request, lang).await
}

pub async fn agents(credit_code: &str, lang: Lang) -> Result<Vec<AgentView>, ApiError> {
    get(&format!("/account/companies/{}/agents", encode(credit_code)), lang).await
}

pub async fn add_agent(credit_code: &str, request: &AddAgentRequest, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/account/companies/{}/agents", encode(credit_code)), request, lang).await
}

pub async fn remove_agent(credit_code: &str, agent_id: &str, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/account/companies/{}/agents/{}/remove", encode(credit_code), encode(agent_id)), &nothing(), lang).await
}

pub async fn act_as(request: &ActAsRequest, lang: Lang) -> Result<SessionView, ApiError> {
    post("/session/acting-as", request, lang).await
}

pub async fn sign_out(lang: Lang) -> Result<(), ApiError> {
    post_done("/auth/sign-out", &nothing(), lang).await
}

pub async fn sign_out_everywhere(lang: Lang) -> Result<(), ApiError> {
    post_done("/auth/sign-out-everywhere", &nothing(), lang).await
}

pub async fn sessions(lang: Lang) -> Result<Vec<ActiveSession>, ApiError> {
    get("/account/sessions", lang).await
}

pub async fn end_session(id: &str, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/account/sessions/{}/end", encode(id)), &nothing(), lang).await
}

pub async fn account_history(lang: Lang) -> Result<Vec<AccountEvent>, ApiError> {
    get("/account/history", lang).await
}

pub async fn send_phone_change_code(request: &PhoneCodeRequest, lang: Lang) -> Result<SendCodeResponse, ApiError> {
    post("/account/phone/code", request, lang).await
}

pub async fn change_phone(request: &ChangePhoneRequest, lang: Lang) -> Result<(), ApiError> {
    post_done("/account/phone", request, lang).await
}

pub async fn send_confirm_code(lang: Lang) -> Result<SendCodeResponse, ApiError> {
    post("/session/confirm/code", &nothing(), lang).await
}

pub async fn confirm_identity(request: &ConfirmIdentityRequest, lang: Lang) -> Result<(), ApiError> {
    post_done("/session/confirm", request, lang).await
}

pub async fn set_texts_language(request: &TextsLanguageRequest, lang: Lang) -> Result<SessionView, ApiError> {
    post("/account/texts-language", request, lang).await
}

pub async fn change_password(request: &ChangePasswordRequest, lang: Lang) -> Result<(), ApiError> {
    post_done("/account/password", request, lang).await
}

pub async fn start_application(request: &StartApplicationRequest, lang: Lang) -> Result<ApplicationDetail, ApiError> {
    post("/applications", request, lang).await
}

pub async fn applications(lang: Lang) -> Result<Vec<ApplicationSummary>, ApiError> {
    get("/applications", lang).await
}

pub async fn application(id: &str, lang: Lang) -> Result<ApplicationDetail, ApiError> {
    get(&format!("/applications/{}", encode(id)), lang).await
}

pub async fn save_page(id: &str, request: &SavePageRequest, lang: Lang) -> Result<ApplicationDetail, ApiError> {
    post(&format!("/applications/{}/pages", encode(id)), request, lang).await
}

pub async fn declaration(id: &str, lang: Lang) -> Result<Declaration, ApiError> {
    post(&format!("/applications/{}/declaration", encode(id)), &nothing(), lang).await
}

pub async fn slots(id: &str, lang: Lang) -> Result<Vec<WindowSlots>, ApiError> {
    get(&format!("/applications/{}/slots", encode(id)), lang).await
}

pub async fn book(id: &str, request: &BookRequest, lang: Lang) -> Result<BookingView, ApiError> {
    post(&format!("/applications/{}/booking", encode(id)), request, lang).await
}

pub async fn cancel_booking(id: &str, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/applications/{}/booking/cancel", encode(id)), &nothing(), lang).await
}

pub async fn passkey_declaration(id: &str, lang: Lang) -> Result<PasskeyDeclaration, ApiError> {
    post(&format!("/applications/{}/declaration/passkey", encode(id)), &nothing(), lang).await
}

pub async fn submit_application(id: &str, request: &SubmitRequest, lang: Lang) -> Result<ApplicationDetail, ApiError> {
    post(&format!("/applications/{}/submit", encode(id)), request, lang).await
}

pub async fn fee(id: &str, lang: Lang) -> Result<FeeDetail, ApiError> {
    get(&format!("/fees/{}", encode(id)), lang).await
}

/// Makes an order to pay a fee. `key` makes the press safe to repeat: the same key gets the same order.
/// A key for one press of a button that moves money: pressing again after a lost answer is the
/// same request, not a second one.
pub fn idempotency_key() -> String {
    format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e15) as u64)
}

pub async fn create_payment(fee: &str, request: &CreatePaymentRequest, key: &str, lang: Lang) -> Result<PaymentView, ApiError> {
    let body = to_json(request)?;
    parse(
        &exchange_with(Method::POST, &format!("/fees/{}/payments", encode(fee)), Some(body), lang, Some((IDEMPOTENCY_HEADER, key))).await?,
    )
}

pub async fn payment(id: &str, lang: Lang) -> Result<PaymentView, ApiError> {
    get(&format!("/payments/{}", encode(id)), lang).await
}

pub async fn return_from_cashier(id: &str, request: &ReturnRequest, lang: Lang) -> Result<PaymentView, ApiError> {
    post(&format!("/payments/{}/return", encode(id)), request, lang).await
}

pub async fn cancel_payment(id: &str, lang: Lang) -> Result<PaymentView, ApiError> {
    post(&format!("/payments/{}/cancel", encode(id)), &nothing(), lang).await
}

pub async fn withdraw_application(id: &str, lang: Lang) -> Result<ApplicationDetail, ApiError> {
    post(&format!("/applications/{}/withdraw", encode(id)), &nothing(), lang).await
}

pub async fn delete_application(id: &str, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/applications/{}/delete", encode(id)), &nothing(), lang).await
}

pub async fn materials(id: &str, lang: Lang) -> Result<MaterialsView, ApiError> {
    get(&format!("/applications/{}/materials", encode(id)), lang).await
}

pub async fn use_licence(id: &str, code: &str, request: &UseLicenceRequest, lang: Lang) -> Result<MaterialsView, ApiError> {
    post(&format!("/applications/{}/materials/{}/licence", encode(id), encode(code)), request, lang).await
}

pub async fn use_earlier_file(id: &str, code: &str, request: &UseFileRequest, lang: Lang) -> Result<MaterialsView, ApiError> {
    post(&format!("/applications/{}/materials/{}/file", encode(id), encode(code)), request, lang).await
}

pub async fn remove_material(id: &str, code: &str, lang: Lang) -> Result<MaterialsView, ApiError> {
    post(&format!("/applications/{}/materials/{}/remove", encode(id), encode(code)), &nothing(), lang).await
}

/// Uploads a file for a material; `progress` gets the fraction sent.
pub async fn upload_material(
    id: &str,
    code: &str,
    file: web_sys::File,
    lang: Lang,
    progress: impl Fn(f64) + 'static,
) -> Result<MaterialsView, ApiError> {
    upload(&format!("/applications/{}/materials/{}/upload", encode(id), encode(code)), file, lang, progress).await
}

/// Uploads a file that answers a question of the form; `progress` gets the fraction sent.
pub async fn upload_answer_file(
    id: &str,
    field: &str,
    file: web_sys::File,
    lang: Lang,
    progress: impl Fn(f64) + 'static,
) -> Result<FileView, ApiError> {
    upload(&format!("/applications/{}/answers/{}/upload", encode(id), encode(field)), file, lang, progress).await
}

/// Uploads `file` to `path` with XMLHttpRequest, which (unlike fetch) reports upload progress;
/// the same headers, timeout and error mapping as every other call.
async fn upload<T: DeserializeOwned>(path: &str, file: web_sys::File, lang: Lang, progress: impl Fn(f64) + 'static) -> Result<T, ApiError> {
    use wasm_bindgen::closure::Closure;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| unavailable())?;
    xhr.open("POST", &format!("{API_PREFIX}{path}")).map_err(|_| unavailable())?;
    xhr.set_timeout(TIMEOUT_MS);
    for (name, value) in [
        ("Accept", "application/json".to_string()),
        ("Accept-Language", lang.tag().to_string()),
        ("Content-Type", "application/octet-stream".to_string()),
        (CSRF_HEADER, csrf_token()),
        (UPLOAD_FILENAME_HEADER, encode(&file.name())),
    ] {
        xhr.set_request_header(name, &value).map_err(|_| unavailable())?;
    }
    let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            progress(event.loaded() / event.total());
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // `loadend` follows every ending: success, error, abort and timeout.
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        let on_end = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        xhr.set_onloadend(Some(on_end.unchecked_ref()));
    });
    xhr.send_with_opt_blob(Some(&file)).map_err(|_| unavailable())?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(on_progress);
    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        // Never reached the server (offline, timed out): nothing answered, so no idle clock restarted.
        return Err(unavailable());
    }
    LAST_CONTACT.with(|c| c.set(js_sys::Date::now()));
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|_| unavailable())
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|_| unavailable()))
    }
}

pub async fn wallet(lang: Lang) -> Result<Wallet, ApiError> {
    get("/wallet", lang).await
}

pub async fn wallet_licence(id: &str, lang: Lang) -> Result<LicenceDocument, ApiError> {
    get(&format!("/wallet/licences/{}", encode(id)), lang).await
}

/// Where the licence's sealed copy downloads from.
pub fn signed_copy_href(id: &str) -> String {
    format!("{API_PREFIX}/wallet/licences/{}/signed", encode(id))
}

pub async fn present_licence(id: &str, request: &PresentRequest, lang: Lang) -> Result<Presentation, ApiError> {
    post(&format!("/wallet/licences/{}/presentations", encode(id)), request, lang).await
}

pub async fn verify_code(request: &VerifyRequest, lang: Lang) -> Result<Verification, ApiError> {
    post("/verify", request, lang).await
}

pub async fn check_receipt(request: &ReceiptCheckRequest, lang: Lang) -> Result<ReceiptCheck, ApiError> {
    post("/verify/receipt", request, lang).await
}

pub async fn receipt(id: &str, lang: Lang) -> Result<ReceiptView, ApiError> {
    get(&format!("/receipts/{}", encode(id)), lang).await
}

pub async fn receipts(lang: Lang) -> Result<Vec<ReceiptView>, ApiError> {
    get("/account/receipts", lang).await
}

pub async fn authorise_licence(id: &str, request: &AuthoriseRequest, lang: Lang) -> Result<AuthorisationView, ApiError> {
    post(&format!("/wallet/licences/{}/authorisations", encode(id)), request, lang).await
}

pub async fn authorisations(lang: Lang) -> Result<Vec<AuthorisationView>, ApiError> {
    get("/wallet/authorisations", lang).await
}

pub async fn revoke_authorisation(id: &str, lang: Lang) -> Result<Vec<AuthorisationView>, ApiError> {
    post(&format!("/wallet/authorisations/{}/revoke", encode(id)), &nothing(), lang).await
}

/// Who types a licence use code: an officer for their department, or a person for the company
/// they act for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redeemer {
    Officer,
    Company,
}

pub async fn redeem_licence(by: Redeemer, request: &RedeemRequest, lang: Lang) -> Result<RedeemedLicence, ApiError> {
    let path = match by {
        Redeemer::Officer => "/staff/licence-uses",
        Redeemer::Company => "/wallet/licence-uses",
    };
    post(path, request, lang).await
}

pub async fn reconciliation(query: &ReconciliationQuery, lang: Lang) -> Result<Reconciliation, ApiError> {
    get(&format!("/staff/reconciliation{}", query_string(&[("date", query.date.trim())])), lang).await
}

pub async fn look_up_pickup(request: &PickupLookupRequest, lang: Lang) -> Result<PickupCase, ApiError> {
    post("/staff/pickups/lookup", request, lang).await
}

pub async fn hand_over_pickup(request: &HandOverRequest, lang: Lang) -> Result<PickupCase, ApiError> {
    post("/staff/pickups/handover", request, lang).await
}

pub async fn staff_licences(number: &str, lang: Lang) -> Result<Vec<WalletLicence>, ApiError> {
    get(&format!("/staff/licences{}", query_string(&[("number", number)])), lang).await
}

pub async fn staff_revoke_licence(id: &str, request: &RevokeLicenceRequest, lang: Lang) -> Result<WalletLicence, ApiError> {
    post(&format!("/staff/licences/{}/revoke", encode(id)), request, lang).await
}

fn data_use_pairs(query: &DataUseQuery) -> Vec<(&'static str, &str)> {
    [("from", query.from.as_deref()), ("to", query.to.as_deref())].into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
}

pub async fn data_uses(query: &DataUseQuery, lang: Lang) -> Result<Vec<DataUseView>, ApiError> {
    get(&format!("/account/data-uses{}", query_string(&data_use_pairs(query))), lang).await
}

/// Where the same list downloads as CSV, in `lang`.
pub fn data_uses_csv_href(query: &DataUseQuery, lang: Lang) -> String {
    let mut pairs = data_use_pairs(query);
    pairs.push(("lang", lang.tag()));
    format!("{API_PREFIX}/account/data-uses.csv{}", query_string(&pairs))
}

pub async fn messages(lang: Lang) -> Result<Vec<Message>, ApiError> {
    get("/messages", lang).await
}

pub async fn unread_messages(lang: Lang) -> Result<UnreadCount, ApiError> {
    get("/messages/unread", lang).await
}

pub async fn mark_message_read(id: &str, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/messages/{}/read", encode(id)), &nothing(), lang).await
}

pub async fn staff_session(lang: Lang) -> Result<StaffSessionView, ApiError> {
    get("/staff/session", lang).await
}

pub async fn staff_sign_in_code(request: &StaffCodeRequest, lang: Lang) -> Result<StaffSessionView, ApiError> {
    post("/staff/sign-in/code", request, lang).await
}

pub async fn staff_set_password(request: &StaffPasswordRequest, lang: Lang) -> Result<(), ApiError> {
    post_done("/staff/password", request, lang).await
}

pub async fn staff_sign_in(request: &StaffSignInRequest, lang: Lang) -> Result<StaffSignInChallenge, ApiError> {
    post("/staff/sign-in", request, lang).await
}

pub async fn staff_sign_out(lang: Lang) -> Result<(), ApiError> {
    post_done("/staff/sign-out", &nothing(), lang).await
}

pub async fn staff_queue(query: &QueueQuery, lang: Lang) -> Result<Vec<QueueItem>, ApiError> {
    get(&format!("/staff/applications{}", query_string(&query.pairs())), lang).await
}

pub async fn staff_services(lang: Lang) -> Result<Vec<StaffService>, ApiError> {
    get("/staff/services", lang).await
}

pub async fn staff_start_for_person(request: &StartForPersonRequest, lang: Lang) -> Result<StartedForPerson, ApiError> {
    post("/staff/applications", request, lang).await
}

pub async fn staff_case(id: &str, lang: Lang) -> Result<CaseView, ApiError> {
    get(&format!("/staff/applications/{}", encode(id)), lang).await
}

pub async fn staff_act(id: &str, request: &ActionRequest, lang: Lang) -> Result<CaseView, ApiError> {
    post(&format!("/staff/applications/{}/actions", encode(id)), request, lang).await
}

pub async fn staff_assess_fee(id: &str, request: &AssessFeeRequest, lang: Lang) -> Result<CaseView, ApiError> {
    post(&format!("/staff/applications/{}/fees", encode(id)), request, lang).await
}

pub async fn staff_refund(id: &str, request: &RefundRequest, key: &str, lang: Lang) -> Result<CaseView, ApiError> {
    let body = to_json(request)?;
    let uri = format!("/staff/applications/{}/refunds", encode(id));
    parse(&exchange_with(Method::POST, &uri, Some(body), lang, Some((IDEMPOTENCY_HEADER, key))).await?)
}

pub async fn addresses(lang: Lang) -> Result<Vec<SavedAddress>, ApiError> {
    get("/account/addresses", lang).await
}

pub async fn book_originals_collection(id: &str, at: &PostalAddress, lang: Lang) -> Result<ApplicationDetail, ApiError> {
    post(&format!("/applications/{}/originals", encode(id)), at, lang).await
}

pub async fn staff_check_in_originals(id: &str, request: &OriginalsCheckInRequest, lang: Lang) -> Result<CaseView, ApiError> {
    post(&format!("/staff/applications/{}/originals", encode(id)), request, lang).await
}

pub async fn add_address(address: &PostalAddress, lang: Lang) -> Result<Vec<SavedAddress>, ApiError> {
    post("/account/addresses", address, lang).await
}

pub async fn remove_address(id: &str, lang: Lang) -> Result<Vec<SavedAddress>, ApiError> {
    post(&format!("/account/addresses/{}/remove", encode(id)), &nothing(), lang).await
}

pub async fn passkeys(lang: Lang) -> Result<Vec<PasskeyView>, ApiError> {
    get("/account/passkeys", lang).await
}

pub async fn passkey_creation_options(lang: Lang) -> Result<PasskeyCreationOptions, ApiError> {
    post("/account/passkeys/options", &nothing(), lang).await
}

pub async fn add_passkey(request: &AddPasskeyRequest, lang: Lang) -> Result<PasskeyView, ApiError> {
    post("/account/passkeys", request, lang).await
}

pub async fn rename_passkey(id: &str, request: &RenamePasskeyRequest, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/account/passkeys/{}/name", encode(id)), request, lang).await
}

pub async fn remove_passkey(id: &str, lang: Lang) -> Result<(), ApiError> {
    post_done(&format!("/account/passkeys/{}/remove", encode(id)), &nothing(), lang).await
}

pub async fn passkey_sign_in_options(lang: Lang) -> Result<PasskeyRequestOptions, ApiError> {
    post("/auth/sign-in/passkey/options", &nothing(), lang).await
}

pub async fn sign_in_passkey(request: &PasskeySignInRequest, lang: Lang) -> Result<SessionView, ApiError> {
    post("/auth/sign-in/passkey", request, lang).await
}

pub async fn dev_outbox(lang: Lang) -> Result<Vec<OutboxMessage>, ApiError> {
    get("/dev/outbox", lang).await
}
