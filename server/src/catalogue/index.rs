//! The catalogue in memory. It is small and changes only when it is seeded (at start), so search
//! answers from a prepared list instead of the database, and each distinct answer is serialised
//! once. The database stays the source of truth: the index is built from it after seeding.

use std::collections::{HashMap, HashSet};

use bytes::Bytes;
use quick_cache::sync::Cache;
use sqlx::{AnyPool, Row};
use tongban_api::catalogue::{Audience, CatalogueFilter, ServicePage, ServiceSummary};

use super::store;

/// One service as search sees it.
struct Entry {
    summary: ServiceSummary,
    search_text: String,
    themes: Vec<String>,
}

impl Entry {
    fn matches(&self, filter: &CatalogueFilter) -> bool {
        let s = &self.summary;
        filter.terms.iter().all(|term| self.search_text.contains(term.as_str()))
            && filter.department.as_ref().is_none_or(|d| *d == s.department_code)
            && filter.theme.as_ref().is_none_or(|t| self.themes.contains(t))
            && filter.mode.is_none_or(|m| m == s.mode)
            && filter.audience.is_none_or(|a: Audience| s.audiences.contains(&a))
            && filter.max_visits.is_none_or(|v| s.visits <= v)
    }
}

/// How much serialised JSON the index keeps, for searches and for guides each: every page people
/// use fits, and no run of made-up searches can make it grow past this.
const CACHED_BYTES: u64 = 16 * 1024 * 1024;

/// Weighs a kept answer by its size.
#[derive(Clone)]
struct BySize;

impl<K> quick_cache::Weighter<K, Bytes> for BySize {
    fn weight(&self, _: &K, answer: &Bytes) -> u64 {
        answer.len() as u64
    }
}

/// A search as kept: the same terms in any order or repeated give the same answer, and one entry.
fn kept_as(filter: &CatalogueFilter) -> CatalogueFilter {
    let mut key = filter.clone();
    key.terms.sort();
    key.terms.dedup();
    key
}

pub struct CatalogueIndex {
    /// In the order search lists them: most used first, then by code.
    entries: Vec<Entry>,
    codes: HashSet<String>,
    departments: HashSet<String>,
    themes: HashSet<String>,
    departments_json: Bytes,
    themes_json: Bytes,
    pages: Cache<CatalogueFilter, Bytes, BySize>,
    guides: Cache<String, Bytes, BySize>,
}

impl CatalogueIndex {
    pub async fn load(pool: &AnyPool) -> Result<CatalogueIndex, sqlx::Error> {
        let mut links: HashMap<String, Vec<String>> = HashMap::new();
        for row in sqlx::query("SELECT service_code, theme_code FROM service_themes").fetch_all(pool).await? {
            links.entry(row.try_get("service_code")?).or_default().push(row.try_get("theme_code")?);
        }
        let entries: Vec<Entry> = store::all_summaries(pool)
            .await?
            .into_iter()
            .map(|(summary, search_text)| Entry { themes: links.remove(&summary.code).unwrap_or_default(), search_text, summary })
            .collect();
        let codes = entries.iter().map(|e| e.summary.code.clone()).collect();
        let departments = store::departments(pool).await?;
        let themes = store::themes(pool).await?;
        Ok(CatalogueIndex {
            entries,
            codes,
            departments_json: to_json(&departments),
            themes_json: to_json(&themes),
            departments: departments.into_iter().map(|d| d.code).collect(),
            themes: themes.into_iter().map(|t| t.code).collect(),
            pages: Cache::with_weighter(4096, CACHED_BYTES, BySize),
            guides: Cache::with_weighter(4096, CACHED_BYTES, BySize),
        })
    }

    pub fn has_department(&self, code: &str) -> bool {
        self.departments.contains(code)
    }

    pub fn has_theme(&self, code: &str) -> bool {
        self.themes.contains(code)
    }

    pub fn departments_json(&self) -> Bytes {
        self.departments_json.clone()
    }

    pub fn themes_json(&self) -> Bytes {
        self.themes_json.clone()
    }

    pub fn search(&self, filter: &CatalogueFilter) -> ServicePage {
        let skip = (filter.page as usize - 1) * filter.per_page as usize;
        let mut total = 0;
        let mut items = Vec::new();
        for entry in self.entries.iter().filter(|e| e.matches(filter)) {
            if total >= skip && items.len() < filter.per_page as usize {
                items.push(entry.summary.clone());
            }
            total += 1;
        }
        ServicePage { items, total: total as u64, page: filter.page, per_page: filter.per_page }
    }

    /// The search's answer as JSON, serialised the first time it is asked.
    pub fn search_json(&self, filter: &CatalogueFilter) -> Bytes {
        let key = kept_as(filter);
        if let Some(json) = self.pages.get(&key) {
            return json;
        }
        let json = to_json(&self.search(&key));
        self.pages.insert(key, json.clone());
        json
    }

    /// A guide as JSON (`None`: no such service), read from the database the first time.
    pub async fn guide_json(&self, pool: &AnyPool, code: &str) -> Result<Option<Bytes>, sqlx::Error> {
        if !self.codes.contains(code) {
            return Ok(None);
        }
        if let Some(json) = self.guides.get(code) {
            return Ok(Some(json));
        }
        let Some(guide) = store::guide(pool, code).await? else { return Ok(None) };
        let json = to_json(&guide);
        self.guides.insert(code.to_string(), json.clone());
        Ok(Some(json))
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Bytes {
    serde_json::to_vec(value).unwrap_or_default().into()
}
