//! A claim taken through the whole workflow, for the suites that need a published fact-check.

use app::domain::{ClaimView, Rating, Role, SourceKind, Stance};
use app::server::services::{
    self, Who, articles::intake::NewArticle, review::sources::SourceInput,
};

use crate::TestDb;

const DEMO_ARTICLE: &str = include_str!("../fixtures/articles/port-ardent-demo-2026-05-15.txt");
/// A word that occurs only in the rationale, to find the claim by.
pub const RATIONALE_WORD: &str = "cross-checked";

pub struct Published {
    pub claim: ClaimView,
    pub slug: String,
    pub unpublished: ClaimView,
    pub reviewer: Who,
    pub editor: Who,
}

/// A claim of the demo article taken through the whole workflow: two sources, a proposal, an
/// approval by another person.
pub async fn publish(db: &TestDb) -> Published {
    let made = |email: &'static str, name: &'static str, role| async move {
        Who::user(
            &services::accounts::users::create_user(
                &db.conn,
                email,
                name,
                crate::PASSWORD,
                role,
                &Who::system("test"),
            )
            .await
            .expect("user"),
        )
    };
    let reviewer = made("rita@example.org", "Rita Reviewer", Role::Reviewer).await;
    let editor = made("eddie@example.org", "Eddie Editor", Role::Editor).await;
    let (_, claims) = demo_article(db, Some("https://demo.example/port-ardent")).await;
    let claim = claims
        .iter()
        .find(|c| c.quote.contains("41"))
        .expect("the toll claim")
        .clone();
    let unpublished = claims
        .iter()
        .find(|c| c.id != claim.id)
        .expect("another claim")
        .clone();
    for (url, stance, archived) in [
        (
            "https://example.org/committee",
            Stance::Supports,
            "The police reported 41 dead on 16 May.",
        ),
        (
            "https://example.org/agency",
            Stance::Context,
            "Later counts rose.",
        ),
    ] {
        services::review::sources::add(
            &db.conn,
            claim.id,
            &SourceInput {
                url: url.into(),
                title: format!("Report at {url}"),
                publisher: Some("Agency".into()),
                published_on: Some("2026-05-16".into()),
                excerpt: "41 dead".into(),
                stance,
                kind: SourceKind::Official,
                archived_text: Some(archived.into()),
            },
            &reviewer,
        )
        .await
        .expect("source");
    }
    let (v, version) = propose(
        db,
        claim.id,
        Rating::True,
        &format!("The toll was **{RATIONALE_WORD}** against two official counts."),
        &reviewer,
    )
    .await;
    services::review::verdicts::approve(&db.conn, v.id, version, "", &editor)
        .await
        .expect("approve");
    let list =
        services::publishing::listing::list(&db.conn, &app::domain::PublicFilter::default(), 10)
            .await
            .expect("list");
    assert_eq!(list.items.len(), 1, "one published claim");
    Published {
        slug: list.items[0].slug.clone(),
        claim: services::claim_record::view(&db.conn, claim.id)
            .await
            .expect("claim"),
        unpublished,
        reviewer,
        editor,
    }
}

/// The demo article stored (by the system, with its address if given), and its claims.
pub async fn demo_article(db: &TestDb, url: Option<&str>) -> (uuid::Uuid, Vec<ClaimView>) {
    let out = services::articles::intake::ingest(
        &db.conn,
        NewArticle {
            text: DEMO_ARTICLE.into(),
            url: url.map(str::to_owned),
            ..NewArticle::default()
        },
        &Who::system("test"),
    )
    .await
    .expect("ingest");
    let claims = services::articles::get(&db.conn, out.article_id)
        .await
        .expect("article")
        .claims;
    (out.article_id, claims)
}

/// A second fact-check beside `publish`'s: the other claim rated "unproven" (which needs no
/// source), proposed by the reviewer and approved by the editor.
pub async fn publish_second(db: &TestDb, p: &Published) {
    let (v, version) = propose(
        db,
        p.unpublished.id,
        Rating::Unproven,
        "Nothing settles it yet.",
        &p.reviewer,
    )
    .await;
    services::review::verdicts::approve(&db.conn, v.id, version, "", &p.editor)
        .await
        .expect("approve");
}

/// Proposes `rating` on the claim as it stands; returns the verdict and the claim's version
/// after it, which the editor's decision must name.
pub async fn propose(
    db: &TestDb,
    claim: uuid::Uuid,
    rating: Rating,
    rationale: &str,
    who: &Who,
) -> (app::domain::VerdictView, i32) {
    let version = || async {
        services::claim_record::view(&db.conn, claim)
            .await
            .expect("claim")
            .version
    };
    let v = services::review::verdicts::propose(
        &db.conn,
        claim,
        version().await,
        rating,
        rationale,
        who,
    )
    .await
    .expect("propose");
    (v, version().await)
}

/// Corrects a claim's hedging (a change the provenance tracer reads), as a reviewer would.
pub async fn toggle_hedging(db: &TestDb, claim: uuid::Uuid, who: &Who) {
    let v = services::claim_record::view(&db.conn, claim)
        .await
        .expect("claim");
    let edit = services::review::curation::ClaimEdit {
        kind: v.kind,
        claimant: v.claimant.clone(),
        target: v.target.clone(),
        hedged: !v.hedged,
    };
    services::review::curation::update(&db.conn, claim, v.version, edit, who)
        .await
        .expect("edit");
}

/// Publishes a fact-check on a claim: a source, a proposal, another person's approval.
pub async fn publish_claim(
    db: &TestDb,
    claim: uuid::Uuid,
    rating: Rating,
    reviewer: &Who,
    editor: &Who,
) -> String {
    services::review::sources::add(
        &db.conn,
        claim,
        &SourceInput {
            url: "https://example.org/official-count".into(),
            title: "Official count".into(),
            publisher: Some("Ministry".into()),
            published_on: Some("2024-01-01".into()),
            excerpt: "the count".into(),
            stance: Stance::Supports,
            kind: SourceKind::Official,
            archived_text: Some("The count as published.".into()),
        },
        reviewer,
    )
    .await
    .expect("source");
    let (v, version) = propose(db, claim, rating, "Checked against the count.", reviewer).await;
    services::review::verdicts::approve(&db.conn, v.id, version, "", editor)
        .await
        .expect("approve");
    let view = services::claim_record::view(&db.conn, claim)
        .await
        .expect("claim");
    // Public listings carry no internal ids: the published claim is found by its words in place.
    let c =
        services::publishing::listing::list(&db.conn, &app::domain::PublicFilter::default(), 100)
            .await
            .expect("list")
            .items
            .into_iter()
            .find(|i| i.claim.quote == view.quote && i.claim.prefix == view.prefix)
            .expect("published");
    c.slug
}
