//! Who may do what, through the real router, on SQLite and PostgreSQL: every server function
//! and every page against an anonymous visitor and each role; sign-in throttling; and the
//! reviewer → editor flow as plain forms (no JavaScript).

use app::api;
use app::domain::{ReviewStatus, Role};
use app::server::services::{self, Who};
use claimtrail_tests::{PASSWORD, TestApp, TestDb, form_body, on_both_databases};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

const FORM: &str = "application/x-www-form-urlencoded";

/// Who may call a server function: anyone, or a role and those above it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Needs {
    Anyone,
    Role(Role),
}

struct Call {
    path: &'static str,
    needs: Needs,
    /// A well-formed body, so the function gets as far as its access check.
    form: Vec<(&'static str, String)>,
    multipart: bool,
}

fn call(path: &'static str, needs: Needs, form: &[(&'static str, &str)]) -> Call {
    Call {
        path,
        needs,
        form: form.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        multipart: false,
    }
}

/// Every server function with a well-formed request. `claim` is a real claim; other ids are
/// random, so an allowed caller gets "not found", never a success that changes data.
fn matrix(claim: &str) -> Vec<Call> {
    use Needs::{Anyone, Role as R};
    let id = Uuid::now_v7().to_string();
    let id = id.as_str();
    let rev = R(Role::Reviewer);
    let source = [
        ("source[url]", "https://example.org/evidence"),
        ("source[title]", "Evidence"),
        ("source[publisher]", ""),
        ("source[published_on]", ""),
        ("source[excerpt]", "words"),
        ("source[stance]", "supports"),
        ("source[kind]", "news"),
        ("source[archived_text]", ""),
    ];
    let with = |extra: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        extra
            .iter()
            .chain(source.iter())
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect()
    };
    vec![
        call(api::accounts::auth::GetCurrentUser::PATH, Anyone, &[]),
        call(
            api::accounts::auth::Login::PATH,
            Anyone,
            &[
                ("email", "nobody@example.org"),
                ("password", "wrong password!"),
            ],
        ),
        call(api::articles::ListArticles::PATH, rev, &[]),
        call(api::articles::GetArticle::PATH, rev, &[("id", id)]),
        call(
            api::articles::intake::IngestArticle::PATH,
            rev,
            &[("title", ""), ("url", ""), ("publisher", ""), ("text", "")],
        ),
        Call {
            path: api::articles::intake::UploadArticle::PATH,
            needs: rev,
            form: vec![],
            multipart: true,
        },
        call(
            api::review::curation::UpdateClaim::PATH,
            rev,
            &[
                ("id", id),
                ("version", "1"),
                ("kind", "event"),
                ("claimant", ""),
                ("target", ""),
            ],
        ),
        call(
            api::review::curation::DismissClaim::PATH,
            rev,
            &[("id", id), ("version", "1"), ("reason", "")],
        ),
        call(
            api::review::curation::RestoreClaim::PATH,
            rev,
            &[("id", id), ("version", "1")],
        ),
        call(
            api::review::curation::AddClaim::PATH,
            rev,
            &[
                ("article_id", id),
                ("quote", "words here"),
                ("kind", "event"),
            ],
        ),
        call(
            api::review::curation::SetClaimFigures::PATH,
            rev,
            &[
                ("id", id),
                ("version", "1"),
                ("rows[0][value]", "3"),
                ("rows[0][qualifier]", "at_least"),
                ("rows[0][category]", "killed"),
            ],
        ),
        call(
            api::review::curation::SplitClaim::PATH,
            rev,
            &[("id", id), ("version", "1"), ("at", "x")],
        ),
        call(
            api::review::curation::MergeClaim::PATH,
            rev,
            &[("id", id), ("version", "1")],
        ),
        call(
            api::review::queue::ReviewQueue::PATH,
            rev,
            &[("filter[sort]", "oldest")],
        ),
        call(
            api::review::workspace::GetClaimWorkspace::PATH,
            rev,
            &[("id", claim)],
        ),
        call(
            api::review::workspace::AssignClaim::PATH,
            rev,
            &[("id", id), ("version", "1"), ("to", "me")],
        ),
        Call {
            path: api::review::sources::AddSource::PATH,
            needs: rev,
            form: with(&[("claim_id", id)]),
            multipart: false,
        },
        Call {
            path: api::review::sources::UpdateSource::PATH,
            needs: rev,
            form: with(&[("id", id), ("version", "1")]),
            multipart: false,
        },
        call(
            api::review::sources::RemoveSource::PATH,
            rev,
            &[("id", id), ("version", "1"), ("reason", "x")],
        ),
        Call {
            path: api::review::sources::UploadSourceCopy::PATH,
            needs: rev,
            form: vec![],
            multipart: true,
        },
        call(
            api::review::verdicts::ProposeVerdict::PATH,
            rev,
            &[
                ("claim_id", id),
                ("version", "1"),
                ("rating", "false"),
                ("rationale", "x"),
            ],
        ),
        call(
            api::review::verdicts::ApproveVerdict::PATH,
            R(Role::Editor),
            &[("id", id), ("version", "1"), ("note", "")],
        ),
        call(
            api::review::verdicts::RejectVerdict::PATH,
            R(Role::Editor),
            &[("id", id), ("version", "1"), ("reason", "x")],
        ),
        call(
            api::review::verdicts::RetractClaim::PATH,
            R(Role::Editor),
            &[("claim_id", id), ("version", "1"), ("reason", "x")],
        ),
        call(
            api::review::comments::AddComment::PATH,
            rev,
            &[("claim_id", id), ("body", "x")],
        ),
        call(api::accounts::users::ListUsers::PATH, R(Role::Admin), &[]),
        call(
            api::accounts::users::CreateUser::PATH,
            R(Role::Admin),
            &[
                ("email", "not-an-email"),
                ("display_name", "x"),
                ("role", "reviewer"),
                ("password", "x"),
            ],
        ),
        call(
            api::accounts::users::ChangeUser::PATH,
            R(Role::Admin),
            &[("id", id), ("role", "reviewer")],
        ),
        call(
            api::publishing::GetPublicClaim::PATH,
            Anyone,
            &[("slug", "no-such-claim-0000000000")],
        ),
        call(
            api::publishing::ListPublicClaims::PATH,
            Anyone,
            &[("filter[q]", "attack")],
        ),
        call(api::dashboard::GetDashboard::PATH, R(Role::Editor), &[]),
        call(
            api::accounts::users::ResetPassword::PATH,
            R(Role::Admin),
            &[("id", id), ("password", "a new long password")],
        ),
        call(api::accounts::tokens::ListTokens::PATH, rev, &[]),
        call(api::accounts::tokens::RevokeToken::PATH, rev, &[("id", id)]),
        call(
            api::audit::AuditTrail::PATH,
            R(Role::Editor),
            &[("filter[entity]", "claim")],
        ),
        call(api::audit::VerifyAuditChain::PATH, R(Role::Editor), &[]),
        call(api::audit::LastChainCheck::PATH, R(Role::Editor), &[]),
        call(
            api::articles::maintenance::ArticleProgress::PATH,
            R(Role::Editor),
            &[],
        ),
        call(
            api::articles::maintenance::CorrectArticleDetails::PATH,
            R(Role::Editor),
            &[("id", id), ("version", "1"), ("details[title]", "A title")],
        ),
        call(
            api::articles::maintenance::RerunExtraction::PATH,
            R(Role::Editor),
            &[("id", id)],
        ),
        call(
            api::articles::maintenance::DeleteArticle::PATH,
            R(Role::Editor),
            &[("id", id)],
        ),
        call(
            api::accounts::invites::InviteUser::PATH,
            R(Role::Admin),
            &[
                ("email", "not-an-email"),
                ("display_name", "x"),
                ("role", "reviewer"),
            ],
        ),
        call(
            api::accounts::invites::ListInvites::PATH,
            R(Role::Admin),
            &[],
        ),
        call(
            api::accounts::invites::RevokeInvite::PATH,
            R(Role::Admin),
            &[("id", id)],
        ),
        call(
            api::accounts::invites::InviteLink::PATH,
            R(Role::Admin),
            &[("token", &"0".repeat(64))],
        ),
        call(
            api::accounts::invites::InviteInfo::PATH,
            Anyone,
            &[("token", &"0".repeat(64))],
        ),
        call(
            api::accounts::invites::AcceptInvite::PATH,
            Anyone,
            &[
                ("token", &"0".repeat(64)),
                ("display_name", "Mallory"),
                ("password", "a long enough password"),
                ("confirm", "a long enough password"),
            ],
        ),
        call(
            api::matching::GetPriorChecks::PATH,
            rev,
            &[("claim_id", id)],
        ),
        call(
            api::matching::DecidePriorCheck::PATH,
            rev,
            &[
                ("claim_id", id),
                ("fact_check_id", id),
                ("decision", "dismissed"),
            ],
        ),
        call(api::matching::ListKnownFactChecks::PATH, rev, &[]),
        call(api::matching::GetImportSummary::PATH, rev, &[("id", id)]),
        Call {
            path: api::matching::ImportFactChecks::PATH,
            needs: R(Role::Editor),
            form: vec![],
            multipart: true,
        },
        call(api::provenance::ListStories::PATH, rev, &[]),
        call(api::provenance::GetStory::PATH, rev, &[("id", id)]),
        call(
            api::provenance::GetPublicStory::PATH,
            Anyone,
            &[("slug", "no-such-story-0000000000")],
        ),
        call(
            api::provenance::DecideLink::PATH,
            rev,
            &[("id", id), ("version", "1"), ("decision", "confirm")],
        ),
        call(
            api::provenance::FileArticle::PATH,
            rev,
            &[("article_id", id)],
        ),
        call(
            api::provenance::MoveArticles::PATH,
            R(Role::Editor),
            &[("story", id), ("articles", id), ("to", "new")],
        ),
        call(
            api::provenance::MergeStory::PATH,
            R(Role::Editor),
            &[("story", id), ("into", id)],
        ),
        call(
            api::provenance::RenameStory::PATH,
            R(Role::Editor),
            &[("story", id), ("title", "x")],
        ),
        call(
            api::provenance::SetRelation::PATH,
            R(Role::Editor),
            &[
                ("story", id),
                ("from", id),
                ("to", id),
                ("relation", "none"),
                ("note", ""),
            ],
        ),
        call(
            api::provenance::RankFigure::PATH,
            R(Role::Editor),
            &[
                ("story", id),
                ("claim_id", id),
                ("category", "killed"),
                ("value", "1"),
                ("rank", "preferred"),
                ("reason", "x"),
            ],
        ),
        // Last: it ends the session the other calls use.
        call(api::accounts::auth::Logout::PATH, Anyone, &[]),
    ]
}

