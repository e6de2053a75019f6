//! The admin dashboard and the audit view, on SQLite and PostgreSQL: figures that follow the
//! data, reviewer agreement, the filtered audit trail, and the chain check catching an edited row.

use app::api;
use app::domain::{AuditFilter, Rating, ReviewStatus, Role};
use app::server::services::{self, ServiceError};
use claimtrail_tests::workflow::{propose, publish};
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
    let (v, version) = propose(&db, c.id, Rating::Unproven, "Nothing yet.", &p.reviewer).await;
    services::review::verdicts::reject(
        &db.conn,
        v.id,
        version,
        "Look for the ministry's figure.",
        &p.editor,
    )
    .await
    .expect("reject");
    propose(&db, c.id, Rating::Unproven, "Still nothing.", &p.editor).await;
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
                api::audit::VerifyAuditChain::PATH,
                "application/x-www-form-urlencoded",
                form_body(&[]),
                Some(&editor),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let check: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(check["first_broken"], serde_json::Value::Null);
        // The hydrated page then reloads the unfiltered trail: an empty filter encodes to an
        // empty body, which once failed with "missing field `filter`".
        for path in [
            api::audit::AuditTrail::PATH,
            api::review::queue::ReviewQueue::PATH,
            api::publishing::ListPublicClaims::PATH,
        ] {
            let (status, _, body) = app
                .post(path, "application/x-www-form-urlencoded", "", Some(&editor))
                .await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
        }
        app.db
            .exec("UPDATE audit_event SET actor_label = 'someone else' WHERE seq = 3")
            .await;
        let (_, _, body) = app
            .post(
                api::audit::VerifyAuditChain::PATH,
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
        services::review::workspace::assign(
            &db.conn,
            worked.id,
            worked.version,
            p.reviewer.user_id,
            &p.reviewer,
        )
        .await
        .expect("assign");
        let (removed, added) =
            services::articles::maintenance::rerun_extraction(&db.conn, article, &p.editor)
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
        assert!(
            services::publishing::fact_checks::find(&db.conn, &p.slug)
                .await
                .is_ok()
        );
        let refused =
            services::articles::maintenance::delete_article(&db.conn, article, &p.editor).await;
        assert!(
            matches!(&refused, Err(ServiceError::Invalid(m)) if m.contains("published")),
            "{refused:?}"
        );
        // An article nobody published from can be deleted, claims and all.
        let other = services::articles::intake::ingest(
            &db.conn,
            services::articles::intake::NewArticle {
                text: "Officials said at least 12 people were killed in the flood on Monday."
                    .into(),
                ..Default::default()
            },
            &p.editor,
        )
        .await
        .expect("ingest");
        services::articles::maintenance::delete_article(&db.conn, other.article_id, &p.editor)
            .await
            .expect("delete");
        assert!(
            services::articles::get(&db.conn, other.article_id)
                .await
                .is_err()
        );
        let progress = services::articles::maintenance::progress(&db.conn, 10)
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

/// The tallies the database keeps equal what counting the rows gives.
async fn assert_tallies_match(db: &TestDb, when: &str) {
    use app::domain::{ClaimKind, VerdictState};
    use app::server::entities::{claim, verdict};
    use sea_orm::EntityTrait;
    use std::collections::{BTreeMap, HashMap};
    let claims = claim::Entity::find().all(&db.conn).await.expect("claims");
    let counts = services::tallies::claims(&db.conn).await.expect("tally");
    for s in ReviewStatus::ALL {
        for k in ClaimKind::ALL {
            let live = claims
                .iter()
                .filter(|c| c.status == s.as_str() && c.kind == k.as_str())
                .count() as u64;
            assert_eq!(counts.count(&[*s], Some(*k)), live, "{when}: {s:?} {k:?}");
        }
    }
    let mut hours: BTreeMap<i64, u64> = BTreeMap::new();
    for c in &claims {
        if ReviewStatus::AWAITING
            .iter()
            .any(|s| s.as_str() == c.status)
        {
            *hours
                .entry(c.created_at.timestamp().div_euclid(3600))
                .or_default() += 1;
        }
    }
    assert_eq!(
        services::tallies::backlog_hours(&db.conn)
            .await
            .expect("backlog"),
        hours.into_iter().collect::<Vec<_>>(),
        "{when}: the backlog by hour"
    );
    let mut live: HashMap<(VerdictState, Rating), u64> = HashMap::new();
    for v in verdict::Entity::find()
        .all(&db.conn)
        .await
        .expect("verdicts")
    {
        *live
            .entry((
                v.state.parse().expect("state"),
                v.rating.parse().expect("rating"),
            ))
            .or_default() += 1;
    }
    let mut kept = services::tallies::verdicts(&db.conn).await.expect("tally");
    kept.retain(|_, n| *n > 0);
    assert_eq!(kept, live, "{when}: verdicts");
}

on_both_databases!(
    the_dashboard_counters_follow_every_write_path,
    |db: TestDb| async move {
        use app::server::entities::claim;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        assert_tallies_match(&db, "empty").await;
        let p = publish(&db).await;
        assert_tallies_match(&db, "after a publication").await;
        // A proposal rejected: the verdict changes state.
        let (v, version) = propose(
            &db,
            p.unpublished.id,
            Rating::Unproven,
            "No source settles it yet.",
            &p.reviewer,
        )
        .await;
        services::review::verdicts::reject(
            &db.conn,
            v.id,
            version,
            "Needs a third source.",
            &p.editor,
        )
        .await
        .expect("reject");
        assert_tallies_match(&db, "after a rejection").await;
        let other = services::articles::intake::ingest(
            &db.conn,
            services::articles::intake::NewArticle {
                text: "Officials said at least 12 people were killed in the flood on Monday. \
                       Police arrested two men. The mayor denied that warnings were ignored."
                    .into(),
                ..Default::default()
            },
            &p.editor,
        )
        .await
        .expect("ingest");
        let theirs = services::articles::get(&db.conn, other.article_id)
            .await
            .expect("article")
            .claims;
        assert!(theirs.len() >= 2, "{theirs:?}");
        services::review::curation::set_dismissed(
            &db.conn,
            theirs[0].id,
            theirs[0].version,
            true,
            "Not check-worthy.",
            &p.editor,
        )
        .await
        .expect("dismiss");
        assert_tallies_match(&db, "after a dismissal").await;
        // Any write path counts, not only the application's: a kind and an ingestion time
        // changed behind its back.
        claim::Entity::update_many()
            .col_expr(claim::Column::Kind, Expr::value("event"))
            .col_expr(
                claim::Column::CreatedAt,
                Expr::value(services::now() - chrono::Duration::days(3)),
            )
            .filter(claim::Column::Id.eq(theirs[1].id))
            .exec(&db.conn)
            .await
            .expect("update");
        assert_tallies_match(&db, "after a direct update").await;
        services::articles::maintenance::rerun_extraction(&db.conn, other.article_id, &p.editor)
            .await
            .expect("extract again");
        assert_tallies_match(&db, "after extracting again").await;
        services::articles::maintenance::delete_article(&db.conn, other.article_id, &p.editor)
            .await
            .expect("delete");
        assert_tallies_match(&db, "after deleting an article").await;
        let rows = "SELECT COUNT(*) FROM claim_tally";
        let before = db.scalar(rows).await;
        services::tallies::compact(&db.conn).await.expect("compact");
        services::tallies::compact(&db.conn)
            .await
            .expect("compact twice");
        assert_tallies_match(&db, "after compacting").await;
        let keys = db
            .scalar("SELECT COUNT(*) FROM (SELECT DISTINCT status, kind FROM claim) k")
            .await;
        assert!(
            db.scalar(rows).await <= keys && keys < before,
            "compacting leaves one row per key ({keys}), down from {before}"
        );
    }
);

on_both_databases!(
    an_invitation_works_once_for_its_address_and_role,
    |db: TestDb| async move {
        use app::server::entities::invite;
        use app::server::services::Who;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let admin = Who::user(
            &services::accounts::users::create_user(
                &db.conn,
                "ada@example.org",
                "Ada Admin",
                claimtrail_tests::PASSWORD,
                Role::Admin,
                &Who::system("test"),
            )
            .await
            .expect("admin"),
        );
        let invite = |email: &'static str| {
            let (db, admin) = (&db, &admin);
            async move {
                services::accounts::invites::create(
                    &db.conn,
                    email,
                    "New Person",
                    Role::Editor,
                    admin,
                )
                .await
            }
        };
        // An address with an account cannot be invited.
        assert!(matches!(
            invite("ada@example.org").await,
            Err(ServiceError::Conflict(_))
        ));
        let (_, first) = invite("new@example.org").await.expect("invite");
        // Inviting again replaces the first link.
        let (view, token) = invite("New@Example.org").await.expect("invite again");
        assert_eq!(view.email, "new@example.org");
        let replaced = services::accounts::invites::info(&db.conn, &first).await;
        assert!(
            matches!(&replaced, Err(ServiceError::Invalid(m)) if m.contains("withdrawn")),
            "{replaced:?}"
        );
        let info = services::accounts::invites::info(&db.conn, &token)
            .await
            .expect("info");
        assert_eq!(
            (info.email.as_str(), info.role, info.invited_by.as_str()),
            ("new@example.org", Role::Editor, "Ada Admin")
        );
        // Bad passwords change nothing.
        let users_before = db.scalar("SELECT COUNT(*) FROM \"user\"").await;
        for (pw, confirm, says) in [
            ("short", "short", "at least"),
            ("a long enough password", "a different password!", "differ"),
        ] {
            let r = services::accounts::invites::accept(&db.conn, &token, "", pw, confirm).await;
            assert!(
                matches!(&r, Err(ServiceError::Invalid(m)) if m.contains(says)),
                "{r:?}"
            );
        }
        assert!(matches!(
            services::accounts::invites::accept(
                &db.conn,
                &"f".repeat(64),
                "",
                "a long enough password",
                "a long enough password"
            )
            .await,
            Err(ServiceError::NotFound(_))
        ));
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM \"user\"").await,
            users_before
        );
        let made = services::accounts::invites::accept(
            &db.conn,
            &token,
            "Nia Newcomer",
            "a long enough password",
            "a long enough password",
        )
        .await
        .expect("accept");
        assert_eq!(
            (made.email.as_str(), made.display_name.as_str(), made.role),
            ("new@example.org", "Nia Newcomer", Role::Editor)
        );
        services::accounts::users::authenticate(
            &db.conn,
            "new@example.org",
            "a long enough password",
        )
        .await
        .expect("the new account signs in");
        let again = services::accounts::invites::accept(
            &db.conn,
            &token,
            "",
            "a long enough password",
            "a long enough password",
        )
        .await;
        assert!(
            matches!(&again, Err(ServiceError::Invalid(m)) if m.contains("used")),
            "{again:?}"
        );
        // An expired link, and a withdrawn one.
        let (late, late_token) = invite("late@example.org").await.expect("invite");
        invite::Entity::update_many()
            .col_expr(
                invite::Column::ExpiresAt,
                Expr::value(services::now() - chrono::Duration::minutes(1)),
            )
            .filter(invite::Column::Id.eq(late.id))
            .exec(&db.conn)
            .await
            .expect("expire");
        let expired = services::accounts::invites::info(&db.conn, &late_token).await;
        assert!(
            matches!(&expired, Err(ServiceError::Invalid(m)) if m.contains("expired")),
            "{expired:?}"
        );
        assert!(
            services::accounts::invites::revoke(&db.conn, late.id, &admin)
                .await
                .is_err()
        );
        let (other, other_token) = invite("other@example.org").await.expect("invite");
        services::accounts::invites::revoke(&db.conn, other.id, &admin)
            .await
            .expect("revoke");
        assert!(
            services::accounts::invites::info(&db.conn, &other_token)
                .await
                .is_err()
        );
        let list = services::accounts::invites::list(&db.conn, 50)
            .await
            .expect("list");
        assert_eq!(list.len(), 4);
        assert!(
            list.iter()
                .all(|i| i.state != app::domain::InviteState::Pending)
        );
        // Every step is in the trail; the new account made itself, by accepting.
        for (action, n) in [
            ("invite.create", 4),
            ("invite.revoke", 2),
            ("invite.accept", 1),
        ] {
            assert_eq!(
                db.scalar(&format!(
                    "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
                ))
                .await,
                n,
                "{action}"
            );
        }
        assert_eq!(
            db.scalar(
                "SELECT COUNT(*) FROM audit_event e JOIN \"user\" u ON e.actor_id = u.id \
                 WHERE e.action = 'user.create' AND u.email = 'new@example.org'"
            )
            .await,
            1
        );
    }
);

