use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::fields;
use crate::Lang;

/// Machine-readable class of a failure; the HTTP status follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more inputs are not acceptable; `fields` says which and why.
    ValidationFailed,
    /// Not signed in, or the session has ended.
    Unauthenticated,
    /// The request lacked the CSRF token of this browser.
    CsrfRejected,
    /// Signed in, but this person may not do this (an agent's scopes, the account's level).
    Forbidden,
    /// A sensitive change needs the password or a code again: the last proof is too old.
    ProofNeeded,
    /// Too many wrong passwords: the account is locked for a while.
    Locked,
    NotFound,
    /// The thing changed since it was read, or is in a state that does not allow this.
    Conflict,
    RateLimited,
    Internal,
    /// The server could not be reached or did not answer in time (client side only).
    Unavailable,
}

impl ErrorCode {
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::ValidationFailed => 400,
            ErrorCode::Unauthenticated => 401,
            ErrorCode::CsrfRejected | ErrorCode::Forbidden | ErrorCode::ProofNeeded => 403,
            ErrorCode::Locked => 423,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }
}

/// The one error shape of the API: `{code, message, fields}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    /// A sentence for people, in the language the request asked for.
    pub message: String,
    /// Field name → what is wrong with it, in the same language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// Everything a validator can find wrong with one input, worded once for both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    TooLong {
        max: usize,
    },
    NotAWholeNumber,
    OutOfRange {
        min: u64,
        max: u64,
    },
    UnknownChoice,
    Required,
    TooShort {
        min: usize,
    },
    InvalidResidentId,
    InvalidMobile,
    /// A one-time code that is not six digits.
    CodeFormat,
    /// A one-time code that is wrong, used, expired or tried too often.
    CodeRejected,
    CommonPassword,
    PasswordHasPersonalData,
    PasswordMismatch,
    WrongPassword,
    /// Name and ID number do not match the population register.
    NotInRegister,
    PhoneTaken,
    NotRegistrable,
    /// Sign-in refused, worded so it never tells whether the account exists.
    CredentialsRejected,
    InvalidBankCard,
    InvalidCreditCode,
    /// The register names someone else as the company's legal representative, or no such company.
    NotRepresentative,
    AlreadyBound,
    /// The ID number has no account on the portal.
    NoSuchAccount,
    ChooseAtLeastOne,
    /// A rating without one of the five levels.
    ChooseSatisfaction,
    /// One of the options must be chosen.
    ChooseOne,
    /// Complaints, suggestions and questions about an application need an account.
    SignInToComplain,
    CannotAddSelf,
    /// The account's level of assurance is too low for this.
    LevelTooLow,
    /// The bank does not hold this card with this phone for this person.
    CardNotMatched,
    ControlCharacters,
    /// A passkey answer that does not verify, or came after its challenge expired.
    PasskeyRejected,
    /// This authenticator already holds a passkey registered to an account here.
    PasskeyAlreadyRegistered,
    /// The service cannot be applied for online (yet): no form.
    NotOnline,
    ForCompaniesOnly,
    ForPeopleOnly,
    /// Acting for a company without the "apply" scope.
    NoApplyScope,
    /// The application's state does not allow this action.
    NotAllowedNow,
    ReasonRequired,
    /// A refusal without the provision it rests on, or with one the service does not have.
    LegalBasisRequired,
    ReasonForEach,
    SecondNoticeNeedsExplanation,
    /// A correction item that is not one of the form's answers or the guide's materials.
    UnknownCorrectionItem,
    StaffCredentialsRejected,
    FileEmpty,
    /// The first bytes say PDF, JPEG or PNG, but the file does not decode or parse as one.
    FileDamaged,
    /// The person's files together would pass their storage allowance.
    UploadQuotaReached {
        quota_mb: usize,
    },
    FileTooLarge {
        max_mb: usize,
    },
    /// The content is none of PDF, JPEG or PNG, whatever the name says.
    FileTypeNotAllowed,
    /// The name says one type and the content is another.
    FileNotWhatItSays,
    /// The licence must be seen and agreed to before it is used.
    ConfirmLicence,
    /// A material the application still lacks.
    MaterialMissing,
    /// Signing with a passkey needs one on the account.
    NoPasskey,
    /// The slot was taken meanwhile, or is not one offered.
    SlotTaken,
    SlotNotOffered,
    /// The service is handled at a window and no slot is booked.
    BookingRequired,
    /// An authorisation's last day: from today to a year ahead.
    UseUntil,
    UseCodeFormat,
    /// No such code, or not one given to this organisation (which is not told apart).
    UseCodeUnknown,
    UseCodeRevoked,
    UseCodeExpired,
    UseCodeUsedUp,
    /// The licence is expired, replaced or revoked.
    LicenceNotValid,
    /// Not an amount of money in yuan with at most two decimals, or nothing.
    MoneyFormat,
    /// More than the order can still give back.
    RefundTooLarge {
        refundable_fen: u64,
    },
    Digits {
        count: usize,
    },
    /// A receipt's check code: 10 letters and digits.
    CheckCodeFormat,
    /// No result waits at this department under that pick-up code.
    PickupCodeUnknown,
    /// A result is handed over only once the collector's identity document is checked.
    IdentityNotChecked,
    /// Posted originals are recorded as received only once checked against the copies.
    OriginalsNotChecked,
    /// Not a date written `YYYY-MM-DD`.
    DateFormat,
    /// A day that has not come yet.
    DateInFuture,
}

