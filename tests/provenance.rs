//! Provenance across articles through the services, on SQLite and PostgreSQL: articles filed
//! into stories at ingest, claims linked (automatically or as suggestions), reviewers'
//! decisions, editors' moves, merges and overrides, the public story once something is
//! published, and the shared corpus's Beirut and Manchester articles ingested in a shuffled
//! order (read in place from `../shared/corpus`; skipped with a message when it is absent).

use std::path::{Path, PathBuf};

use app::domain::{
    ClusterView, LinkState, Rank, Rating, RelationType, ReviewStatus, Role, StoryPage,
};
use app::server::services::{self, Who, articles::intake::NewArticle, provenance};
use claimtrail_tests::{TestDb, on_both_databases, workflow};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

async fn person(db: &TestDb, email: &str, role: Role) -> Who {
    Who::user(
        &services::accounts::users::create_user(
            &db.conn,
            email,
            email,
            claimtrail_tests::PASSWORD,
            role,
            &Who::system("test"),
        )
        .await
        .expect("user"),
    )
}

async fn ingest(db: &TestDb, text: &str, url: Option<&str>) -> Uuid {
    services::articles::intake::ingest(
        &db.conn,
        NewArticle {
            text: text.to_owned(),
            url: url.map(str::to_owned),
            ..NewArticle::default()
        },
        &Who::system("test"),
    )
    .await
    .expect("ingest")
    .article_id
}

async fn story_of(db: &TestDb, article: Uuid) -> Uuid {
    provenance::views::story_of_article(&db.conn, article)
        .await
        .expect("story")
        .expect("the article is filed")
        .id
}

/// The stored links pointing to a claim.
async fn links_to(db: &TestDb, claim: Uuid) -> Vec<app::server::entities::claim_link::Model> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    app::server::entities::claim_link::Entity::find()
        .filter(app::server::entities::claim_link::Column::ToClaimId.eq(claim))
        .all(&db.conn)
        .await
        .expect("links")
}

async fn page(db: &TestDb, story: Uuid) -> StoryPage {
    provenance::views::story_page(&db.conn, &story.to_string())
        .await
        .expect("story page")
}

// Invented articles about an invented event (no publisher's text).
const DAM_1: &str = "Dam bursts above Kessel in Varnia\nVarnia Courier\n01/05/2030 09h00\nhttps://courier.example/dam-1\n\nRescuers in Kessel said at least 12 people were killed when the Brannoch dam burst on Wednesday. The Varnia Liberation Front said its fighters blew up the Brannoch dam. Police in Kessel arrested three men near the Brannoch dam.\n";
const DAM_2: &str = "Brannoch dam toll rises to 31\nKessel Herald\n02/05/2030 10h00\nhttps://herald.example/dam-2\n\nThe death toll from the Brannoch dam burst in Kessel rose to 31, officials in Varnia said on Thursday. The Varnia Liberation Front said its fighters blew up the Brannoch dam. The Varnia interior ministry denied that the Brannoch dam was attacked, saying it failed after heavy rain.\n";
const DAM_3: &str = "Varnia mourns Brannoch dam victims\nNorthern Wire\n03/05/2030 08h00\nhttps://wire.example/dam-3\n\nThe Brannoch dam burst in Kessel killed 31 people, officials in Varnia said on Friday. The Varnia Liberation Front said its fighters blew up the Brannoch dam.\n";
const FIRE: &str = "Forest fire closes coastal road near Port Selwyn\nCoast Times\n20/09/2030 07h00\nhttps://coast.example/fire\n\nFirefighters near Port Selwyn said the forest fire destroyed 40 homes on Monday. The coastal highway was closed while crews fought the blaze.\n";

on_both_databases!(
    articles_about_one_event_share_a_story_and_their_claims_cluster,
    |db: TestDb| async move {
        let a1 = ingest(&db, DAM_1, None).await;
        let a2 = ingest(&db, DAM_2, None).await;
        let a3 = ingest(&db, DAM_3, None).await;
        let fire = ingest(&db, FIRE, None).await;
        let s = story_of(&db, a1).await;
        assert_eq!(story_of(&db, a2).await, s);
        assert_eq!(story_of(&db, a3).await, s);
        assert_ne!(story_of(&db, fire).await, s, "another event, another story");

        let p = page(&db, s).await;
        assert_eq!(p.articles.len(), 3);
        assert_eq!(p.articles[0].method, "new");
        assert!(
            p.articles[1..].iter().all(|a| a.method == "automatic"
                && a.similarity > 0.0
                && !a.shared_terms.is_empty())
        );
        // The claim of responsibility repeated in all three articles is one cluster, first seen
        // in the first article.
        let repeated: Vec<&ClusterView> = p
            .clusters
            .iter()
            .filter(|c| c.appearances.len() >= 3)
            .collect();
        assert!(!repeated.is_empty(), "{:#?}", p.clusters);
        for c in &p.clusters {
            let dates: Vec<&Option<String>> = c.appearances.iter().map(|a| &a.published).collect();
            assert!(
                dates.windows(2).all(|w| w[0] <= w[1]),
                "first appearance first: {dates:?}"
            );
        }
        let claim_of = |c: &ClusterView| c.appearances[0].article_id;
        assert!(repeated.iter().any(|c| claim_of(c) == a1));
        // The death toll: 12, then 31 (twice); 31 preferred, 12 superseded.
        let killed = p
            .figures
            .iter()
            .find(|f| f.category == "killed")
            .expect("a death toll timeline");
        let values: Vec<f64> = killed.points.iter().map(|p| p.value).collect();
        assert!(
            values.contains(&12.0) && values.contains(&31.0),
            "{values:?}"
        );
        assert_eq!(
            killed.preferred().map(|p| p.value),
            Some(31.0),
            "{killed:#?}"
        );
        let twelve = killed.points.iter().find(|p| p.value == 12.0).expect("12");
        assert_eq!(twelve.rank, Rank::Deprecated);
        assert_eq!(
            twelve.reason, "superseded by a later update",
            "reasons name no internal cluster numbers"
        );
        assert!(p.relations.iter().any(|r| r.kind == RelationType::Updates));
        // Every stored link is audited with its story.
        let events = db
            .scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'provenance.assign'")
            .await;
        assert_eq!(events, 4);
        // Nothing is public before a fact-check is published.
        assert!(!p.public);
        let site = app::server::Site {
            url: "http://localhost".into(),
            name: "Desk".into(),
        };
        let hidden = provenance::views::public_story(&db.conn, &p.story.slug, &site).await;
        assert!(matches!(hidden, Err(services::ServiceError::NotFound(_))));
    }
);

// A count and a part of it in one sentence, repeated by a second report (invented).
const FLOOD_1: &str = "Flood hits Kessel after Brannoch dam bursts\nVarnia Courier\n01/05/2030 09h00\nhttps://courier.example/flood-1\n\nThe flood injured some 900 people in Kessel, and 80 were in critical condition, rescuers said on Wednesday.\n";
const FLOOD_2: &str = "Kessel counts its injured after dam burst\nKessel Herald\n02/05/2030 10h00\nhttps://herald.example/flood-2\n\nThe Brannoch dam flood injured some 900 people in Kessel, and 80 were in critical condition, the Varnia health ministry said on Thursday.\n";

// An actor's row gathers every name any article gave it; a story's tracer reads each claim's
// actor with only the aliases its own article uses, so a long-lived actor does not make every
// rebuild cost more (nor read other places' names as this party's).
on_both_databases!(
    a_story_reads_an_actor_with_the_aliases_its_article_uses,
    |db: TestDb| async move {
        use app::server::entities::{actor, claim};
        use sea_orm::{
            ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
        };
        let a1 = ingest(&db, DAM_1, None).await;
        let named = claim::Entity::find()
            .filter(claim::Column::ArticleId.eq(a1))
            .filter(claim::Column::ClaimantId.is_not_null())
            .all(&db.conn)
            .await
            .expect("claims");
        let claimant = named
            .first()
            .and_then(|c| c.claimant_id)
            .expect("a claimant");
        let row = actor::Entity::find_by_id(claimant)
            .one(&db.conn)
            .await
            .expect("read")
            .expect("the actor");
        let name = row.name.clone();
        // Other stories' names for it, and one its article uses (in other case).
        let gathered = ["Zeta Velm Brigade", "Velm Harbour office", "KESSEL"];
        let mut active = row.into_active_model();
        active.aliases = Set(serde_json::json!(gathered));
        active.update(&db.conn).await.expect("aliases");
        let read = provenance::loading::read_articles(&db.conn, &[a1])
            .await
            .expect("read");
        let claims = &read[0].input.claims;
        let theirs: Vec<&app::domain::ActorRef> = claims
            .iter()
            .filter_map(|c| c.claimant.as_ref())
            .filter(|r| r.name == name)
            .collect();
        assert!(!theirs.is_empty(), "{claims:?}");
        for r in theirs {
            assert_eq!(r.aliases, ["KESSEL"], "{r:?}");
        }
    }
);