on_both_databases!(
    an_invitation_is_made_and_accepted_without_javascript,
    |db: TestDb| async move {
        let app = TestApp::on(db).await;
        app.account("admin@example.org", Role::Admin).await;
        let admin = app
            .sign_in_as("admin@example.org", claimtrail_tests::PASSWORD)
            .await;
        let (status, headers, body) = app
            .post_form(
                api::accounts::invites::InviteUser::PATH,
                &[
                    ("email", "rae@example.org"),
                    ("display_name", "Rae Reviewer"),
                    ("role", "reviewer"),
                ],
                "http://localhost",
                Some(&admin),
            )
            .await;
        assert!(status.is_redirection(), "{status}: {body}");
        let back = headers
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("sent back to the users page")
            .to_owned();
        let token = back
            .strip_prefix("/admin/users?invite=")
            .expect("with the new link's token")
            .to_owned();
        // The users page shows the link, and is neither cached nor referred on.
        let (status, headers, page) = app.get(&back, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains(&format!("/invite/{token}")),
            "the link is shown"
        );
        assert!(page.contains("Rae Reviewer") && page.contains("Pending"));
        assert_eq!(headers["cache-control"], "no-store");
        // Sent to this site only, so a form refused without JavaScript comes back here.
        assert_eq!(headers["referrer-policy"], "same-origin");
        assert!(page.contains(r#"<meta name="referrer" content="same-origin">"#));
        // The invitee opens the link, signed out.
        let link = format!("/invite/{token}");
        let (status, _, page) = app.get(&link, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("rae@example.org") && page.contains("name=\"confirm\""));
        let (status, headers, body) = app
            .post_form(
                api::accounts::invites::AcceptInvite::PATH,
                &[
                    ("token", &token),
                    ("display_name", "Rae Reviewer"),
                    ("password", "correct horse battery"),
                    ("confirm", "correct horse battery"),
                ],
                "http://localhost",
                None,
            )
            .await;
        assert!(status.is_redirection(), "{status}: {body}");
        assert_eq!(headers[http::header::LOCATION], "/review");
        let session = headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("ct_session="))
            .and_then(|v| v.split(';').next())
            .expect("signed in")
            .to_owned();
        let (status, _, _) = app.get("/review", Some(&session)).await;
        assert_eq!(status, StatusCode::OK, "a reviewer now");
        let (status, _, _) = app.get("/admin", Some(&session)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "and no more");
        // The link is spent.
        let (status, _, page) = app.get(&link, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("used already"));
        let (status, _, _) = app.get(&format!("/invite/{}", "0".repeat(64)), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

/// A claim of the article still waiting for a reviewer.
async fn waiting_claim(app: &TestApp, article: uuid::Uuid) -> app::domain::ClaimView {
    services::articles::get(&app.db.conn, article)
        .await
        .expect("article")
        .claims
        .into_iter()
        .find(|c| c.status == ReviewStatus::New)
        .expect("a claim waiting")
}

on_both_databases!(
    forms_posted_without_javascript_come_back_saying_what_they_did,
    |db: TestDb| async move {
        use api::accounts::users::{CreateUser, ResetPassword};
        use api::articles::maintenance::RerunExtraction;
        use api::audit::VerifyAuditChain;
        use api::review::workspace::AssignClaim;
        let p = publish(&db).await;
        let app = TestApp::on(db).await;
        app.account("ada@example.org", Role::Admin).await;
        let admin = app
            .sign_in_as("ada@example.org", claimtrail_tests::PASSWORD)
            .await;

        // The chain check: its result is read back from the trail, with the filter kept.
        let (at, page) = app
            .submit_from(
                "/admin/audit?entity=verdict",
                VerifyAuditChain::PATH,
                &[],
                &admin,
            )
            .await;
        assert_eq!(at, "/admin/audit?entity=verdict&verified=1");
        assert!(page.contains("id=\"chain-result\""), "{page}");
        assert!(page.contains("The chain holds: "));
        // Without a check made, the address alone shows nothing.
        let (_, _, fresh) = app.get("/admin/audit", Some(&admin)).await;
        assert!(!fresh.contains("chain-result"));

        // Extracting again says how many claims it added and replaced.
        let id = p.claim.article_id.to_string();
        let (at, page) = app
            .submit_from(
                "/admin/articles",
                RerunExtraction::PATH,
                &[("id", &id)],
                &admin,
            )
            .await;
        assert!(
            at.starts_with(&format!("/admin/articles?rerun={id}&added=")),
            "{at}"
        );
        assert!(page.contains("Extracted again: "), "{page}");

        // A new account is named once it exists; a password reset is confirmed.
        let (at, page) = app
            .submit_from(
                "/admin/users",
                CreateUser::PATH,
                &[
                    ("email", "newcomer@example.org"),
                    ("display_name", "Newcomer"),
                    ("role", "reviewer"),
                    ("password", "a long first password"),
                ],
                &admin,
            )
            .await;
        let made = at
            .strip_prefix("/admin/users?created=")
            .expect("the new account in the address")
            .to_owned();
        assert!(
            page.contains("Created newcomer@example.org as Reviewer."),
            "{page}"
        );
        // The account is found by its id, however the address spells it.
        let (status, _, page) = app
            .get(
                &format!("/admin/users?created={}", made.to_uppercase()),
                Some(&admin),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Created newcomer@example.org as Reviewer."),
            "{page}"
        );
        // Refused (the address has an account now): the users page, which keeps its address
        // from other sites but not from this one, is where the refusal shows.
        let (at, page) = app
            .refused_from(
                "/admin/users",
                CreateUser::PATH,
                &[
                    ("email", "newcomer@example.org"),
                    ("display_name", "Newcomer again"),
                    ("role", "editor"),
                    ("password", "a long first password"),
                ],
                &admin,
            )
            .await;
        assert!(at.starts_with("http://localhost/admin/users?"), "{at}");
        assert!(
            page.contains("An account for newcomer@example.org already exists"),
            "{page}"
        );
        // The form comes back as it was typed (but its password), the role chosen too; the
        // invitation form beside it stays empty.
        assert_eq!(
            page.matches("value=\"Newcomer again\"").count(),
            1,
            "{page}"
        );
        assert!(!page.contains("a long first password"));
        let create_form = &page[page.find("id=\"new-email\"").expect("the form")..];
        assert!(
            create_form.contains("value=\"editor\" selected"),
            "{create_form}"
        );
        let (at, page) = app
            .submit_from(
                &format!("/admin/users?created={made}"),
                ResetPassword::PATH,
                &[("id", &made), ("password", "another long password")],
                &admin,
            )
            .await;
        // The earlier notice is not shown again.
        assert_eq!(at, format!("/admin/users?reset={made}"));
        assert!(!page.contains("Created newcomer@example.org"));
        assert!(page.contains(
            "Password reset for newcomer@example.org; the account was signed out everywhere."
        ));

        // A reviewer taking a claim from a filtered queue is told where it went.
        let reviewer = app.sign_in().await;
        // (Extracting again above replaced the untouched claims: take one of the new ones.)
        let claim = waiting_claim(&app, p.claim.article_id).await;
        let (at, page) = app
            .submit_from(
                "/review?sort=oldest",
                AssignClaim::PATH,
                &[
                    ("id", &claim.id.to_string()),
                    ("version", &claim.version.to_string()),
                    ("to", "me"),
                ],
                &reviewer,
            )
            .await;
        assert_eq!(at, format!("/review?sort=oldest&assigned={}", claim.id));
        assert!(page.contains(&format!(
            "href=\"/review/claims/{}\">open the claim",
            claim.id
        )));
    }
);

on_both_databases!(
    a_refused_change_is_shown_on_its_page_and_the_island_is_told_where_to_go,
    |db: TestDb| async move {
        use api::audit::VerifyAuditChain;
        use api::review::curation::UpdateClaim;
        let p = publish(&db).await;
        let app = TestApp::on(db).await;
        let reviewer = app.sign_in().await;
        let claim = waiting_claim(&app, p.claim.article_id).await;
        let page = format!("/articles/{}", claim.article_id);
        let stale = [
            ("id", claim.id.to_string()),
            ("version", (claim.version - 1).to_string()),
            ("kind", claim.kind.as_str().to_owned()),
            ("claimant", "Someone".to_owned()),
            ("target", String::new()),
        ];
        let stale: Vec<(&str, &str)> = stale.iter().map(|(k, v)| (*k, v.as_str())).collect();

        // Without JavaScript: back to the article, the reason above its claims, with a way to
        // load them as they are now; nothing changed.
        let req = http::Request::post(UpdateClaim::PATH)
            .header(http::header::HOST, "localhost")
            .header(http::header::ORIGIN, "http://localhost")
            .header(http::header::REFERER, format!("http://localhost{page}"))
            .header(http::header::ACCEPT, "text/html")
            .header(http::header::COOKIE, &reviewer)
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::from(form_body(&stale)))
            .expect("request");
        let (status, headers, _) = app.send(req).await;
        assert!(status.is_redirection());
        let back = headers[http::header::LOCATION]
            .to_str()
            .expect("location")
            .trim_start_matches("http://localhost")
            .to_owned();
        assert!(
            back.starts_with(&format!("{page}?")) && back.contains("__err="),
            "{back}"
        );
        let (_, _, html) = app.get(&back, Some(&reviewer)).await;
        assert!(
            html.contains("<div class=\"card-errors\"><p role=\"alert\" class=\"error\">This claim was changed"),
            "{html}"
        );
        assert!(html.contains(&format!(
            "href=\"{page}\" class=\"button secondary\">Load the claims as they are now"
        )));
        let now = services::claim_record::view(&app.db.conn, claim.id)
            .await
            .expect("claim");
        assert_eq!(
            (now.version, now.claimant.clone()),
            (claim.version, claim.claimant.clone())
        );

        // The island's request: the refusal as the server function's error, with its status …
        let island = |path: &str, form: &[(&str, &str)], cookie: &str| {
            http::Request::post(path)
                .header(http::header::HOST, "localhost")
                .header(http::header::ORIGIN, "http://localhost")
                .header(
                    http::header::REFERER,
                    "http://localhost/admin/audit?actor=x",
                )
                .header(http::header::ACCEPT, "application/json")
                .header(app::domain::addresses::FORM_HEADER, "1")
                .header(http::header::COOKIE, cookie)
                .header(
                    http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(axum::body::Body::from(form_body(form)))
                .expect("request")
        };
        let (status, _, body) = app.send(island(UpdateClaim::PATH, &stale, &reviewer)).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(matches!(
            serde_json::from_str::<app::error::AppError>(&body),
            Ok(app::error::AppError::Conflict(_))
        ));
        // … and, done, the page to open next in `Location` (not a redirect it would follow).
        app.account("edna@example.org", Role::Editor).await;
        let editor = app
            .sign_in_as("edna@example.org", claimtrail_tests::PASSWORD)
            .await;
        let (status, headers, _) = app.send(island(VerifyAuditChain::PATH, &[], &editor)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers[http::header::LOCATION].to_str().expect("location"),
            "/admin/audit?actor=x&verified=1"
        );
    }
);
