//! The reviewer workflow through its services, each test on a fresh SQLite and a fresh
//! PostgreSQL database: sources, the two-person rule, supersession and retraction, concurrent
//! edits, the queue's keyset pages, the last admin, and sign-in throttling.

use std::collections::HashSet;

use app::domain::{
    ClaimKind, ClaimView, QueueFilter, QueueSort, Rating, ReviewStatus, Role, SourceKind, Stance,
    VerdictState,
};
use app::server::services::{
    self, ServiceError, Who, articles::intake::NewArticle, review::sources::SourceInput,
};
use claimtrail_tests::{TestDb, on_both_databases};

const DEMO_ARTICLE: &str = include_str!("fixtures/articles/port-ardent-demo-2026-05-15.txt");
const OTHERS: [&str; 4] = [
    include_str!("fixtures/articles/kakhovka-dam-globalwire-2023-06-06.txt"),
    include_str!("fixtures/articles/red-sea-ship-seizure-2023-11-20.txt"),
    include_str!("fixtures/articles/turkey-syria-earthquake-2023-02-06.txt"),
    include_str!("fixtures/articles/sarn-river-floods-demo-2026-03-10.txt"),
];
const PASSWORD: &str = "a long enough password";

async fn person(db: &TestDb, email: &str, role: Role) -> Who {
    let u = services::accounts::users::create_user(
        &db.conn,
        email,
        email,
        PASSWORD,
        role,
        &Who::system("test"),
    )
    .await
    .expect("user");
    Who::user(&u)
}

async fn ingest(db: &TestDb, text: &str) -> Vec<ClaimView> {
    let out = services::articles::intake::ingest(
        &db.conn,
        NewArticle {
            text: text.to_owned(),
            ..NewArticle::default()
        },
        &Who::system("test"),
    )
    .await
    .expect("ingest");
    services::articles::get(&db.conn, out.article_id)
        .await
        .expect("get")
        .claims
}

async fn claim_with(db: &TestDb, needle: &str) -> ClaimView {
    ingest(db, DEMO_ARTICLE)
        .await
        .into_iter()
        .find(|c| c.quote.contains(needle))
        .expect("a claim with those words")
}

fn source(url: &str, stance: Stance, archived: &str) -> SourceInput {
    SourceInput {
        url: url.to_owned(),
        title: "Statement of the Investigative Committee".to_owned(),
        publisher: Some("Investigative Committee".to_owned()),
        published_on: Some("2024-03-24".to_owned()),
        excerpt: "Eleven people were detained, four of them directly involved.".to_owned(),
        stance,
        kind: SourceKind::Official,
        archived_text: Some(archived.to_owned()),
    }
}

async fn claim_now(db: &TestDb, id: uuid::Uuid) -> ClaimView {
    services::claim_record::view(&db.conn, id)
        .await
        .expect("claim")
}