on_both_databases!(
    a_count_and_its_part_in_one_claim_are_filed_as_two_linked_propositions,
    |db: TestDb| async move {
        let a1 = ingest(&db, FLOOD_1, None).await;
        let a2 = ingest(&db, FLOOD_2, None).await;
        let s = story_of(&db, a1).await;
        assert_eq!(
            story_of(&db, a2).await,
            s,
            "the repeat is filed into the story"
        );
        let p = page(&db, s).await;
        // The whole and its part are each repeated: two clusters of two appearances, each
        // under its own name within the claim.
        let repeated: Vec<&ClusterView> = p
            .clusters
            .iter()
            .filter(|c| c.appearances.len() == 2)
            .collect();
        assert_eq!(repeated.len(), 2, "{:#?}", p.clusters);
        assert_ne!(repeated[0].prop, repeated[1].prop);
        let injured = p
            .figures
            .iter()
            .find(|f| f.category == "injured")
            .expect("injured");
        let values: Vec<f64> = injured.points.iter().map(|x| x.value).collect();
        assert_eq!(
            values,
            vec![900.0, 900.0],
            "the part is no value of the count"
        );
    }
);

on_both_databases!(
    an_article_whose_filing_failed_is_stored_and_filed_later,
    |db: TestDb| async move {
        let a1 = ingest(&db, DAM_1, None).await;
        // Filing fails (as a crash between storing and filing would leave it): the article
        // and its claims are stored, in no story.
        db.block_filing().await;
        let a2 = ingest(&db, DAM_2, None).await;
        let a3 = ingest(&db, DAM_3, None).await;
        let unfiled = || async {
            provenance::views::story_of_article(&db.conn, a2)
                .await
                .expect("story")
                .is_none()
        };
        assert!(unfiled().await);
        {
            use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
            let claims = app::server::entities::claim::Entity::find()
                .filter(app::server::entities::claim::Column::ArticleId.eq(a2))
                .count(&db.conn)
                .await
                .expect("count");
            assert!(claims > 0, "its claims are stored");
        }
        // Filing again while it still fails: each failure is counted, nothing is half-done.
        let who = Who::system("test");
        let backlog = provenance::filing::file_unfiled(&db.conn, &who)
            .await
            .expect("backlog");
        assert_eq!((backlog.filed, backlog.failed), (0, 2));
        assert!(unfiled().await);
        // The same text sent again is the stored copy, and says it is still not filed.
        let resend = || async {
            services::articles::intake::ingest(
                &db.conn,
                NewArticle {
                    text: DAM_2.to_owned(),
                    ..NewArticle::default()
                },
                &who,
            )
            .await
            .expect("ingest")
        };
        let again = resend().await;
        assert_eq!(
            (again.article_id, again.duplicate, again.filed),
            (a2, true, false)
        );
        // Once filing works, sending it again files it at once; the backlog files the other.
        // Both join the first article's story, linked as if filed at ingest.
        db.unblock_filing().await;
        let again = resend().await;
        assert_eq!(
            (again.article_id, again.duplicate, again.filed),
            (a2, true, true)
        );
        assert!(!unfiled().await);
        let backlog = provenance::filing::file_unfiled(&db.conn, &who)
            .await
            .expect("backlog");
        assert_eq!((backlog.filed, backlog.failed), (1, 0));
        let s = story_of(&db, a1).await;
        assert_eq!(story_of(&db, a2).await, s);
        assert_eq!(story_of(&db, a3).await, s);
        let p = page(&db, s).await;
        assert!(p.clusters.iter().any(|c| c.appearances.len() == 3));
        // Nothing is left to file.
        let backlog = provenance::filing::file_unfiled(&db.conn, &who)
            .await
            .expect("backlog");
        assert_eq!(backlog, provenance::filing::Backlog::default());
    }
);

on_both_databases!(
    a_published_fact_check_reaches_every_appearance_of_its_claim,
    |db: TestDb| async move {
        let reviewer = person(&db, "rev@example.org", Role::Reviewer).await;
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, Some("https://courier.example/dam-1")).await;
        ingest(&db, DAM_2, Some("https://herald.example/dam-2")).await;
        ingest(&db, DAM_3, Some("https://wire.example/dam-3")).await;
        let s = story_of(&db, a1).await;
        let p = page(&db, s).await;
        let c = p
            .clusters
            .iter()
            .find(|c| c.appearances.len() >= 3)
            .expect("a repeated claim")
            .clone();
        // The fact-check is published on a later appearance: verdicts attach to the cluster.
        let checked = c.appearances[1].claim_id;
        let slug = workflow::publish_claim(&db, checked, Rating::Mixed, &reviewer, &editor).await;
        let p = page(&db, s).await;
        assert!(p.public);
        let again = p
            .clusters
            .iter()
            .find(|x| x.key == c.key)
            .expect("same cluster");
        assert_eq!(again.representative, checked);
        assert_eq!(
            again.verdict.as_ref().map(|v| v.rating),
            Some(Rating::Mixed)
        );
        // The other appearances point to it.
        for other in [c.appearances[0].claim_id, c.appearances[2].claim_id] {
            let w = services::review::workspace::workspace(&db.conn, other)
                .await
                .expect("workspace");
            let prov = w.provenance.expect("in a story");
            let v = prov.fact_checked_elsewhere(other).expect("fact-checked");
            assert_eq!((v.rating, v.slug.as_str()), (Rating::Mixed, slug.as_str()));
        }
        // The public page lists every appearance, the first first, and its ClaimReview carries
        // them as `appearance` and `firstAppearance`.
        let site = app::server::Site {
            url: "http://localhost".into(),
            name: "Desk".into(),
        };
        let public = services::publishing::fact_checks::page(&db.conn, &slug, &site)
            .await
            .expect("public page");
        let prov = public.provenance.clone().expect("public provenance");
        let shown = prov.appearances();
        assert_eq!(shown.len(), c.appearances.len());
        assert_eq!(
            shown[0].url.as_deref(),
            Some("https://courier.example/dam-1")
        );
        // Readers never see the database's ids; unpublished appearances show where and when,
        // never their words.
        let ids: Vec<uuid::Uuid> = c
            .appearances
            .iter()
            .flat_map(|a| [a.claim_id, a.article_id])
            .collect();
        assert!(
            shown
                .iter()
                .all(|a| !ids.contains(&a.claim_id) && !ids.contains(&a.article_id))
        );
        assert!(
            shown
                .iter()
                .all(|a| a.claim_id != checked && a.article_id != a1)
        );
        assert_eq!(shown.iter().filter(|a| a.quote.is_some()).count(), 1);
        assert!(
            shown
                .iter()
                .filter(|a| a.slug.as_deref() != Some(slug.as_str()))
                .all(|a| a.quote.is_none())
        );
        let review = public.claim_review.expect("ClaimReview");
        let item = &review["itemReviewed"];
        assert_eq!(
            item["appearance"].as_array().map(Vec::len),
            Some(c.appearances.len())
        );
        assert_eq!(
            item["firstAppearance"]["url"],
            "https://courier.example/dam-1"
        );
        assert_eq!(
            item["firstAppearance"]["publisher"]["name"],
            "Varnia Courier"
        );
        // The public story shows the published claim's cluster.
        let story = provenance::views::public_story(&db.conn, &p.story.slug, &site)
            .await
            .expect("public story");
        assert!(
            story
                .clusters
                .iter()
                .all(|c| c.appearances.iter().any(|a| a.quote.is_some()))
        );
        assert!(story.clusters.iter().any(|x| {
            x.appearances
                .iter()
                .any(|a| a.slug.as_deref() == Some(slug.as_str()))
        }));
        let json = serde_json::to_string(&story).expect("json");
        for id in &ids {
            assert!(
                !json.contains(&id.to_string()),
                "the public story shows an id"
            );
        }
        assert!(
            story.clusters.len() < p.clusters.len(),
            "only published claims' clusters"
        );
    }
);