fn empty_multipart() -> (String, Vec<u8>) {
    let boundary = "----claimtrailaccess";
    (
        format!("multipart/form-data; boundary={boundary}"),
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n{}\r\n--{boundary}--\r\n", Uuid::now_v7()).into_bytes(),
    )
}

struct Fixture {
    app: TestApp,
    /// (role, session cookie); `None` is the anonymous visitor.
    people: Vec<(Option<Role>, Option<String>)>,
    article: Uuid,
    claim: Uuid,
}

async fn fixture(db: TestDb) -> Fixture {
    let app = TestApp::on(db).await;
    app.account("ed@example.org", Role::Editor).await;
    app.account("admin@example.org", Role::Admin).await;
    let (article, claims) = claimtrail_tests::workflow::demo_article(&app.db, None).await;
    let claim = claims[0].id;
    let mut people = vec![(None, None)];
    for (role, email) in [
        (Role::Reviewer, "rev@example.org"),
        (Role::Editor, "ed@example.org"),
        (Role::Admin, "admin@example.org"),
    ] {
        people.push((Some(role), Some(app.sign_in_as(email, PASSWORD).await)));
    }
    Fixture {
        app,
        people,
        article,
        claim,
    }
}

on_both_databases!(
    every_server_function_checks_the_role,
    |db: TestDb| async move {
        let f = fixture(db).await;
        let calls = matrix(&f.claim.to_string());
        // The table covers every registered server function: a new one must be classified here.
        let registered: std::collections::BTreeSet<&str> =
            leptos::server_fn::axum::server_fn_paths()
                .map(|(p, _)| p)
                .collect();
        let listed: std::collections::BTreeSet<&str> = calls.iter().map(|c| c.path).collect();
        assert_eq!(
            registered, listed,
            "every server function is in the access matrix"
        );

        let events_before = f.app.db.scalar("SELECT COUNT(*) FROM audit_event").await;
        for (role, cookie) in &f.people {
            for c in &calls {
                let (status, _, body) = if c.multipart {
                    let (ct, body) = empty_multipart();
                    f.app.post(c.path, &ct, body, cookie.as_deref()).await
                } else {
                    let pairs: Vec<(&str, &str)> =
                        c.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    f.app
                        .post(c.path, FORM, form_body(&pairs), cookie.as_deref())
                        .await
                };
                let allowed = match (c.needs, role) {
                    (Needs::Anyone, _) => true,
                    (Needs::Role(_), None) => false,
                    (Needs::Role(needed), Some(r)) => r.includes(needed),
                };
                let who = role.map_or("anonymous", |r| r.as_str());
                if allowed {
                    assert!(
                        !matches!(status.as_u16(), 401 | 403) && status.as_u16() < 500,
                        "{who} may call {}: got {status} {body}",
                        c.path
                    );
                } else {
                    let expected = if role.is_none() {
                        StatusCode::UNAUTHORIZED
                    } else {
                        StatusCode::FORBIDDEN
                    };
                    assert_eq!(status, expected, "{who} calling {}: {body}", c.path);
                }
            }
            if role.is_none() {
                assert_eq!(
                    f.app.db.scalar("SELECT COUNT(*) FROM audit_event").await,
                    events_before,
                    "an anonymous visitor changed nothing"
                );
            }
        }
    }
);

