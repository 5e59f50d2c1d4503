//! A build's page, framed for the address it is sent for: the reader's language, the title and
//! description, the top of the page as the app will draw it (what a phone shows first, and what
//! search engines and link previews read), and the API answers the page starts with, so the app
//! draws the page at once instead of asking for them again.

use axum::extract::Query;
use axum::http::Uri;
use bytes::Bytes;
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use tongban_api::catalogue::{is_service_code, CatalogueQuery, ServiceGuide, ServicePage};
use tongban_api::{query_string, Lang, API_PREFIX};

use crate::words::word;
use crate::AppState;

#[derive(Default)]
pub struct Frame {
    title: Option<String>,
    description: Option<String>,
    /// HTML for `<main>` until the app draws it.
    main: Option<String>,
    /// API paths with the answers the app will ask them for first.
    answers: Vec<(String, Bytes)>,
}

/// The frame of a page of the catalogue; other pages get only their language.
pub async fn frame(state: &AppState, uri: &Uri, lang: Lang) -> Frame {
    let path = uri.path();
    let catalogue = &state.catalogue;
    if path == "/" {
        let popular = CatalogueQuery { per_page: Some(POPULAR_COUNT.into()), ..Default::default() };
        return Frame {
            main: Some(format!(
                "<section class=\"boot-hero\"><h1>{}</h1><p class=\"boot-lead\">{}</p></section>",
                text(word(lang, "home_title")),
                text(word(lang, "home_lead"))
            )),
            answers: [Some(themes(state)), search(state, &popular)].into_iter().flatten().collect(),
            ..Frame::default()
        };
    }
    if path == "/services" {
        // An address the API would refuse gets only the form: the app says what is wrong.
        let (query, results) = match Query::<CatalogueQuery>::try_from_uri(uri) {
            Ok(Query(query)) => {
                let results = search(state, &query);
                (query, results)
            }
            Err(_) => (CatalogueQuery::default(), None),
        };
        let mut main =
            format!("{}<h1>{}</h1>{}", crumbs(lang, &[("/", "nav_home")]), text(word(lang, "search_title")), search_form(lang, &query));
        if let Some(page) = results.as_ref().and_then(|(_, json)| serde_json::from_slice::<ServicePage>(json).ok()) {
            main.push_str(&result_list(lang, &page, query.q.as_deref().unwrap_or("").trim()));
        }
        let answers = [Some(departments(state)), Some(themes(state)), results].into_iter().flatten().collect();
        return Frame { title: Some(titled(lang, word(lang, "search_title"))), main: Some(main), answers, ..Frame::default() };
    }
    if path == "/verify" {
        let lead = word(lang, "check_lead");
        let main = format!(
            "{}<h1>{}</h1><p class=\"boot-lead\">{}</p>",
            crumbs(lang, &[("/", "nav_home")]),
            text(word(lang, "check_code_title")),
            text(lead)
        );
        return Frame {
            title: Some(titled(lang, word(lang, "check_code_title"))),
            description: Some(lead.to_string()),
            main: Some(main),
            ..Frame::default()
        };
    }
    let Some(code) = path.strip_prefix("/services/").filter(|c| is_service_code(c)) else { return Frame::default() };
    let Ok(Some(json)) = catalogue.guide_json(&state.pool, code).await else { return Frame::default() };
    let Ok(guide) = serde_json::from_slice::<ServiceGuide>(&json) else { return Frame::default() };
    let name = guide.name.get(lang);
    Frame {
        title: Some(titled(lang, name)),
        description: Some(guide.summary.get(lang).to_string()),
        main: Some(format!(
            "{}<p class=\"boot-caption\">{}</p><h1 class=\"boot-title\">{}</h1><p class=\"boot-lead\">{}</p>",
            crumbs(lang, &[("/", "nav_home"), ("/services", "nav_services")]),
            text(guide.department.name.get(lang)),
            text(name),
            text(guide.summary.get(lang))
        )),
        answers: vec![(format!("{API_PREFIX}/services/{code}"), json)],
    }
}

/// The services the home page lists (the same number the app asks for).
const POPULAR_COUNT: &str = "8";

fn titled(lang: Lang, page: &str) -> String {
    format!("{page} - {}", word(lang, "app_full_name"))
}

