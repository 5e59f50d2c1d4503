//! Application forms as data: sections of pages of typed fields, with rules and conditions. The
//! app draws any schema with one renderer; the app and the server validate answers with the same
//! code here, so a form is added by adding data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{is_valid_credit_code, is_valid_mobile, is_valid_resident_id};
use crate::lang::{Lang, Localized};

/// Shanghai's sixteen districts, for address answers.
pub const DISTRICTS: &[(&str, &str, &str)] = &[
    ("huangpu", "黄浦区", "Huangpu"),
    ("xuhui", "徐汇区", "Xuhui"),
    ("changning", "长宁区", "Changning"),
    ("jingan", "静安区", "Jing'an"),
    ("putuo", "普陀区", "Putuo"),
    ("hongkou", "虹口区", "Hongkou"),
    ("yangpu", "杨浦区", "Yangpu"),
    ("minhang", "闵行区", "Minhang"),
    ("baoshan", "宝山区", "Baoshan"),
    ("jiading", "嘉定区", "Jiading"),
    ("pudong", "浦东新区", "Pudong"),
    ("jinshan", "金山区", "Jinshan"),
    ("songjiang", "松江区", "Songjiang"),
    ("qingpu", "青浦区", "Qingpu"),
    ("fengxian", "奉贤区", "Fengxian"),
    ("chongming", "崇明区", "Chongming"),
];

pub const ADDRESS_MAX_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormSchema {
    pub sections: Vec<FormSection>,
    /// Rules between answers, checked once both are given.
    #[serde(default)]
    pub rules: Vec<CrossRule>,
}

/// A line of the task list: one or more pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormSection {
    pub id: String,
    pub title: Localized,
    pub pages: Vec<FormPage>,
}

/// One question group, asked on one screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormPage {
    pub id: String,
    pub title: Localized,
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Field {
    pub id: String,
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Localized>,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// What the portal already knows and offers as the answer (shown, never silently used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
}

/// The answer types, each with its own checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default = "default_max_chars")]
        max_chars: usize,
        #[serde(default)]
        min_chars: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pattern: Option<Pattern>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        multiline: bool,
    },
    Number {
        min: i64,
        max: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Localized>,
    },
    /// `YYYY-MM-DD`; bounds are a date or `today`.
    Date {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not_before: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not_after: Option<String>,
    },
    Choice {
        options: Vec<ChoiceOption>,
    },
    MultiChoice {
        options: Vec<ChoiceOption>,
        #[serde(default)]
        min: usize,
    },
    Address {
        /// Posted to: with the recipient's name and mobile number (the person's address book
        /// offers its entries).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        postal: bool,
    },
    IdNumber,
    Phone,
    /// Yuan with at most two decimals.
    Money {
        max_yuan: u64,
    },
    /// A document uploaded in answer to the question (PDF, JPEG or PNG, checked on upload like
    /// a material), for what only some applicants need to show.
    File,
}

fn default_max_chars() -> usize {
    100
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

/// Formats a text answer must have. Named rather than regular expressions, so that each has a
/// message that says what to type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Six digits.
    Postcode,
    CreditCode,
    /// A mainland plate: 沪A12345 or a new-energy 沪AD12345.
    PlateNumber,
    /// Digits only, such as an account number.
    Digits,
}