/// Why a change was refused as a conflict, so the message says what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictReason {
    /// Saved from another window or device since this copy was loaded.
    ChangedElsewhere,
    /// Submitted, or being processed: no longer changed by the applicant.
    NotEditable,
    /// The answers changed after the declaration was made: it must be made again.
    ChangedSinceDeclaration,
    /// Another officer acted on it first.
    ActedOnByOthers,
    /// The application's state does not allow this move (the state machine refuses it).
    NotPossibleNow,
    /// The handling has its rating already, or its one revision.
    AlreadyRated,
    /// Another officer recorded this step (of a follow-up or a ticket) first.
    AlreadyRecorded,
    /// The ticket moved on since it was loaded: the person wrote, or an officer acted.
    TicketChanged,
    /// The result was handed over already, under this pick-up code.
    AlreadyHandedOver,
    /// The fee is paid already (in another tab, or by someone else for the company).
    FeePaid,
    /// The payment has ended (paid, failed, cancelled or expired) and cannot be changed.
    PaymentFinished,
    /// The return address from the cashier was used already.
    PaymentReturnUsed,
    /// The same Idempotency-Key was sent before with a different request.
    IdempotencyKeyReused,
    /// Another payment of this fee is waiting for the channel's confirmation.
    PaymentInProgress,
    /// The payment channel could not be reached, so nothing changed.
    ChannelUnreachable,
    /// The result is issued only once the application's fees are paid.
    FeeUnpaid,
    /// A service whose fee is assessed is approved only once the fee has been assessed.
    FeeNotAssessed,
    /// The address book holds as many addresses as it keeps (`delivery::MAX_ADDRESSES`).
    AddressBookFull,
    /// The application's originals are booked for collection already.
    OriginalsBooked,
    /// Originals on their way, or delivered and not checked in: approval waits for them.
    OriginalsNotCheckedIn,
}