on_both_databases!(
    a_verdict_needs_evidence_and_a_second_person,
    |db: TestDb| async move {
        let rev = person(&db, "rev@example.org", Role::Reviewer).await;
        let ed = person(&db, "ed@example.org", Role::Editor).await;
        let ed2 = person(&db, "ed2@example.org", Role::Editor).await;
        let c = claim_with(&db, "killing at least 41").await;

        // No evidence: only "unproven" may be proposed.
        let err = services::review::verdicts::propose(
            &db.conn,
            c.id,
            c.version,
            Rating::False,
            "Because.",
            &rev,
        )
        .await
        .expect_err("needs a source");
        assert!(
            matches!(&err, ServiceError::Invalid(m) if m.contains("at least one source")),
            "{err}"
        );

        let archived = "Full text of the statement.\nEleven people were detained.";
        let s1 = services::review::sources::add(
            &db.conn,
            c.id,
            &source("https://sledcom.ru/news/1", Stance::Supports, archived),
            &rev,
        )
        .await
        .expect("source 1");
        assert_eq!(
            s1.archived_sha256.as_deref(),
            Some(services::sha256_hex(archived.as_bytes()).as_str()),
            "the archived copy is kept with its SHA-256"
        );
        let s2 = services::review::sources::add(
            &db.conn,
            c.id,
            &source("http://example.org/report", Stance::Context, ""),
            &rev,
        )
        .await
        .expect("source 2");
        assert_eq!(
            s2.archived_sha256.as_deref(),
            Some(services::sha256_hex(s2.excerpt.as_bytes()).as_str()),
            "without a pasted copy the excerpt is archived"
        );
        // The same form sent twice adds the source once.
        let again = services::review::sources::add(
            &db.conn,
            c.id,
            &source("http://example.org/report", Stance::Context, ""),
            &rev,
        )
        .await
        .expect_err("the same address twice");
        assert!(
            matches!(&again, ServiceError::Invalid(m) if m.contains("already one of this claim's sources")),
            "{again}"
        );

        let v1 = services::review::verdicts::propose(
            &db.conn,
            c.id,
            c.version,
            Rating::True,
            "**Confirmed** by two sources.",
            &ed,
        )
        .await
        .expect("propose");
        assert_eq!(v1.state, VerdictState::Proposed);
        assert_eq!(v1.evidence.len(), 2);
        assert!(v1.rationale_html.contains("<strong>Confirmed</strong>"));
        let c = claim_now(&db, c.id).await;
        assert_eq!(c.status, ReviewStatus::VerdictProposed);

        // The proposer, though an editor, cannot approve or reject their own verdict.
        let own = services::review::verdicts::approve(&db.conn, v1.id, c.version, "", &ed).await;
        assert!(matches!(own, Err(ServiceError::Refused(_))), "{own:?}");
        let own = services::review::verdicts::reject(&db.conn, v1.id, c.version, "no", &ed).await;
        assert!(matches!(own, Err(ServiceError::Refused(_))), "{own:?}");
        assert_eq!(
            claim_now(&db, c.id).await.status,
            ReviewStatus::VerdictProposed
        );

        // Another editor approves: the claim is published.
        let v1 = services::review::verdicts::approve(
            &db.conn,
            v1.id,
            c.version,
            "Checked the sources.",
            &ed2,
        )
        .await
        .expect("approve");
        assert_eq!(v1.state, VerdictState::Approved);
        assert_eq!(
            v1.decided_by.as_ref().map(|u| u.name.as_str()),
            Some("ed2@example.org")
        );
        let c = claim_now(&db, c.id).await;
        assert_eq!(c.status, ReviewStatus::Published);
        // Deciding twice is refused.
        assert!(
            services::review::verdicts::approve(&db.conn, v1.id, c.version, "", &rev)
                .await
                .is_err()
        );

        // A later proposal, rejected: the claim goes back to published under its verdict.
        let v2 = services::review::verdicts::propose(
            &db.conn,
            c.id,
            c.version,
            Rating::MostlyTrue,
            "Numbers rose later.",
            &rev,
        )
        .await
        .expect("second proposal");
        assert_eq!(v2.supersedes, Some(v1.id));
        let c = claim_now(&db, c.id).await;
        let empty = services::review::verdicts::reject(&db.conn, v2.id, c.version, "  ", &ed).await;
        assert!(
            matches!(empty, Err(ServiceError::Invalid(_))),
            "a rejection needs a reason"
        );
        services::review::verdicts::reject(
            &db.conn,
            v2.id,
            c.version,
            "The toll was 41 on that date.",
            &ed,
        )
        .await
        .expect("reject");
        let c = claim_now(&db, c.id).await;
        assert_eq!(c.status, ReviewStatus::Published);

        // A third proposal, approved: it supersedes the first, which stays in the history.
        let v3 = services::review::verdicts::propose(
            &db.conn,
            c.id,
            c.version,
            Rating::MostlyTrue,
            "Later reports say 145.",
            &rev,
        )
        .await
        .expect("third");
        let c = claim_now(&db, c.id).await;
        services::review::verdicts::approve(&db.conn, v3.id, c.version, "", &ed)
            .await
            .expect("approve third");
        let all = services::review::verdicts::for_claim(&db.conn, c.id)
            .await
            .expect("verdicts");
        let states: Vec<VerdictState> = all.iter().map(|v| v.state).collect();
        assert_eq!(
            states,
            vec![
                VerdictState::Approved,
                VerdictState::Rejected,
                VerdictState::Superseded
            ],
            "newest first, nothing deleted"
        );

        // Retraction keeps everything and says why.
        let c = claim_now(&db, c.id).await;
        let none = services::review::verdicts::retract(&db.conn, c.id, c.version, "", &ed).await;
        assert!(matches!(none, Err(ServiceError::Invalid(_))));
        let r = services::review::verdicts::retract(
            &db.conn,
            c.id,
            c.version,
            "A source was forged.",
            &ed,
        )
        .await
        .expect("retract");
        assert_eq!(r.state, VerdictState::Retracted);
        assert_eq!(r.retraction_note.as_deref(), Some("A source was forged."));
        assert_eq!(claim_now(&db, c.id).await.status, ReviewStatus::Retracted);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM verdict").await, 3);

        let ws = services::review::workspace::workspace(&db.conn, c.id)
            .await
            .expect("workspace");
        let actions: Vec<&str> = ws.history.iter().map(|h| h.action.as_str()).collect();
        for a in [
            "article.ingest",
            "source.add",
            "verdict.propose",
            "verdict.approve",
            "verdict.reject",
            "verdict.retract",
        ] {
            assert!(actions.contains(&a), "{a} missing from {actions:?}");
        }
        let report = services::audit::verify_chain(&db.conn)
            .await
            .expect("verify");
        assert_eq!(report.first_broken, None);
    }
);

