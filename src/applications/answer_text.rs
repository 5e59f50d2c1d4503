use tongban_api::delivery::PostalAddress;
use tongban_api::forms::{Answer, Field, FieldKind};
use tongban_api::Lang;

/// An answer as the check page and the receipt show it: option labels, district names, yuan.
pub fn answer_text(field: &Field, answer: Option<&Answer>, lang: Lang) -> String {
    let label_of = |value: &str| match &field.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
            options.iter().find(|o| o.value == value).map_or_else(|| value.to_string(), |o| o.label.get(lang).to_string())
        }
        _ => value.to_string(),
    };
    match (answer, &field.kind) {
        (None, _) => String::new(),
        (Some(Answer::Text(text)), FieldKind::Money { .. }) => match lang {
            Lang::Zh => format!("{text} 元"),
            Lang::En => format!("¥{text}"),
        },
        (Some(Answer::Text(text)), _) => label_of(text),
        (Some(Answer::Many(values)), _) => {
            values.iter().map(|v| label_of(v)).collect::<Vec<_>>().join(if lang == Lang::Zh { "、" } else { ", " })
        }
        (Some(Answer::File(file)), _) => file.name.clone(),
        (Some(Answer::Address(a)), _) => {
            let place = PostalAddress::from(a).place().get(lang).to_string();
            // A postal address names who receives it first.
            if a.recipient.is_empty() {
                place
            } else {
                format!("{} {} · {place}", a.recipient, a.phone)
            }
        }
    }
}
