//! Service tests: each body runs on a fresh SQLite database and a fresh PostgreSQL database.

use app::domain::{ClaimKind, Role};
use app::server::services::{self, ServiceError, Who, articles::intake::NewArticle};
use claimtrail_tests::{TestDb, on_both_databases};

const DEMO_ARTICLE: &str = include_str!("fixtures/articles/port-ardent-demo-2026-05-15.txt");

fn who() -> Who {
    Who::system("test")
}

fn article(text: &str) -> NewArticle {
    NewArticle {
        text: text.to_owned(),
        ..NewArticle::default()
    }
}

on_both_databases!(
    ingest_stores_the_article_and_its_anchored_claims,
    |db: TestDb| async move {
        let out = services::articles::intake::ingest(&db.conn, article(DEMO_ARTICLE), &who())
            .await
            .expect("ingest");
        assert!(!out.duplicate);
        assert!(out.claim_count >= 15, "only {} claims", out.claim_count);
        let view = services::articles::get(&db.conn, out.article_id)
            .await
            .expect("get");
        assert_eq!(
            view.title,
            "Gunmen Storm Concert Hall in Port Ardent, Killing 41; Northern Front Claims Responsibility"
        );
        assert_eq!(view.publisher.as_deref(), Some("Claimtrail Demo Wire"));
        assert_eq!(view.section.as_deref(), Some("World"));
        assert_eq!(view.published_at.as_deref(), Some("2026-05-15 18:20 UTC"));
        assert!(
            view.body.starts_with("Gunmen Storm Concert Hall"),
            "the headline is part of the body"
        );
        assert!(
            !view.body.contains("meridian-hall.jpg"),
            "the header lines are metadata, not body"
        );
        let chars: Vec<char> = view.body.chars().collect();
        for c in &view.claims {
            let slice: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(slice, c.quote);
        }
        let casualty = view
            .claims
            .iter()
            .find(|c| c.quote.contains("killing at least 41"))
            .expect("casualty claim");
        assert_eq!(casualty.kind, ClaimKind::Casualty);
        assert_eq!(casualty.figures.len(), 2);
        let denial = view
            .claims
            .iter()
            .find(|c| c.kind == ClaimKind::Denial && c.quote.contains("denied any involvement"))
            .expect("denial");
        assert_eq!(denial.claimant.as_deref(), Some("Dravian officials"));
        assert_eq!(denial.target.as_deref(), Some("Dravian officials"));
        // One actor row per party, however many claims name it.
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM actor WHERE name_key = 'nf'")
                .await,
            1
        );
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'article.ingest'")
                .await,
            1
        );
        let listed = services::articles::list(&db.conn, 10).await.expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].claim_count, out.claim_count);
    }
);

on_both_databases!(
    the_parties_of_an_article_are_found_and_made_together_as_one_after_another_would,
    |db: TestDb| async move {
        use app::domain::ActorRef;
        use app::server::entities::actor;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let named = |name: &str, aliases: &[&str]| ActorRef {
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        };
        let actors = services::actors::find_or_create;
        let existing = actors(&db.conn, &named("Northern Front", &["NF"]))
            .await
            .expect("an actor stored before");
        // Two parties named twice each, one stored already, in mixed case and with aliases
        // given again, in the case and order an article would give them.
        let refs = [
            named("northern front", &["The Front"]),
            named("Civic Watch", &["CW"]),
            named("Northern Front", &["nf", "Front"]),
            named("CIVIC WATCH", &["Civic Watch", "Watchers", "cw"]),
        ];
        let found =
            services::actors::find_or_create_all(&db.conn, &refs.iter().collect::<Vec<_>>())
                .await
                .expect("found and made");
        let ids: Vec<_> = found.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            ids[0], existing,
            "a stored party is found by any case of its name"
        );
        assert_eq!(ids[2], existing);
        assert_eq!(
            ids[1], ids[3],
            "one new row for the two namings of a new party"
        );
        assert_ne!(ids[1], existing);
        let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Northern Front",
                "Civic Watch",
                "Northern Front",
                "Civic Watch"
            ],
            "each party keeps the name it was first seen by"
        );
        let aliases = |id| {
            let conn = db.conn.clone();
            async move {
                let row = actor::Entity::find_by_id(id)
                    .one(&conn)
                    .await
                    .expect("read")
                    .expect("the row");
                serde_json::from_value::<Vec<String>>(row.aliases).expect("aliases")
            }
        };
        assert_eq!(aliases(existing).await, ["NF", "The Front", "Front"]);
        assert_eq!(aliases(ids[1]).await, ["CW", "Watchers"]);
        assert_eq!(
            actor::Entity::find()
                .filter(actor::Column::NameKey.is_in(["northern front", "civic watch"]))
                .all(&db.conn)
                .await
                .expect("count")
                .len(),
            2
        );
        // Asked again, nothing changes and the same ids come back.
        let again =
            services::actors::find_or_create_all(&db.conn, &refs.iter().collect::<Vec<_>>())
                .await
                .expect("again");
        assert_eq!(again, found);
        assert_eq!(aliases(ids[1]).await, ["CW", "Watchers"]);
    }
);