on_both_databases!(
    sources_take_only_web_addresses_and_are_withdrawn_not_deleted,
    |db: TestDb| async move {
        let rev = person(&db, "rev@example.org", Role::Reviewer).await;
        let c = claim_with(&db, "killing at least 41").await;
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/x",
            "file:///etc/passwd",
            "https://",
            "example.org",
        ] {
            let err = services::review::sources::add(
                &db.conn,
                c.id,
                &source(bad, Stance::Supports, ""),
                &rev,
            )
            .await
            .expect_err(bad);
            assert!(
                matches!(&err, ServiceError::Invalid(m) if m.contains("address")),
                "{bad}: {err}"
            );
        }
        let mut future = source("https://example.org", Stance::Supports, "");
        future.published_on = Some("2999-01-01".into());
        assert!(
            services::review::sources::add(&db.conn, c.id, &future, &rev)
                .await
                .is_err()
        );
        let mut bad_date = source("https://example.org", Stance::Supports, "");
        bad_date.published_on = Some("24/03/2024".into());
        let err = services::review::sources::add(&db.conn, c.id, &bad_date, &rev)
            .await
            .expect_err("date");
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM source").await,
            0,
            "nothing stored"
        );

        let s = services::review::sources::add(
            &db.conn,
            c.id,
            &source("https://example.org/a", Stance::Refutes, "copy"),
            &rev,
        )
        .await
        .expect("add");
        // Editing with an empty archived text keeps the copy.
        let mut edit = source("https://example.org/b", Stance::Supports, "");
        edit.title = "<script>alert(1)</script> Renamed".into();
        let s2 = services::review::sources::update(&db.conn, s.id, s.version, &edit, &rev)
            .await
            .expect("update");
        assert_eq!(s2.archived_sha256, s.archived_sha256);
        assert_eq!(
            s2.title, "<script>alert(1)</script> Renamed",
            "stored as text, escaped when shown"
        );
        let stale = services::review::sources::update(&db.conn, s.id, s.version, &edit, &rev).await;
        assert!(
            matches!(&stale, Err(ServiceError::Conflict(m)) if m.contains("rev@example.org")),
            "{stale:?}"
        );
        let copy = services::review::sources::archive(
            &db.conn,
            s.id,
            s2.version,
            "  uploaded text  ",
            &rev,
        )
        .await
        .expect("archive");
        assert_eq!(
            copy.archived_sha256.as_deref(),
            Some(services::sha256_hex(b"uploaded text").as_str())
        );

        assert!(
            services::review::sources::remove(&db.conn, s.id, copy.version, "", &rev)
                .await
                .is_err()
        );
        services::review::sources::remove(&db.conn, s.id, copy.version, "duplicate", &rev)
            .await
            .expect("remove");
        assert!(
            services::review::sources::for_claim(&db.conn, c.id)
                .await
                .expect("list")
                .is_empty()
        );
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM source").await,
            1,
            "the row stays"
        );
        let (_, text) = services::review::sources::archived_text(&db.conn, s.id)
            .await
            .expect("archive kept");
        assert_eq!(text, "uploaded text");
    }
);