on_both_databases!(
    reviewers_decide_suggestions_and_editors_move_merge_and_override,
    |db: TestDb| async move {
        let reviewer = person(&db, "rev@example.org", Role::Reviewer).await;
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, None).await;
        let a2 = ingest(&db, DAM_2, None).await;
        let a3 = ingest(&db, DAM_3, None).await;
        let fire = ingest(&db, FIRE, None).await;
        let s = story_of(&db, a1).await;
        let links = db
            .scalar("SELECT COUNT(*) FROM claim_link WHERE level = 'automatic'")
            .await;
        assert!(links > 0, "strong evidence links without review");

        // A claim someone worked on is never clustered silently: a new appearance of it is
        // only suggested.
        let p = page(&db, s).await;
        let c = p
            .clusters
            .iter()
            .find(|c| c.appearances.len() >= 3)
            .expect("repeated")
            .clone();
        let first = c.appearances[0].claim_id;
        let view = services::claim_record::view(&db.conn, first)
            .await
            .expect("claim");
        services::review::workspace::assign(
            &db.conn,
            first,
            view.version,
            reviewer.user_id,
            &reviewer,
        )
        .await
        .expect("assign");
        let again = "Brannoch dam: Varnia Liberation Front claim repeated\nEastern Post\n04/05/2030 08h00\nhttps://east.example/dam-4\n\nThe Varnia Liberation Front said its fighters blew up the Brannoch dam in Kessel.\n";
        let a4 = ingest(&db, again, None).await;
        assert_eq!(story_of(&db, a4).await, s);
        let p = page(&db, s).await;
        let touching: Vec<_> = p
            .suggestions
            .iter()
            .filter(|x| x.from.article_id == a4 && x.to.claim_id == first)
            .collect();
        let a4_claims: Vec<Uuid> = services::articles::get(&db.conn, a4)
            .await
            .expect("article")
            .claims
            .iter()
            .map(|c| c.id)
            .collect();
        assert!(!a4_claims.is_empty());
        let into_first = links_to(&db, first).await;
        assert!(
            into_first
                .iter()
                .filter(|l| a4_claims.contains(&l.from_claim_id))
                .all(|l| l.level != "automatic"),
            "no silent link to a reviewed claim: {into_first:?}"
        );
        let suggestion = touching
            .first()
            .copied()
            .cloned()
            .expect("suggested instead");
        // Confirming clusters it; a stale second decision is refused.
        let state = provenance::decisions::decide_link(
            &db.conn,
            suggestion.id,
            suggestion.version,
            true,
            &reviewer,
        )
        .await
        .expect("confirm");
        assert_eq!(state, LinkState::Confirmed);
        let stale = provenance::decisions::decide_link(
            &db.conn,
            suggestion.id,
            suggestion.version,
            false,
            &reviewer,
        )
        .await;
        assert!(matches!(stale, Err(services::ServiceError::Conflict(_))));
        let p = page(&db, s).await;
        let joined = p
            .clusters
            .iter()
            .find(|x| x.appearances.iter().any(|a| a.claim_id == first))
            .expect("cluster");
        assert!(joined.appearances.iter().any(|a| a.article_id == a4));
        assert!(p.suggestions.iter().all(|x| x.id != suggestion.id));

        // An editor's rank override wins, with its reason, and is audited.
        let killed = p
            .figures
            .iter()
            .find(|f| f.category == "killed")
            .expect("killed")
            .clone();
        let twelve = killed
            .points
            .iter()
            .find(|p| p.value == 12.0)
            .expect("12")
            .clone();
        provenance::decisions::rank_figure(
            &db.conn,
            &s.to_string(),
            twelve.claim_id,
            "killed",
            12.0,
            "preferred",
            "the only official count",
            &editor,
        )
        .await
        .expect("rank");
        let p = page(&db, s).await;
        let killed = p
            .figures
            .iter()
            .find(|f| f.category == "killed")
            .expect("killed");
        assert_eq!(killed.preferred().map(|p| p.value), Some(12.0));
        assert!(
            killed
                .points
                .iter()
                .filter(|p| p.rank == Rank::Preferred)
                .count()
                == 1
        );
        // A relation set by an editor replaces the tracer's.
        let (x, y) = (&p.clusters[0], &p.clusters[1]);
        provenance::decisions::set_relation(
            &db.conn,
            &s.to_string(),
            &x.key,
            &y.key,
            "cites",
            "the wire",
            &editor,
        )
        .await
        .expect("relation");
        let p = page(&db, s).await;
        assert!(
            p.relations
                .iter()
                .any(|r| r.from == 0 && r.to == 1 && r.kind == RelationType::Cites && r.overridden)
        );
        provenance::decisions::set_relation(
            &db.conn,
            &s.to_string(),
            &x.key,
            &y.key,
            "none",
            "",
            &editor,
        )
        .await
        .expect("remove");
        let p = page(&db, s).await;
        assert!(
            !p.relations
                .iter()
                .any(|r| (r.from, r.to) == (0, 1) || (r.from, r.to) == (1, 0))
        );
        let bad = provenance::decisions::set_relation(
            &db.conn,
            &s.to_string(),
            &x.key,
            &y.key,
            "agrees",
            "",
            &editor,
        )
        .await;
        assert!(matches!(bad, Err(services::ServiceError::Invalid(_))));
        // A proposition name longer than any stored one is refused as such, on both databases
        // (PostgreSQL once answered with a database error).
        let long = format!(
            "{}/{}",
            x.key.split('/').next().unwrap_or_default(),
            "x".repeat(65)
        );
        let bad = provenance::decisions::set_relation(
            &db.conn,
            &s.to_string(),
            &long,
            &y.key,
            "updates",
            "",
            &editor,
        )
        .await;
        assert!(
            matches!(bad, Err(services::ServiceError::Invalid(_))),
            "{bad:?}"
        );

        // Split: an article moved to a new story takes its claims along; links to claims left
        // behind go unless decided.
        // (The same article named twice is moved once.)
        let moved =
            provenance::stories::move_articles(&db.conn, &s.to_string(), &[a3, a3], "new", &editor)
                .await
                .expect("move");
        assert_ne!(moved.id, s);
        assert_eq!(story_of(&db, a3).await, moved.id);
        let p = page(&db, s).await;
        assert_eq!(p.articles.len(), 3);
        assert!(
            p.clusters
                .iter()
                .all(|c| c.appearances.iter().all(|a| a.article_id != a3))
        );
        // Merge it back: one story again, and the old address answers with the merged story.
        let merged =
            provenance::stories::merge(&db.conn, &moved.id.to_string(), &s.to_string(), &editor)
                .await
                .expect("merge");
        assert_eq!(merged.id, s);
        assert_eq!(story_of(&db, a3).await, s);
        let p = page(&db, s).await;
        assert_eq!(p.articles.len(), 4);
        let via_old = page(&db, moved.id).await;
        assert_eq!(via_old.story.id, s);
        assert!(
            p.clusters
                .iter()
                .any(|c| c.appearances.iter().any(|a| a.article_id == a3)
                    && c.appearances.len() >= 3),
            "relinked after the merge"
        );
        // Moving the fire article into the story by hand is an editor's move.
        let fire_story = story_of(&db, fire).await;
        provenance::stories::move_articles(
            &db.conn,
            &fire_story.to_string(),
            &[fire],
            &s.to_string(),
            &editor,
        )
        .await
        .expect("move in");
        let p = page(&db, s).await;
        let row = p
            .articles
            .iter()
            .find(|a| a.article.id == fire)
            .expect("moved in");
        assert_eq!(row.method, "editor");
        assert_eq!(row.decided_by.as_deref(), Some("ed@example.org"));
        // The kept views took the moved article's claims in: the page is the one read afresh.
        let kept = serde_json::to_value(&p).expect("page json");
        provenance::views::forget(s);
        let fresh = serde_json::to_value(page(&db, s).await).expect("page json");
        assert_eq!(kept, fresh);
        for action in [
            "provenance.confirm",
            "provenance.rank",
            "provenance.relation",
            "provenance.move",
            "provenance.merge",
        ] {
            let n = db
                .scalar(&format!(
                    "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
                ))
                .await;
            assert!(n >= 1, "{action} is audited");
        }
        let _ = a2;
    }
);

fn corpus_event(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name);
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return None;
    }
    Some(dir)
}