/// Shown (and asked) only when an earlier answer is one of these values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Condition {
    pub field: String,
    pub one_of: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    Name,
    IdNumber,
    Phone,
    CompanyName,
    CreditCode,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum CrossRule {
    /// The `later` date must be after the `earlier` one.
    DateOrder { earlier: String, later: String },
    /// The two answers must differ (a spouse is not oneself).
    Different { first: String, second: String },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressAnswer {
    pub district: String,
    pub detail: String,
    /// For a postal address: who receives it, and their mobile number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recipient: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// An uploaded file given as an answer; the server keeps the name it stored, not the client's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileAnswer {
    pub file_id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Many(Vec<String>),
    Address(AddressAnswer),
    File(FileAnswer),
}

impl Answer {
    fn is_blank(&self) -> bool {
        match self {
            Answer::Text(text) => text.trim().is_empty(),
            Answer::Many(values) => values.is_empty(),
            Answer::Address(a) => [&a.district, &a.detail, &a.recipient, &a.phone].iter().all(|part| part.trim().is_empty()),
            Answer::File(f) => f.file_id.trim().is_empty(),
        }
    }

    fn matches(&self, values: &[String]) -> bool {
        match self {
            Answer::Text(text) => values.iter().any(|v| v == text.trim()),
            Answer::Many(chosen) => chosen.iter().any(|c| values.contains(c)),
            Answer::Address(_) | Answer::File(_) => false,
        }
    }
}

pub type Answers = BTreeMap<String, Answer>;

/// What is wrong with one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerProblem {
    Required,
    /// Nothing chosen from the options.
    NotChosen,
    /// A material not yet provided.
    MaterialMissing,
    /// No file uploaded for a file question.
    FileMissing,
    /// A file that is not one this applicant uploaded.
    UnknownFile,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    Pattern(Pattern),
    NotAWholeNumber,
    OutOfRange {
        min: i64,
        max: i64,
    },
    NotADate,
    DateTooEarly {
        bound: String,
    },
    DateTooLate {
        bound: String,
    },
    UnknownChoice,
    ChooseAtLeast {
        min: usize,
    },
    InvalidResidentId,
    InvalidMobile,
    NotMoney,
    MoneyTooLarge {
        max: u64,
    },
    ChooseDistrict,
    AddressTooLong,
    /// A postal address without its recipient's name (or with one too long).
    RecipientRequired,
    RecipientMobile,
    /// Must be after the answer labelled so.
    NotAfter {
        other: Localized,
    },
    SameAs {
        other: Localized,
    },
    /// An answer of the wrong shape (a list where text belongs), or to no question of this form.
    Unexpected,
}

fn today_word(bound: &str, lang: Lang) -> String {
    match (bound, lang) {
        ("today", Lang::Zh) => "今天".into(),
        ("today", Lang::En) => "today".into(),
        (date, _) => date.to_string(),
    }
}

