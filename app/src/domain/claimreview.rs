//! schema.org ClaimReview for a published fact-check, as Google's fact-check markup asks for
//! it: `claimReviewed`, `reviewRating` (with `ratingValue`, `bestRating`, `worstRating` and
//! `alternateName`), `itemReviewed` as a `Claim` with its author, date and appearances, the
//! reviewing organisation as `author`, `datePublished` and `url`.

use serde_json::{Value, json};

use super::{APPEARANCES_LISTED, AppearanceView, PublicClaim, Rating, VerdictState};

/// The best and worst `ratingValue` of Claimtrail's scale (see `Rating::rating_value`).
pub const BEST_RATING: i32 = 5;
pub const WORST_RATING: i32 = 1;

/// The ClaimReview of a published claim, or `None` when there is no standing verdict (a
/// retracted fact-check carries no markup, as the guidelines ask).
pub fn claim_review(p: &PublicClaim, organisation: &str, site_url: &str) -> Option<Value> {
    let v = p
        .verdict
        .as_ref()
        .filter(|v| v.state == VerdictState::Approved)?;
    let mut rating = json!({
        "@type": "Rating",
        "alternateName": v.rating.label(),
    });
    if v.rating != Rating::Unproven {
        rating["ratingValue"] = json!(v.rating.rating_value());
        rating["bestRating"] = json!(BEST_RATING);
        rating["worstRating"] = json!(WORST_RATING);
    }
    // Every appearance of the claim across its story, the first appearance first; without a
    // story, the article it was found in.
    let mut appearances: Vec<Value> = p
        .provenance
        .as_ref()
        .map(|prov| prov.appearances().iter().map(appearance_of).collect())
        .unwrap_or_default();
    if appearances.is_empty() {
        appearances.push(article_appearance(p));
    }
    let first = appearances[0].clone();
    let first_date = first.get("datePublished").cloned();
    let mut item = json!({
        "@type": "Claim",
        "appearance": appearances,
        "firstAppearance": first,
    });
    let claim_author = p
        .claim
        .claimant
        .as_ref()
        .map(|name| json!({ "@type": if p.claimant_is_person { "Person" } else { "Organization" }, "name": name }))
        .or_else(|| {
            p.article
                .publisher
                .as_ref()
                .map(|name| json!({ "@type": "Organization", "name": name }))
        });
    if let Some(author) = claim_author {
        item["author"] = author;
    }
    if let Some(d) = first_date.or_else(|| p.article.published_at.as_ref().map(|d| json!(d))) {
        item["datePublished"] = d;
    }
    Some(json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": p.url,
        "claimReviewed": p.claim.quote,
        "datePublished": p.published_on,
        "dateModified": p.modified_on,
        "author": { "@type": "Organization", "name": organisation, "url": site_url },
        "reviewRating": rating,
        "itemReviewed": item,
    }))
}

/// The ClaimReview a claim's page carries: the appearances the page lists, so the first
/// [`APPEARANCES_LISTED`] unless the reader asked for every one (`every`). `firstAppearance`
/// stays; the claim's JSON and the feed carry the whole record.
pub fn on_page(review: &Value, every: bool) -> Value {
    let mut r = review.clone();
    if !every
        && let Some(list) = r
            .pointer_mut("/itemReviewed/appearance")
            .and_then(Value::as_array_mut)
    {
        list.truncate(APPEARANCES_LISTED);
    }
    r
}

/// The article a claim was found in, as a CreativeWork.
fn article_appearance(p: &PublicClaim) -> Value {
    let mut a = json!({ "@type": "CreativeWork", "headline": p.article.title });
    if let Some(url) = &p.article.url {
        a["url"] = json!(url);
    }
    if let Some(d) = &p.article.published_at {
        a["datePublished"] = json!(d);
    }
    if let Some(publisher) = &p.article.publisher {
        a["publisher"] = json!({ "@type": "Organization", "name": publisher });
    }
    a
}

/// One appearance of the claim (an article of its story), as a CreativeWork.
fn appearance_of(x: &AppearanceView) -> Value {
    let mut a = json!({ "@type": "CreativeWork", "headline": x.article_title });
    if let Some(url) = &x.url {
        a["url"] = json!(url);
    }
    if let Some(d) = &x.published_on {
        a["datePublished"] = json!(d);
    }
    if let Some(publisher) = &x.outlet {
        a["publisher"] = json!({ "@type": "Organization", "name": publisher });
    }
    a
}

/// JSON for inside a `<script>` element: `<` is escaped so no text can close the element.
pub fn script_safe(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_carries_the_appearances_it_lists_and_the_first_one() {
        let appearances: Vec<Value> = (0..APPEARANCES_LISTED + 7)
            .map(|n| json!({ "@type": "CreativeWork", "headline": format!("Report {n}") }))
            .collect();
        let review = json!({
            "@type": "ClaimReview",
            "itemReviewed": {
                "@type": "Claim",
                "appearance": appearances,
                "firstAppearance": appearances[0],
            },
        });
        let page = on_page(&review, false);
        let listed = page["itemReviewed"]["appearance"]
            .as_array()
            .expect("a list");
        assert_eq!(listed[..], appearances[..APPEARANCES_LISTED]);
        assert_eq!(page["itemReviewed"]["firstAppearance"], appearances[0]);
        assert_eq!(on_page(&review, true), review, "every one when asked for");
        // A review without appearances (no story) is carried as it is.
        let bare = json!({ "@type": "ClaimReview" });
        assert_eq!(on_page(&bare, false), bare);
    }
}
