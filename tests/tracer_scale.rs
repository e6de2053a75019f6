//! The pure tracer on one invented story: STORY_ARTICLES reports (1,000 by default) of one event,
//! extracted, then traced as a stored story is rebuilt (every article joins, in arrival order).
//! Prints the time to build the propositions and link them, and to derive the story from the
//! tracer's own clusters. No database: this is the part of a story's rebuild that is computing.
//!
//! `cargo bench -p claimtrail-tests --bench tracer_scale`

use std::time::Instant;

use app::provenance::{ArticleInput, Tracer};
use app::server::services::provenance::loading::story_params;
use claimtrail_tests::generated::{Lcg, article, event};

fn main() {
    let n: usize = claimtrail_tests::setting("STORY_ARTICLES", 1_000);
    let mut r = Lcg::new(7);
    let e = event(&mut r, 1, 3);
    let t = Instant::now();
    let articles: Vec<ArticleInput> = (0..n)
        .map(|i| ArticleInput::read_and_extract(&format!("big{i}"), &article(&mut r, &e, i, "big")))
        .collect();
    let extracted = t.elapsed();
    let claims: usize = articles.iter().map(|a| a.claims.len()).sum();
    let t = Instant::now();
    let mut tracer = Tracer::with_params(story_params());
    for a in articles {
        tracer.add_article(a);
    }
    let traced = t.elapsed();
    // The derivation a story page makes after every change (relations, first appearances,
    // figures and chains from the clusters), five times, the median kept.
    let mut derived: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let story = tracer.story(0);
            std::hint::black_box(&story);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    derived.sort_by(f64::total_cmp);
    // A filing copies the story's tracer, adds its article to the copy and, once committed,
    // puts the copy in the old one's place, which is freed: both, five times, medians kept.
    let (mut copied, mut freed): (Vec<f64>, Vec<f64>) = (0..5)
        .map(|_| {
            let t = Instant::now();
            let copy = std::hint::black_box(tracer.clone());
            let copying = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            drop(copy);
            (copying, t.elapsed().as_secs_f64() * 1e3)
        })
        .unzip();
    copied.sort_by(f64::total_cmp);
    freed.sort_by(f64::total_cmp);
    println!(
        "{n} articles, {claims} claims, {} propositions: extraction {:.0} ms, tracing {:.0} ms, deriving the story {:.0} ms, copying the tracer {:.1} ms, freeing a copy {:.1} ms",
        tracer.propositions().len(),
        extracted.as_secs_f64() * 1e3,
        traced.as_secs_f64() * 1e3,
        derived[2],
        copied[2],
        freed[2],
    );
}