impl AnswerProblem {
    /// The message for this problem with the question labelled `label`.
    pub fn message(&self, label: &Localized, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let name = if zh { label.zh.clone() } else { lower_first(&label.en) };
        match self {
            AnswerProblem::Required if zh => format!("请填写{name}"),
            AnswerProblem::Required => format!("Enter {name}"),
            AnswerProblem::NotChosen if zh => format!("请选择{name}"),
            AnswerProblem::NotChosen => format!("Select {name}"),
            AnswerProblem::MaterialMissing if zh => format!("请提供{name}"),
            AnswerProblem::MaterialMissing => format!("Provide {name}"),
            AnswerProblem::FileMissing if zh => format!("请上传{name}"),
            AnswerProblem::FileMissing => format!("Upload {name}"),
            AnswerProblem::UnknownFile if zh => format!("找不到{name}的文件，请重新上传"),
            AnswerProblem::UnknownFile => format!("The file for {name} could not be found; upload it again"),
            AnswerProblem::TooShort { min } if zh => format!("{name}至少需要 {min} 个字"),
            AnswerProblem::TooShort { min } => format!("{} must be at least {min} characters", label.en),
            AnswerProblem::TooLong { max } if zh => format!("{name}不能超过 {max} 个字"),
            AnswerProblem::TooLong { max } => format!("{} must be {max} characters or fewer", label.en),
            AnswerProblem::Pattern(pattern) => pattern_message(*pattern, &name, lang),
            AnswerProblem::NotAWholeNumber if zh => format!("{name}必须是整数"),
            AnswerProblem::NotAWholeNumber => format!("{} must be a whole number", label.en),
            AnswerProblem::OutOfRange { min, max } if zh => format!("{name}必须在 {min} 到 {max} 之间"),
            AnswerProblem::OutOfRange { min, max } => format!("{} must be between {min} and {max}", label.en),
            AnswerProblem::NotADate if zh => format!("{name}必须是真实存在的日期，格式如 2026-03-15"),
            AnswerProblem::NotADate => format!("{} must be a real date, like 2026-03-15", label.en),
            AnswerProblem::DateTooEarly { bound } if zh => format!("{name}不能早于{}", today_word(bound, lang)),
            AnswerProblem::DateTooEarly { bound } => format!("{} must be {} or later", label.en, today_word(bound, lang)),
            AnswerProblem::DateTooLate { bound } if zh => format!("{name}不能晚于{}", today_word(bound, lang)),
            AnswerProblem::DateTooLate { bound } => format!("{} must be {} or earlier", label.en, today_word(bound, lang)),
            AnswerProblem::UnknownChoice if zh => format!("请从列表中选择{name}"),
            AnswerProblem::UnknownChoice => format!("Choose {name} from the list"),
            AnswerProblem::ChooseAtLeast { min } if zh => format!("{name}请至少选择 {min} 项"),
            AnswerProblem::ChooseAtLeast { min } => format!("Choose at least {min} for {name}"),
            AnswerProblem::InvalidResidentId if zh => format!("{name}应为 18 位居民身份证号码，请核对"),
            AnswerProblem::InvalidResidentId => format!("{} must be an 18-character resident ID number; check it", label.en),
            AnswerProblem::InvalidMobile if zh => format!("{name}应为 11 位手机号码"),
            AnswerProblem::InvalidMobile => format!("{} must be an 11-digit mobile number", label.en),
            AnswerProblem::NotMoney if zh => format!("{name}应为金额，最多两位小数，如 3500 或 3500.50"),
            AnswerProblem::NotMoney => format!("{} must be an amount with at most two decimals, like 3500 or 3500.50", label.en),
            AnswerProblem::MoneyTooLarge { max } if zh => format!("{name}不能超过 {max} 元"),
            AnswerProblem::MoneyTooLarge { max } => format!("{} must be {max} yuan or less", label.en),
            AnswerProblem::ChooseDistrict if zh => format!("请选择{name}所在的区"),
            AnswerProblem::ChooseDistrict => format!("Choose the district of {name}"),
            AnswerProblem::AddressTooLong if zh => format!("{name}不能超过 {ADDRESS_MAX_CHARS} 个字"),
            AnswerProblem::AddressTooLong => format!("{} must be {ADDRESS_MAX_CHARS} characters or fewer", label.en),
            AnswerProblem::RecipientRequired if zh => {
                format!("请填写{name}的收件人姓名（不超过 {} 个字）", crate::delivery::RECIPIENT_MAX_CHARS)
            }
            AnswerProblem::RecipientRequired => {
                format!("Enter who receives it at {name}, in {} characters or fewer", crate::delivery::RECIPIENT_MAX_CHARS)
            }
            AnswerProblem::RecipientMobile if zh => format!("请填写{name}收件人的 11 位手机号码"),
            AnswerProblem::RecipientMobile => format!("Enter the 11-digit mobile number of who receives it at {name}"),
            AnswerProblem::NotAfter { other } if zh => format!("{name}必须晚于{}", other.zh),
            AnswerProblem::NotAfter { other } => format!("{} must be after {}", label.en, lower_first(&other.en)),
            AnswerProblem::SameAs { other } if zh => format!("{name}不能与{}相同", other.zh),
            AnswerProblem::SameAs { other } => format!("{} must not be the same as {}", label.en, lower_first(&other.en)),
            AnswerProblem::Unexpected if zh => format!("{name}的答案无法识别，请重新填写"),
            AnswerProblem::Unexpected => format!("The answer to {name} could not be read; answer it again"),
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(|c| c.is_lowercase()) => first.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

fn pattern_message(pattern: Pattern, name: &str, lang: Lang) -> String {
    match (pattern, lang) {
        (Pattern::Postcode, Lang::Zh) => format!("{name}应为 6 位数字"),
        (Pattern::Postcode, Lang::En) => format!("Enter {name} as 6 digits"),
        (Pattern::CreditCode, Lang::Zh) => format!("{name}应为 18 位统一社会信用代码，请核对"),
        (Pattern::CreditCode, Lang::En) => format!("Enter {name} as the 18-character unified social credit code; check it"),
        (Pattern::PlateNumber, Lang::Zh) => format!("{name}格式应如 沪A12345"),
        (Pattern::PlateNumber, Lang::En) => format!("Enter {name} like 沪A12345"),
        (Pattern::Digits, Lang::Zh) => format!("{name}只能包含数字"),
        (Pattern::Digits, Lang::En) => format!("Enter {name} using digits only"),
    }
}

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&year) && (1..=days).contains(&day)
}

fn is_money(text: &str) -> Option<f64> {
    let (whole, cents) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!whole.is_empty() && whole.len() <= 12 && digits(whole) && cents.len() <= 2 && digits(cents) && !(text.ends_with('.')))
        .then(|| text.parse().ok())
        .flatten()
}

