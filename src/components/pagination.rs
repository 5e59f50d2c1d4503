use leptos::prelude::*;

use crate::i18n::*;

stylance::import_style!(style, "pagination.module.css");

/// The page numbers to show: the first, the last, and the current one with its neighbours;
/// `None` marks a gap.
fn visible_pages(page: u32, pages: u32) -> Vec<Option<u32>> {
    let mut shown: Vec<Option<u32>> = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 1 {
            if let Some(Some(last)) = shown.last() {
                if n - last > 1 {
                    shown.push(None);
                }
            }
            shown.push(Some(n));
        }
    }
    shown
}

#[component]
pub fn Pagination(page: u32, pages: u32, href: impl Fn(u32) -> String + 'static) -> impl IntoView {
    let i18n = use_i18n();
    if pages <= 1 {
        return ().into_any();
    }
    let link = |n: u32| {
        let current = n == page;
        view! {
            <li class=style::item>
                <a
                    href=href(n)
                    class=if current { style::current } else { style::link }
                    aria-current=current.then_some("page")
                    aria-label=move || td_string!(i18n.get_locale(), page_n, n = n).to_string()
                >
                    {n}
                </a>
            </li>
        }
    };
    let numbers = visible_pages(page, pages)
        .into_iter()
        .map(|n| match n {
            Some(n) => link(n).into_any(),
            None => view! { <li class=style::gap aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class=style::pagination aria-label=move || t_string!(i18n, pagination)>
            <p class=style::status>{t!(i18n, page_of, page = move || page, pages = move || pages)}</p>
            <ul class=style::list>
                {(page > 1).then(|| view! {
                    <li class=style::item>
                        <a href=href(page - 1) class=style::link rel="prev">{t!(i18n, previous_page)}</a>
                    </li>
                })}
                {numbers}
                {(page < pages).then(|| view! {
                    <li class=style::item>
                        <a href=href(page + 1) class=style::link rel="next">{t!(i18n, next_page)}</a>
                    </li>
                })}
            </ul>
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::visible_pages;

    #[test]
    fn shows_ends_neighbours_and_gaps() {
        assert_eq!(visible_pages(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(visible_pages(5, 10), vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]);
        assert_eq!(visible_pages(1, 10), vec![Some(1), Some(2), None, Some(10)]);
    }
}
