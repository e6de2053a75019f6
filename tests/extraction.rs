//! The extractor as `claimtrail extract FILE --json` uses it: a whole article file in the corpus
//! layout (headline, publisher, dateline, url, blank line, body) gives the headline's claim and
//! nothing from the header lines, and every claim serialises to the documented JSON. The
//! evaluation on real reporting is `app/tests/extraction.rs`.

const ARTICLE: &str = "Warehouse fire kills 9 in river port, two managers detained
Harbour Courier (Wire)
12/02/2021 07h30
https://example.org/news/warehouse-fire

At least nine people were killed when a fire tore through a chemical warehouse in the river port on Thursday night, the regional health office said.
Police said two managers of the warehouse had been detained on suspicion of negligence.
The cause of the fire has not been established.
";

#[test]
fn a_corpus_layout_file_gives_its_headline_claims_and_none_from_its_header() {
    let claims = app::extract::extract_claims(ARTICLE);
    let header_end = ARTICLE.find("At least").expect("body");
    let headline_end = ARTICLE.find('\n').expect("headline");
    assert!(
        claims.iter().any(|c| c.span.end <= headline_end),
        "no claim in the headline: {claims:?}"
    );
    for c in &claims {
        assert!(
            c.span.end <= headline_end || c.span.start >= header_end,
            "a claim in the header lines: {c:?}"
        );
    }
    assert!(
        claims
            .iter()
            .any(|c| c.figures.iter().any(|f| f.value == 9.0
                && f.qualifier == app::domain::Qualifier::AtLeast
                && f.category == "killed"))
    );
}

#[test]
fn every_claim_has_the_documented_json_shape() {
    let claims = app::extract::extract_claims(ARTICLE);
    assert!(!claims.is_empty());
    let json = serde_json::to_value(serde_json::json!({ "claims": claims })).expect("json");
    for c in json["claims"].as_array().expect("claims") {
        let mut keys: Vec<&str> = c
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "checkworthiness",
                "claimant",
                "figures",
                "hedged",
                "kind",
                "prefix",
                "quote",
                "span",
                "suffix",
                "target"
            ]
        );
        let span = &c["span"];
        let (s, e) = (
            span["start"].as_u64().expect("start") as usize,
            span["end"].as_u64().expect("end") as usize,
        );
        let slice: String = ARTICLE.chars().skip(s).take(e - s).collect();
        assert_eq!(slice, c["quote"].as_str().expect("quote"));
    }
}