impl ConflictReason {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ConflictReason::ChangedElsewhere, Lang::Zh) => "这份申请已在另一个窗口或设备上更新。请刷新页面，查看最新内容后再修改",
            (ConflictReason::ChangedElsewhere, Lang::En) => {
                "This application was changed in another window or device. Reload the page to see the latest version, then make your change"
            }
            (ConflictReason::NotEditable, Lang::Zh) => "这份申请已提交，不能再修改",
            (ConflictReason::NotEditable, Lang::En) => "This application has been submitted and can no longer be changed",
            (ConflictReason::ChangedSinceDeclaration, Lang::Zh) => "申请内容在您确认声明后有变化，请重新获取验证码确认",
            (ConflictReason::ChangedSinceDeclaration, Lang::En) => {
                "The answers changed after you made the declaration: ask for a new code and confirm again"
            }
            (ConflictReason::NotPossibleNow, Lang::Zh) => "这份申请当前的状态不允许这项操作，请刷新查看最新状态",
            (ConflictReason::NotPossibleNow, Lang::En) => {
                "This cannot be done while the application is in its current state. Reload to see where it stands"
            }
            (ConflictReason::ActedOnByOthers, Lang::Zh) => "另一位工作人员刚刚处理了这份申请，您的操作没有生效。请刷新查看最新状态",
            (ConflictReason::ActedOnByOthers, Lang::En) => {
                "Another officer has just acted on this application, so your action was not applied. Reload to see where it stands"
            }
            (ConflictReason::AlreadyRecorded, Lang::Zh) => "另一位工作人员刚刚已处理，您的操作没有生效。请刷新查看最新情况",
            (ConflictReason::AlreadyRecorded, Lang::En) => {
                "Another officer has just dealt with this, so your step was not recorded. Reload to see where it stands"
            }
            (ConflictReason::AlreadyHandedOver, Lang::Zh) => "这份办理结果已经交付，不能再次领取。请核对取件码",
            (ConflictReason::AlreadyHandedOver, Lang::En) => {
                "This result has been handed over already and cannot be collected again. Check the pick-up code"
            }
            (ConflictReason::TicketChanged, Lang::Zh) => "这份工单刚刚有了新进展，您的操作没有生效。请刷新查看最新情况",
            (ConflictReason::TicketChanged, Lang::En) => {
                "This enquiry has just moved on, so your step was not recorded. Reload to see where it stands"
            }
            (ConflictReason::AlreadyRated, Lang::Zh) => "您已评价过（评价只能修改一次）。请刷新查看您的评价",
            (ConflictReason::AlreadyRated, Lang::En) => {
                "You have already given this rating (it can be changed once). Reload to see your rating"
            }
            (ConflictReason::FeePaid, Lang::Zh) => "这笔费用已经缴纳，无需再缴。请刷新查看缴费结果",
            (ConflictReason::FeePaid, Lang::En) => {
                "This fee has already been paid, so there is nothing more to pay. Reload to see the payment"
            }
            (ConflictReason::PaymentFinished, Lang::Zh) => "这笔支付已经结束，不能再更改。请刷新查看最新状态",
            (ConflictReason::PaymentFinished, Lang::En) => {
                "This payment has ended and can no longer be changed. Reload to see where it stands"
            }
            (ConflictReason::PaymentReturnUsed, Lang::Zh) => "这个返回链接已经用过。请在“我的缴费”中查看这笔支付",
            (ConflictReason::PaymentReturnUsed, Lang::En) => "This return link has been used already. Find the payment under your payments",
            (ConflictReason::PaymentInProgress, Lang::Zh) => "这笔费用的另一笔支付正在等待支付渠道确认，请不要重复支付。请刷新查看结果",
            (ConflictReason::PaymentInProgress, Lang::En) => {
                "Another payment of this fee is waiting for the channel to confirm it: do not pay again. Reload to see how it ends"
            }
            (ConflictReason::ChannelUnreachable, Lang::Zh) => "暂时无法连接支付渠道，这笔支付没有取消。请稍后再试",
            (ConflictReason::ChannelUnreachable, Lang::En) => {
                "The payment channel cannot be reached just now, so this payment was not cancelled. Try again later"
            }
            (ConflictReason::FeeUnpaid, Lang::Zh) => "这份申请还有费用未缴纳，缴清后才能出具结果",
            (ConflictReason::FeeUnpaid, Lang::En) => "This application still has a fee to pay: the result can be issued once it is paid",
            (ConflictReason::FeeNotAssessed, Lang::Zh) => "请先核定这份申请的收费，再作出准予决定",
            (ConflictReason::FeeNotAssessed, Lang::En) => "Assess this application's fee before approving it",
            (ConflictReason::OriginalsBooked, Lang::Zh) => "这份申请的原件已经预约过上门收件。请刷新查看物流进度",
            (ConflictReason::OriginalsBooked, Lang::En) => {
                "A collection of this application's originals is booked already. Reload to follow it"
            }
            (ConflictReason::OriginalsNotCheckedIn, Lang::Zh) => "申请人已预约寄送原件，请在原件送达并核验后再作出准予决定",
            (ConflictReason::OriginalsNotCheckedIn, Lang::En) => {
                "The applicant is posting the originals: approve once they have arrived and been checked in"
            }
            (ConflictReason::AddressBookFull, Lang::Zh) => "地址簿最多保存 10 个地址，请先删除不再使用的地址",
            (ConflictReason::AddressBookFull, Lang::En) => {
                "Your address book keeps 10 addresses at most: remove one you no longer use first"
            }
            (ConflictReason::IdempotencyKeyReused, Lang::Zh) => "这次请求与之前的请求重复但内容不同，请刷新页面后重试",
            (ConflictReason::IdempotencyKeyReused, Lang::En) => {
                "This request repeats an earlier one with different details. Reload the page and try again"
            }
        }
    }
}

/// Why a signed-in person was refused, so the message says who can change that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Acting for a company without this scope of authorisation.
    MissingScope(crate::companies::AgentScope),
    /// The account is not real-name verified (level 2) or not at the level this needs.
    LevelTooLow,
    /// An officer signed in with a one-time password and has not yet chosen their own.
    PasswordChangeRequired,
    /// Only someone acting for a company does this, and this session acts for the person.
    NotActingForCompany,
    /// Only the company's legal representative does this, not its agents.
    RepresentativeOnly,
}