/// The event's article files in a fixed shuffled order (not the publication order): every
/// third file first, then the rest backwards.
fn shuffled(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("event folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    type Numbered = Vec<(usize, PathBuf)>;
    let (mut first, mut rest): (Numbered, Numbered) =
        files.into_iter().enumerate().partition(|(i, _)| i % 3 == 1);
    rest.reverse();
    first.extend(rest);
    first.into_iter().map(|(_, p)| p).collect()
}

/// Ingests an event's articles in a shuffled order; returns (file name, article id) in that
/// order.
async fn ingest_event(db: &TestDb, dir: &Path) -> Vec<(String, Uuid)> {
    let mut out = Vec::new();
    for f in shuffled(dir) {
        let text = std::fs::read_to_string(&f).expect("article");
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((name, ingest(db, &text, None).await));
    }
    out
}

fn summary(p: &StoryPage) -> String {
    let mut out = String::new();
    for f in &p.figures {
        out.push_str(&format!("{}:", f.category));
        for x in &f.points {
            out.push_str(&format!(" {}[{:?}]", x.value, x.rank));
        }
        out.push('\n');
    }
    for r in &p.relations {
        let q = |i: usize| {
            p.clusters[i]
                .quote
                .clone()
                .unwrap_or_default()
                .chars()
                .take(70)
                .collect::<String>()
        };
        out.push_str(&format!(
            "{} --{}--> {} ({})\n",
            q(r.from),
            r.kind.as_str(),
            q(r.to),
            r.reason
        ));
    }
    out
}

on_both_databases!(beirut_in_any_order, |db: TestDb| async move {
    let Some(dir) = corpus_event("beirut-port-explosion-2020") else {
        return;
    };
    let ingested = ingest_event(&db, &dir).await;
    let s = story_of(&db, ingested[0].1).await;
    for (name, a) in &ingested {
        assert_eq!(story_of(&db, *a).await, s, "{name} is in the one story");
    }
    let p = page(&db, s).await;
    if std::env::var("PROV_DEBUG").is_ok() {
        println!("{}", summary(&p));
    }
    assert_eq!(p.articles.len(), 12);
    // The death toll's timeline: the first report of "at least 50" to the latest, preferred.
    let killed = p
        .figures
        .iter()
        .find(|f| f.category == "killed")
        .expect("killed");
    let values: Vec<f64> = killed.points.iter().map(|x| x.value).collect();
    // Points are in publication order; two reports of the first day carry no time, so which of
    // them comes first is not known: "at least 50" is the lowest value and of the first day.
    let days: Vec<&Option<String>> = killed.points.iter().map(|x| &x.as_of).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let lowest = killed
        .points
        .iter()
        .min_by(|a, b| a.value.total_cmp(&b.value))
        .expect("a point");
    assert_eq!((lowest.value, &lowest.as_of), (50.0, days[0]), "{values:?}");
    let first_article = ingested
        .iter()
        .find(|(n, _)| n.starts_with("01-"))
        .map(|(_, a)| *a);
    assert_eq!(Some(lowest.article_id), first_article);
    // The latest figure is preferred, and nothing before it.
    assert_eq!(
        killed.points.last().map(|x| x.value),
        Some(163.0),
        "{values:?}"
    );
    assert_eq!(
        killed.preferred().map(|x| x.value),
        Some(163.0),
        "{values:?}"
    );
    assert!(
        killed
            .points
            .iter()
            .filter(|x| x.value < 163.0)
            .all(|x| x.rank != Rank::Preferred)
    );
    // The injured count is updated too.
    let injured = p
        .figures
        .iter()
        .find(|f| f.category == "injured")
        .expect("injured");
    assert!(injured.points.len() >= 3);
    assert!(
        p.relations
            .iter()
            .any(|r| r.kind == RelationType::Updates
                && p.clusters[r.from].prop == "casualty:injured")
    );
    // The accident and attack accounts contradict each other.
    let contradiction = p.relations.iter().any(|r| {
        r.kind == RelationType::Contradicts
            && p.clusters[r.from].kind == app::domain::ClaimKind::Attribution
            && p.clusters[r.to].kind == app::domain::ClaimKind::Attribution
    });
    assert!(contradiction, "{}", summary(&p));
    // Each cluster knows where it appeared first: the earliest of its appearances.
    for c in &p.clusters {
        let first = &c.appearances[0];
        assert!(
            c.appearances
                .iter()
                .all(|a| a.published_on >= first.published_on),
            "{c:#?}"
        );
    }
});

on_both_databases!(manchester_in_any_order, |db: TestDb| async move {
    let Some(dir) = corpus_event("manchester-arena-bombing-2017") else {
        return;
    };
    let ingested = ingest_event(&db, &dir).await;
    let s = story_of(&db, ingested[0].1).await;
    for (name, a) in &ingested {
        assert_eq!(story_of(&db, *a).await, s, "{name} is in the one story");
    }
    let p = page(&db, s).await;
    if std::env::var("PROV_DEBUG").is_ok() {
        println!("{}", summary(&p));
    }
    use app::domain::ClaimKind;
    // A denial is linked, as a denial, to the claim it answers. What the pure algorithm does not
    // get yet (so not asserted here): that the family's denial answers the accusation itself
    // (an attribution) rather than the claim just before it, and that the group's own casualty
    // claim contradicts the police figures (it is read as an update of the toll).
    let denial = p
        .relations
        .iter()
        .any(|r| r.kind == RelationType::Denies && p.clusters[r.from].kind == ClaimKind::Denial);
    assert!(denial, "{}", summary(&p));
});

on_both_databases!(
    story_pages_need_sign_in_until_published_and_work_without_javascript,
    |db: TestDb| async move {
        let app = claimtrail_tests::TestApp::on(db).await;
        let db = &app.db;
        let reviewer = app.account("rita@example.org", Role::Reviewer).await;
        let editor = app.account("ed@example.org", Role::Editor).await;
        let a1 = ingest(db, DAM_1, Some("https://courier.example/dam-1")).await;
        ingest(db, DAM_2, Some("https://herald.example/dam-2")).await;
        ingest(db, DAM_3, Some("https://wire.example/dam-3")).await;
        let s = story_of(db, a1).await;
        let p = page(db, s).await;
        let (id, slug) = (p.story.id.to_string(), p.story.slug.clone());

        // Staff pages need sign-in; a reviewer sees the story and its clusters.
        let (status, _, _) = app.get(&format!("/review/stories/{id}"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let cookie = app.sign_in().await;
        let (status, _, body) = app
            .get(&format!("/review/stories/{id}"), Some(&cookie))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("<svg"),
            "the figure chart is drawn on the server"
        );
        let (status, _, body) = app.get("/review/stories", Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(&format!("/review/stories/{id}")));

        // Nothing published: no public story, in HTML or JSON.
        let (status, _, _) = app.get(&format!("/stories/{slug}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = app.get(&format!("/api/v1/stories/{slug}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // A suggestion confirmed with a plain form post, as a browser without JavaScript sends it.
        let c = p
            .clusters
            .iter()
            .find(|c| c.appearances.len() >= 3)
            .expect("repeated")
            .clone();
        let first = c.appearances[0].claim_id;
        let view = services::claim_record::view(&db.conn, first)
            .await
            .expect("claim");
        services::review::workspace::assign(
            &db.conn,
            first,
            view.version,
            reviewer.user_id,
            &reviewer,
        )
        .await
        .expect("assign");
        let again = "Brannoch dam: Varnia Liberation Front claim repeated\nEastern Post\n04/05/2030 08h00\nhttps://east.example/dam-4\n\nThe Varnia Liberation Front said its fighters blew up the Brannoch dam in Kessel.\n";
        let a4 = ingest(db, again, None).await;
        let suggestion = page(db, s)
            .await
            .suggestions
            .into_iter()
            .find(|x| x.from.article_id == a4 && x.to.claim_id == first)
            .expect("a suggestion");
        let (status, _, body) = app
            .post_form(
                app::api::provenance::DecideLink::PATH,
                &[
                    ("id", &suggestion.id.to_string()),
                    ("version", &suggestion.version.to_string()),
                    ("decision", "confirm"),
                ],
                "http://localhost",
                Some(&cookie),
            )
            .await;
        assert!(
            status.is_redirection() || status.is_success(),
            "{status}: {body}"
        );
        let level = links_to(db, first)
            .await
            .into_iter()
            .find(|l| l.id == suggestion.id)
            .map(|l| l.level);
        assert_eq!(
            level.as_deref(),
            Some("confirmed"),
            "the form post confirmed the suggestion"
        );
        assert!(
            page(db, s)
                .await
                .suggestions
                .iter()
                .all(|x| x.id != suggestion.id)
        );

        // Once a claim is published, anyone sees the story, and its JSON carries PROV-O terms.
        let checked = c.appearances[1].claim_id;
        let claim_slug =
            workflow::publish_claim(db, checked, Rating::Mixed, &reviewer, &editor).await;
        let (status, _, body) = app.get(&format!("/stories/{slug}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains(&format!("/claims/{claim_slug}")),
            "links the fact-check"
        );
        let (status, _, body) = app.get(&format!("/api/v1/stories/{slug}"), None).await;
        assert_eq!(status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(json["story"]["slug"], slug.as_str());
        assert!(json["clusters"].as_array().is_some_and(|c| !c.is_empty()));
        let (_, _, claim_page) = app.get(&format!("/claims/{claim_slug}"), None).await;
        assert!(claim_page.contains("first appearance"));
    }
);

on_both_databases!(
    articles_filed_into_one_story_at_once_still_link_to_each_other,
    |db: TestDb| async move {
        ingest(&db, DAM_1, None).await;
        // Four outlets report the ministry's denial at once; the story's first article does
        // not. Each filing reads the story before the others commit, so without reading it
        // again under the write lock each denial would link to nothing.
        let outlets = [
            "Kessel Herald",
            "Northern Wire",
            "Varnia Post",
            "River Times",
        ];
        let texts: Vec<String> = outlets
            .iter()
            .enumerate()
            .map(|(i, outlet)| {
                format!(
                    "Varnia denies Brannoch dam attack\n{outlet}\n02/05/2030 1{i}h00\nhttps://news{i}.example/dam\n\n\
                     The Varnia interior ministry denied that the Brannoch dam in Kessel was attacked, saying it failed after heavy rain. \
                     Rescuers from {outlet} country searched the Brannoch valley on Thursday.\n"
                )
            })
            .collect();
        let ids = futures::future::join_all(texts.iter().map(|t| ingest(&db, t, None))).await;
        assert_eq!(
            ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
            ids.len(),
            "four articles, none a duplicate"
        );
        let story = story_of(&db, ids[0]).await;
        for &id in &ids {
            assert_eq!(story_of(&db, id).await, story, "one event, one story");
        }
        let p = page(&db, story).await;
        let denials: Vec<&ClusterView> = p
            .clusters
            .iter()
            .filter(|c| c.appearances.iter().any(|a| ids.contains(&a.article_id)))
            .filter(|c| c.kind == app::domain::ClaimKind::Denial)
            .collect();
        assert_eq!(
            denials.len(),
            1,
            "the four denials are one cluster: {:?}",
            denials
                .iter()
                .map(|c| c
                    .appearances
                    .iter()
                    .map(|a| a.article_id)
                    .collect::<Vec<_>>())
                .collect::<Vec<_>>()
        );
        let outlets_in: std::collections::BTreeSet<Uuid> = denials[0]
            .appearances
            .iter()
            .map(|a| a.article_id)
            .collect();
        assert_eq!(outlets_in.len(), ids.len(), "every outlet's denial appears");
    }
);

on_both_databases!(
    articles_about_a_new_event_filed_at_once_start_one_story,
    |db: TestDb| async move {
        // No story knows the event yet: each filing finds no candidate before the others
        // commit, and without asking again when it starts a story, each would start its own.
        let texts: Vec<String> = ["Kessel Herald", "Northern Wire", "Varnia Post"]
            .iter()
            .enumerate()
            .map(|(i, outlet)| {
                format!(
                    "Brannoch dam fails after heavy rain\n{outlet}\n02/05/2030 1{i}h00\nhttps://first{i}.example/dam\n\n\
                     The Brannoch dam in Kessel failed on Thursday after heavy rain, the Varnia interior ministry said. \
                     At least 14 people were killed in the Brannoch valley, rescuers from {outlet} country said.\n"
                )
            })
            .collect();
        let ids = futures::future::join_all(texts.iter().map(|t| ingest(&db, t, None))).await;
        let stories: std::collections::BTreeSet<Uuid> =
            futures::future::join_all(ids.iter().map(|&id| story_of(&db, id)))
                .await
                .into_iter()
                .collect();
        assert_eq!(stories.len(), 1, "one event, one story: {stories:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM story").await, 1);
    }
);

on_both_databases!(
    readers_of_a_story_whose_tracer_is_cold_share_one_rebuild,
    |db: TestDb| async move {
        let a1 = ingest(&db, DAM_1, None).await;
        ingest(&db, DAM_2, None).await;
        let story = story_of(&db, a1).await;
        // Nothing kept: eight readers at once. One reads the story from the database; the
        // others wait for it and take the same tracer.
        provenance::loading::forget(story);
        let got =
            futures::future::join_all((0..8).map(|_| provenance::loading::tracer(&db.conn, story)))
                .await;
        let tracers: Vec<_> = got.into_iter().map(|r| r.expect("tracer").1).collect();
        assert!(
            tracers
                .iter()
                .all(|t| std::sync::Arc::ptr_eq(t, &tracers[0])),
            "one rebuild, shared by every reader"
        );
        assert_eq!(tracers[0].articles.len(), 2);
    }
);

on_both_databases!(
    an_assignment_keeps_the_story_tracer_and_a_dismissal_rebuilds_it,
    |db: TestDb| async move {
        let reviewer = person(&db, "rita@example.org", Role::Reviewer).await;
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, None).await;
        ingest(&db, DAM_2, None).await;
        let story = story_of(&db, a1).await;
        let (_, kept) = provenance::loading::tracer(&db.conn, story)
            .await
            .expect("tracer");
        let arrests = |p: &StoryPage| {
            p.clusters
                .iter()
                .flat_map(|c| &c.appearances)
                .find(|a| a.quote.as_deref().is_some_and(|q| q.contains("arrested")))
                .cloned()
        };
        let before = arrests(&page(&db, story).await).expect("the arrest claim");
        assert_eq!(before.status, Some(ReviewStatus::New));
        let claim = before.claim_id;
        let v = services::claim_record::view(&db.conn, claim)
            .await
            .expect("claim");
        services::review::workspace::assign(&db.conn, claim, v.version, reviewer.user_id, &editor)
            .await
            .expect("assign");
        // Nothing the tracer reads changed: the kept tracer stands, and the page shows the
        // claim's new status all the same.
        let (_, after_assign) = provenance::loading::tracer(&db.conn, story)
            .await
            .expect("tracer");
        assert!(
            std::sync::Arc::ptr_eq(&kept, &after_assign),
            "an assignment leaves the tracer kept"
        );
        let assigned = arrests(&page(&db, story).await).expect("the arrest claim");
        assert_eq!(assigned.status, Some(ReviewStatus::InReview));
        // A dismissal changes what the tracer reads (it leaves dismissed claims out): the next
        // read rebuilds it, and the claim is gone from the story's clusters.
        let v = services::claim_record::view(&db.conn, claim)
            .await
            .expect("claim");
        services::review::curation::set_dismissed(
            &db.conn,
            claim,
            v.version,
            true,
            "not the story's event",
            &editor,
        )
        .await
        .expect("dismiss");
        let (_, after_dismissal) = provenance::loading::tracer(&db.conn, story)
            .await
            .expect("tracer");
        assert!(
            !std::sync::Arc::ptr_eq(&kept, &after_dismissal),
            "a dismissal rebuilds the tracer"
        );
        let p = page(&db, story).await;
        assert!(arrests(&p).is_none(), "{:?}", summary(&p));
        // And the page kept and a page read afresh agree.
        let kept_page = serde_json::to_value(&p).expect("page json");
        provenance::views::forget(story);
        let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(kept_page, fresh);
    }
);

/// Waits for the background refresh of a story's views to end.
async fn refreshed(story: Uuid) {
    let start = std::time::Instant::now();
    while provenance::refresh::pending(story) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(120),
            "the refresh never ended"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

on_both_databases!(
    a_read_story_is_assembled_again_in_the_background_after_a_filing_and_an_edit,
    |db: TestDb| async move {
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, None).await;
        let story = story_of(&db, a1).await;
        let ready = |db: TestDb| async move {
            let s = provenance::find_story(&db.conn, &story.to_string())
                .await
                .expect("story");
            provenance::views::ready(&db.conn, &s).await.expect("ready")
        };
        // Waits for the views to be assembled again without a reader, after `what`.
        let until_ready = |what: &'static str| {
            let db = db.clone();
            async move {
                let start = std::time::Instant::now();
                while !ready(db.clone()).await {
                    assert!(
                        start.elapsed() < std::time::Duration::from_secs(120),
                        "the views were never assembled again after {what}"
                    );
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                refreshed(story).await;
            }
        };
        // Nobody read the story: a filing leaves nothing to refresh.
        ingest(&db, DAM_2, None).await;
        assert!(!provenance::refresh::pending(story));
        assert!(!ready(db.clone()).await);
        // Once read, a filing is followed by the views assembled again, off the filing.
        page(&db, story).await;
        assert!(ready(db.clone()).await);
        let a3 = ingest(&db, DAM_3, None).await;
        assert_eq!(story_of(&db, a3).await, story);
        assert!(provenance::refresh::pending(story));
        refreshed(story).await;
        assert!(ready(db.clone()).await, "the views were assembled again");
        let kept = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(kept["articles"].as_array().map(Vec::len), Some(3));
        provenance::views::forget(story);
        let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(kept, fresh, "the refreshed views are the ones read afresh");
        // An edit of one of its claims too (its story is looked up in the background).
        let claim = page(&db, story).await.clusters[0].representative;
        workflow::toggle_hedging(&db, claim, &editor).await;
        until_ready("the edit").await;
        let kept = serde_json::to_value(page(&db, story).await).expect("page json");
        provenance::views::forget(story);
        let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(kept, fresh);
        // A publication too: the story's public page is ready for its first reader.
        let reviewer = person(&db, "rev@example.org", Role::Reviewer).await;
        workflow::publish_claim(&db, claim, Rating::False, &reviewer, &editor).await;
        until_ready("the publication").await;
        assert!(page(&db, story).await.public);
    }
);

on_both_databases!(
    an_edit_reads_only_its_article_again_for_the_page_and_the_next_filing_links_the_whole_story,
    |db: TestDb| async move {
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, None).await;
        ingest(&db, DAM_2, None).await;
        let story = story_of(&db, a1).await;
        let killed = |p: &StoryPage| -> Vec<(Uuid, f64)> {
            p.figures
                .iter()
                .filter(|s| s.category == "killed")
                .flat_map(|s| s.points.iter().map(|x| (x.claim_id, x.value)))
                .collect()
        };
        let before = page(&db, story).await;
        let (_, filed) = provenance::loading::tracer(&db.conn, story)
            .await
            .expect("tracer");
        assert!(filed.tracer.links_propositions());
        // A reviewer corrects the second report's toll.
        let toll = killed(&before)
            .into_iter()
            .find(|&(_, v)| v == 31.0)
            .expect("the second report's toll")
            .0;
        let correct = |value: &'static str| {
            let (db, editor) = (&db, &editor);
            async move {
                let v = services::claim_record::view(&db.conn, toll)
                    .await
                    .expect("claim");
                let row = app::domain::FigureRow {
                    value: value.into(),
                    qualifier: String::new(),
                    category: "killed".into(),
                };
                services::review::curation::set_figures(&db.conn, toll, v.version, &[row], editor)
                    .await
                    .expect("figures");
            }
        };
        correct("33").await;
        // The page reads that article again into the kept propositions, unlinked (a whole
        // rebuild would link them), and shows the corrected toll.
        let edited = page(&db, story).await;
        let (_, patched) = provenance::loading::propositions(&db.conn, story)
            .await
            .expect("propositions");
        assert!(
            !patched.tracer.links_propositions(),
            "the edit was patched in, not rebuilt"
        );
        assert!(!std::sync::Arc::ptr_eq(&filed, &patched));
        assert!(
            killed(&edited).contains(&(toll, 33.0)),
            "{:?}",
            killed(&edited)
        );
        assert!(
            !killed(&edited).contains(&(toll, 31.0)),
            "{:?}",
            killed(&edited)
        );
        // It is the page the story read afresh gives.
        let kept_page = serde_json::to_value(&edited).expect("page json");
        provenance::views::forget(story);
        let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(kept_page, fresh);
        // Patched again after a second edit (the kept tracer is now an unlinked one).
        page(&db, story).await;
        correct("34").await;
        let (_, unlinked) = provenance::loading::propositions(&db.conn, story)
            .await
            .expect("propositions");
        assert!(!unlinked.tracer.links_propositions());
        let again = page(&db, story).await;
        assert!(
            killed(&again).contains(&(toll, 34.0)),
            "{:?}",
            killed(&again)
        );
        // A filing needs the links: it reads the story whole, and the third report links to
        // the first two as it would have without the edits in between.
        let a3 = ingest(&db, DAM_3, None).await;
        assert_eq!(story_of(&db, a3).await, story);
        let (_, linked) = provenance::loading::tracer(&db.conn, story)
            .await
            .expect("tracer");
        assert!(linked.tracer.links_propositions());
        assert_eq!(linked.articles.len(), 3);
        let after = serde_json::to_value(page(&db, story).await).expect("page json");
        provenance::views::forget(story);
        let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(after, fresh);
    }
);

on_both_databases!(
    a_status_change_patches_the_kept_story_page_and_a_write_it_cannot_see_reassembles_it,
    |db: TestDb| async move {
        use sea_orm::ConnectionTrait;
        let reviewer = person(&db, "rita@example.org", Role::Reviewer).await;
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, None).await;
        ingest(&db, DAM_2, None).await;
        let story = story_of(&db, a1).await;
        let statuses = |p: &StoryPage| -> Vec<(Uuid, Option<ReviewStatus>)> {
            let mut v: Vec<_> = p
                .clusters
                .iter()
                .flat_map(|c| &c.appearances)
                .chain(p.suggestions.iter().flat_map(|s| [&s.from, &s.to]))
                .map(|a| (a.claim_id, a.status))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        // The page as kept now: made as `patches` says, showing `claim` in review, and equal to
        // the page assembled afresh.
        let check = |patches: u32, claim: Uuid, why: &'static str| {
            let db = &db;
            async move {
                let kept = page(db, story).await;
                assert_eq!(
                    provenance::views::patches_since_assembly(story),
                    Some(patches),
                    "{why}"
                );
                assert!(
                    statuses(&kept).contains(&(claim, Some(ReviewStatus::InReview))),
                    "{:?}",
                    statuses(&kept)
                );
                provenance::views::forget(story);
                let fresh = page(db, story).await;
                assert_eq!(
                    serde_json::to_value(&kept).expect("json"),
                    serde_json::to_value(fresh).expect("json")
                );
            }
        };
        let first = page(&db, story).await;
        let claims: Vec<Uuid> = statuses(&first).into_iter().map(|(id, _)| id).collect();
        assert!(claims.len() >= 4, "{}", summary(&first));
        // A reviewer takes one claim on: the kept page shows its new status, and equals the
        // page assembled afresh.
        let taken = claims[0];
        let v = services::claim_record::view(&db.conn, taken)
            .await
            .expect("claim");
        services::review::workspace::assign(&db.conn, taken, v.version, reviewer.user_id, &editor)
            .await
            .expect("assign");
        check(1, taken, "the kept page was patched, not assembled again").await;
        // Another claim changes status with a time earlier than the last change the page
        // shows (as a write timed just before another but committed after it would, or one
        // timed by another server's slower clock): a patch by time alone would miss it; the
        // sum of the versions does not, and the page is assembled again.
        let other = claims[1];
        let backend = db.conn.get_database_backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => {
                "UPDATE claim SET status = $1, version = version + 1, updated_at = created_at WHERE id = $2"
            }
            _ => {
                "UPDATE claim SET status = ?1, version = version + 1, updated_at = created_at WHERE id = ?2"
            }
        };
        db.conn
            .execute_raw(sea_orm::Statement::from_sql_and_values(
                backend,
                sql,
                [
                    sea_orm::Value::from(ReviewStatus::InReview.as_str()),
                    sea_orm::Value::from(other),
                ],
            ))
            .await
            .expect("update");
        check(
            0,
            other,
            "a change the time filter cannot see is caught by the sums: assembled in full",
        )
        .await;
    }
);

