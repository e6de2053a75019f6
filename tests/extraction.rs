//! The extractor's evaluation: every annotated article (ours in tests/fixtures/articles and the
//! shared ones) is extracted and scored; each kind must reach F1 ≥ 0.9 and every expected figure,
//! claimant and target must come out right.

use std::path::PathBuf;

use claimtrail_tests::eval;

fn dirs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    vec![
        root.join("fixtures/articles"),
        root.join("../../shared/fixtures/articles"),
    ]
}

#[test]
fn every_annotated_article_scores_at_least_0_9_per_kind() {
    let articles = eval::annotated_articles(&dirs());
    assert!(
        articles.len() >= 4,
        "expected the shared fixture and at least three of our own, found {}",
        articles.len()
    );
    let mut failures = Vec::new();
    let mut total = eval::Score::default();
    for (txt, exp) in &articles {
        let text = std::fs::read_to_string(txt).expect("article text");
        let claims = app::extract::extract_claims(&text);
        let expectations = eval::load(exp);
        let s = eval::score(&claims, &expectations);
        let name = txt
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("{}", s.report(&name));
        for (kind, c) in &s.by_kind {
            if c.f1() < 0.9 {
                failures.push(format!("{name}: {kind} F1 {:.2}", c.f1()));
            }
        }
        for (label, (ok, n)) in [
            ("figures", s.figures),
            ("claimants", s.claimants),
            ("targets", s.targets),
        ] {
            if ok < n {
                failures.push(format!("{name}: {label} {ok}/{n}"));
            }
        }
        for (t, x) in [
            (&mut total.figures, s.figures),
            (&mut total.claimants, s.claimants),
            (&mut total.targets, s.targets),
            (&mut total.hedged, s.hedged),
        ] {
            t.0 += x.0;
            t.1 += x.1;
        }
        for (k, c) in s.by_kind {
            let t = total.by_kind.entry(k).or_default();
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn_ += c.fn_;
        }
    }
    println!("{}", total.report("ALL ARTICLES"));
    assert!(
        failures.is_empty(),
        "below the bar:\n{}",
        failures.join("\n")
    );
}

#[test]
fn quotes_always_equal_their_spans_in_every_article() {
    for (txt, _) in eval::annotated_articles(&dirs()) {
        let text = std::fs::read_to_string(&txt).expect("article text");
        let chars: Vec<char> = text.chars().collect();
        for c in app::extract::extract_claims(&text) {
            let slice: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(slice, c.quote, "{}", txt.display());
            assert!((0.0..=1.0).contains(&c.checkworthiness));
        }
    }
}