on_both_databases!(every_page_checks_the_role, |db: TestDb| async move {
    let f = fixture(db).await;
    let pages: Vec<(String, Option<Role>)> = vec![
        ("/".into(), None),
        ("/login".into(), None),
        ("/articles/new".into(), Some(Role::Reviewer)),
        (format!("/articles/{}", f.article), Some(Role::Reviewer)),
        ("/review".into(), Some(Role::Reviewer)),
        (
            "/review?status=new&sort=oldest&q=meridian".into(),
            Some(Role::Reviewer),
        ),
        (format!("/review/claims/{}", f.claim), Some(Role::Reviewer)),
        ("/admin/users".into(), Some(Role::Admin)),
        ("/admin".into(), Some(Role::Editor)),
        ("/admin/articles".into(), Some(Role::Editor)),
        ("/admin/audit?entity=claim".into(), Some(Role::Editor)),
        ("/account/tokens".into(), Some(Role::Reviewer)),
        ("/review/stories".into(), Some(Role::Reviewer)),
        ("/review/fact-checks".into(), Some(Role::Reviewer)),
        ("/review?prior=1".into(), Some(Role::Reviewer)),
    ];
    for (role, cookie) in &f.people {
        for (path, needs) in &pages {
            let (status, _, body) = f.app.get(path, cookie.as_deref()).await;
            let expected = match (needs, role) {
                (None, _) => StatusCode::OK,
                (Some(_), None) => StatusCode::UNAUTHORIZED,
                (Some(n), Some(r)) if r.includes(*n) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            let who = role.map_or("anonymous", |r| r.as_str());
            assert_eq!(status, expected, "{who} opening {path}");
            // Refused or not, the page has one heading saying what it is.
            assert_eq!(
                body.matches("<h1").count(),
                1,
                "{who} opening {path}: {body}"
            );
            if expected == StatusCode::UNAUTHORIZED {
                // Signing in brings the reader back to this page.
                let next = app::components::query::encode(path);
                assert!(
                    body.contains(&format!("href=\"/login?next={next}\"")),
                    "{path} offers to sign in and come back"
                );
            }
            // The dashboard links to the users page for admins only, and to nothing when refused.
            if path == "/admin" {
                assert_eq!(
                    body.contains("href=\"/admin/users\""),
                    *role == Some(Role::Admin),
                    "{who} on the dashboard"
                );
            }
        }
    }
});

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
    let app = TestApp::new().await;
    for _ in 0..services::accounts::signin::PER_ACCOUNT_FROM_ADDRESS {
        let (status, headers, _) = app
            .post(
                api::accounts::auth::Login::PATH,
                FORM,
                form_body(&[
                    ("email", "rev@example.org"),
                    ("password", "not the password"),
                ]),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(headers.get(http::header::SET_COOKIE).is_none());
    }
    // Now even the right password is refused, with a message saying so.
    let (status, headers, body) = app
        .post(
            api::accounts::auth::Login::PATH,
            FORM,
            form_body(&[("email", "rev@example.org"), ("password", PASSWORD)]),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("Too many failed sign-ins"), "{body}");
    assert!(headers.get(http::header::RETRY_AFTER).is_some());
    assert!(
        headers.get(http::header::SET_COOKIE).is_none(),
        "no session"
    );
}

/// Follows a no-JavaScript form post: the server sends the browser back, with any error in
/// the address. Returns that error, if any.
async fn submit(app: &TestApp, path: &str, form: &[(&str, &str)], cookie: &str) -> Option<String> {
    let req = http::Request::post(path)
        .header(http::header::HOST, "localhost")
        .header(http::header::ORIGIN, "http://localhost")
        .header(http::header::REFERER, "http://localhost/review")
        .header(http::header::CONTENT_TYPE, FORM)
        .header(http::header::ACCEPT, "text/html")
        .header(http::header::COOKIE, cookie)
        .body(axum::body::Body::from(form_body(form)))
        .expect("request");
    let (status, headers, body) = app.send(req).await;
    assert!(status.is_redirection(), "{path}: {status} {body}");
    let location = headers
        .get(http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    location.contains("__err=").then_some(location)
}

on_both_databases!(
    reviewer_proposes_and_another_editor_publishes_without_javascript,
    |db: TestDb| async move {
        let f = fixture(db).await;
        let cookie = |r: Role| {
            f.people
                .iter()
                .find(|(role, _)| *role == Some(r))
                .and_then(|(_, c)| c.clone())
                .expect("signed in")
        };
        let (rev, ed) = (cookie(Role::Reviewer), cookie(Role::Editor));
        let claim = f.claim.to_string();
        let version = || async {
            services::claim_record::view(&f.app.db.conn, f.claim)
                .await
                .expect("claim")
                .version
                .to_string()
        };
        let v = version().await;
        assert_eq!(
            submit(
                &f.app,
                api::review::workspace::AssignClaim::PATH,
                &[("id", &claim), ("version", &v), ("to", "me")],
                &rev
            )
            .await,
            None
        );
        for (url, stance) in [
            ("https://example.org/one", "supports"),
            ("https://example.org/two", "context"),
        ] {
            let err = submit(
                &f.app,
                api::review::sources::AddSource::PATH,
                &[
                    ("claim_id", &claim),
                    ("source[url]", url),
                    ("source[title]", "<script>alert('t')</script>Report"),
                    ("source[publisher]", "Agency"),
                    ("source[published_on]", "2024-03-23"),
                    ("source[excerpt]", "41 dead"),
                    ("source[stance]", stance),
                    ("source[kind]", "news"),
                    ("source[archived_text]", ""),
                ],
                &rev,
            )
            .await;
            assert_eq!(err, None);
        }
        let refused = submit(
            &f.app,
            api::review::sources::AddSource::PATH,
            &[
                ("claim_id", &claim),
                ("source[url]", "javascript:alert(1)"),
                ("source[title]", "x"),
                ("source[publisher]", ""),
                ("source[published_on]", ""),
                ("source[excerpt]", ""),
                ("source[stance]", "supports"),
                ("source[kind]", "news"),
                ("source[archived_text]", ""),
            ],
            &rev,
        )
        .await;
        assert!(
            refused.is_some(),
            "a non-http source is sent back with its error"
        );
        let v = version().await;
        let err = submit(
            &f.app,
            api::review::verdicts::ProposeVerdict::PATH,
            &[
                ("claim_id", &claim),
                ("version", &v),
                ("rating", "true"),
                (
                    "rationale",
                    "Confirmed. <script>alert(1)</script><img src=x onerror=alert(2)> **bold**",
                ),
            ],
            &rev,
        )
        .await;
        assert_eq!(err, None);
        let verdict = services::review::verdicts::for_claim(&f.app.db.conn, f.claim)
            .await
            .expect("verdicts")[0]
            .id
            .to_string();
        let v = version().await;
        // The reviewer cannot approve (role), and nothing changes.
        let (status, _, _) = f
            .app
            .post(
                api::review::verdicts::ApproveVerdict::PATH,
                FORM,
                form_body(&[("id", &verdict), ("version", &v), ("note", "")]),
                Some(&rev),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            services::claim_record::view(&f.app.db.conn, f.claim)
                .await
                .expect("claim")
                .status,
            ReviewStatus::VerdictProposed
        );
        assert_eq!(
            submit(
                &f.app,
                api::review::verdicts::ApproveVerdict::PATH,
                &[
                    ("id", &verdict),
                    ("version", &v),
                    ("note", "Sources check out")
                ],
                &ed
            )
            .await,
            None
        );
        assert_eq!(
            services::claim_record::view(&f.app.db.conn, f.claim)
                .await
                .expect("claim")
                .status,
            ReviewStatus::Published
        );

        let (status, _, page) = f
            .app
            .get(&format!("/review/claims/{claim}"), Some(&ed))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("<strong>bold</strong>"),
            "the rationale is rendered"
        );
        assert!(
            !page.contains("<script>alert"),
            "and sanitised; source titles are escaped"
        );
        let start = page.find("class=\"rationale\"").expect("the rationale");
        let rendered = &page[start..start + page[start..].find("</div>").expect("end")];
        assert!(rendered.contains("Confirmed."), "{rendered}");
        assert!(
            !rendered.contains("onerror") && !rendered.contains("<script"),
            "no script or handler survives: {rendered}"
        );
        assert!(
            page.contains("&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;Report")
                || page.contains("&lt;script&gt;alert('t')&lt;/script&gt;Report"),
            "the title is shown as text"
        );
        for step in [
            "verdict.propose",
            "verdict.approve",
            "source.add",
            "claim.assign",
        ] {
            assert!(page.contains(step), "the history shows {step}");
        }
    }
);

on_both_databases!(
    a_whole_archived_copy_is_for_reviewers_only,
    |db: TestDb| async move {
        use app::domain::{SourceKind, Stance};
        use app::server::services::review::sources::SourceInput;
        let f = fixture(db).await;
        // Longer than the workspace's preview, with a line only the end of it holds.
        let text = format!(
            "{}\nThe last line of the statement.",
            "Words of the source. ".repeat(100)
        );
        let added = services::review::sources::add(
            &f.app.db.conn,
            f.claim,
            &SourceInput {
                url: "https://example.org/statement".into(),
                title: "The statement".into(),
                publisher: None,
                published_on: None,
                excerpt: "Words of the source.".into(),
                stance: Stance::Context,
                kind: SourceKind::Official,
                archived_text: Some(text.clone()),
            },
            &Who::system("test"),
        )
        .await
        .expect("source");
        assert!(
            !added
                .archived_preview
                .clone()
                .unwrap_or_default()
                .contains("last line"),
            "the workspace shows only the beginning"
        );
        let path = format!("/review/sources/{}/copy", added.id);
        for (role, cookie) in &f.people {
            let (status, headers, body) = f.app.get(&path, cookie.as_deref()).await;
            match role {
                None => assert_eq!(status, StatusCode::UNAUTHORIZED),
                Some(_) => {
                    assert_eq!(status, StatusCode::OK);
                    assert!(body.ends_with(&text), "the whole copy");
                    assert!(body.contains(added.archived_sha256.as_deref().expect("hash")));
                    assert_eq!(headers[http::header::CACHE_CONTROL], "private, no-store");
                }
            }
        }
        let (status, _, _) = f
            .app
            .get(
                &format!("/review/sources/{}/copy", Uuid::now_v7()),
                f.people[1].1.as_deref(),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);