on_both_databases!(
    ingests_naming_the_same_new_parties_at_once_make_one_row_each_and_lose_no_alias,
    |db: TestDb| async move {
        use app::domain::ActorRef;
        use app::server::entities::actor;
        use sea_orm::{EntityTrait, QueryOrder};
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let conn = db.conn.clone();
                tokio::spawn(async move {
                    let mut refs = [
                        ActorRef {
                            name: "Harbour Authority".into(),
                            aliases: vec![format!("Authority {i}")],
                        },
                        ActorRef {
                            name: "Civic Watch".into(),
                            aliases: vec![format!("Watch {i}")],
                        },
                    ];
                    // Named in both orders, as two articles would.
                    if i % 2 == 1 {
                        refs.reverse();
                    }
                    let txn = services::begin_write(&conn).await.expect("begin");
                    let found = services::actors::find_or_create_all(
                        &txn,
                        &refs.iter().collect::<Vec<_>>(),
                    )
                    .await
                    .expect("found or made");
                    txn.commit().await.expect("commit");
                    let mut found: Vec<_> =
                        refs.iter().map(|r| r.name.clone()).zip(found).collect();
                    found.sort();
                    found
                })
            })
            .collect();
        let mut seen = Vec::new();
        for t in tasks {
            seen.push(t.await.expect("task"));
        }
        assert!(
            seen.windows(2).all(|w| w[0] == w[1]),
            "every ingest got the same rows: {seen:?}"
        );
        let rows = actor::Entity::find()
            .order_by_asc(actor::Column::NameKey)
            .all(&db.conn)
            .await
            .expect("rows");
        assert_eq!(rows.len(), 2, "one row per party");
        for (row, stem) in rows.iter().zip(["Watch", "Authority"]) {
            let mut aliases: Vec<String> =
                serde_json::from_value(row.aliases.clone()).expect("aliases");
            aliases.sort();
            let all: Vec<String> = (0..4).map(|i| format!("{stem} {i}")).collect();
            assert_eq!(aliases, all, "{}: no ingest's alias is lost", row.name);
        }
    }
);

on_both_databases!(
    the_same_text_twice_is_one_article,
    |db: TestDb| async move {
        let first = services::articles::intake::ingest(&db.conn, article(DEMO_ARTICLE), &who())
            .await
            .expect("first");
        let events = db.scalar("SELECT COUNT(*) FROM audit_event").await;
        // Windows line endings and a byte-order mark do not make a different text.
        let crlf = format!("\u{feff}{}", DEMO_ARTICLE.replace('\n', "\r\n"));
        let second = services::articles::intake::ingest(&db.conn, article(&crlf), &who())
            .await
            .expect("second");
        assert!(second.duplicate);
        assert_eq!(second.article_id, first.article_id);
        assert_eq!(second.claim_count, first.claim_count);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM article").await, 1);
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event").await,
            events,
            "the copy adds no event"
        );
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'article.ingest'")
                .await,
            1
        );
    }
);

