//! schema.org ClaimReview in JSON-LD: one object, an array, a `DataFeed` (`dataFeedElement`, its
//! items bare or wrapped in `DataFeedItem`), an `ItemList`, a `@graph`, and saved HTML pages
//! carrying any of those in `<script type="application/ld+json">`.

use serde_json::Value;

use super::{Format, Parsed, ReviewRecord, Skipped, finish, text};

/// Whether a JSON-LD node has `ty` among its `@type`s.
fn has_type(v: &Value, ty: &str) -> bool {
    match v.get("@type") {
        Some(Value::String(s)) => s == ty || s.ends_with(&format!("/{ty}")),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some(ty)),
        _ => false,
    }
}

fn type_name(v: &Value) -> String {
    match v.get("@type") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        _ => "none".into(),
    }
}

/// A string property: a string, a number, or a node's `name` / `@value`; the first of an array.
fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => text(Some(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(|x| string(Some(x))),
        Value::Object(_) => {
            let v = v?;
            string(v.get("@value")).or_else(|| string(v.get("name")))
        }
        _ => None,
    }
}

/// A number property, written as a number or a numeric string.
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The first node of a property that may be one node or an array of them.
fn node(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.iter().find(|x| x.is_object()),
        o @ Value::Object(_) => Some(o),
        _ => None,
    }
}

/// One ClaimReview node as a record.
pub(super) fn review(v: &Value) -> Result<ReviewRecord, String> {
    let author = node(v.get("author")).or_else(|| node(v.get("publisher")));
    let item = node(v.get("itemReviewed"));
    let rating = node(v.get("reviewRating"));
    finish(ReviewRecord {
        url: string(v.get("url")).unwrap_or_default(),
        claim_reviewed: string(v.get("claimReviewed"))
            .or_else(|| item.and_then(|i| string(i.get("name"))))
            .unwrap_or_default(),
        title: string(v.get("name")).or_else(|| string(v.get("headline"))),
        description: string(v.get("description")),
        claimant: item.and_then(|i| string(i.get("author"))),
        claim_date: item.and_then(|i| string(i.get("datePublished"))),
        date_published: string(v.get("datePublished")),
        publisher_name: author
            .and_then(|a| string(a.get("name")))
            .or_else(|| string(v.get("author"))),
        publisher_site: author.and_then(|a| string(a.get("url"))),
        textual_rating: rating
            .and_then(|r| string(r.get("alternateName")).or_else(|| string(r.get("name")))),
        rating_value: rating.and_then(|r| number(r.get("ratingValue"))),
        best_rating: rating.and_then(|r| number(r.get("bestRating"))),
        worst_rating: rating.and_then(|r| number(r.get("worstRating"))),
        language: string(v.get("inLanguage")),
    })
}

/// Walks a JSON-LD value, reading every ClaimReview. `listed` marks items of a list or feed,
/// whose other types are reported as skipped; a page's other nodes (its article, its
/// organisation) are passed over quietly.
fn walk(v: &Value, listed: bool, at: &str, out: &mut Parsed) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, true, &format!("item {}", i + 1), out);
            }
        }
        Value::Object(o) => {
            if has_type(v, "ClaimReview")
                || (o.get("@type").is_none() && o.contains_key("claimReviewed"))
            {
                match review(v) {
                    Ok(r) => out.records.push(r),
                    Err(reason) => out.skipped.push(Skipped {
                        at: at.to_owned(),
                        reason,
                    }),
                }
            } else if let Some(items) = o.get("dataFeedElement").or_else(|| o.get("@graph")) {
                walk(items, true, at, out);
            } else if let Some(items) = o.get("itemListElement") {
                walk(items, true, at, out);
            } else if let Some(item) = o.get("item") {
                // A DataFeedItem or ListItem wraps its review.
                walk(item, listed, at, out);
            } else if listed {
                out.skipped.push(Skipped {
                    at: at.to_owned(),
                    reason: format!("not a ClaimReview (@type {})", type_name(v)),
                });
            }
        }
        _ => {
            if listed {
                out.skipped.push(Skipped {
                    at: at.to_owned(),
                    reason: "not a JSON-LD object".into(),
                });
            }
        }
    }
}

/// Reads the ClaimReviews of a JSON-LD value.
pub(super) fn parse_value(v: &Value, format: Format) -> Parsed {
    let mut out = Parsed {
        format,
        records: Vec::new(),
        skipped: Vec::new(),
    };
    walk(v, false, "item 1", &mut out);
    out
}