fn crumbs(lang: Lang, crumbs: &[(&str, &'static str)]) -> String {
    let items: String = crumbs.iter().map(|(href, key)| format!("<li><a href=\"{href}\">{}</a></li>", text(word(lang, key)))).collect();
    format!("<nav class=\"boot-crumbs\" aria-label=\"{}\"><ol>{items}</ol></nav>", attribute(word(lang, "breadcrumbs")))
}

/// The search form, which works before the app has loaded (and without it): a plain GET.
fn search_form(lang: Lang, query: &CatalogueQuery) -> String {
    format!(
        "<form class=\"boot-search\" action=\"/services\" method=\"get\" role=\"search\">\
         <label class=\"boot-label\" for=\"boot-q\">{}</label><p class=\"boot-hint\" id=\"boot-q-hint\">{}</p>\
         <div class=\"boot-search-row\"><input id=\"boot-q\" name=\"q\" type=\"search\" aria-describedby=\"boot-q-hint\" data-carry=\"search-q\" value=\"{}\">\
         <button type=\"submit\">{}</button></div></form>",
        text(word(lang, "search_label")),
        text(word(lang, "search_hint")),
        attribute(query.q.as_deref().unwrap_or("")),
        text(word(lang, "search_button"))
    )
}

/// The results as the app lists them (filters folded, as on a phone): the count, then each
/// service's name and summary.
fn result_list(lang: Lang, page: &ServicePage, q: &str) -> String {
    let count = crate::words::Wording::of("results_count", [("count", i64::try_from(page.total).unwrap_or(i64::MAX).into())]).render(lang);
    let searched_for = if q.is_empty() {
        String::new()
    } else {
        format!("<p class=\"boot-for\">{}</p>", text(&word(lang, "results_for").replace("{{ q }}", q)))
    };
    let cards: String = page
        .items
        .iter()
        .map(|s| {
            format!(
                "<li class=\"boot-card\"><h3><a href=\"/services/{}\">{}</a></h3><p>{}</p></li>",
                attribute(&s.code),
                text(s.name.get(lang)),
                text(s.summary.get(lang))
            )
        })
        .collect();
    format!(
        "<div class=\"boot-layout\"><div class=\"boot-filters\">{}</div><section><h2 class=\"boot-count\">{}</h2>{searched_for}\
         <ul class=\"boot-list\">{cards}</ul></section></div>",
        text(word(lang, "filters")),
        text(&count)
    )
}

fn themes(state: &AppState) -> (String, Bytes) {
    (format!("{API_PREFIX}/themes"), state.catalogue.themes_json())
}

fn departments(state: &AppState) -> (String, Bytes) {
    (format!("{API_PREFIX}/departments"), state.catalogue.departments_json())
}

/// The answer to a search, when it is one the API would answer.
fn search(state: &AppState, query: &CatalogueQuery) -> Option<(String, Bytes)> {
    let filter = query.validate().ok()?;
    let known = filter.department.as_ref().is_none_or(|d| state.catalogue.has_department(d))
        && filter.theme.as_ref().is_none_or(|t| state.catalogue.has_theme(t));
    known.then(|| (format!("{API_PREFIX}/services{}", query_string(&query.pairs())), state.catalogue.search_json(&filter)))
}

impl Frame {
    /// `page` with this frame put in, by an HTML rewriter (the page is the build's own).
    pub fn apply(&self, page: &str, lang: Lang) -> String {
        use lol_html::html_content::ContentType;
        use lol_html::{element, rewrite_str, RewriteStrSettings};

        let tag = lang.tag();
        // A page the server does not frame has the portal's name for its title until the app sets one.
        let title = self.title.as_deref().unwrap_or(word(lang, "app_full_name"));
        let mut handlers = vec![
            element!("html", move |el| {
                el.set_attribute("lang", tag)?;
                Ok(())
            }),
            element!(".boot-brand-name", move |el| {
                el.set_inner_content(word(lang, "app_full_name"), ContentType::Text);
                Ok(())
            }),
            element!(".boot-menu", move |el| {
                el.set_inner_content(word(lang, "menu"), ContentType::Text);
                Ok(())
            }),
            element!(".boot-skip", move |el| {
                el.set_inner_content(word(lang, "skip_to_main"), ContentType::Text);
                Ok(())
            }),
            element!("title", move |el| {
                el.set_inner_content(title, ContentType::Text);
                Ok(())
            }),
        ];
        if let Some(description) = &self.description {
            handlers.push(element!("meta[name=description]", move |el| {
                el.set_attribute("content", description)?;
                Ok(())
            }));
        }
        if let Some(main) = &self.main {
            handlers.push(element!("main#main", move |el| {
                el.set_inner_content(main, ContentType::Html);
                Ok(())
            }));
        }
        if !self.answers.is_empty() {
            handlers.push(element!("body", move |el| {
                for (path, body) in &self.answers {
                    // `<` only occurs inside JSON strings, where `\u003c` means the same, so no
                    // answer can close the script element early.
                    let json = String::from_utf8_lossy(body).replace('<', "\\u003c");
                    let script = format!("<script type=\"application/json\" data-answer=\"{}\">{json}</script>", attribute(path));
                    el.append(&script, ContentType::Html);
                }
                Ok(())
            }));
        }
        rewrite_str(page, RewriteStrSettings { element_content_handlers: handlers, ..RewriteStrSettings::new() })
            .unwrap_or_else(|_| page.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_cannot_close_its_script_element() {
        let frame = Frame {
            answers: vec![("/api/v1/x".into(), Bytes::from_static(br#"{"a":"</script><script>alert(1)</script>"}"#))],
            ..Frame::default()
        };
        let page = frame.apply("<html><body></body></html>", Lang::Zh);
        assert_eq!(page.matches("</script>").count(), 1, "{page}");
        assert!(page.contains(r#"\u003c/script>"#));
    }
}