on_both_databases!(
    concurrent_submissions_of_one_text_store_it_once,
    |db: TestDb| async move {
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let conn = db.conn.clone();
                tokio::spawn(async move {
                    services::articles::intake::ingest(&conn, article(DEMO_ARTICLE), &who()).await
                })
            })
            .collect();
        let mut ids = Vec::new();
        for t in tasks {
            ids.push(t.await.expect("join").expect("ingest").article_id);
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "every submission points to one article");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM article").await, 1);
    }
);

on_both_databases!(
    bad_input_is_refused_and_stores_nothing,
    |db: TestDb| async move {
        let cases: Vec<(NewArticle, &str)> = vec![
            (article("   \n\n  "), "no text"),
            (
                NewArticle {
                    title: Some("T".into()),
                    ..article(&"a".repeat(2 * 1024 * 1024 + 1))
                },
                "limit",
            ),
            (
                NewArticle {
                    url: Some("javascript:alert(1)".into()),
                    ..article(DEMO_ARTICLE)
                },
                "http",
            ),
            (
                NewArticle {
                    url: Some("ftp://example.org/a".into()),
                    ..article(DEMO_ARTICLE)
                },
                "http",
            ),
            (article("Title\n\nBody with a NUL \0 byte."), "binary"),
            (
                NewArticle {
                    title: Some("x".repeat(501)),
                    ..article("Some body text here.")
                },
                "title",
            ),
        ];
        for (input, expected) in cases {
            match services::articles::intake::ingest(&db.conn, input, &who()).await {
                Err(ServiceError::Invalid(msg)) => assert!(
                    msg.contains(expected),
                    "'{msg}' should mention '{expected}'"
                ),
                other => panic!("expected Invalid mentioning {expected}, got {other:?}"),
            }
        }
        assert_eq!(db.scalar("SELECT COUNT(*) FROM article").await, 0);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM claim").await, 0);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM audit_event").await, 0);
    }
);

on_both_databases!(
    script_in_an_article_is_stored_as_text,
    |db: TestDb| async move {
        let text = "Officials said <script>alert(1)</script> 12 people were killed.\n\nMore text here follows.";
        let out = services::articles::intake::ingest(
            &db.conn,
            NewArticle {
                title: Some("<b>t</b>".into()),
                ..article(text)
            },
            &who(),
        )
        .await
        .expect("ingest");
        let view = services::articles::get(&db.conn, out.article_id)
            .await
            .expect("get");
        // Stored verbatim (it is evidence); pages render it as text, never as markup (see the HTTP tests).
        assert!(view.body.contains("<script>"));
        assert_eq!(view.title, "<b>t</b>");
    }
);

on_both_databases!(
    audit_chain_verifies_and_catches_tampering,
    |db: TestDb| async move {
        for n in 0..3 {
            let text = format!(
                "Headline {n}\n\nPolice said {n} people were arrested in the city on Monday."
            );
            services::articles::intake::ingest(&db.conn, article(&text), &who())
                .await
                .expect("ingest");
        }
        services::accounts::users::create_user(
            &db.conn,
            "a@example.org",
            "A",
            "correct horse battery",
            Role::Admin,
            &who(),
        )
        .await
        .expect("user");
        let report = services::audit::verify_chain(&db.conn)
            .await
            .expect("verify");
        // Three ingests, each filed into a story (and its claims linked when they repeat one
        // another), and one account.
        let stored = db.scalar("SELECT COUNT(*) FROM audit_event").await;
        assert_eq!(i64::try_from(report.events).expect("count"), stored);
        assert!(stored >= 7, "{stored} events");
        assert_eq!(report.first_broken, None);
        // Rewriting history, as someone with database access might: the chain names the row.
        let changed = db
            .exec("UPDATE audit_event SET actor_label = 'someone else' WHERE seq = 2")
            .await;
        assert_eq!(changed, 1);
        let report = services::audit::verify_chain(&db.conn)
            .await
            .expect("verify");
        assert_eq!(report.first_broken, Some(2));
        // Deleting the last event is caught as a gap only if something follows; deleting a middle one is.
        db.exec("UPDATE audit_event SET actor_label = 'test' WHERE seq = 2")
            .await;
        assert_eq!(
            services::audit::verify_chain(&db.conn)
                .await
                .expect("verify")
                .first_broken,
            None
        );
        db.exec("DELETE FROM audit_event WHERE seq = 3").await;
        assert_eq!(
            services::audit::verify_chain(&db.conn)
                .await
                .expect("verify")
                .first_broken,
            Some(3)
        );
    }
);