fn matches_pattern(pattern: Pattern, text: &str) -> bool {
    match pattern {
        Pattern::Postcode => text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()),
        Pattern::CreditCode => is_valid_credit_code(text),
        Pattern::Digits => !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
        Pattern::PlateNumber => {
            let chars: Vec<char> = text.chars().collect();
            (7..=8).contains(&chars.len())
                && !chars[0].is_ascii()
                && chars[1].is_ascii_uppercase()
                && chars[2..].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        }
    }
}

fn resolve(bound: &str, today: &str) -> String {
    if bound == "today" {
        today.to_string()
    } else {
        bound.to_string()
    }
}

impl Field {
    /// Problems with this field's answer; `today` is `YYYY-MM-DD` in Shanghai.
    pub fn check(&self, answer: Option<&Answer>, today: &str) -> Option<AnswerProblem> {
        let Some(answer) = answer.filter(|a| !a.is_blank()) else {
            let problem = match self.kind {
                FieldKind::Choice { .. } | FieldKind::MultiChoice { .. } => AnswerProblem::NotChosen,
                FieldKind::File => AnswerProblem::FileMissing,
                _ => AnswerProblem::Required,
            };
            return (!self.optional).then_some(problem);
        };
        match (&self.kind, answer) {
            (FieldKind::MultiChoice { options, min }, Answer::Many(chosen)) => {
                if chosen.iter().any(|c| !options.iter().any(|o| &o.value == c)) {
                    Some(AnswerProblem::UnknownChoice)
                } else if chosen.len() < (*min).max(1) {
                    Some(AnswerProblem::ChooseAtLeast { min: (*min).max(1) })
                } else {
                    None
                }
            }
            (FieldKind::Address { postal }, Answer::Address(address)) => {
                let recipient = address.recipient.trim();
                let controls = |text: &str| text.chars().any(char::is_control);
                if *postal
                    && (recipient.is_empty() || recipient.chars().count() > crate::delivery::RECIPIENT_MAX_CHARS || controls(recipient))
                {
                    Some(AnswerProblem::RecipientRequired)
                } else if *postal && !is_valid_mobile(address.phone.trim()) {
                    Some(AnswerProblem::RecipientMobile)
                } else if !DISTRICTS.iter().any(|(id, ..)| *id == address.district) {
                    Some(AnswerProblem::ChooseDistrict)
                } else if address.detail.trim().is_empty() {
                    Some(AnswerProblem::Required)
                } else if address.detail.trim().chars().count() > ADDRESS_MAX_CHARS {
                    Some(AnswerProblem::AddressTooLong)
                } else if controls(&address.detail) {
                    Some(AnswerProblem::Unexpected)
                } else {
                    None
                }
            }
            (FieldKind::File, Answer::File(file)) => {
                let id = file.file_id.trim();
                (id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(AnswerProblem::UnknownFile)
            }
            (FieldKind::MultiChoice { .. } | FieldKind::Address { .. } | FieldKind::File, _) => Some(AnswerProblem::Unexpected),
            (kind, Answer::Text(text)) => check_text(kind, text.trim(), today),
            _ => Some(AnswerProblem::Unexpected),
        }
    }
}

fn check_text(kind: &FieldKind, text: &str, today: &str) -> Option<AnswerProblem> {
    match kind {
        FieldKind::Text { max_chars, min_chars, pattern, .. } => {
            let count = text.chars().count();
            if count > *max_chars {
                Some(AnswerProblem::TooLong { max: *max_chars })
            } else if count < *min_chars {
                Some(AnswerProblem::TooShort { min: *min_chars })
            } else {
                pattern.filter(|p| !matches_pattern(*p, text)).map(AnswerProblem::Pattern)
            }
        }
        FieldKind::Number { min, max, .. } => match text.parse::<i64>() {
            Err(_) => Some(AnswerProblem::NotAWholeNumber),
            Ok(n) if n < *min || n > *max => Some(AnswerProblem::OutOfRange { min: *min, max: *max }),
            Ok(_) => None,
        },
        FieldKind::Date { not_before, not_after } => {
            if !is_date(text) {
                return Some(AnswerProblem::NotADate);
            }
            if let Some(bound) = not_before.as_deref().filter(|b| text < resolve(b, today).as_str()) {
                return Some(AnswerProblem::DateTooEarly { bound: bound.to_string() });
            }
            not_after
                .as_deref()
                .filter(|b| text > resolve(b, today).as_str())
                .map(|bound| AnswerProblem::DateTooLate { bound: bound.to_string() })
        }
        FieldKind::Choice { options } => (!options.iter().any(|o| o.value == text)).then_some(AnswerProblem::UnknownChoice),
        FieldKind::IdNumber => (!is_valid_resident_id(&text.to_uppercase())).then_some(AnswerProblem::InvalidResidentId),
        FieldKind::Phone => (!is_valid_mobile(text)).then_some(AnswerProblem::InvalidMobile),
        FieldKind::Money { max_yuan } => match is_money(text) {
            None => Some(AnswerProblem::NotMoney),
            Some(value) if value > *max_yuan as f64 => Some(AnswerProblem::MoneyTooLarge { max: *max_yuan }),
            Some(_) => None,
        },
        FieldKind::MultiChoice { .. } | FieldKind::Address { .. } | FieldKind::File => Some(AnswerProblem::Unexpected),
    }
}

/// Where a section of the task list stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionState {
    NotStarted,
    InProgress,
    Completed,
    /// An officer asked for something here to be corrected.
    NeedsAttention,
}

