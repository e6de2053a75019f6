//! The Google Fact Check Tools API `claims:search` response: `{"claims": [...]}` (or the bare
//! array), each claim with `text`, `claimant`, `claimDate` and `claimReview[]` of
//! `publisher{name, site}`, `url`, `title`, `reviewDate`, `textualRating`, `languageCode`. One
//! record per review.

use serde_json::Value;

use super::{Format, Parsed, ReviewRecord, Skipped, finish, text};

fn claims(v: &Value) -> Option<&Vec<Value>> {
    match v {
        Value::Object(o) => o.get("claims").and_then(Value::as_array),
        Value::Array(a) => Some(a),
        _ => None,
    }
}

/// Whether a JSON value has the API's shape: claims carrying `claimReview` arrays.
pub(super) fn is_google(v: &Value) -> bool {
    claims(v).is_some_and(|cs| {
        cs.iter()
            .any(|c| c.get("claimReview").is_some_and(Value::is_array))
    })
}

fn field(v: &Value, name: &str) -> Option<String> {
    text(v.get(name).and_then(Value::as_str))
}

/// Reads every review of every claim.
pub(super) fn parse(v: &Value) -> Parsed {
    let mut out = Parsed {
        format: Format::GoogleApi,
        records: Vec::new(),
        skipped: Vec::new(),
    };
    for (i, c) in claims(v).into_iter().flatten().enumerate() {
        let Some(reviews) = c.get("claimReview").and_then(Value::as_array) else {
            out.skipped.push(Skipped {
                at: format!("claim {}", i + 1),
                reason: "no claimReview".into(),
            });
            continue;
        };
        for (j, r) in reviews.iter().enumerate() {
            let publisher = r.get("publisher");
            let record = ReviewRecord {
                url: field(r, "url").unwrap_or_default(),
                claim_reviewed: field(c, "text").unwrap_or_default(),
                title: field(r, "title"),
                description: None,
                claimant: field(c, "claimant"),
                claim_date: field(c, "claimDate"),
                date_published: field(r, "reviewDate"),
                publisher_name: publisher.and_then(|p| field(p, "name")),
                publisher_site: publisher.and_then(|p| field(p, "site")),
                textual_rating: field(r, "textualRating"),
                rating_value: None,
                best_rating: None,
                worst_rating: None,
                language: field(r, "languageCode"),
            };
            match finish(record) {
                Ok(rec) => out.records.push(rec),
                Err(reason) => out.skipped.push(Skipped {
                    at: format!("claim {}, review {}", i + 1, j + 1),
                    reason,
                }),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_bytes;
    use super::*;

    #[test]
    fn each_review_of_each_claim_is_a_record() {
        let body = r#"{"claims": [
            {"text": "A shark swam on the highway", "claimant": "social media", "claimDate": "2024-01-02T00:00:00Z",
             "claimReview": [
                {"publisher": {"name": "Checker One", "site": "one.example"}, "url": "https://one.example/shark",
                 "title": "No shark", "reviewDate": "2024-01-03T00:00:00Z", "textualRating": "Falso", "languageCode": "es"},
                {"publisher": {"name": "Checker Two"}, "url": "https://two.example/shark", "textualRating": "False"}]},
            {"text": "No review here", "claimReview": [{"title": "no url"}]}
        ]}"#;
        let Ok(p) = parse_bytes(body.as_bytes()) else {
            panic!("parse")
        };
        assert_eq!(p.format, Format::GoogleApi);
        assert_eq!(p.records.len(), 2);
        let r = &p.records[0];
        assert_eq!(r.claim_reviewed, "A shark swam on the highway");
        assert_eq!(r.claimant.as_deref(), Some("social media"));
        assert_eq!(r.publisher_site.as_deref(), Some("one.example"));
        assert_eq!(r.textual_rating.as_deref(), Some("Falso"));
        assert_eq!(r.language.as_deref(), Some("es"));
        assert_eq!(p.records[1].date_published, None);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].reason, "no review URL");
    }
}
