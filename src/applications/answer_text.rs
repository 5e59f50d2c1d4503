use tongban_api::forms::{Answer, Field, FieldKind, DISTRICTS};
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
        (Some(Answer::Address(address)), _) => {
            let district = DISTRICTS
                .iter()
                .find(|(id, ..)| *id == address.district)
                .map_or("", |(_, zh, en)| if lang == Lang::Zh { *zh } else { *en });
            match lang {
                Lang::Zh => format!("上海市{district}{}", address.detail),
                Lang::En => format!("{}, {district}, Shanghai", address.detail),
            }
        }
    }
}