on_both_databases!(
    passwords_are_argon2id_and_sign_in_is_uniformly_refused,
    |db: TestDb| async move {
        let u = services::accounts::users::create_user(
            &db.conn,
            " Ana@Example.org ",
            "Ana",
            "a long enough password",
            Role::Reviewer,
            &who(),
        )
        .await
        .expect("create");
        assert_eq!(u.email, "ana@example.org");
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM \"user\" WHERE password_hash LIKE '$argon2id$%'")
                .await,
            1
        );
        let ok = services::accounts::users::authenticate(
            &db.conn,
            "ANA@example.org",
            "a long enough password",
        )
        .await
        .expect("sign in");
        assert_eq!(ok.id, u.id);
        let wrong = services::accounts::users::authenticate(
            &db.conn,
            "ana@example.org",
            "wrong password!!",
        )
        .await
        .expect_err("wrong");
        let unknown = services::accounts::users::authenticate(
            &db.conn,
            "nobody@example.org",
            "a long enough password",
        )
        .await
        .expect_err("unknown");
        assert_eq!(
            wrong.to_string(),
            unknown.to_string(),
            "the answer must not reveal which accounts exist"
        );
        assert!(matches!(
            services::accounts::users::create_user(
                &db.conn,
                "ana@example.org",
                "Ana 2",
                "another long password",
                Role::Admin,
                &who()
            )
            .await,
            Err(ServiceError::Conflict(_))
        ));
        assert!(matches!(
            services::accounts::users::create_user(
                &db.conn,
                "b@example.org",
                "B",
                "short",
                Role::Admin,
                &who()
            )
            .await,
            Err(ServiceError::Invalid(_))
        ));
        // The audit trail records the account, never its hash.
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE CAST(after AS TEXT) LIKE '%argon2%'")
                .await,
            0
        );
    }
);

on_both_databases!(sessions_resolve_until_ended, |db: TestDb| async move {
    let u = services::accounts::users::create_user(
        &db.conn,
        "s@example.org",
        "S",
        "a long enough password",
        Role::Editor,
        &who(),
    )
    .await
    .expect("create");
    let token = services::accounts::sessions::create(&db.conn, u.id)
        .await
        .expect("session");
    let me = services::accounts::sessions::resolve(&db.conn, &token)
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(me.role, Role::Editor);
    assert!(
        services::accounts::sessions::resolve(&db.conn, "not-a-token")
            .await
            .expect("resolve")
            .is_none()
    );
    // Only the token's hash is stored.
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM session WHERE token_hash = '{token}'"
        ))
        .await,
        0
    );
    services::accounts::sessions::end(&db.conn, &token)
        .await
        .expect("end");
    assert!(
        services::accounts::sessions::resolve(&db.conn, &token)
            .await
            .expect("resolve")
            .is_none()
    );
});

on_both_databases!(migrations_go_down_and_up_again, |db: TestDb| async move {
    use migrations::{Migrator, MigratorTrait};
    let n = Migrator::migrations().len();
    assert_eq!(
        Migrator::get_applied_migrations(&db.conn)
            .await
            .expect("applied")
            .len(),
        n
    );
    Migrator::down(&db.conn, None).await.expect("down");
    assert_eq!(
        Migrator::get_applied_migrations(&db.conn)
            .await
            .expect("applied")
            .len(),
        0
    );
    Migrator::up(&db.conn, None).await.expect("up");
    services::articles::intake::ingest(&db.conn, article(DEMO_ARTICLE), &who())
        .await
        .expect("works after re-migrating");
});

