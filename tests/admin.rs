//! The admin dashboard and the audit view, on SQLite and PostgreSQL: figures that follow the
//! data, reviewer agreement, the filtered audit trail, and the chain check catching an edited row.

use app::api;
use app::domain::{AuditFilter, Rating, ReviewStatus, Role};
use app::server::services::{self, ServiceError};
use claimtrail_tests::workflow::publish;
use claimtrail_tests::{TestApp, TestDb, form_body, on_both_databases};
use http::StatusCode;
use leptos::server_fn::ServerFn;

on_both_databases!(the_dashboard_follows_the_data, |db: TestDb| async move {
    let p = publish(&db).await;
    let d = services::dashboard::dashboard(&db.conn)
        .await
        .expect("dashboard");
    let count = |s: ReviewStatus| {
        d.by_status
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(count(ReviewStatus::Published), 1);
    assert_eq!(d.published_this_week, 1);
    assert_eq!(
        d.backlog,
        count(ReviewStatus::New)
            + count(ReviewStatus::InReview)
            + count(ReviewStatus::VerdictProposed)
    );
    assert!(d.backlog > 10);
    assert!(
        d.backlog_median_hours.is_some_and(|h| h >= 0.0)
            && d.backlog_p90_hours >= d.backlog_median_hours
    );
    assert!(d.median_hours_to_publish.is_some_and(|h| h >= 0.0));
    assert_eq!(
        d.verdicts
            .iter()
            .find(|(r, _)| *r == Rating::True)
            .map(|(_, n)| *n),
        Some(1)
    );
    let kinds: u64 = d.kinds.iter().map(|(_, n)| n).sum();
    assert_eq!(
        kinds,
        d.by_status
            .iter()
            .filter(|(s, _)| *s != ReviewStatus::Dismissed)
            .map(|(_, n)| n)
            .sum::<u64>()
    );
    assert_eq!(d.throughput.len(), 1);
    assert_eq!(d.throughput[0].name, "Rita Reviewer");
    assert_eq!(
        d.throughput[0].weeks.last(),
        Some(&1),
        "one proposal this week"
    );
    assert_eq!((d.rejected, d.decided), (0, 1));
    assert_eq!((d.kappa, d.kappa_pairs), (None, 0));

    // A proposal rejected, then another reviewer's different rating: one pair, no agreement.
    let c = &p.unpublished;
    let v = services::verdicts::propose(
        &db.conn,
        c.id,
        c.version,
        Rating::Unproven,
        "Nothing yet.",
        &p.reviewer,
    )
    .await
    .expect("propose");
    let version = services::claims::view(&db.conn, c.id)
        .await
        .expect("claim")
        .version;
    services::verdicts::reject(
        &db.conn,
        v.id,
        version,
        "Look for the ministry's figure.",
        &p.editor,
    )
    .await
    .expect("reject");
    let version = services::claims::view(&db.conn, c.id)
        .await
        .expect("claim")
        .version;
    services::verdicts::propose(
        &db.conn,
        c.id,
        version,
        Rating::Unproven,
        "Still nothing.",
        &p.editor,
    )
    .await
    .expect("second opinion");
    let d = services::dashboard::dashboard(&db.conn)
        .await
        .expect("dashboard");
    assert_eq!((d.rejected, d.decided), (1, 2));
    assert_eq!(d.kappa_pairs, 1);
    assert_eq!(d.kappa, Some(1.0), "both rated it unproven");
});

on_both_databases!(
    the_audit_view_filters_pages_and_verifies,
    |db: TestDb| async move {
        publish(&db).await;
        let all = services::audit::page(&db.conn, &AuditFilter::default(), 3)
            .await
            .expect("page");
        assert_eq!(all.rows.len(), 3);
        assert!(
            all.rows.windows(2).all(|w| w[0].seq > w[1].seq),
            "newest first"
        );
        let next = services::audit::page(
            &db.conn,
            &AuditFilter {
                before: all.next,
                ..Default::default()
            },
            3,
        )
        .await
        .expect("next page");
        assert!(
            next.rows[0].seq < all.rows[2].seq,
            "no overlap between pages"
        );
        let verdicts = services::audit::page(
            &db.conn,
            &AuditFilter {
                entity: Some("verdict".into()),
                ..Default::default()
            },
            50,
        )
        .await
        .expect("verdicts");
        assert_eq!(
            verdicts
                .rows
                .iter()
                .map(|r| r.action.as_str())
                .collect::<Vec<_>>(),
            vec!["verdict.approve", "verdict.propose"]
        );
        let by = services::audit::page(
            &db.conn,
            &AuditFilter {
                actor: Some("EDDIE@".into()),
                action: Some("verdict".into()),
                ..Default::default()
            },
            50,
        )
        .await
        .expect("by actor");
        assert_eq!(by.rows.len(), 1);
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let dated = services::audit::page(
            &db.conn,
            &AuditFilter {
                from: Some(today.clone()),
                to: Some(today),
                ..Default::default()
            },
            500,
        )
        .await
        .expect("dated");
        assert_eq!(
            dated.rows.len() as i64,
            db.scalar("SELECT COUNT(*) FROM audit_event").await
        );
        let bad = services::audit::page(
            &db.conn,
            &AuditFilter {
                from: Some("yesterday".into()),
                ..Default::default()
            },
            5,
        )
        .await;
        assert!(matches!(bad, Err(ServiceError::Invalid(_))));
        let wild = services::audit::page(
            &db.conn,
            &AuditFilter {
                actor: Some("%".into()),
                ..Default::default()
            },
            5,
        )
        .await
        .expect("literal %");
        assert!(wild.rows.is_empty(), "% is matched literally");

        // Through HTTP: editors see the dashboard and verify the chain; the check is audited.
        let app = TestApp::on(db).await;
        app.account("chief@example.org", Role::Editor).await;
        let editor = app
            .sign_in_as("chief@example.org", claimtrail_tests::PASSWORD)
            .await;
        let (status, _, page) = app.get("/admin", Some(&editor)).await;
        assert_eq!(status, StatusCode::OK);
        let at = page.find("id=\"tile-published-week\"").expect("the tile");
        assert!(page[at..at + 60].contains(">1<"), "{}", &page[at..at + 60]);
        assert!(page.contains("<svg") && page.contains("Verdicts in force"));
        let reviewer = app.sign_in().await;
        let (status, _, _) = app.get("/admin", Some(&reviewer)).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a reviewer is refused the dashboard"
        );
        let (status, _, body) = app
            .post(
                api::admin::VerifyAuditChain::PATH,
                "application/x-www-form-urlencoded",
                form_body(&[]),
                Some(&editor),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let check: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(check["first_broken"], serde_json::Value::Null);
        app.db
            .exec("UPDATE audit_event SET actor_label = 'someone else' WHERE seq = 3")
            .await;
        let (_, _, body) = app
            .post(
                api::admin::VerifyAuditChain::PATH,
                "application/x-www-form-urlencoded",
                form_body(&[]),
                Some(&editor),
            )
            .await;
        let check: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(check["first_broken"], 3, "the edited row is named");
        assert!(
            app.db
                .scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'audit.verify'")
                .await
                >= 2
        );
    }
);

on_both_databases!(
    extracting_again_keeps_reviewed_claims_and_deleting_needs_no_publication,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let article = p.claim.article_id;
        let before = services::articles::get(&db.conn, article)
            .await
            .expect("article")
            .claims;
        // Someone worked on one more claim: it must survive as it is.
        let worked = &p.unpublished;
        services::review::assign(
            &db.conn,
            worked.id,
            worked.version,
            p.reviewer.user_id,
            &p.reviewer,
        )
        .await
        .expect("assign");
        let (removed, added) =
            services::maintenance::rerun_extraction(&db.conn, article, &p.editor)
                .await
                .expect("extract again");
        let after = services::articles::get(&db.conn, article)
            .await
            .expect("article")
            .claims;
        assert_eq!(
            removed as usize,
            before.len() - 2,
            "every untouched claim was replaced"
        );
        assert_eq!(
            after.len(),
            before.len(),
            "the same extractor finds the same claims: {added} added"
        );
        for kept in [p.claim.id, worked.id] {
            let c = after
                .iter()
                .find(|c| c.id == kept)
                .expect("a worked-on claim keeps its id");
            assert_ne!(c.status, ReviewStatus::New);
        }
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'article.reextract'")
                .await,
            1
        );
        // The published claim still has its page; the article cannot be deleted.
        assert!(services::public::find(&db.conn, &p.slug).await.is_ok());
        let refused = services::maintenance::delete_article(&db.conn, article, &p.editor).await;
        assert!(
            matches!(&refused, Err(ServiceError::Invalid(m)) if m.contains("published")),
            "{refused:?}"
        );
        // An article nobody published from can be deleted, claims and all.
        let other = services::articles::ingest(
            &db.conn,
            services::articles::NewArticle {
                text: "Officials said at least 12 people were killed in the flood on Monday."
                    .into(),
                ..Default::default()
            },
            &p.editor,
        )
        .await
        .expect("ingest");
        services::maintenance::delete_article(&db.conn, other.article_id, &p.editor)
            .await
            .expect("delete");
        assert!(
            services::articles::get(&db.conn, other.article_id)
                .await
                .is_err()
        );
        let progress = services::maintenance::progress(&db.conn, 10)
            .await
            .expect("progress");
        assert_eq!(progress.len(), 1);
        assert_eq!(progress[0].published, 1);
        assert_eq!(
            progress[0].awaiting + progress[0].published + progress[0].dismissed,
            progress[0].summary.claim_count
        );
    }
);