on_both_databases!(
    links_and_chains_written_where_the_time_filter_cannot_see_are_still_read,
    |db: TestDb| async move {
        use app::server::entities::{claim_chain, claim_link, story};
        use sea_orm::sea_query::{Expr, ExprTrait};
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
        let a1 = ingest(&db, DAM_1, None).await;
        ingest(&db, DAM_2, None).await;
        ingest(&db, DAM_3, None).await;
        let story = story_of(&db, a1).await;
        // The story's kept views, and the page they give, checked against the page read afresh.
        let before = page(&db, story).await;
        let kept_and_fresh = || async {
            let kept = serde_json::to_value(page(&db, story).await).expect("page json");
            provenance::views::forget(story);
            let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
            assert_eq!(kept, fresh, "the kept views read every change");
            kept
        };
        // A change to the story as a decision makes it: the story's revision moves.
        let bump = || async {
            story::Entity::update_many()
                .col_expr(
                    story::Column::Revision,
                    Expr::col(story::Column::Revision).add(1),
                )
                .filter(story::Column::Id.eq(story))
                .exec(&db.conn)
                .await
                .expect("bump");
        };
        // An automatic link made by an earlier filing is rejected with the time it was made (as
        // a decision timed before the last filing but committed after it would be): the views
        // read only the links changed since the last they read would miss it; the sums do not.
        let links = claim_link::Entity::find()
            .filter(claim_link::Column::StoryId.eq(story))
            .all(&db.conn)
            .await
            .expect("links");
        let last = links.iter().map(|l| l.updated_at).max().expect("links");
        let early = links
            .iter()
            .find(|l| l.level == LinkState::Automatic.as_str() && l.updated_at < last)
            .expect("an automatic link made before the last filing")
            .clone();
        claim_link::Entity::update_many()
            .col_expr(
                claim_link::Column::Level,
                Expr::value(LinkState::Rejected.as_str()),
            )
            .col_expr(
                claim_link::Column::Version,
                Expr::col(claim_link::Column::Version).add(1),
            )
            .filter(claim_link::Column::Id.eq(early.id))
            .exec(&db.conn)
            .await
            .expect("reject");
        bump().await;
        let rejected = kept_and_fresh().await;
        assert_ne!(
            rejected["clusters"].as_array().map(Vec::len),
            Some(before.clusters.len()),
            "the rejection split a cluster"
        );
        // A chain made for a claim with the time of the first filing.
        let chained: std::collections::HashSet<Uuid> = page(&db, story)
            .await
            .chains
            .iter()
            .map(|c| c.claim_id)
            .collect();
        let bare = before
            .clusters
            .iter()
            .flat_map(|c| &c.appearances)
            .map(|a| a.claim_id)
            .find(|c| !chained.contains(c))
            .expect("a claim without a chain");
        claim_chain::ActiveModel {
            claim_id: Set(bare),
            tellers: Set(serde_json::json!(["the Kessel Gazette"])),
            created_at: Set(early.created_at - chrono::Duration::days(1)),
        }
        .insert(&db.conn)
        .await
        .expect("chain");
        bump().await;
        let with_chain = kept_and_fresh().await;
        assert!(
            with_chain["chains"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| c["claim_id"] == serde_json::json!(bare)),
            "{}",
            with_chain["chains"]
        );
    }
);