async fn first_claim(db: &TestDb, needle: &str) -> app::domain::ClaimView {
    let out = services::articles::intake::ingest(&db.conn, article(DEMO_ARTICLE), &who())
        .await
        .expect("ingest");
    let view = services::articles::get(&db.conn, out.article_id)
        .await
        .expect("get");
    view.claims
        .into_iter()
        .find(|c| c.quote.contains(needle))
        .expect("claim")
}

fn edit(kind: ClaimKind, claimant: &str) -> services::review::curation::ClaimEdit {
    services::review::curation::ClaimEdit {
        kind,
        claimant: Some(claimant.into()),
        target: Some(String::new()),
        hedged: true,
    }
}

on_both_databases!(
    correcting_a_claim_is_versioned_and_audited,
    |db: TestDb| async move {
        let c = first_claim(&db, "The suspects, identified as").await;
        let ana = Who::system("ana@example.org");
        let updated = services::review::curation::update(
            &db.conn,
            c.id,
            c.version,
            edit(ClaimKind::Arrest, "Russian investigators"),
            &ana,
        )
        .await
        .expect("update");
        assert_eq!(updated.version, c.version + 1);
        assert_eq!(updated.claimant.as_deref(), Some("Russian investigators"));
        assert!(updated.hedged);
        // A second reviewer saving over the old version is refused, with who changed it.
        let stale = services::review::curation::update(
            &db.conn,
            c.id,
            c.version,
            edit(ClaimKind::Event, "someone"),
            &who(),
        )
        .await;
        match stale {
            Err(ServiceError::Conflict(msg)) => assert!(msg.contains("ana@example.org"), "{msg}"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        let now = services::claim_record::view(&db.conn, c.id)
            .await
            .expect("view");
        assert_eq!(
            now.kind,
            ClaimKind::Arrest,
            "the stale write changed nothing"
        );
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'claim.update'")
                .await,
            1
        );
        assert_eq!(
            services::audit::verify_chain(&db.conn)
                .await
                .expect("verify")
                .first_broken,
            None
        );
    }
);

on_both_databases!(
    two_concurrent_edits_never_lose_either,
    |db: TestDb| async move {
        let c = first_claim(&db, "Authorities charged them").await;
        let tasks: Vec<_> = ["first editor", "second editor"]
            .into_iter()
            .map(|name| {
                let conn = db.conn.clone();
                tokio::spawn(async move {
                    services::review::curation::update(
                        &conn,
                        c.id,
                        c.version,
                        edit(ClaimKind::Arrest, name),
                        &Who::system(name),
                    )
                    .await
                })
            })
            .collect();
        let mut ok = 0;
        let mut conflicts = 0;
        for t in tasks {
            match t.await.expect("join") {
                Ok(_) => ok += 1,
                Err(ServiceError::Conflict(_)) => conflicts += 1,
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert_eq!(
            (ok, conflicts),
            (1, 1),
            "one write lands, the other is told to reload"
        );
        assert_eq!(
            services::claim_record::view(&db.conn, c.id)
                .await
                .expect("view")
                .version,
            c.version + 1
        );
    }
);

on_both_databases!(
    dismissed_claims_are_restored_not_edited,
    |db: TestDb| async move {
        let c = first_claim(&db, "deviates from earlier NF assaults").await;
        let d = services::review::curation::set_dismissed(
            &db.conn,
            c.id,
            c.version,
            true,
            "background, not a claim",
            &who(),
        )
        .await
        .expect("dismiss");
        assert_eq!(d.status, app::domain::ReviewStatus::Dismissed);
        assert!(matches!(
            services::review::curation::update(
                &db.conn,
                c.id,
                d.version,
                edit(ClaimKind::Event, "x"),
                &who()
            )
            .await,
            Err(ServiceError::Invalid(_))
        ));
        let r =
            services::review::curation::set_dismissed(&db.conn, c.id, d.version, false, "", &who())
                .await
                .expect("restore");
        assert_eq!(r.status, app::domain::ReviewStatus::New);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'claim.dismiss' AND CAST(after AS TEXT) LIKE '%background%'").await, 1);
    }
);

on_both_databases!(
    a_missed_claim_is_added_from_its_exact_words,
    |db: TestDb| async move {
        let out = services::articles::intake::ingest(&db.conn, article(DEMO_ARTICLE), &who())
            .await
            .expect("ingest");
        let words = "they were reported to be from the border province of Kessel";
        let c = services::review::curation::add_from_quote(
            &db.conn,
            out.article_id,
            words,
            ClaimKind::Statement,
            &who(),
        )
        .await
        .expect("add");
        let body = services::articles::get(&db.conn, out.article_id)
            .await
            .expect("get")
            .body;
        let chars: Vec<char> = body.chars().collect();
        assert_eq!(
            chars[c.span.start..c.span.end].iter().collect::<String>(),
            words
        );
        assert!(c.prefix.ends_with("terrorism, and "));
        for (quote, expected) in [
            ("not in the article at all", "not in the article"),
            ("Port Ardent", "appear"),
            ("ab", "at least"),
        ] {
            match services::review::curation::add_from_quote(
                &db.conn,
                out.article_id,
                quote,
                ClaimKind::Event,
                &who(),
            )
            .await
            {
                Err(ServiceError::Invalid(msg)) => assert!(msg.contains(expected), "{msg}"),
                other => panic!("expected Invalid for {quote:?}, got {other:?}"),
            }
        }
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM audit_event WHERE action = 'claim.add'")
                .await,
            1
        );
    }
);

on_both_databases!(
    claims_split_merge_and_take_corrected_figures,
    |db: TestDb| async move {
        let c = first_claim(&db, "killing at least 41 people").await;
        let (first, second) = services::review::curation::split(
            &db.conn,
            c.id,
            c.version,
            "and leaving around 90",
            &who(),
        )
        .await
        .expect("split");
        assert!(first.quote.ends_with("41 people"), "{}", first.quote);
        assert!(second.quote.starts_with("and leaving around 90"));
        assert_eq!(first.figures.len(), 1);
        assert_eq!(second.figures[0].category, "injured");
        let body = services::articles::get(&db.conn, c.article_id)
            .await
            .expect("get")
            .body;
        let chars: Vec<char> = body.chars().collect();
        for v in [&first, &second] {
            assert_eq!(
                chars[v.span.start..v.span.end].iter().collect::<String>(),
                v.quote
            );
        }
        // Merging puts it back together; the second claim is dismissed, not deleted.
        let merged =
            services::review::curation::merge_with_next(&db.conn, first.id, first.version, &who())
                .await
                .expect("merge");
        assert_eq!(merged.quote, c.quote);
        assert_eq!(merged.figures.len(), 2);
        let gone = services::claim_record::view(&db.conn, second.id)
            .await
            .expect("still there");
        assert_eq!(gone.status, app::domain::ReviewStatus::Dismissed);

        let row = |v: &str, q: &str, c: &str| app::domain::FigureRow {
            value: v.into(),
            qualifier: q.into(),
            category: c.into(),
        };
        let fixed = services::review::curation::set_figures(
            &db.conn,
            merged.id,
            merged.version,
            &[
                row("41", "at_least", "killed"),
                row("", "exact", ""),
                row("90", "about", "injured"),
            ],
            &who(),
        )
        .await
        .expect("figures");
        assert_eq!(fixed.figures.len(), 2, "the blank row adds nothing");
        assert_eq!(fixed.figures[1].qualifier, app::domain::Qualifier::About);
        for (rows, expected) in [
            (vec![row("lots", "", "killed")], "not a number"),
            (
                vec![row("5", "roughly", "killed")],
                "choose how the number counts",
            ),
            (vec![row("5", "exact", "")], "what is counted"),
            (vec![row("", "exact", "killed")], "give the number"),
        ] {
            match services::review::curation::set_figures(
                &db.conn,
                fixed.id,
                fixed.version,
                &rows,
                &who(),
            )
            .await
            {
                Err(ServiceError::Invalid(m)) => assert!(m.contains(expected), "{m}"),
                other => panic!("expected Invalid for {rows:?}, got {other:?}"),
            }
        }
        for action in ["claim.split", "claim.merge", "claim.figures"] {
            assert_eq!(
                db.scalar(&format!(
                    "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
                ))
                .await,
                1,
                "{action}"
            );
        }
        assert_eq!(
            services::audit::verify_chain(&db.conn)
                .await
                .expect("verify")
                .first_broken,
            None
        );
    }
);

on_both_databases!(
    each_half_of_a_split_claim_is_read_again,
    |db: TestDb| async move {
        // Two claims of different kinds in one sentence, each with its own teller.
        let text = "Blast at the harbour\n\nPolice arrested four men on Friday and the health \
                    ministry said 12 people were killed in the explosion at the harbour.\n\n\
                    The port authority denied that safety rules had been broken.\n";
        let out = services::articles::intake::ingest(&db.conn, article(text), &who())
            .await
            .expect("ingest");
        let c = services::articles::get(&db.conn, out.article_id)
            .await
            .expect("get")
            .claims
            .into_iter()
            .find(|c| c.quote.contains("Police arrested"))
            .expect("the sentence is a claim");
        let (first, second) = services::review::curation::split(
            &db.conn,
            c.id,
            c.version,
            "and the health ministry said",
            &who(),
        )
        .await
        .expect("split");
        assert_eq!(first.quote, "Police arrested four men on Friday");
        assert_eq!(first.kind, ClaimKind::Arrest, "{first:?}");
        assert_ne!(
            first.claimant.as_deref().map(str::to_lowercase).as_deref(),
            Some("health ministry"),
            "the ministry said the second half, not the first"
        );
        assert_eq!(first.figures[0].category, "arrested");
        assert_eq!(second.kind, ClaimKind::Casualty, "{second:?}");
        assert_eq!(
            second.claimant.as_deref().map(str::to_lowercase).as_deref(),
            Some("health ministry")
        );
        assert_eq!(second.figures[0].value, 12.0);
        // The trail says what each half became.
        use app::server::entities::audit_event;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let after = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("claim.split"))
            .one(&db.conn)
            .await
            .expect("query")
            .and_then(|e| e.after)
            .expect("recorded");
        assert_eq!(after["first"]["kind"], "arrest");
        assert_eq!(after["second"]["kind"], "casualty");
    }
);

/// Every claim's search entry, by claim id.
async fn search_entries(db: &TestDb) -> std::collections::BTreeMap<String, String> {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = db.conn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "SELECT claim_id::text AS id, body FROM claim_search",
        _ => "SELECT claim_id AS id, body FROM claim_search",
    };
    db.conn
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("search entries")
        .iter()
        .map(|r| {
            (
                r.try_get::<String>("", "id").expect("id"),
                r.try_get::<String>("", "body").expect("body"),
            )
        })
        .collect()
}

on_both_databases!(
    new_claims_are_indexed_in_one_batch_as_a_reindex_would,
    |db: TestDb| async move {
        let out = services::articles::intake::ingest(&db.conn, article(DEMO_ARTICLE), &who())
            .await
            .expect("ingest");
        let batch = search_entries(&db).await;
        assert_eq!(
            batch.len() as u64,
            out.claim_count,
            "every claim is indexed"
        );
        let view = services::articles::get(&db.conn, out.article_id)
            .await
            .expect("get");
        for c in &view.claims {
            services::search::reindex(&db.conn, c.id)
                .await
                .expect("reindex");
        }
        assert_eq!(search_entries(&db).await, batch);
        // Extracting again indexes its new claims the same way.
        services::articles::maintenance::rerun_extraction(&db.conn, out.article_id, &who())
            .await
            .expect("extract again");
        let again = search_entries(&db).await;
        assert_eq!(again.len() as u64, out.claim_count);
        let view = services::articles::get(&db.conn, out.article_id)
            .await
            .expect("get");
        for c in &view.claims {
            services::search::reindex(&db.conn, c.id)
                .await
                .expect("reindex");
        }
        assert_eq!(search_entries(&db).await, again);
    }
);