on_both_databases!(
    concurrent_edits_of_one_claim_never_lose_either,
    |db: TestDb| async move {
        let ana = person(&db, "ana@example.org", Role::Reviewer).await;
        let bo = person(&db, "bo@example.org", Role::Reviewer).await;
        let c = claim_with(&db, "killing at least 41").await;
        let edit_a = services::review::curation::ClaimEdit {
            kind: ClaimKind::Casualty,
            claimant: Some("Russian officials".into()),
            target: Some(String::new()),
            hedged: false,
        };
        let edit_b = services::review::curation::ClaimEdit {
            kind: ClaimKind::Event,
            claimant: Some(String::new()),
            target: Some("Meridian Concert Hall".into()),
            hedged: true,
        };
        // Both opened the claim at the same version and save at the same moment.
        let (a, b) = tokio::join!(
            services::review::curation::update(&db.conn, c.id, c.version, edit_a.clone(), &ana),
            services::review::curation::update(&db.conn, c.id, c.version, edit_b.clone(), &bo),
        );
        let (winner, loser_edit, loser, loser_err) = match (a, b) {
            (Ok(w), Err(e)) => (w, edit_b, &bo, e),
            (Err(e), Ok(w)) => (w, edit_a, &ana, e),
            other => panic!("exactly one of two concurrent writes must win: {other:?}"),
        };
        let ServiceError::Conflict(msg) = &loser_err else {
            panic!("{loser_err}")
        };
        assert!(
            msg.contains("corrected the claim"),
            "the refusal says what changed: {msg}"
        );
        assert_eq!(winner.version, c.version + 1);
        // The loser reloads and makes their edit again: both edits are in the trail.
        let now = claim_now(&db, c.id).await;
        let after = services::review::curation::update(
            &db.conn,
            c.id,
            now.version,
            loser_edit.clone(),
            loser,
        )
        .await
        .expect("retry on the new version");
        assert_eq!(after.kind, loser_edit.kind);
        let updates = services::audit::history(&db.conn, vec![c.id])
            .await
            .expect("history")
            .into_iter()
            .filter(|h| h.action == "claim.update")
            .count();
        assert_eq!(updates, 2, "both edits are in the trail");
        // Assigning and proposing are versioned the same way.
        let ed = person(&db, "ed@example.org", Role::Editor).await;
        let stale =
            services::review::workspace::assign(&db.conn, c.id, c.version, ed.user_id, &ed).await;
        assert!(matches!(stale, Err(ServiceError::Conflict(_))), "{stale:?}");
        let stale = services::review::verdicts::propose(
            &db.conn,
            c.id,
            c.version,
            Rating::Unproven,
            "x",
            &ed,
        )
        .await;
        assert!(matches!(stale, Err(ServiceError::Conflict(_))), "{stale:?}");
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM verdict").await,
            0,
            "the refused proposal left nothing"
        );
    }
);