on_both_databases!(
    an_edit_the_time_filter_cannot_see_is_still_read_into_the_kept_tracer,
    |db: TestDb| async move {
        use app::server::entities::claim;
        use sea_orm::sea_query::{Expr, ExprTrait};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let a1 = ingest(&db, DAM_1, None).await;
        ingest(&db, DAM_2, None).await;
        ingest(&db, DAM_3, None).await;
        let story = story_of(&db, a1).await;
        page(&db, story).await;
        // An edit of a claim of the first report that leaves its time as it was (as an edit
        // timed before the last filing but committed after it would): reading only the claims
        // changed since the kept tracer's stamp would miss it; the sums do not.
        let edited = claim::Entity::find()
            .filter(claim::Column::ArticleId.eq(a1))
            .filter(claim::Column::Kind.eq("casualty"))
            .one(&db.conn)
            .await
            .expect("claims")
            .expect("the first report's toll");
        claim::Entity::update_many()
            .col_expr(claim::Column::Hedged, Expr::value(!edited.hedged))
            .col_expr(
                claim::Column::TraceVersion,
                Expr::col(claim::Column::TraceVersion).add(1),
            )
            .col_expr(
                claim::Column::Version,
                Expr::col(claim::Column::Version).add(1),
            )
            .filter(claim::Column::Id.eq(edited.id))
            .exec(&db.conn)
            .await
            .expect("edit");
        let kept = page(&db, story).await;
        let point = kept
            .figures
            .iter()
            .flat_map(|s| &s.points)
            .find(|p| p.claim_id == edited.id)
            .expect("the toll's figure point");
        assert_eq!(
            point.hedged, !edited.hedged,
            "the kept tracer read the edit"
        );
        let kept = serde_json::to_value(&kept).expect("page json");
        provenance::views::forget(story);
        let fresh = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(kept, fresh);
    }
);

on_both_databases!(
    the_story_page_shows_its_claims_attribution_chains_and_drops_a_dismissed_claims,
    |db: TestDb| async move {
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let text = "Brannoch dam toll rises to 40\nKessel Herald\n02/05/2030 10h00\nhttps://herald.example/dam-chain\n\n\
                    The death toll from the Brannoch dam burst in Kessel rose to 40, according to the Kessel Wire, which cited the Varnia Red Crescent. \
                    Police in Kessel arrested three men near the Brannoch dam.\n";
        let a = ingest(&db, text, None).await;
        ingest(&db, DAM_1, None).await;
        let story = story_of(&db, a).await;
        let p = page(&db, story).await;
        let chain = p
            .chains
            .iter()
            .find(|c| c.tellers.iter().any(|t| t.contains("Kessel Wire")))
            .cloned()
            .unwrap_or_else(|| panic!("the toll's chain: {:?}", p.chains));
        assert_eq!(
            chain.tellers,
            vec!["the Kessel Wire", "the Varnia Red Crescent"],
            "outermost teller first"
        );
        let v = services::claim_record::view(&db.conn, chain.claim_id)
            .await
            .expect("claim");
        assert!(v.quote.contains("40"), "{}", v.quote);
        services::review::curation::set_dismissed(
            &db.conn,
            chain.claim_id,
            v.version,
            true,
            "a duplicate",
            &editor,
        )
        .await
        .expect("dismiss");
        let p = page(&db, story).await;
        assert!(
            p.chains.iter().all(|c| c.claim_id != chain.claim_id),
            "a dismissed claim's chain is not shown: {:?}",
            p.chains
        );
    }
);