impl Refusal {
    pub fn message(self, lang: Lang) -> &'static str {
        use crate::companies::AgentScope;
        match (self, lang) {
            (Refusal::MissingScope(AgentScope::Apply), Lang::Zh) => {
                "您在该企业的授权不包括办理申请。如需办理，请联系企业法定代表人调整授权"
            }
            (Refusal::MissingScope(AgentScope::Apply), Lang::En) => {
                "Your authorisation for this company does not cover applications: ask its legal representative to change it"
            }
            (Refusal::MissingScope(AgentScope::Pay), Lang::Zh) => "您在该企业的授权不包括缴费。如需缴费，请联系企业法定代表人调整授权",
            (Refusal::MissingScope(AgentScope::Pay), Lang::En) => {
                "Your authorisation for this company does not cover payments: ask its legal representative to change it"
            }
            (Refusal::MissingScope(AgentScope::ViewLicences), Lang::Zh) => {
                "您在该企业的授权不包括使用电子证照。如需使用，请联系企业法定代表人调整授权"
            }
            (Refusal::MissingScope(AgentScope::ViewLicences), Lang::En) => {
                "Your authorisation for this company does not cover its e-licences: ask its legal representative to change it"
            }
            (Refusal::LevelTooLow, Lang::Zh) => "请先完成实名核验，再进行此操作",
            (Refusal::LevelTooLow, Lang::En) => "Verify your real name first, then try again",
            (Refusal::PasswordChangeRequired, Lang::Zh) => "请先设置您自己的密码，替换初始密码",
            (Refusal::PasswordChangeRequired, Lang::En) => "Choose your own password first, to replace the one-time password",
            (Refusal::NotActingForCompany, Lang::Zh) => "请先切换为代表企业办事，再使用企业获得授权的证照",
            (Refusal::RepresentativeOnly, Lang::Zh) => "只有企业的法定代表人可以授权他人使用企业的证照",
            (Refusal::RepresentativeOnly, Lang::En) => "Only the company's legal representative can let others use its licences",
            (Refusal::NotActingForCompany, Lang::En) => {
                "Switch to acting for the company first, then use a licence it was authorised to use"
            }
        }
    }
}

/// What a missing answer is, for "Enter …" messages that name it (GOV.UK: say what to enter,
/// not just that something is missing).
fn missing_noun(field: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match field {
        fields::NAME => ("姓名", "your full name"),
        fields::ID_NUMBER => ("身份证号码", "the resident ID number"),
        fields::PHONE => ("手机号码", "the mobile number"),
        fields::IDENTIFIER => ("身份证号码或手机号码", "your ID number or mobile number"),
        fields::CODE => ("短信验证码", "the code from the text message"),
        fields::PASSWORD => ("密码", "the password"),
        fields::CURRENT_PASSWORD => ("当前密码", "your current password"),
        fields::NEW_PASSWORD => ("新密码", "a new password"),
        fields::CREDIT_CODE => ("统一社会信用代码", "the unified social credit code"),
        fields::CARD_NUMBER => ("银行卡号", "the bank card number"),
        fields::PASSKEY_NAME => ("通行密钥名称", "a name for the passkey"),
        fields::STAFF_NUMBER => ("工号", "your staff number"),
        fields::SERVICE_CODE => ("办理事项", "the service"),
        fields::TOKEN => ("亮证码", "the code you were shown"),
        fields::GRANTEE => ("被授权的单位", "who may use it"),
        fields::USE_CODE => ("用证码", "the use code"),
        fields::SUBJECT => ("标题", "a subject"),
        fields::MESSAGE => ("内容", "your message"),
        fields::TEXT => ("内容", "what you want to say"),
        fields::AMOUNT => ("退款金额", "the amount to refund"),
        _ => return None,
    };
    Some(if lang == Lang::Zh { zh } else { en })
}