on_both_databases!(
    the_queue_pages_by_keyset_without_gaps_or_repeats,
    |db: TestDb| async move {
        let rev = person(&db, "rev@example.org", Role::Reviewer).await;
        let viewer = rev.user_id.expect("id");
        let mut all = ingest(&db, DEMO_ARTICLE).await;
        for text in OTHERS {
            all.extend(ingest(&db, text).await);
        }
        assert!(
            all.len() > 2 * services::review::queue::PAGE_SIZE as usize,
            "enough for three pages: {}",
            all.len()
        );
        let mut filter = QueueFilter::default();
        for sort in [QueueSort::Checkworthiness, QueueSort::Oldest] {
            filter.sort = sort;
            filter.after = None;
            let mut seen = Vec::new();
            loop {
                let page = services::review::queue::page(&db.conn, &filter, viewer)
                    .await
                    .expect("page");
                assert_eq!(page.total, all.len() as u64);
                assert_eq!(page.waiting, all.len() as u64);
                seen.extend(page.items.into_iter().map(|i| i.claim));
                match page.next {
                    Some(n) => filter.after = Some(n),
                    None => break,
                }
            }
            let ids: HashSet<_> = seen.iter().map(|c| c.id).collect();
            assert_eq!(ids.len(), all.len(), "{sort:?}: every claim once");
            let ordered = seen.windows(2).all(|w| match sort {
                QueueSort::Checkworthiness => {
                    w[0].checkworthiness > w[1].checkworthiness
                        || (w[0].checkworthiness == w[1].checkworthiness && w[0].id < w[1].id)
                }
                QueueSort::Oldest => w[0].id < w[1].id,
            });
            assert!(ordered, "{sort:?} order holds across pages");
        }

        // Filters: kind, words, assignee, status.
        let casualty = all.iter().filter(|c| c.kind == ClaimKind::Casualty).count() as u64;
        let f = QueueFilter {
            kind: Some(ClaimKind::Casualty),
            ..QueueFilter::default()
        };
        assert_eq!(
            services::review::queue::page(&db.conn, &f, viewer)
                .await
                .expect("kind")
                .total,
            casualty
        );
        let f = QueueFilter {
            q: Some("MERIDIAN".into()),
            ..QueueFilter::default()
        };
        let found = services::review::queue::page(&db.conn, &f, viewer)
            .await
            .expect("words");
        assert!(
            found.total > 0
                && found
                    .items
                    .iter()
                    .all(|i| i.claim.quote.to_lowercase().contains("meridian"))
        );
        let f = QueueFilter {
            q: Some("\"meridian\" OR * NEAR(".into()),
            ..QueueFilter::default()
        };
        let odd = services::review::queue::page(&db.conn, &f, viewer)
            .await
            .expect("query syntax is words");
        assert!(
            odd.items
                .iter()
                .all(|i| i.claim.quote.to_lowercase().contains("meridian"))
        );

        let top = &all[0];
        let mine =
            services::review::workspace::assign(&db.conn, top.id, top.version, Some(viewer), &rev)
                .await
                .expect("assign");
        assert_eq!(
            mine.status,
            ReviewStatus::InReview,
            "taking a claim on starts its review"
        );
        let f = QueueFilter {
            assignee: Some("me".into()),
            ..QueueFilter::default()
        };
        let page = services::review::queue::page(&db.conn, &f, viewer)
            .await
            .expect("mine");
        assert_eq!(
            page.items.iter().map(|i| i.claim.id).collect::<Vec<_>>(),
            vec![top.id]
        );
        assert_eq!(
            page.items[0].assignee.as_ref().map(|a| a.name.as_str()),
            Some("rev@example.org")
        );
        let f = QueueFilter {
            status: Some(ReviewStatus::InReview),
            ..QueueFilter::default()
        };
        assert_eq!(
            services::review::queue::page(&db.conn, &f, viewer)
                .await
                .expect("status")
                .total,
            1
        );
        let f = QueueFilter {
            after: Some("garbage".into()),
            ..QueueFilter::default()
        };
        assert!(matches!(
            services::review::queue::page(&db.conn, &f, viewer).await,
            Err(ServiceError::Invalid(_))
        ));
    }
);

on_both_databases!(
    the_last_admin_stays_and_disabling_ends_sessions,
    |db: TestDb| async move {
        let admin = person(&db, "admin@example.org", Role::Admin).await;
        let admin_id = admin.user_id.expect("id");
        let last =
            services::accounts::users::change(&db.conn, admin_id, Role::Editor, false, &admin)
                .await;
        assert!(
            matches!(&last, Err(ServiceError::Invalid(m)) if m.contains("last active admin")),
            "{last:?}"
        );
        let last =
            services::accounts::users::change(&db.conn, admin_id, Role::Admin, true, &admin).await;
        assert!(last.is_err(), "nor disabled");

        let rev = person(&db, "rev@example.org", Role::Reviewer).await;
        let rev_id = rev.user_id.expect("id");
        let token = services::accounts::sessions::create(&db.conn, rev_id)
            .await
            .expect("session");
        assert!(
            services::accounts::sessions::resolve(&db.conn, &token)
                .await
                .expect("resolve")
                .is_some()
        );
        let changed =
            services::accounts::users::change(&db.conn, rev_id, Role::Editor, true, &admin)
                .await
                .expect("change");
        assert!(changed.disabled && changed.role == Role::Editor);
        assert!(
            services::accounts::sessions::resolve(&db.conn, &token)
                .await
                .expect("resolve")
                .is_none(),
            "signed out at once"
        );
        let refused =
            services::accounts::users::authenticate(&db.conn, "rev@example.org", PASSWORD).await;
        assert!(refused.is_err(), "a disabled account cannot sign in");

        // With a second admin, the first may step down.
        services::accounts::users::change(&db.conn, rev_id, Role::Admin, false, &admin)
            .await
            .expect("promote");
        services::accounts::users::change(&db.conn, admin_id, Role::Reviewer, false, &admin)
            .await
            .expect("step down");
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'user.change'")
                .await,
            3
        );
    }
);