on_both_databases!(
    reports_filed_out_of_date_order_keep_the_tracer_a_rebuild_would_make,
    |db: TestDb| async move {
        // The latest report arrives first, the earliest second.
        let ids = [
            ingest(&db, DAM_3, None).await,
            ingest(&db, DAM_1, None).await,
            ingest(&db, DAM_2, None).await,
        ];
        let story = story_of(&db, ids[0]).await;
        // The tracer kept by the filings reads the articles as they arrived, as a rebuild does.
        let (_, kept) = provenance::loading::tracer(&db.conn, story)
            .await
            .expect("tracer");
        let order: Vec<Uuid> = kept.articles.iter().map(|a| a.id).collect();
        assert_eq!(order, ids, "the tracer holds the reports in arrival order");
        let cached = serde_json::to_value(page(&db, story).await).expect("page json");
        provenance::views::forget(story);
        let rebuilt = serde_json::to_value(page(&db, story).await).expect("page json");
        assert_eq!(
            cached, rebuilt,
            "the kept tracer and a rebuild show one page"
        );
        // The first appearance is still the earliest report, whatever the arrival order.
        let p = page(&db, story).await;
        let blame = p
            .clusters
            .iter()
            .find(|c| c.quote.as_deref().is_some_and(|q| q.contains("blew up")))
            .expect("the blame cluster");
        assert_eq!(blame.appearances.len(), 3);
        assert_eq!(blame.appearances[0].article_id, ids[1], "{blame:?}");
    }
);

on_both_databases!(
    the_queue_shows_one_row_per_claim_cluster_on_request,
    |db: TestDb| async move {
        let app = claimtrail_tests::TestApp::on(db).await;
        let db = &app.db;
        let viewer = app.account("rita@example.org", Role::Reviewer).await;
        let first_report = ingest(db, DAM_1, None).await;
        ingest(db, DAM_2, None).await;
        ingest(db, DAM_3, None).await;
        let blame = |items: &[app::domain::QueueItem]| -> Vec<(String, u32)> {
            items
                .iter()
                .filter(|i| i.claim.quote.contains("blew up"))
                .map(|i| (i.claim.quote.clone(), i.repeated_by))
                .collect()
        };
        let flat = services::review::queue::page(
            &db.conn,
            &app::domain::QueueFilter::default(),
            viewer.user_id.expect("a user"),
        )
        .await
        .expect("queue");
        // Three outlets carry the group's claim: three rows, each knowing the other two.
        let rows = blame(&flat.items);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows.iter().all(|(_, n)| *n == 2), "{rows:?}");
        let grouped = services::review::queue::page(
            &db.conn,
            &app::domain::QueueFilter {
                grouped: true,
                ..app::domain::QueueFilter::default()
            },
            viewer.user_id.expect("a user"),
        )
        .await
        .expect("grouped queue");
        // Grouped: the first appearance stands for the cluster; the repeats are folded in.
        let rows = blame(&grouped.items);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].1, 2);
        assert!(grouped.items.len() < flat.items.len());
        assert!(grouped.total_includes_repeats && grouped.total == flat.total);
        let first = services::articles::get(&db.conn, first_report)
            .await
            .expect("article")
            .claims
            .into_iter()
            .find(|c| c.quote.contains("blew up"))
            .expect("the first report's claim");
        assert_eq!(
            grouped
                .items
                .iter()
                .find(|i| i.claim.quote.contains("blew up"))
                .map(|i| i.claim.id),
            Some(first.id),
            "the row is the earliest report's claim"
        );
        // Without JavaScript: the filter is a checkbox of the GET form.
        let cookie = app
            .sign_in_as("rita@example.org", claimtrail_tests::PASSWORD)
            .await;
        let (status, _, body) = app.get("/review?grouped=1", Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("2 more appearances"), "{body}");
        assert!(
            body.contains(r#"name="grouped" value="1" checked"#),
            "{body}"
        );
        // The list as rendered (the page also carries its data for hydration after it).
        let list = body
            .split_once(r#"<ol class="queue">"#)
            .and_then(|(_, rest)| rest.split_once("</ol>"))
            .map(|(list, _)| list)
            .expect("the queue's list");
        assert_eq!(
            list.matches("blew up").count(),
            1,
            "one row for the cluster"
        );
    }
);

on_both_databases!(
    two_editors_renaming_one_story_never_lose_a_title_silently,
    |db: TestDb| async move {
        let one = person(&db, "ed@example.org", Role::Editor).await;
        let two = person(&db, "ed2@example.org", Role::Editor).await;
        let dam = story_of(&db, ingest(&db, DAM_1, None).await)
            .await
            .to_string();
        let seen = provenance::views::story_page(&db.conn, &dam)
            .await
            .expect("story")
            .story
            .title;
        // Both editors rename from the title they saw, at once: one lands, the other is
        // refused with who renamed it, and the title is the one that landed.
        let (a, b) = tokio::join!(
            provenance::stories::rename(&db.conn, &dam, Some(&seen), "Dam breach", &one),
            provenance::stories::rename(&db.conn, &dam, Some(&seen), "Dam collapse", &two),
        );
        assert!(
            a.is_ok() != b.is_ok(),
            "exactly one rename lands: {a:?} {b:?}"
        );
        let (landed, refused) = if a.is_ok() { (a, b) } else { (b, a) };
        let landed = landed.expect("landed");
        assert!(
            matches!(&refused, Err(services::ServiceError::Conflict(m)) if m.contains("renamed a story")),
            "{refused:?}"
        );
        let now = provenance::views::story_page(&db.conn, &dam)
            .await
            .expect("story")
            .story
            .title;
        assert_eq!(now, landed.title);
        // Renaming from the title as it now is works; a rename that names no title it saw (the
        // API's) still does.
        provenance::stories::rename(&db.conn, &dam, Some(&now), "Dam breach, day two", &two)
            .await
            .expect("from the current title");
        provenance::stories::rename(&db.conn, &dam, None, "Dam breach", &one)
            .await
            .expect("without a seen title");
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'provenance.rename'")
                .await,
            3,
            "only the renames that landed are in the trail"
        );
    }
);

on_both_databases!(
    two_editors_merging_two_stories_into_each_other_never_make_a_cycle,
    |db: TestDb| async move {
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let dam = story_of(&db, ingest(&db, DAM_1, None).await).await;
        let fire = story_of(&db, ingest(&db, FIRE, None).await).await;
        assert_ne!(dam, fire, "two events, two stories");
        let (d, f) = (dam.to_string(), fire.to_string());
        let (one, two) = tokio::join!(
            provenance::stories::merge(&db.conn, &d, &f, &editor),
            provenance::stories::merge(&db.conn, &f, &d, &editor),
        );
        assert!(
            one.is_ok() != two.is_ok(),
            "exactly one merge lands: {one:?} {two:?}"
        );
        let refused = if one.is_ok() { two } else { one };
        assert!(
            matches!(
                refused,
                Err(services::ServiceError::Conflict(_) | services::ServiceError::Invalid(_))
            ),
            "{refused:?}"
        );
        let standing = db
            .scalar("SELECT COUNT(*) FROM story WHERE merged_into IS NULL")
            .await;
        assert_eq!(standing, 1, "one story stands, the other is merged into it");
    }
);

on_both_databases!(
    a_new_report_in_the_story_refreshes_the_cached_fact_check_page,
    |db: TestDb| async move {
        let reviewer = person(&db, "rev@example.org", Role::Reviewer).await;
        let editor = person(&db, "ed@example.org", Role::Editor).await;
        let a1 = ingest(&db, DAM_1, Some("https://courier.example/dam-1")).await;
        ingest(&db, DAM_2, Some("https://herald.example/dam-2")).await;
        let claim = services::articles::get(&db.conn, a1)
            .await
            .expect("article")
            .claims
            .into_iter()
            .find(|c| c.quote.contains("blew up"))
            .expect("the responsibility claim")
            .id;
        let slug = workflow::publish_claim(&db, claim, Rating::Unproven, &reviewer, &editor).await;
        let site = app::server::Site {
            url: "http://localhost".into(),
            name: "Desk".into(),
        };
        let appearances = |db: &TestDb| {
            let (conn, slug, site) = (db.conn.clone(), slug.clone(), site.clone());
            async move {
                services::publishing::fact_checks::page(&conn, &slug, &site)
                    .await
                    .expect("page")
                    .provenance
                    .map_or(0, |p| p.appearances().len())
            }
        };
        let before = services::publishing::fact_checks::revision(&db.conn, &slug)
            .await
            .expect("revision");
        let seen = appearances(&db).await;
        assert!(seen >= 2, "both reports carry the claim ({seen})");
        // A third outlet repeats the claim: the page's validator moves, so no cache serves the
        // page without it.
        ingest(&db, DAM_3, Some("https://wire.example/dam-3")).await;
        let after = services::publishing::fact_checks::revision(&db.conn, &slug)
            .await
            .expect("revision");
        assert_ne!(before.key, after.key);
        // The published claim is never linked silently: the new report waits as a suggestion.
        assert_eq!(appearances(&db).await, seen);
    }
);

