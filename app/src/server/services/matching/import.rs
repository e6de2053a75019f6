//! Reading fact-checks as they travel: schema.org ClaimReview JSON-LD (one object, an array, a
//! `DataFeed`, a `@graph`, or saved HTML pages carrying it in `<script type="application/ld+json">`),
//! the Google Fact Check Tools API `claims:search` response, and CSV with ClaimReview-named
//! columns (as ClaimsKG exports them). Pure: bytes in, records and skipped items out.

mod google;
mod jsonld;
mod table;

use serde::Serialize;

/// A fact-check as published, fields verbatim.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReviewRecord {
    /// The review's address: the key (a re-import updates the review with this address).
    pub url: String,
    pub claim_reviewed: String,
    /// The review's headline (`name`, `headline` or the API's `title`).
    pub title: Option<String>,
    /// Its standfirst (`description`).
    pub description: Option<String>,
    /// Who made the claim.
    pub claimant: Option<String>,
    /// When the claim was made, as written.
    pub claim_date: Option<String>,
    /// When the review was published, as written.
    pub date_published: Option<String>,
    pub publisher_name: Option<String>,
    pub publisher_site: Option<String>,
    /// The verdict in the publisher's words.
    pub textual_rating: Option<String>,
    pub rating_value: Option<f64>,
    pub best_rating: Option<f64>,
    pub worst_rating: Option<f64>,
    pub language: Option<String>,
}

/// Which shape a file had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Format {
    JsonLd,
    Html,
    GoogleApi,
    Csv,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::JsonLd => "jsonld",
            Format::Html => "html",
            Format::GoogleApi => "google_api",
            Format::Csv => "csv",
        }
    }
}

/// An item that was not read, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skipped {
    /// Where it was: "item 12", "row 40", "claim 3, review 2".
    pub at: String,
    pub reason: String,
}

/// What a file held.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parsed {
    pub format: Format,
    pub records: Vec<ReviewRecord>,
    pub skipped: Vec<Skipped>,
}

/// The longest review address kept (a longer one is refused, as sources refuse it).
pub const MAX_URL_CHARS: usize = 2000;

/// A text field: trimmed, empty as absent.
pub(crate) fn text(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Checks the two fields every review needs; `Err` is the reason to skip it.
pub(crate) fn finish(mut r: ReviewRecord) -> Result<ReviewRecord, String> {
    r.url = r.url.trim().to_owned();
    r.claim_reviewed = r.claim_reviewed.trim().to_owned();
    if r.url.is_empty() {
        return Err("no review URL".into());
    }
    let lower = r.url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(format!("the review URL is not http(s): {}", r.url));
    }
    if r.url.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "the review URL is longer than {MAX_URL_CHARS} characters"
        ));
    }
    // A language longer than any language tag (35 characters, BCP 47's longest in practice, the
    // column's width) is not one: the review is kept without it.
    r.language = r.language.filter(|l| l.chars().count() <= 35);
    if r.claim_reviewed.is_empty() {
        // Some publishers leave `claimReviewed` empty and name the claim in the headline
        // (ClaimsKG's AAP rows, most of Africa Check's): the headline is then the text matched.
        match r.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => r.claim_reviewed = t.to_owned(),
            None => return Err("no claim text and no title".into()),
        }
    }
    Ok(r)
}

/// Reads a file of fact-checks, recognising its shape from its content.
///
/// # Errors
/// A message naming what is wrong when the file is not UTF-8 or is in none of the shapes.
pub fn parse(bytes: &[u8]) -> Result<Parsed, String> {
    let s = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    let s = s.trim_start_matches('\u{feff}');
    let head = s.trim_start();
    let mut parsed = if head.starts_with('<') {
        jsonld::parse_html(s)?
    } else if head.starts_with('{') || head.starts_with('[') {
        let v: serde_json::Value =
            serde_json::from_str(s).map_err(|e| format!("the file is not valid JSON: {e}"))?;
        if google::is_google(&v) {
            google::parse(&v)
        } else {
            jsonld::parse_value(&v, Format::JsonLd)
        }
    } else {
        table::parse(s)?
    };
    // A review listed twice in one file is read once: the first keeps its place.
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(parsed.records.len());
    for (i, r) in std::mem::take(&mut parsed.records).into_iter().enumerate() {
        if seen.insert(r.url.clone()) {
            kept.push(r);
        } else {
            parsed.skipped.push(Skipped {
                at: format!("review {}", i + 1),
                reason: format!("{} appears earlier in the same file", r.url),
            });
        }
    }
    parsed.records = kept;
    if parsed.records.is_empty() && parsed.skipped.is_empty() {
        return Err(
            "the file holds no ClaimReview, Fact Check API claims or ClaimReview CSV rows".into(),
        );
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_content_is_refused_with_a_reason() {
        assert!(parse(&[0xff, 0xfe, 0x00]).is_err_and(|e| e.contains("UTF-8")));
        assert!(parse(b"{\"hello\": 1}").is_err_and(|e| e.contains("no ClaimReview")));
        assert!(parse(b"{oops").is_err_and(|e| e.contains("not valid JSON")));
    }

    #[test]
    fn a_review_listed_twice_is_read_once() {
        let one = r#"{"@type":"ClaimReview","url":"https://fc.example/a","claimReviewed":"x"}"#;
        let p = parse(format!("[{one},{one}]").as_bytes());
        let Ok(p) = p else { panic!("{p:?}") };
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.skipped.len(), 1);
    }

    #[test]
    fn reviews_need_an_http_address_and_a_claim() {
        let r = |url: &str, claim: &str| ReviewRecord {
            url: url.into(),
            claim_reviewed: claim.into(),
            ..ReviewRecord::default()
        };
        assert!(finish(r("https://fc.example/a", "c")).is_ok());
        assert!(finish(r("", "c")).is_err());
        assert!(finish(r("javascript:alert(1)", "c")).is_err());
        assert!(finish(r("https://fc.example/a", "  ")).is_err());
        let long = format!("https://fc.example/{}", "a".repeat(MAX_URL_CHARS));
        assert!(finish(r(&long, "c")).is_err());
        // A language no tag could be is dropped; the review stays.
        let with_language = |language: &str| ReviewRecord {
            language: Some(language.into()),
            ..r("https://fc.example/a", "c")
        };
        let kept = finish(with_language("pt-BR")).expect("kept");
        assert_eq!(kept.language.as_deref(), Some("pt-BR"));
        let kept = finish(with_language(&"x".repeat(36))).expect("kept");
        assert_eq!(kept.language, None);
    }
}