/// One problem, with the question it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundProblem {
    pub field: String,
    pub label: Localized,
    pub problem: AnswerProblem,
}

impl FoundProblem {
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(&self.label, lang)
    }
}

impl FormSchema {
    /// Whether a question or page with this condition is asked, given the answers so far.
    pub fn condition_met(condition: Option<&Condition>, answers: &Answers) -> bool {
        condition.is_none_or(|c| answers.get(&c.field).is_some_and(|a| a.matches(&c.one_of)))
    }

    pub fn pages(&self) -> impl Iterator<Item = &FormPage> {
        self.sections.iter().flat_map(|s| s.pages.iter())
    }

    pub fn page(&self, id: &str) -> Option<&FormPage> {
        self.pages().find(|p| p.id == id)
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.pages().flat_map(|p| p.fields.iter()).find(|f| f.id == id)
    }

    pub fn page_shown(&self, page: &FormPage, answers: &Answers) -> bool {
        Self::condition_met(page.show_if.as_ref(), answers)
    }

    /// The fields of `page` that the answers so far make relevant.
    pub fn shown_fields<'a>(&self, page: &'a FormPage, answers: &'a Answers) -> impl Iterator<Item = &'a Field> + 'a {
        page.fields.iter().filter(move |f| Self::condition_met(f.show_if.as_ref(), answers))
    }

    /// The answers to questions that are asked, trimmed; answers to hidden or unknown questions
    /// are dropped so that nothing is kept that the form did not need (Art. 18).
    pub fn clean(&self, answers: &Answers) -> Answers {
        let mut kept = Answers::new();
        for page in self.pages().filter(|p| self.page_shown(p, answers)) {
            for field in self.shown_fields(page, answers) {
                if let Some(answer) = answers.get(&field.id).filter(|a| !a.is_blank()) {
                    let answer = match answer {
                        Answer::Text(text) if matches!(field.kind, FieldKind::IdNumber) => Answer::Text(text.trim().to_uppercase()),
                        Answer::Text(text) => Answer::Text(text.trim().to_string()),
                        Answer::Address(a) => {
                            let postal = matches!(field.kind, FieldKind::Address { postal: true });
                            let kept = |part: &str| if postal { part.trim().to_string() } else { String::new() };
                            Answer::Address(AddressAnswer {
                                district: a.district.clone(),
                                detail: a.detail.trim().to_string(),
                                recipient: kept(&a.recipient),
                                phone: kept(&a.phone),
                            })
                        }
                        other => other.clone(),
                    };
                    kept.insert(field.id.clone(), answer);
                }
            }
        }
        kept
    }

    fn check_fields<'a>(&self, fields: impl Iterator<Item = &'a Field>, answers: &Answers, today: &str) -> Vec<FoundProblem> {
        let mut found: Vec<FoundProblem> = fields
            .filter_map(|f| {
                f.check(answers.get(&f.id), today).map(|problem| FoundProblem { field: f.id.clone(), label: f.label.clone(), problem })
            })
            .collect();
        for rule in &self.rules {
            let (first, second) = match rule {
                CrossRule::DateOrder { earlier, later } => (earlier, later),
                CrossRule::Different { first, second } => (first, second),
            };
            let (Some(a), Some(b), Some(first_field), Some(second_field)) =
                (answers.get(first), answers.get(second), self.field(first), self.field(second))
            else {
                continue;
            };
            if found.iter().any(|p| &p.field == first || &p.field == second) {
                continue;
            }
            let broken = match (rule, a, b) {
                (CrossRule::DateOrder { .. }, Answer::Text(a), Answer::Text(b)) => a.trim() >= b.trim(),
                (CrossRule::Different { .. }, Answer::Text(a), Answer::Text(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
                _ => false,
            };
            // Said about the later question, on whichever page is being checked.
            if broken && found.iter().all(|p| &p.field != second) && self.field(second).is_some() {
                let problem = match rule {
                    CrossRule::DateOrder { .. } => AnswerProblem::NotAfter { other: first_field.label.clone() },
                    CrossRule::Different { .. } => AnswerProblem::SameAs { other: first_field.label.clone() },
                };
                found.push(FoundProblem { field: second.clone(), label: second_field.label.clone(), problem });
            }
        }
        found
    }

    /// Problems on one page, as its "continue" shows them.
    pub fn check_page(&self, page_id: &str, answers: &Answers, today: &str) -> Vec<FoundProblem> {
        let Some(page) = self.page(page_id) else { return Vec::new() };
        let on_page: Vec<&str> = page.fields.iter().map(|f| f.id.as_str()).collect();
        self.check_fields(self.shown_fields(page, answers), answers, today)
            .into_iter()
            .filter(|p| on_page.contains(&p.field.as_str()))
            .collect()
    }

    /// Every problem in the whole form, in the order of the questions: what submitting checks.
    pub fn check_all(&self, answers: &Answers, today: &str) -> Vec<FoundProblem> {
        let fields: Vec<&Field> =
            self.pages().filter(|p| self.page_shown(p, answers)).flat_map(|p| self.shown_fields(p, answers)).collect();
        self.check_fields(fields.into_iter(), answers, today)
    }

    /// A section is completed when all its asked questions are answered without a problem.
    pub fn section_state(&self, section: &FormSection, answers: &Answers, today: &str) -> SectionState {
        let pages: Vec<&FormPage> = section.pages.iter().filter(|p| self.page_shown(p, answers)).collect();
        let answered = pages.iter().flat_map(|p| p.fields.iter()).any(|f| answers.contains_key(&f.id));
        let problems = pages.iter().map(|p| self.check_page(&p.id, answers, today).len()).sum::<usize>();
        match (answered, problems) {
            (_, 0) if !pages.is_empty() => SectionState::Completed,
            (false, _) => SectionState::NotStarted,
            _ => SectionState::InProgress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Answer {
        Answer::Text(value.into())
    }

    fn schema() -> FormSchema {
        serde_json::from_str(
            r#"{
            "sections": [{ "id": "about", "title": {"zh": "关于您", "en": "About you"}, "pages": [
                { "id": "you", "title": {"zh": "您的信息", "en": "Your details"}, "fields": [
                    { "id": "name", "label": {"zh": "姓名", "en": "Full name"}, "type": "text", "max_chars": 30, "prefill": "name" },
                    { "id": "id_number", "label": {"zh": "身份证号码", "en": "ID number"}, "type": "id_number" },
                    { "id": "phone", "label": {"zh": "手机号码", "en": "Mobile number"}, "type": "phone" },
                    { "id": "postcode", "label": {"zh": "邮政编码", "en": "Postcode"}, "type": "text", "pattern": "postcode", "optional": true }
                ]},
                { "id": "home", "title": {"zh": "住所", "en": "Home"}, "fields": [
                    { "id": "housing", "label": {"zh": "住所类型", "en": "Kind of home"}, "type": "choice",
                      "options": [{"value": "rented", "label": {"zh": "租赁", "en": "Rented"}}, {"value": "owned", "label": {"zh": "自有", "en": "Owned"}}] },
                    { "id": "rent", "label": {"zh": "月租金", "en": "Monthly rent"}, "type": "money", "max_yuan": 100000,
                      "show_if": {"field": "housing", "one_of": ["rented"]} },
                    { "id": "address", "label": {"zh": "居住地址", "en": "Address"}, "type": "address" },
                    { "id": "since", "label": {"zh": "入住日期", "en": "Moved in on"}, "type": "date", "not_after": "today" },
                    { "id": "until", "label": {"zh": "租期截止日期", "en": "Lease ends on"}, "type": "date", "optional": true },
                    { "id": "people", "label": {"zh": "同住人数", "en": "People living there"}, "type": "number", "min": 1, "max": 20 }
                ]},
                { "id": "work", "title": {"zh": "就业", "en": "Work"}, "show_if": {"field": "housing", "one_of": ["rented"]}, "fields": [
                    { "id": "proofs", "label": {"zh": "证明方式", "en": "Proof"}, "type": "multi_choice", "min": 1,
                      "options": [{"value": "contract", "label": {"zh": "劳动合同", "en": "Contract"}}, {"value": "insurance", "label": {"zh": "社保", "en": "Insurance"}}] },
                    { "id": "contract_file", "label": {"zh": "劳动合同扫描件", "en": "Scan of the contract"}, "type": "file",
                      "show_if": {"field": "proofs", "one_of": ["contract"]} },
                    { "id": "employer_code", "label": {"zh": "单位统一社会信用代码", "en": "Employer's credit code"}, "type": "text", "pattern": "credit_code" },
                    { "id": "spouse_id", "label": {"zh": "配偶身份证号码", "en": "Spouse's ID number"}, "type": "id_number", "optional": true }
                ]}
            ]}],
            "rules": [
                {"rule": "date_order", "earlier": "since", "later": "until"},
                {"rule": "different", "first": "id_number", "second": "spouse_id"}
            ]
        }"#,
        )
        .unwrap()
    }

    fn good() -> Answers {
        Answers::from([
            ("name".into(), text("张伟")),
            ("id_number".into(), text("31010119900307241x")),
            ("phone".into(), text("13800138000")),
            ("housing".into(), text("rented")),
            ("rent".into(), text("4500.50")),
            (
                "address".into(),
                Answer::Address(AddressAnswer { district: "xuhui".into(), detail: "漕溪北路 88 号".into(), ..Default::default() }),
            ),
            ("since".into(), text("2025-03-01")),
            ("until".into(), text("2027-02-28")),
            ("people".into(), text("2")),
            ("proofs".into(), Answer::Many(vec!["contract".into()])),
            ("contract_file".into(), Answer::File(FileAnswer { file_id: "0f3a9c1d2e4b5a6978c0d1e2".into(), name: "合同.pdf".into() })),
            ("employer_code".into(), text("91310101MA1FPX0T5D")),
        ])
    }

    fn problems_of(answers: &Answers) -> Vec<(String, AnswerProblem)> {
        schema().check_all(answers, "2026-11-27").into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn a_file_question_wants_an_uploaded_file_and_only_when_it_is_asked() {
        let mut a = good();
        a.remove("contract_file");
        assert_eq!(problems_of(&a), vec![("contract_file".into(), AnswerProblem::FileMissing)]);
        a.insert("contract_file".into(), text("合同.pdf"));
        assert_eq!(problems_of(&a), vec![("contract_file".into(), AnswerProblem::Unexpected)]);
        a.insert("contract_file".into(), Answer::File(FileAnswer { file_id: "../../etc/passwd".into(), name: "x".into() }));
        assert_eq!(problems_of(&a), vec![("contract_file".into(), AnswerProblem::UnknownFile)]);
        a.insert("proofs".into(), Answer::Many(vec!["insurance".into()]));
        assert_eq!(problems_of(&a), vec![], "not asked when the contract is not the proof");
        assert!(!schema().clean(&a).contains_key("contract_file"), "and not kept");
        let json = r#"{"contract_file": {"file_id": "0f3a9c1d2e4b5a6978c0d1e2", "name": "合同.pdf"}, "address": {"district": "xuhui", "detail": "x"}}"#;
        let read: Answers = serde_json::from_str(json).unwrap();
        assert!(matches!(read["contract_file"], Answer::File(_)) && matches!(read["address"], Answer::Address(_)));
        assert_eq!(
            AnswerProblem::FileMissing.message(&Localized::new("劳动合同扫描件", "Scan of the contract"), Lang::En),
            "Upload scan of the contract"
        );
    }

    #[test]
    fn a_complete_form_has_no_problems_and_every_section_is_completed() {
        let s = schema();
        assert_eq!(problems_of(&good()), vec![]);
        assert_eq!(s.section_state(&s.sections[0], &good(), "2026-11-27"), SectionState::Completed);
        assert_eq!(s.section_state(&s.sections[0], &Answers::new(), "2026-11-27"), SectionState::NotStarted);
    }

    #[test]
    fn every_rule_type_says_what_is_wrong() {
        let mut a = good();
        for (field, value) in [
            ("name", "长".repeat(31)),
            ("id_number", "310101199003072410".into()),
            ("phone", "1380013800".into()),
            ("postcode", "2000".into()),
            ("housing", "castle".into()),
            ("rent", "12.345".into()),
            ("since", "2027-01-01".into()),
            ("people", "0".into()),
            ("employer_code", "91310101MA1FPX0T5E".into()),
        ] {
            a.insert(field.into(), text(&value));
        }
        a.insert(
            "address".into(),
            Answer::Address(AddressAnswer { district: "atlantis".into(), detail: "x".into(), ..Default::default() }),
        );
        let problems = problems_of(&a);
        let expect = [
            ("name", AnswerProblem::TooLong { max: 30 }),
            ("id_number", AnswerProblem::InvalidResidentId),
            ("phone", AnswerProblem::InvalidMobile),
            ("postcode", AnswerProblem::Pattern(Pattern::Postcode)),
            ("housing", AnswerProblem::UnknownChoice),
            ("address", AnswerProblem::ChooseDistrict),
            ("since", AnswerProblem::DateTooLate { bound: "today".into() }),
            ("people", AnswerProblem::OutOfRange { min: 1, max: 20 }),
        ];
        for (field, problem) in expect {
            assert!(problems.contains(&(field.to_string(), problem.clone())), "{field}: {problem:?} in {problems:?}");
        }
        // "castle" hides the rented-only questions, so the rent and the work page are not asked.
        assert!(!problems.iter().any(|(f, _)| f == "rent" || f == "employer_code"));
        assert_eq!(
            AnswerProblem::InvalidMobile.message(&Localized::new("手机号码", "Mobile number"), Lang::En),
            "Mobile number must be an 11-digit mobile number"
        );
        assert_eq!(AnswerProblem::Required.message(&Localized::new("手机号码", "Mobile number"), Lang::Zh), "请填写手机号码");
        assert_eq!(AnswerProblem::Required.message(&Localized::new("手机号码", "Mobile number"), Lang::En), "Enter mobile number");
    }

    #[test]
    fn money_numbers_dates_and_choices_are_parsed_strictly() {
        let mut a = good();
        a.insert("rent".into(), text("100000.01"));
        a.insert("people".into(), text("2.5"));
        a.insert("since".into(), text("2025-02-29"));
        a.insert("proofs".into(), Answer::Many(vec![]));
        let problems = problems_of(&a);
        assert!(problems.contains(&("rent".into(), AnswerProblem::MoneyTooLarge { max: 100000 })));
        assert!(problems.contains(&("people".into(), AnswerProblem::NotAWholeNumber)));
        assert!(problems.contains(&("since".into(), AnswerProblem::NotADate)));
        assert!(problems.contains(&("proofs".into(), AnswerProblem::NotChosen)));
        assert!(is_date("2024-02-29") && !is_date("2024-2-29") && !is_date("2024-13-01"));
        assert!(is_money("0.5").is_some() && is_money("1.").is_none() && is_money("-1").is_none() && is_money("1e5").is_none());
        a.insert("proofs".into(), text("contract"));
        assert!(problems_of(&a).contains(&("proofs".into(), AnswerProblem::Unexpected)));
    }

    #[test]
    fn cross_field_rules_compare_two_answers() {
        let mut a = good();
        a.insert("until".into(), text("2025-03-01"));
        a.insert("spouse_id".into(), text("31010119900307241X"));
        let problems = problems_of(&a);
        assert!(problems.contains(&("until".into(), AnswerProblem::NotAfter { other: Localized::new("入住日期", "Moved in on") })));
        assert!(problems.contains(&("spouse_id".into(), AnswerProblem::SameAs { other: Localized::new("身份证号码", "ID number") })));
        assert_eq!(schema().check_page("home", &a, "2026-11-27").len(), 1, "a page shows only its own problems");
    }

    #[test]
    fn conditions_hide_questions_and_clean_drops_their_answers() {
        let s = schema();
        let mut a = good();
        a.insert("housing".into(), text("owned"));
        a.insert("smuggled".into(), text("anything"));
        let kept = s.clean(&a);
        assert!(!kept.contains_key("rent") && !kept.contains_key("proofs") && !kept.contains_key("smuggled"));
        assert_eq!(kept["id_number"], text("31010119900307241X"));
        assert!(!s.page_shown(s.page("work").unwrap(), &a));
        assert_eq!(problems_of(&kept), vec![]);
    }
}