/// Invented events three days apart, each reported four times in the same words of the trade
/// (officials, police, the death toll, a denial): each event keeps a story of its own, whether
/// the reports arrive interleaved or event by event, for two different draws of events. Before
/// the join asked for shared names, every one of these events fell into one story (the trade's
/// words weighed like names while few articles were in). The corpus's own events staying whole
/// in any order is `app/tests/trace.rs`. Pure: the tracer alone, no database.
#[test]
fn events_days_apart_told_in_the_same_words_keep_their_own_stories() {
    use claimtrail_tests::generated::{Lcg, article, event};
    for seed in [7, 8] {
        for interleaved in [true, false] {
            let mut r = Lcg::new(seed);
            let events: Vec<_> = (0..24).map(|n| event(&mut r, n, 3)).collect();
            let mut reports: Vec<(usize, usize)> = Vec::new();
            for i in 0..4 {
                for n in 0..events.len() {
                    reports.push((n, i));
                }
            }
            if !interleaved {
                reports.sort_unstable();
            }
            let mut tracer = app::provenance::Tracer::new();
            for &(n, i) in &reports {
                let text = article(&mut r, &events[n], i, &format!("e{n}"));
                tracer.add_article(app::provenance::ArticleInput::read_and_extract(
                    &format!("e{n}-{i}"),
                    &text,
                ));
            }
            let mut by_story: std::collections::BTreeMap<usize, std::collections::BTreeSet<usize>> =
                Default::default();
            for (arrival, &(n, _)) in reports.iter().enumerate() {
                by_story
                    .entry(tracer.story_of(arrival))
                    .or_default()
                    .insert(n);
            }
            let mixed: Vec<_> = by_story.values().filter(|evs| evs.len() > 1).collect();
            assert!(
                mixed.is_empty(),
                "seed {seed}, interleaved {interleaved}: stories mixing events: {mixed:?}"
            );
            assert_eq!(
                by_story.len(),
                events.len(),
                "seed {seed}, interleaved {interleaved}: one story per event"
            );
        }
    }
}

/// `<tr` rows of the figure tables in a page.
fn figure_rows(html: &str) -> usize {
    html.matches("<tr class=\"rank-").count()
}

/// The items of a claim page's list of appearances.
fn listed_items(html: &str) -> usize {
    let start = html
        .find("<ol class=\"appearances\">")
        .expect("a list of appearances");
    let list = &html[start..];
    list[..list.find("</ol>").expect("the list's end")]
        .matches("<li>")
        .count()
}

/// The appearances in a page's ClaimReview markup.
fn json_ld_appearances(html: &str) -> usize {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("ClaimReview markup") + open.len();
    let rest = &html[start..];
    let v: serde_json::Value =
        serde_json::from_str(&rest[..rest.find("</script>").expect("its end")]).expect("JSON");
    v["itemReviewed"]["appearance"]
        .as_array()
        .map_or(0, Vec::len)
}

on_both_databases!(
    a_long_story_page_shows_a_page_of_claims_at_a_time_with_every_total,
    |db: TestDb| async move {
        use app::domain::{APPEARANCES_LISTED, APPEARANCES_SHOWN, CLUSTERS_PER_PAGE};
        use claimtrail_tests::generated::{Lcg, article, event};
        let app = claimtrail_tests::TestApp::on(db).await;
        let db = &app.db;
        // One invented event reported by forty outlets: more clusters than a page holds, and
        // counts reported over and over at the same value.
        let mut r = Lcg::new(5);
        let e = event(&mut r, 0, 1);
        let mut first = None;
        for i in 0..40 {
            let text = article(&mut r, &e, i, "long");
            let id = ingest(db, &text, None).await;
            first.get_or_insert(id);
        }
        let s = story_of(db, first.expect("ingested")).await;
        let whole = page(db, s).await;
        let related: std::collections::BTreeSet<usize> = whole
            .relations
            .iter()
            .flat_map(|r| [r.from, r.to])
            .collect();
        let listed: Vec<&ClusterView> = whole
            .clusters
            .iter()
            .filter(|c| {
                c.appearances.len() > 1 || c.verdict.is_some() || related.contains(&c.index)
            })
            .collect();
        assert!(
            listed.len() > CLUSTERS_PER_PAGE,
            "the test needs more listed clusters than a page holds: {}",
            listed.len()
        );
        let pages = listed.len().div_ceil(CLUSTERS_PER_PAGE);
        // The claim repeated by the most outlets, more than the page lists.
        let crowded = whole
            .clusters
            .iter()
            .max_by_key(|c| c.appearances.len())
            .filter(|c| c.appearances.len() > APPEARANCES_SHOWN)
            .expect("a claim repeated by more outlets than the page lists");

        let cookie = app.sign_in().await;
        let (status, _, one) = app
            .get(&format!("/review/stories/{s}"), Some(&cookie))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one.matches("class=\"cluster\"").count(), CLUSTERS_PER_PAGE);
        let text = one.replace("<!>", "");
        assert!(text.contains(&format!("Page 1 of {pages}")));
        assert!(one.contains("href=\"?page=2#clusters\""));
        assert!(text.contains(&format!("{} clusters", whole.clusters.len())));
        // The first page holds the first listed clusters; the second the next ones.
        assert!(one.contains(&format!("id=\"cluster-{}\"", listed[0].index)));
        assert!(!one.contains(&format!(
            "id=\"cluster-{}\"",
            listed[CLUSTERS_PER_PAGE].index
        )));
        let (status, _, two) = app
            .get(&format!("/review/stories/{s}?page=2"), Some(&cookie))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(two.contains(&format!(
            "id=\"cluster-{}\"",
            listed[CLUSTERS_PER_PAGE].index
        )));
        assert!(!two.contains(&format!("id=\"cluster-{}\"", listed[0].index)));
        assert!(
            two.contains("href=\"?#clusters\""),
            "a link back to the first page"
        );
        // A crowded cluster lists its first appearances, counts them all and links to the rest.
        let on_its_page = listed
            .iter()
            .position(|c| c.index == crowded.index)
            .map(|n| n / CLUSTERS_PER_PAGE + 1)
            .expect("a repeated claim is listed");
        let (_, _, html) = app
            .get(
                &format!("/review/stories/{s}?page={on_its_page}"),
                Some(&cookie),
            )
            .await;
        let at = html
            .find(&format!("id=\"cluster-{}\"", crowded.index))
            .expect("the crowded cluster on its page");
        let item = &html[at..];
        let item = &item[..item[1..]
            .find("id=\"cluster-")
            .map_or(item.len(), |n| n + 1)];
        let more = crowded.appearances.len() - APPEARANCES_SHOWN;
        assert!(item.contains(&format!("/review/claims/{}", crowded.representative)));
        assert!(item.contains(&format!("{more}")), "how many more: {more}");
        assert_eq!(
            item.matches("<li><span class=\"appearance\">").count(),
            APPEARANCES_SHOWN
        );

        // Every count is shown by its changes; every report when asked for.
        let reports: usize = whole.figures.iter().map(|f| f.points.len()).sum();
        assert!(
            figure_rows(&one) < reports,
            "{} rows of {reports} reports",
            figure_rows(&one)
        );
        assert!(one.contains("figures=all#figures"));
        let (_, _, every) = app
            .get(&format!("/review/stories/{s}?figures=all"), Some(&cookie))
            .await;
        assert_eq!(figure_rows(&every), reports);

        // Published, the claim's public story lists its first appearances and links to the
        // fact-check for the rest.
        let reviewer = app.account("rita@example.org", Role::Reviewer).await;
        let editor = app.account("ed@example.org", Role::Editor).await;
        let claim = workflow::publish_claim(
            db,
            crowded.representative,
            Rating::Mixed,
            &reviewer,
            &editor,
        )
        .await;
        let slug = &whole.story.slug;
        let (status, _, public) = app.get(&format!("/stories/{slug}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(public.contains(&format!("href=\"/claims/{claim}\"")));
        let listed_public = public.matches("<li><span class=\"appearance\">").count();
        assert!(
            listed_public < crowded.appearances.len(),
            "{listed_public} appearances listed"
        );
        let more = crowded.appearances.len() - APPEARANCES_SHOWN;
        assert!(
            public
                .replace("<!>", "")
                .contains(&format!("… and {more} more"))
        );
        assert!(public.contains(&format!(
            "href=\"/claims/{claim}?appearances=all#appearances\""
        )));

        // The fact-check lists the claim's first appearances, and every one when asked; its
        // ClaimReview carries what the page lists, its JSON every one.
        assert!(
            crowded
                .appearances
                .iter()
                .map(|a| a.article_id)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                > APPEARANCES_LISTED,
            "the test needs a claim carried by more reports than a page lists"
        );
        let (status, _, json) = app.get(&format!("/claims/{claim}.json"), None).await;
        assert_eq!(status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&json).expect("the claim's JSON");
        let total = json["claim_review"]["itemReviewed"]["appearance"]
            .as_array()
            .map_or(0, Vec::len);
        // One appearance an article (two claims of one report are one place it appeared).
        let reports: std::collections::BTreeSet<Uuid> =
            crowded.appearances.iter().map(|a| a.article_id).collect();
        assert!(total >= reports.len(), "{total} appearances");
        let (status, _, page_html) = app.get(&format!("/claims/{claim}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(listed_items(&page_html), APPEARANCES_LISTED);
        assert_eq!(json_ld_appearances(&page_html), APPEARANCES_LISTED);
        let text = page_html.replace("<!>", "");
        assert!(text.contains(&format!("The same claim in {total} reports")));
        assert!(text.contains(&format!(
            "<a href=\"?appearances=all#appearances\">list all {total}</a>"
        )));
        let (status, _, every) = app
            .get(&format!("/claims/{claim}?appearances=all"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(listed_items(&every), total);
        assert_eq!(json_ld_appearances(&every), total);
        assert!(!every.contains("?appearances=all#appearances"));
        // The staff workspace of the claim the same way.
        let workspace = format!("/review/claims/{}", crowded.representative);
        let (_, _, staff) = app.get(&workspace, Some(&cookie)).await;
        assert_eq!(listed_items(&staff), APPEARANCES_LISTED);
        let (_, _, staff) = app
            .get(&format!("{workspace}?appearances=all"), Some(&cookie))
            .await;
        assert_eq!(listed_items(&staff), total);
    }
);
