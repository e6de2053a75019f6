//! Several servers, one database: two `claimtrail serve` processes of the release build started
//! together on one fresh PostgreSQL database behave as one newsroom. They migrate it in turn;
//! a session made on one is good on the other and ends on both; sign-in throttling counts
//! attempts made on either; an invitation made on one is accepted on the other; a claim goes from
//! reviewer to publication across both, and a retraction on one reaches the other's cached
//! public page and feed at once; a fact-check imported while both run, and one published here,
//! are matched by either; exactly one server folds the dashboard tallies, and the other takes
//! over when it stops.
//!
//! Real processes over real HTTP (hyper's client), as a reverse proxy would reach them.

use std::process::{Command, Stdio};
use std::time::Duration;

use claimtrail_tests::browser::{
    Guard, Starting, binary, serve_command, spawn_reporting_port, tempdir,
};
use claimtrail_tests::{PASSWORD, TestDb, urlencode};
use http::{Method, Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::{Client, connect::HttpConnector};
use hyper_util::rt::TokioExecutor;
use leptos::server_fn::ServerFn;
use serde_json::Value;

const ARTICLE: &str = include_str!("fixtures/articles/port-ardent-demo-2026-05-15.txt");

/// One server of the pair: its process, address and log.
struct Server {
    guard: Guard,
    base: String,
    log: std::path::PathBuf,
}

/// A server of the pair started but not yet answering: its process and log.
struct StartingServer {
    starting: Starting,
    log: std::path::PathBuf,
}

impl StartingServer {
    /// Waits for it to bind and answer `/healthz`.
    async fn up(self) -> Server {
        let (guard, base) = self.starting.served().await;
        Server {
            guard,
            base,
            log: self.log,
        }
    }
}

impl Server {
    /// Starts one on a port the system picks; [`StartingServer::up`] waits for it.
    fn start(name: &str, db_url: &str, dir: &tempdir::Dir) -> StartingServer {
        let log = dir.path.join(format!("{name}.log"));
        let site = claimtrail_tests::browser::repo_root().join("target/site");
        let mut cmd = serve_command();
        cmd.args(["--tally-fold-seconds", "1"])
            .arg("--database-url")
            .arg(db_url)
            .arg("--audit-key-file")
            .arg(dir.path.join("audit.key"))
            .env("LEPTOS_SITE_ROOT", &site)
            .env_remove("DATABASE_URL")
            .stderr(std::fs::File::create(&log).expect("log file"));
        StartingServer {
            starting: spawn_reporting_port(cmd, &format!("claimtrail serve ({name})")),
            log,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// An HTTP client that keeps nothing between requests but what it is given.
struct Http(Client<HttpConnector, Full<Bytes>>);

struct Answer {
    status: StatusCode,
    headers: http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// The `name=value` of the session cookie this answer sets.
    fn session(&self) -> String {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("ct_session="))
            .unwrap_or_else(|| panic!("no session cookie: {} {}", self.status, self.body))
            .split(';')
            .next()
            .expect("pair")
            .to_owned()
    }
}

impl Http {
    fn new() -> Self {
        Http(Client::builder(TokioExecutor::new()).build_http())
    }

    async fn send(&self, req: Request<Full<Bytes>>) -> Answer {
        let res = tokio::time::timeout(Duration::from_secs(60), self.0.request(req))
            .await
            .expect("an answer within a minute")
            .expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&self, url: &str, cookie: Option<&str>) -> Answer {
        let mut b = Request::get(url);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Full::default()).expect("request")).await
    }

    async fn get_bearer(&self, url: &str, token: &str) -> Answer {
        let req = Request::get(url)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Full::default())
            .expect("request");
        self.send(req).await
    }

    /// A server function called as the hydrated page calls it (a form body, a JSON answer).
    async fn call(
        &self,
        server: &Server,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Answer {
        let body = claimtrail_tests::form_body(form);
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(format!("{}{path}", server.base))
            .header(header::ORIGIN, &server.base)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Full::new(Bytes::from(body))).expect("request"))
            .await
    }

    async fn sign_in(&self, server: &Server, email: &str, password: &str) -> Answer {
        self.call(
            server,
            app::api::accounts::auth::Login::PATH,
            &[("email", email), ("password", password), ("next", "/")],
            None,
        )
        .await
    }

    async fn who(&self, server: &Server, cookie: &str) -> Value {
        let a = self
            .call(
                server,
                app::api::accounts::auth::GetCurrentUser::PATH,
                &[],
                Some(cookie),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        a.json()
    }
}