impl FieldProblem {
    /// The message for this problem with the field named `field`.
    pub fn message_for(&self, field: &str, lang: Lang) -> String {
        match (self, missing_noun(field, lang)) {
            (FieldProblem::Required, Some(noun)) if lang == Lang::Zh => format!("请输入{noun}"),
            (FieldProblem::Required, Some(noun)) => format!("Enter {noun}"),
            _ => self.message(lang),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FieldProblem::TooLong { max }, Lang::Zh) => format!("不能超过 {max} 个字符"),
            (FieldProblem::TooLong { max }, Lang::En) => format!("Must be {max} characters or fewer"),
            (FieldProblem::NotAWholeNumber, Lang::Zh) => "必须是整数".into(),
            (FieldProblem::NotAWholeNumber, Lang::En) => "Must be a whole number".into(),
            (FieldProblem::OutOfRange { min, max }, Lang::Zh) => format!("必须在 {min} 到 {max} 之间"),
            (FieldProblem::OutOfRange { min, max }, Lang::En) => {
                format!("Must be between {min} and {max}")
            }
            (FieldProblem::UnknownChoice, Lang::Zh) => "不是可选的值".into(),
            (FieldProblem::UnknownChoice, Lang::En) => "Is not one of the options".into(),
            (FieldProblem::Required, Lang::Zh) => "必须填写".into(),
            (FieldProblem::Required, Lang::En) => "Enter this".into(),
            (FieldProblem::TooShort { min }, Lang::Zh) => format!("至少需要 {min} 个字符"),
            (FieldProblem::TooShort { min }, Lang::En) => format!("Must be at least {min} characters"),
            (FieldProblem::InvalidResidentId, Lang::Zh) => "请输入 18 位居民身份证号码，最后一位可以是数字或 X，请核对是否有误".into(),
            (FieldProblem::InvalidResidentId, Lang::En) => {
                "Enter an 18-character resident ID number (the last may be X); check it for typing errors".into()
            }
            (FieldProblem::InvalidMobile, Lang::Zh) => "请输入 11 位手机号码，例如 13800138000".into(),
            (FieldProblem::InvalidMobile, Lang::En) => "Enter an 11-digit mobile number, like 13800138000".into(),
            (FieldProblem::CodeFormat, Lang::Zh) => "验证码是 6 位数字".into(),
            (FieldProblem::CodeFormat, Lang::En) => "The code is 6 digits".into(),
            (FieldProblem::CodeRejected, Lang::Zh) => "验证码不正确或已失效，请重新获取".into(),
            (FieldProblem::CodeRejected, Lang::En) => "The code is wrong or no longer valid; ask for a new one".into(),
            (FieldProblem::CommonPassword, Lang::Zh) => "这个密码太常见，容易被猜到，请换一个".into(),
            (FieldProblem::CommonPassword, Lang::En) => "This password is too common and easy to guess; choose another".into(),
            (FieldProblem::PasswordHasPersonalData, Lang::Zh) => "密码不能包含手机号码或身份证号码".into(),
            (FieldProblem::PasswordHasPersonalData, Lang::En) => "The password must not contain your phone or ID number".into(),
            (FieldProblem::PasswordMismatch, Lang::Zh) => "两次输入的密码不一致".into(),
            (FieldProblem::PasswordMismatch, Lang::En) => "The passwords do not match".into(),
            (FieldProblem::WrongPassword, Lang::Zh) => "当前密码不正确".into(),
            (FieldProblem::WrongPassword, Lang::En) => "The current password is wrong".into(),
            (FieldProblem::NotInRegister, Lang::Zh) => "姓名与身份证号码和人口信息不一致，请核对".into(),
            (FieldProblem::NotInRegister, Lang::En) => "The name and ID number do not match the population register; check them".into(),
            (FieldProblem::PhoneTaken, Lang::Zh) => "该手机号码已注册，请直接登录".into(),
            (FieldProblem::PhoneTaken, Lang::En) => "This phone number already has an account: sign in instead".into(),
            (FieldProblem::InvalidCreditCode, Lang::Zh) => "请输入 18 位统一社会信用代码，请核对是否有误".into(),
            (FieldProblem::InvalidCreditCode, Lang::En) => {
                "Enter the 18-character unified social credit code; check it for typing errors".into()
            }
            (FieldProblem::NotRepresentative, Lang::Zh) => "登记信息中该企业的法定代表人不是您，无法绑定".into(),
            (FieldProblem::NotRepresentative, Lang::En) => "The register does not name you as this company's legal representative".into(),
            (FieldProblem::AlreadyBound, Lang::Zh) => "该企业已经绑定".into(),
            (FieldProblem::AlreadyBound, Lang::En) => "This company is already bound".into(),
            (FieldProblem::NoSuchAccount, Lang::Zh) => "该身份证号码还没有实名认证的账户，请对方先注册并完成实名认证".into(),
            (FieldProblem::NoSuchAccount, Lang::En) => {
                "No real-name verified account has this ID number: ask them to register and verify first".into()
            }
            (FieldProblem::ChooseAtLeastOne, Lang::Zh) => "请至少选择一项".into(),
            (FieldProblem::ChooseAtLeastOne, Lang::En) => "Choose at least one".into(),
            (FieldProblem::ChooseOne, Lang::Zh) => "请选择一项".into(),
            (FieldProblem::ChooseOne, Lang::En) => "Choose one".into(),
            (FieldProblem::SignInToComplain, Lang::Zh) => "未登录时只能咨询。投诉、建议或询问您的申请，请先登录".into(),
            (FieldProblem::SignInToComplain, Lang::En) => {
                "Without signing in you can only ask a question. Sign in to complain, suggest or ask about your application".into()
            }
            (FieldProblem::ChooseSatisfaction, Lang::Zh) => "请选择您对办理情况的评价".into(),
            (FieldProblem::ChooseSatisfaction, Lang::En) => "Choose how satisfied you are".into(),
            (FieldProblem::CannotAddSelf, Lang::Zh) => "法定代表人本人无需添加为经办人".into(),
            (FieldProblem::CannotAddSelf, Lang::En) => "The legal representative does not need to be an agent".into(),
            (FieldProblem::LevelTooLow, Lang::Zh) => "需要先完成实名认证（二级账户）".into(),
            (FieldProblem::LevelTooLow, Lang::En) => "Verify your identity first (level 2 account)".into(),
            (FieldProblem::InvalidBankCard, Lang::Zh) => "请输入 16 到 19 位银行卡号，请核对是否有误".into(),
            (FieldProblem::InvalidBankCard, Lang::En) => "Enter a bank card number of 16 to 19 digits; check it for typing errors".into(),
            (FieldProblem::CardNotMatched, Lang::Zh) => "银行未能确认该卡属于您，或预留手机号码不一致".into(),
            (FieldProblem::CardNotMatched, Lang::En) => "The bank could not confirm this card is yours with this phone number".into(),
            (FieldProblem::UseUntil, Lang::Zh) => "请输入从今天起一年内的日期，例如 2027-01-31".into(),
            (FieldProblem::UseUntil, Lang::En) => "Enter a date from today up to a year ahead, like 2027-01-31".into(),
            (FieldProblem::UseCodeFormat, Lang::Zh) => "用证码是 8 位字母和数字".into(),
            (FieldProblem::UseCodeFormat, Lang::En) => "A use code is 8 letters and digits".into(),
            (FieldProblem::UseCodeUnknown, Lang::Zh) => "没有这个用证码，或它不是授权给本单位的，请核对".into(),
            (FieldProblem::UseCodeUnknown, Lang::En) => {
                "There is no such use code, or it was not given to your organisation: check it".into()
            }
            (FieldProblem::UseCodeRevoked, Lang::Zh) => "持证人已撤销这个授权".into(),
            (FieldProblem::UseCodeRevoked, Lang::En) => "The holder has revoked this authorisation".into(),
            (FieldProblem::UseCodeExpired, Lang::Zh) => "这个授权已过期，请持证人重新授权".into(),
            (FieldProblem::UseCodeExpired, Lang::En) => "This authorisation has expired: ask the holder for a new one".into(),
            (FieldProblem::LicenceNotValid, Lang::Zh) => "这本证照当前不是有效状态（已过期、已换发或已注销）".into(),
            (FieldProblem::LicenceNotValid, Lang::En) => {
                "The licence is not valid now: it has expired, been replaced or been revoked".into()
            }
            (FieldProblem::Digits { count }, Lang::Zh) => format!("请输入 {count} 位数字"),
            (FieldProblem::Digits { count }, Lang::En) => format!("Enter {count} digits"),
            (FieldProblem::CheckCodeFormat, Lang::Zh) => "校验码是 10 位字母和数字".into(),
            (FieldProblem::CheckCodeFormat, Lang::En) => "The check code is 10 letters and digits".into(),
            (FieldProblem::PickupCodeUnknown, Lang::Zh) => "本部门没有待领取的这个取件码，请核对后重新输入".into(),
            (FieldProblem::PickupCodeUnknown, Lang::En) => {
                "No result waits at your department under this pick-up code: check it and enter it again".into()
            }
            (FieldProblem::DateFormat, Lang::Zh) => "请按 年-月-日 输入日期，例如 2026-12-01".into(),
            (FieldProblem::DateFormat, Lang::En) => "Enter a date as year-month-day, like 2026-12-01".into(),
            (FieldProblem::DateInFuture, Lang::Zh) => "日期不能晚于今天".into(),
            (FieldProblem::DateInFuture, Lang::En) => "The date cannot be after today".into(),
            (FieldProblem::IdentityNotChecked, Lang::Zh) => "请先核验领取人的身份证件".into(),
            (FieldProblem::IdentityNotChecked, Lang::En) => "Check the collector's identity document first".into(),
            (FieldProblem::OriginalsNotChecked, Lang::Zh) => "请先核对原件与网上提交的材料是否一致".into(),
            (FieldProblem::OriginalsNotChecked, Lang::En) => "Check the originals against the copies given online first".into(),
            (FieldProblem::MoneyFormat, Lang::Zh) => "请输入以元为单位的金额，最多两位小数，例如 10 或 10.50".into(),
            (FieldProblem::MoneyFormat, Lang::En) => "Enter an amount in yuan with at most two decimals, like 10 or 10.50".into(),
            (FieldProblem::RefundTooLarge { refundable_fen }, Lang::Zh) => {
                format!("退款金额不能超过这笔付款尚可退还的 ¥{}", crate::payments::yuan(*refundable_fen)).into()
            }
            (FieldProblem::RefundTooLarge { refundable_fen }, Lang::En) => {
                format!("A refund cannot be more than the ¥{} this payment can still give back", crate::payments::yuan(*refundable_fen))
                    .into()
            }
            (FieldProblem::UseCodeUsedUp, Lang::Zh) => "这个授权只能使用一次，已经用过".into(),
            (FieldProblem::UseCodeUsedUp, Lang::En) => "This authorisation was for one use, and it has been used".into(),
            (FieldProblem::ControlCharacters, Lang::Zh) => "不能包含换行等控制字符".into(),
            (FieldProblem::ControlCharacters, Lang::En) => "Must not contain line breaks or other control characters".into(),
            (FieldProblem::PasskeyRejected, Lang::Zh) => "未能验证通行密钥，可能已超时，请重试或改用其他方式".into(),
            (FieldProblem::PasskeyRejected, Lang::En) => {
                "The passkey could not be verified, or took too long; try again or use another way".into()
            }
            (FieldProblem::PasskeyAlreadyRegistered, Lang::Zh) => "这个设备上的通行密钥已经添加过了".into(),
            (FieldProblem::PasskeyAlreadyRegistered, Lang::En) => "A passkey on this device has already been added".into(),
            (FieldProblem::NotOnline, Lang::Zh) => "该事项暂未开通网上申请，请到窗口办理".into(),
            (FieldProblem::NotOnline, Lang::En) => "This service cannot be applied for online yet; apply at a service window".into(),
            (FieldProblem::ForCompaniesOnly, Lang::Zh) => "该事项由企业申请：请先在页头把办事身份切换为企业".into(),
            (FieldProblem::ForCompaniesOnly, Lang::En) => {
                "A company applies for this: switch to acting for the company in the header first".into()
            }
            (FieldProblem::ForPeopleOnly, Lang::Zh) => "该事项由个人申请：请先在页头把办事身份切换为本人".into(),
            (FieldProblem::ForPeopleOnly, Lang::En) => {
                "A person applies for this: switch to acting for yourself in the header first".into()
            }
            (FieldProblem::NoApplyScope, Lang::Zh) => "您没有代该企业申办事项的授权，请联系企业法定代表人".into(),
            (FieldProblem::NoApplyScope, Lang::En) => {
                "You are not authorised to apply for this company; ask its legal representative".into()
            }
            (FieldProblem::NotAllowedNow, Lang::Zh) => "申请当前的状态不允许这个操作".into(),
            (FieldProblem::NotAllowedNow, Lang::En) => "The application's state does not allow this action".into(),
            (FieldProblem::ReasonRequired, Lang::Zh) => "请写明理由".into(),
            (FieldProblem::ReasonRequired, Lang::En) => "Give the reasons".into(),
            (FieldProblem::LegalBasisRequired, Lang::Zh) => "请选择决定所依据的法律条款".into(),
            (FieldProblem::LegalBasisRequired, Lang::En) => "Choose the provision the decision rests on".into(),
            (FieldProblem::ReasonForEach, Lang::Zh) => "请为每一项需要补正的内容写明原因".into(),
            (FieldProblem::ReasonForEach, Lang::En) => "Give a reason for each item to correct".into(),
            (FieldProblem::SecondNoticeNeedsExplanation, Lang::Zh) => "已发过一次补正告知，再次告知须说明原因".into(),
            (FieldProblem::SecondNoticeNeedsExplanation, Lang::En) => {
                "A notice was sent already: explain why a second one is needed".into()
            }
            (FieldProblem::UnknownCorrectionItem, Lang::Zh) => "补正事项必须来自申请表或办事指南的材料清单".into(),
            (FieldProblem::UnknownCorrectionItem, Lang::En) => {
                "Items to correct must come from the form or the guide's list of materials".into()
            }
            (FieldProblem::StaffCredentialsRejected, Lang::Zh) => "工号或密码不正确".into(),
            (FieldProblem::StaffCredentialsRejected, Lang::En) => "The staff number or password is wrong".into(),
            (FieldProblem::FileEmpty, Lang::Zh) => "所选文件是空的，请选择另一个文件".into(),
            (FieldProblem::FileEmpty, Lang::En) => "The selected file is empty: choose another".into(),
            (FieldProblem::FileDamaged, Lang::Zh) => "文件已损坏，或不是真正的 PDF、JPEG 或 PNG 文件。请重新导出或扫描后上传".into(),
            (FieldProblem::FileDamaged, Lang::En) => {
                "The file is damaged, or is not a real PDF, JPEG or PNG: export or scan it again and upload that".into()
            }
            (FieldProblem::UploadQuotaReached { quota_mb }, Lang::Zh) => {
                format!("您上传的文件已达 {quota_mb} MB 的存储上限。未用于申请的文件会在一天后自动删除，请稍后再试，或拨打 12345")
            }
            (FieldProblem::UploadQuotaReached { quota_mb }, Lang::En) => {
                format!("Your uploads have reached their {quota_mb} MB allowance. Files no application uses are removed after a day; try again later, or call 12345")
            }
            (FieldProblem::FileTooLarge { max_mb }, Lang::Zh) => format!("文件不能超过 {max_mb} MB"),
            (FieldProblem::FileTooLarge { max_mb }, Lang::En) => format!("The file must be {max_mb} MB or smaller"),
            (FieldProblem::FileTypeNotAllowed, Lang::Zh) => "只能上传 PDF、JPEG 或 PNG 文件，这个文件的内容不是其中任何一种".into(),
            (FieldProblem::FileTypeNotAllowed, Lang::En) => "The file must be a PDF, JPEG or PNG; its content is none of these".into(),
            (FieldProblem::FileNotWhatItSays, Lang::Zh) => "文件名的类型与文件内容不符，请检查是否选错了文件".into(),
            (FieldProblem::FileNotWhatItSays, Lang::En) => {
                "The file's name says one type but its content is another; check you chose the right file".into()
            }
            (FieldProblem::ConfirmLicence, Lang::Zh) => "请先查看电子证照，并确认同意用于本次申请".into(),
            (FieldProblem::ConfirmLicence, Lang::En) => "Look at the e-licence and confirm it may be used for this application".into(),
            (FieldProblem::MaterialMissing, Lang::Zh) => "请提供这项材料".into(),
            (FieldProblem::MaterialMissing, Lang::En) => "Provide this material".into(),
            (FieldProblem::NoPasskey, Lang::Zh) => "您的账户还没有通行密钥，请用短信验证码确认，或先在账户中心添加通行密钥".into(),
            (FieldProblem::NoPasskey, Lang::En) => {
                "Your account has no passkey: confirm with a text message code, or add a passkey in your account first".into()
            }
            (FieldProblem::SlotTaken, Lang::Zh) => "这个时段刚刚约满了，请选择其他时段".into(),
            (FieldProblem::SlotTaken, Lang::En) => "That time has just been fully booked: choose another".into(),
            (FieldProblem::SlotNotOffered, Lang::Zh) => "请从列出的窗口、日期和时段中选择".into(),
            (FieldProblem::SlotNotOffered, Lang::En) => "Choose a window, day and time from those listed".into(),
            (FieldProblem::BookingRequired, Lang::Zh) => "该事项需要到窗口办理，请先预约办理时段".into(),
            (FieldProblem::BookingRequired, Lang::En) => "This service is finished at a window: book a time first".into(),
            (FieldProblem::CredentialsRejected, Lang::Zh) => "证件号码、手机号码或密码不正确".into(),
            (FieldProblem::CredentialsRejected, Lang::En) => "The ID number, phone number or password is wrong".into(),
            (FieldProblem::NotRegistrable, Lang::Zh) => "无法用该身份证号码注册。如已有账户请直接登录，或拨打 12345 咨询".into(),
            (FieldProblem::NotRegistrable, Lang::En) => {
                "This ID number cannot be registered. If you have an account, sign in, or call 12345".into()
            }
        }
    }
}

/// Problems found in a request, keyed by field name.
pub type FieldProblems = BTreeMap<&'static str, FieldProblem>;

/// Every problem found, or `Ok` when there was none.
/// `Required` under `field` unless something was given.
pub fn require(problems: &mut FieldProblems, field: &'static str, given: &str) {
    if given.is_empty() {
        problems.insert(field, FieldProblem::Required);
    }
}

pub fn checked(problems: FieldProblems) -> Result<(), FieldProblems> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_answers_say_what_to_enter() {
        assert_eq!(FieldProblem::Required.message_for("phone", Lang::Zh), "请输入手机号码");
        assert_eq!(FieldProblem::Required.message_for("phone", Lang::En), "Enter the mobile number");
        assert_eq!(FieldProblem::Required.message_for("unheard_of", Lang::En), "Enter this");
        assert_eq!(FieldProblem::InvalidMobile.message_for("phone", Lang::En), "Enter an 11-digit mobile number, like 13800138000");
    }
}