on_both_databases!(
    repeated_failed_sign_ins_are_throttled_per_account_and_address,
    |db: TestDb| async move {
        use services::accounts::signin;
        let fail = |email: &'static str, address: String| {
            let conn = db.conn.clone();
            async move {
                let attempt = signin::begin(&conn, email, &address).await?;
                signin::settle(&conn, attempt, false).await
            }
        };
        // A guesser at one address is stopped at the account's limit from one address...
        for _ in 0..signin::PER_ACCOUNT_FROM_ADDRESS {
            fail("Ana@Example.org", "10.0.0.5".into())
                .await
                .expect("not yet");
        }
        let err = signin::begin(&db.conn, "ana@example.org", "10.0.0.5")
            .await
            .expect_err("that address is refused for this account");
        assert!(
            err.to_string()
                .contains("Too many failed sign-ins to this account"),
            "{err}"
        );
        // ...however often they keep trying (until their address's own limit refuses them
        // everything), which uses up nothing of the account's own limit:
        for _ in 0..signin::PER_ACCOUNT {
            assert!(
                signin::begin(&db.conn, "ana@example.org", "10.0.0.5")
                    .await
                    .is_err()
            );
        }
        // so the account's owner, elsewhere, still signs in.
        let attempt = signin::begin(&db.conn, "ana@example.org", "10.0.0.2")
            .await
            .expect("the owner from another address");
        signin::settle(&db.conn, attempt, true)
            .await
            .expect("settle");
        // A guesser spread over many addresses meets the account's own limit, and then the
        // account is refused from everywhere until the window passes.
        let spread =
            usize::try_from(signin::PER_ACCOUNT / signin::PER_ACCOUNT_FROM_ADDRESS).expect("small");
        for i in 0..spread {
            for _ in 0..signin::PER_ACCOUNT_FROM_ADDRESS {
                fail("dee@example.org", format!("10.1.0.{i}"))
                    .await
                    .expect("under both limits");
            }
        }
        let err = signin::begin(&db.conn, "dee@example.org", "10.2.0.1")
            .await
            .expect_err("the account's own limit");
        assert!(err.to_string().contains("ask an admin"), "{err}");
        // Another account is let in from an address, and succeeding gives the address its
        // place back.
        let attempt = signin::begin(&db.conn, "bo@example.org", "10.0.0.1")
            .await
            .expect("other account");
        signin::settle(&db.conn, attempt, true)
            .await
            .expect("settle");
        for i in 0..signin::PER_ADDRESS {
            let attempt = signin::begin(&db.conn, &format!("user{i}@example.org"), "10.0.0.9")
                .await
                .expect("under the address's limit");
            signin::settle(&db.conn, attempt, false)
                .await
                .expect("settle");
        }
        let err = signin::begin(&db.conn, "new@example.org", "10.0.0.9")
            .await
            .expect_err("address throttled");
        // Said as the network's limit: resetting someone's password would not lift it.
        assert!(
            err.to_string().contains("from your network") && !err.to_string().contains("admin"),
            "{err}"
        );
        assert!(
            signin::begin(&db.conn, "new@example.org", "10.0.0.8")
                .await
                .is_ok()
        );
        // A success clears the account's count.
        for _ in 0..signin::PER_ACCOUNT_FROM_ADDRESS - 1 {
            fail("cy@example.org", "10.0.0.7".into())
                .await
                .expect("under");
        }
        let a = signin::begin(&db.conn, "cy@example.org", "10.0.0.7")
            .await
            .expect("the last try");
        signin::settle(&db.conn, a, true).await.expect("settle");
        for _ in 0..signin::PER_ACCOUNT_FROM_ADDRESS {
            fail("cy@example.org", "10.0.0.7".into())
                .await
                .expect("a fresh count");
        }
    }
);