/// Runs a `claimtrail` command against the shared database; returns its standard output.
fn cli(db_url: &str, dir: &tempdir::Dir, args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(binary())
        .arg("--database-url")
        .arg(db_url)
        .arg("--audit-key-file")
        .arg(dir.path.join("audit.key"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimtrail");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("claimtrail ran");
    assert!(
        out.status.success(),
        "claimtrail {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn folding(http: &Http, server: &Server) -> Option<bool> {
    let a = http.get(&format!("{}/healthz", server.base), None).await;
    (a.status == StatusCode::OK).then(|| a.json()["jobs"]["tally_folding"] == Value::Bool(true))
}

/// Waits until `check` holds, for at most 20 seconds.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never came true: {what}");
}

fn assert_release_build() {
    let bin = binary();
    assert!(
        bin.exists(),
        "{} is missing: run `cargo leptos build --release` first",
        bin.display()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgresql_behave_as_one() {
    assert_release_build();
    let db = TestDb::postgres_unmigrated().await;
    let dir = tempdir::Dir::new();
    let http = Http::new();

    // Both start at once on the empty database: they migrate it in turn and both come up.
    let a = Server::start("a", &db.url, &dir);
    let b = Server::start("b", &db.url, &dir);
    let (a, b) = (a.up().await, b.up().await);
    for s in [&a, &b] {
        assert!(
            !s.log().contains("ERROR"),
            "{} logged an error while starting:\n{}",
            s.base,
            s.log()
        );
    }

    for (email, role) in [
        ("ada@example.org", "admin"),
        ("eddie@example.org", "editor"),
        ("rita@example.org", "reviewer"),
        ("tom@example.org", "reviewer"),
    ] {
        cli(
            &db.url,
            &dir,
            &[
                "user",
                "create",
                "--email",
                email,
                "--role",
                role,
                "--password-stdin",
            ],
            PASSWORD,
        );
    }

    // A session made on one server is good on the other, and signing out on it ends it on both.
    let signed = http.sign_in(&a, "tom@example.org", PASSWORD).await;
    let tom = signed.session();
    assert_eq!(http.who(&b, &tom).await["email"], "tom@example.org");
    let out = http
        .call(&b, app::api::accounts::auth::Logout::PATH, &[], Some(&tom))
        .await;
    assert!(out.status.is_success(), "{} {}", out.status, out.body);
    assert_eq!(http.who(&a, &tom).await, Value::Null, "signed out on both");

    // Sign-in throttling counts attempts made on either server, however they interleave: of 12
    // wrong passwords sent at once, half to each, at most the account's 5 are ever checked.
    let tries = (0..12).map(|i| {
        let server = if i % 2 == 0 { &a } else { &b };
        http.sign_in(server, "tom@example.org", "not the password")
    });
    let answers = futures::future::join_all(tries).await;
    let checked = answers
        .iter()
        .filter(|x| x.status != StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        answers.iter().all(|x| !x.status.is_success()),
        "a wrong password signed in"
    );
    assert!(checked <= 5, "{checked} wrong passwords were checked");
    let right = http.sign_in(&b, "tom@example.org", PASSWORD).await;
    assert_eq!(
        right.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password is refused too while the account is throttled: {}",
        right.body
    );
    assert!(right.headers.contains_key(header::RETRY_AFTER));

    // An invitation made on one server is accepted on the other, and its session works on both.
    let ada = http
        .sign_in(&a, "ada@example.org", PASSWORD)
        .await
        .session();
    let invite = http
        .call(
            &a,
            app::api::accounts::invites::InviteUser::PATH,
            &[
                ("email", "nina@example.org"),
                ("display_name", "Nina New"),
                ("role", "reviewer"),
            ],
            Some(&ada),
        )
        .await;
    assert_eq!(invite.status, StatusCode::OK, "{}", invite.body);
    let link = invite.json()["link"].as_str().expect("link").to_owned();
    let token = link.rsplit('/').next().expect("token").to_owned();
    let accepted = http
        .call(
            &b,
            app::api::accounts::invites::AcceptInvite::PATH,
            &[
                ("token", &token),
                ("display_name", "Nina New"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
            None,
        )
        .await;
    let nina = accepted.session();
    assert_eq!(http.who(&a, &nina).await["email"], "nina@example.org");

    // Reviewer to publication across both: ingested on B, sourced and proposed on A by the
    // reviewer, approved on B by the editor.
    let rita = http
        .sign_in(&b, "rita@example.org", PASSWORD)
        .await
        .session();
    let eddie = http
        .sign_in(&a, "eddie@example.org", PASSWORD)
        .await
        .session();
    let ingested = http
        .call(
            &b,
            app::api::articles::intake::IngestArticle::PATH,
            &[
                ("title", ""),
                ("url", "https://demo.example/port-ardent"),
                ("publisher", ""),
                ("text", ARTICLE),
            ],
            Some(&rita),
        )
        .await;
    assert_eq!(ingested.status, StatusCode::OK, "{}", ingested.body);
    let article_id = ingested.json()["article_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let article = http
        .call(
            &a,
            app::api::articles::GetArticle::PATH,
            &[("id", &article_id)],
            Some(&rita),
        )
        .await
        .json();
    let claim = article["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["quote"].as_str().is_some_and(|q| q.contains("41")))
        .expect("the toll claim")
        .clone();
    let claim_id = claim["id"].as_str().expect("claim id").to_owned();
    let source = http
        .call(
            &a,
            app::api::review::sources::AddSource::PATH,
            &[
                ("claim_id", &claim_id),
                ("source[url]", "https://example.org/committee"),
                ("source[title]", "The committee's count"),
                ("source[publisher]", "Harbour Committee"),
                ("source[published_on]", "2026-05-16"),
                ("source[excerpt]", "41 dead"),
                ("source[stance]", "supports"),
                ("source[kind]", "official"),
                ("source[archived_text]", "The police reported 41 dead."),
            ],
            Some(&rita),
        )
        .await;
    assert_eq!(source.status, StatusCode::OK, "{}", source.body);
    let version = |server: &'static str| {
        let (server, cookie) = if server == "a" {
            (&a, &rita)
        } else {
            (&b, &rita)
        };
        let claim_id = claim_id.clone();
        let http = &http;
        async move {
            let ws = http
                .call(
                    server,
                    app::api::review::workspace::GetClaimWorkspace::PATH,
                    &[("id", &claim_id)],
                    Some(cookie),
                )
                .await
                .json();
            ws["claim"]["version"]
                .as_i64()
                .expect("version")
                .to_string()
        }
    };
    let v = version("a").await;
    let proposed = http
        .call(
            &a,
            app::api::review::verdicts::ProposeVerdict::PATH,
            &[
                ("claim_id", &claim_id),
                ("version", &v),
                ("rating", "true"),
                ("rationale", "Matches the committee's count."),
            ],
            Some(&rita),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.body);
    let verdict_id = proposed.json()["id"].as_str().expect("verdict").to_owned();
    let v = version("b").await;
    let approved = http
        .call(
            &b,
            app::api::review::verdicts::ApproveVerdict::PATH,
            &[("id", &verdict_id), ("version", &v), ("note", "")],
            Some(&eddie),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

    // Both servers publish it, and both cache the page.
    let listed = http.get(&format!("{}/api/v1/claims", a.base), None).await;
    let slug = listed.json()["items"][0]["slug"]
        .as_str()
        .expect("a published claim")
        .to_owned();
    for s in [&a, &b] {
        for _ in 0..2 {
            let page = http.get(&format!("{}/claims/{slug}", s.base), None).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                page.body.contains("\"ClaimReview\""),
                "published on {}",
                s.base
            );
        }
        let feed = http
            .get(&format!("{}/feeds/claimreview.json", s.base), None)
            .await;
        assert!(feed.body.contains(&slug), "in {}'s feed", s.base);
    }

    // Our fact-check is matched by either server.
    let reviewer_token = cli(
        &db.url,
        &dir,
        &["token", "create", "--email", "rita@example.org"],
        "",
    );
    let reviewer_token = reviewer_token
        .split_whitespace()
        .find(|w| w.len() >= 32 && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or_else(|| panic!("no token printed: {reviewer_token}"))
        .to_owned();
    let quote = claim["quote"].as_str().expect("quote").to_owned();
    for s in [&a, &b] {
        let m = http
            .get_bearer(
                &format!("{}/api/v1/matches?text={}", s.base, urlencode(&quote)),
                &reviewer_token,
            )
            .await;
        assert_eq!(m.status, StatusCode::OK, "{}", m.body);
        let m = m.json();
        assert_eq!(m["items"][0]["fact_check"]["ours"], true, "{m}");
        assert!(
            m["items"][0]["fact_check"]["url"]
                .as_str()
                .is_some_and(|u| u.ends_with(&slug)),
            "{m}"
        );
    }

    // A fact-check imported while both run is matched by both (each has answered before).
    let imported = dir.path.join("reviews.json");
    std::fs::write(
        &imported,
        serde_json::json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://checks.example/lantern-bridge-toll",
            "claimReviewed": "The Lantern Bridge toll will triple for lorries next spring",
            "datePublished": "2026-04-02",
            "author": { "@type": "Organization", "name": "Checks Example" },
            "reviewRating": { "@type": "Rating", "alternateName": "False" }
        })
        .to_string(),
    )
    .expect("write reviews");
    let lantern = "Lantern Bridge toll to triple for lorries next spring";
    let top_url = |s: &'static str| {
        let server = if s == "a" { &a } else { &b };
        let http = &http;
        let token = reviewer_token.clone();
        async move {
            let m = http
                .get_bearer(
                    &format!("{}/api/v1/matches?text={}", server.base, urlencode(lantern)),
                    &token,
                )
                .await
                .json();
            m["items"][0]["fact_check"]["url"]
                .as_str()
                .map(str::to_owned)
        }
    };
    for s in ["a", "b"] {
        assert_ne!(
            top_url(s).await.as_deref(),
            Some("https://checks.example/lantern-bridge-toll")
        );
    }
    cli(
        &db.url,
        &dir,
        &["claimreview", "import", imported.to_str().expect("path")],
        "",
    );
    for s in ["a", "b"] {
        assert_eq!(
            top_url(s).await.as_deref(),
            Some("https://checks.example/lantern-bridge-toll"),
            "server {s} matches the imported fact-check"
        );
    }

    // A retraction made on A reaches B's cached page and feed at once.
    let v = version("a").await;
    let retracted = http
        .call(
            &a,
            app::api::review::verdicts::RetractClaim::PATH,
            &[
                ("claim_id", &claim_id),
                ("version", &v),
                ("reason", "The committee withdrew its count."),
            ],
            Some(&eddie),
        )
        .await;
    assert_eq!(retracted.status, StatusCode::OK, "{}", retracted.body);
    let page = http.get(&format!("{}/claims/{slug}", b.base), None).await;
    assert!(
        !page.body.contains("\"ClaimReview\""),
        "B still serves the retracted fact-check as ClaimReview"
    );
    assert!(page.body.contains("The committee withdrew its count."));
    let feed = http
        .get(&format!("{}/feeds/claimreview.json", b.base), None)
        .await;
    assert!(!feed.body.contains(&slug), "B's feed dropped it");

    // Exactly one server folds the tallies; when it stops, the other takes over.
    eventually("one server folds the tallies", || async {
        let (fa, fb) = (folding(&http, &a).await, folding(&http, &b).await);
        fa.is_some() && fb.is_some() && fa != fb
    })
    .await;
    assert_ne!(folding(&http, &a).await, folding(&http, &b).await);
    let (mut folder, other) = if folding(&http, &a).await == Some(true) {
        (a, b)
    } else {
        (b, a)
    };
    folder.guard.0.kill().expect("stop the folder");
    folder.guard.0.wait().expect("stopped");
    eventually("the other server takes over the folding", || async {
        folding(&http, &other).await == Some(true)
    })
    .await;

    // And the trail written by both servers is one unbroken, anchored chain.
    let verified = Command::new(binary())
        .arg("--database-url")
        .arg(&db.url)
        .arg("--audit-key-file")
        .arg(dir.path.join("audit.key"))
        .args(["audit", "verify"])
        .env_remove("DATABASE_URL")
        .output()
        .expect("audit verify");
    assert!(
        verified.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verified.stdout),
        String::from_utf8_lossy(&verified.stderr)
    );
    drop(other);
    drop(folder);
    db.drop_database().await;
}

/// An article stored but never filed into a story (its filing failed, or a crash came between
/// the two) is not lost: the command-line ingest says so and fails, and a server filing its
/// backlog as it starts files it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_files_the_articles_a_failed_filing_left_behind() {
    use sea_orm::ConnectionTrait;
    assert_release_build();
    let dir = tempdir::Dir::new();
    let url = format!("sqlite://{}?mode=rwc", dir.path.join("desk.db").display());
    cli(&url, &dir, &["migrate", "up"], "");
    let conn = sea_orm::Database::connect(&url).await.expect("open");
    let raw = |sql: &str| sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, sql);
    let filed = || async {
        conn.query_one_raw(raw("SELECT COUNT(*) AS n FROM story_article"))
            .await
            .expect("count")
            .and_then(|r| r.try_get::<i64>("", "n").ok())
            .unwrap_or(-1)
    };
    conn.execute_raw(raw(
        "CREATE TRIGGER no_filing BEFORE INSERT ON story_article \
         BEGIN SELECT RAISE(ABORT, 'filing blocked'); END",
    ))
    .await
    .expect("block filing");
    let file = dir.path.join("article.txt");
    std::fs::write(&file, ARTICLE).expect("article file");
    let out = Command::new(binary())
        .arg("--database-url")
        .arg(&url)
        .arg("--audit-key-file")
        .arg(dir.path.join("audit.key"))
        .arg("ingest")
        .arg(&file)
        .env_remove("DATABASE_URL")
        .output()
        .expect("ingest");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("1 stored"), "{said}");
    assert!(said.contains("could not be filed into a story"), "{said}");
    assert_eq!(filed().await, 0);

    conn.execute_raw(raw("DROP TRIGGER no_filing"))
        .await
        .expect("unblock filing");
    let server = Server::start("a", &url, &dir).up().await;
    eventually("the server files the article", || async {
        filed().await == 1
    })
    .await;
    eventually("and says so", || async {
        server.log().contains("unfiled articles filed")
    })
    .await;
    assert!(!server.log().contains("ERROR"), "{}", server.log());
}