/// Reads the ClaimReviews in the JSON-LD scripts of an HTML page (or of several pages saved
/// one after another).
///
/// # Errors
/// When the page carries no JSON-LD at all.
pub(super) fn parse_html(html: &str) -> Result<Parsed, String> {
    let doc = dom_query::Document::from(html);
    let mut out = Parsed {
        format: Format::Html,
        records: Vec::new(),
        skipped: Vec::new(),
    };
    let mut scripts = 0;
    if let Some(sel) = doc.try_select("script") {
        for node in sel.nodes() {
            let ty = node.attr("type").map(|t| t.to_ascii_lowercase());
            if ty.is_none_or(|t| t.trim() != "application/ld+json") {
                continue;
            }
            scripts += 1;
            let at = format!("script {scripts}");
            match serde_json::from_str::<Value>(node.text().trim()) {
                Ok(v) => {
                    let mut found = parse_value(&v, Format::Html);
                    for s in &mut found.skipped {
                        s.at = format!("{at}, {}", s.at);
                    }
                    out.records.append(&mut found.records);
                    out.skipped.append(&mut found.skipped);
                }
                Err(e) => out.skipped.push(Skipped {
                    at,
                    reason: format!("the JSON-LD does not parse: {e}"),
                }),
            }
        }
    }
    if scripts == 0 {
        return Err("the HTML page carries no <script type=\"application/ld+json\">".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    const REVIEW: &str = r#"{
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://factcheck.example/reviews/bridge",
        "claimReviewed": "The bridge was closed for a year.",
        "name": "Was the bridge closed for a year?",
        "datePublished": "2024-02-01",
        "author": {"@type": "Organization", "name": "Example Checks", "url": "https://factcheck.example"},
        "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": 5, "worstRating": 1, "alternateName": "Mostly false"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Councillor"}, "datePublished": "2024-01-20"}
    }"#;

    #[test]
    fn a_single_review_reads_every_field() {
        let Ok(p) = parse(REVIEW.as_bytes()) else {
            panic!("parse")
        };
        assert_eq!(p.format, Format::JsonLd);
        let r = &p.records[0];
        assert_eq!(r.url, "https://factcheck.example/reviews/bridge");
        assert_eq!(
            r.title.as_deref(),
            Some("Was the bridge closed for a year?")
        );
        assert_eq!(r.publisher_name.as_deref(), Some("Example Checks"));
        assert_eq!(
            r.publisher_site.as_deref(),
            Some("https://factcheck.example")
        );
        assert_eq!(r.claimant.as_deref(), Some("A. Councillor"));
        assert_eq!(r.claim_date.as_deref(), Some("2024-01-20"));
        assert_eq!(r.textual_rating.as_deref(), Some("Mostly false"));
        assert_eq!(
            (r.rating_value, r.best_rating, r.worst_rating),
            (Some(2.0), Some(5.0), Some(1.0))
        );
    }

    #[test]
    fn feeds_lists_and_graphs_are_walked() {
        let feed = format!(
            r#"{{"@type": "DataFeed", "dataFeedElement": [{REVIEW}, {{"@type": "DataFeedItem", "item": {}}}, {{"@type": "Person", "name": "x"}}]}}"#,
            REVIEW.replace("reviews/bridge", "reviews/other")
        );
        let Ok(p) = parse(feed.as_bytes()) else {
            panic!("parse")
        };
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.skipped.len(), 1);
        assert!(p.skipped[0].reason.contains("Person"));
        let graph = format!(r#"{{"@graph": [{REVIEW}]}}"#);
        assert!(parse(graph.as_bytes()).is_ok_and(|p| p.records.len() == 1));
    }

    #[test]
    fn html_pages_give_their_json_ld() {
        let page = format!(
            r#"<!doctype html><html><head><title>x</title>
            <script type="application/ld+json">{{"@type": "NewsArticle", "headline": "x"}}</script>
            <script type="application/ld+json">{REVIEW}</script>
            <script>var notJson = 1;</script></head><body><p>Text</p></body></html>"#
        );
        let Ok(p) = parse(page.as_bytes()) else {
            panic!("parse")
        };
        assert_eq!(p.format, Format::Html);
        assert_eq!(p.records.len(), 1);
        assert!(p.skipped.is_empty());
        assert!(parse(b"<html><body>no data</body></html>").is_err());
    }

    #[test]
    fn right_to_left_text_and_encoded_addresses_survive() {
        let v = r#"[{"@type": ["ClaimReview"], "url": "https://fc.example/%D8%A7%D9%84",
            "claimReviewed": "الكهرباء انقطعت", "reviewRating": {"alternateName": "مضلل"}, "inLanguage": "ar"}]"#;
        let Ok(p) = parse(v.as_bytes()) else {
            panic!("parse")
        };
        let r = &p.records[0];
        assert_eq!(r.url, "https://fc.example/%D8%A7%D9%84");
        assert_eq!(r.claim_reviewed, "الكهرباء انقطعت");
        assert_eq!(r.textual_rating.as_deref(), Some("مضلل"));
        assert_eq!(r.date_published, None);
        assert_eq!(r.language.as_deref(), Some("ar"));
    }
}
