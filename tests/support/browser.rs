//! The browser tests' harness: the release build started on a free port with the demo data,
//! Chromium driven through ChromeDriver (with or without JavaScript), and the steps every
//! walk-through shares (signing in, waiting for an element, filling a field, screenshots).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

/// The demo accounts' password in the browser tests.
pub const PASSWORD: &str = "browser-test-password";

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Starts `cmd` with its standard output piped; [`Starting::port`] then waits for the port it
/// reports having bound. Asking a process to bind port 0 and reading what it got is the only
/// race-free way: a port found free here and handed over can be taken by another test's server
/// or driver before the child binds it, and the child then dies unseen while the test talks to
/// the other process.
pub fn spawn_reporting_port(mut cmd: Command, what: &str) -> Starting {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {what}: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, port) = std::sync::mpsc::channel();
    let said = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = std::sync::Arc::clone(&said);
    // Reads every line to the end, so the child never blocks on a full pipe, and keeps them
    // for the message when it never reports a port.
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if !sent && let Some(p) = reported_port(&line) {
                let _ = tx.send(p);
                sent = true;
            }
            if let Ok(mut lines) = kept.lock() {
                lines.push(line);
            }
        }
    });
    Starting {
        guard: Guard(child),
        port,
        said,
        what: what.to_owned(),
    }
}

/// A process started by [`spawn_reporting_port`] that has not yet said where it listens.
pub struct Starting {
    guard: Guard,
    port: std::sync::mpsc::Receiver<u16>,
    /// What it has printed so far.
    said: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    what: String,
}

impl Starting {
    /// Waits (up to a minute) for the port the process bound.
    pub async fn port(self) -> (Guard, u16) {
        let what = self.what.clone();
        self.port_or_exit()
            .await
            .unwrap_or_else(|said| panic!("{what} did not report the port it bound: {said}"))
    }

    /// The port the process bound, or, when it ended or a minute passed without saying one,
    /// its exit status and what it printed.
    pub async fn port_or_exit(mut self) -> Result<(Guard, u16), String> {
        for _ in 0..1200 {
            match self.port.try_recv() {
                Ok(port) => return Ok((self.guard, port)),
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
            }
        }
        let exit = self.guard.0.try_wait();
        let said = self.said.lock().map(|l| l.join("\n")).unwrap_or_default();
        Err(format!("exit status {exit:?}, output:\n{said}"))
    }

    /// For a [`serve_command`]: waits for its port, then for `/healthz` to answer there, and
    /// returns the process with its base address.
    pub async fn served(self) -> (Guard, String) {
        let (mut guard, port) = self.port().await;
        let base = format!("http://127.0.0.1:{port}");
        wait_for_http(&base).await;
        assert!(
            matches!(guard.0.try_wait(), Ok(None)),
            "claimtrail serve exited after answering on {base}"
        );
        (guard, base)
    }
}

/// The port in "… started successfully on port N." (ChromeDriver) or "… listening on
/// http://HOST:N" (claimtrail serve).
fn reported_port(line: &str) -> Option<u16> {
    if let Some(rest) = line.split("started successfully on port ").nth(1) {
        return rest.trim().trim_end_matches('.').parse().ok();
    }
    let addr = line.split("is listening on http://").nth(1)?;
    addr.trim().rsplit(':').next()?.parse().ok()
}

/// `claimtrail serve` of the release build, bound to a port the system picks; add its other
/// options and start it with [`spawn_reporting_port`].
pub fn serve_command() -> Command {
    let mut cmd = Command::new(binary());
    cmd.args(["serve", "--bind", "127.0.0.1:0"]);
    cmd
}

/// A child process killed when the test ends, pass or fail.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn binary() -> PathBuf {
    if let Ok(p) = std::env::var("CLAIMTRAIL_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map_or_else(|_| repo_root().join("target"), PathBuf::from);
    target.join("release/claimtrail")
}

pub async fn wait_for_http(url: &str) {
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(url.trim_start_matches("http://")) {
            use std::io::{Read, Write};
            let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            if buf.starts_with("HTTP/1.1 200") || buf.starts_with("HTTP/1.0 200") {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not come up");
}

pub async fn start_server() -> (Guard, String, tempdir::Dir) {
    let bin = binary();
    assert!(
        bin.exists(),
        "{} is missing: run `cargo leptos build --release` first",
        bin.display()
    );
    let site = repo_root().join("target/site");
    assert!(
        site.join("pkg").exists(),
        "{} is missing: run `cargo leptos build --release` first",
        site.display()
    );
    let dir = tempdir::Dir::new();
    let mut cmd = serve_command();
    cmd.args(["--demo", "--audit-key-file"])
        .arg(dir.path.join("audit.key"))
        .arg("--database-url")
        .arg(format!(
            "sqlite://{}?mode=rwc",
            dir.path.join("browser.db").display()
        ))
        .env("CLAIMTRAIL_DEMO_PASSWORD", PASSWORD)
        .env("LEPTOS_SITE_ROOT", &site)
        .env_remove("DATABASE_URL")
        .stderr(Stdio::null());
    let (guard, base) = spawn_reporting_port(cmd, "claimtrail serve").served().await;
    (guard, base, dir)
}

pub async fn start_browser(javascript: bool, dir: &tempdir::Dir) -> (Guard, Client) {
    start_browser_with(javascript, false, dir).await
}

/// ChromeDriver on a port the system picks. Given port 0, ChromeDriver binds 127.0.0.1 on a
/// free port and then [::1] on the same number; when that number is taken on [::1] (by another
/// test's browser or connection), it says "IPv6 port not available. Exiting..." and exits
/// without listening. That exit, and only that, is met by starting it again: the system then
/// picks another port. Any other failure stops the test with what ChromeDriver printed.
async fn start_chromedriver() -> (Guard, u16) {
    const WHAT: &str = "chromedriver (apt-get install chromium-driver)";
    let mut last = String::new();
    for _ in 0..5 {
        let mut cmd =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()));
        cmd.arg("--port=0").stderr(Stdio::null());
        match spawn_reporting_port(cmd, WHAT).port_or_exit().await {
            Ok(started) => return started,
            Err(said) if said.contains("port not available") => last = said,
            Err(said) => panic!("{WHAT} did not report the port it bound: {said}"),
        }
    }
    panic!("{WHAT} found its port taken on [::1] five times running: {last}");
}

/// A browser whose pages see `prefers-color-scheme: dark` when `dark`.
pub async fn start_browser_with(
    javascript: bool,
    dark: bool,
    dir: &tempdir::Dir,
) -> (Guard, Client) {
    // The WebDriver connection is plain HTTP on loopback, but fantoccini's client wants a TLS
    // provider chosen; several are compiled in, so pick one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let (driver, port) = start_chromedriver().await;
    let mut args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--window-size=412,915".into(),
        format!(
            "--user-data-dir={}",
            dir.path
                .join(format!("chrome-{javascript}-{dark}"))
                .display()
        ),
    ];
    if dark {
        args.push("--force-dark-mode".into());
    }
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false".into());
    }
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": args,
        }
    });
    let caps = caps.as_object().expect("object").clone();
    let mut last = None;
    for _ in 0..50 {
        match ClientBuilder::rustls()
            .expect("tls")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (driver, c),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not accept a session: {last:?}");
}

/// Saves a screenshot under target/screenshots (kept on failure for the CI log).
pub async fn screenshot(c: &Client, name: &str) {
    let dir = repo_root().join("target/screenshots");
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
}

pub async fn wait_for_query(c: &Client, needle: &str) {
    for _ in 0..100 {
        if c.current_url()
            .await
            .is_ok_and(|u| u.query().is_some_and(|q| q.contains(needle)))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the address never got {needle}");
}

pub async fn sign_in(c: &Client, base: &str) {
    sign_in_as(c, base, "reviewer@claimtrail.test").await;
}

pub async fn sign_in_as(c: &Client, base: &str, email: &str) {
    c.goto(&format!("{base}/login")).await.expect("login page");
    c.find(Locator::Css("#email"))
        .await
        .expect("email")
        .send_keys(email)
        .await
        .expect("type");
    c.find(Locator::Css("#password"))
        .await
        .expect("password")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    if c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(".article-list a"))
        .await
        .is_err()
    {
        let url = c
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        let src = c.source().await.unwrap_or_default();
        screenshot(c, "sign-in-failed").await;
        panic!(
            "no article list after sign-in; at {url}:\n{}",
            src.chars().take(3000).collect::<String>()
        );
    }
}

pub async fn open_demo_article(c: &Client) {
    c.find(Locator::Css(".article-list a"))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(".claim-mark.kind-casualty"))
        .await
        .expect("highlighted claims");
}

pub async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    match c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(e) => e,
        Err(e) => {
            let name: String = css.chars().filter(char::is_ascii_alphanumeric).collect();
            screenshot(c, &format!("missing-{name}")).await;
            panic!("{css} never appeared: {e}");
        }
    }
}

/// Opens the "Correct or dismiss" form of the first claim card `card_css` matches; returns the
/// card's element id and the claim's id.
pub async fn open_claim_editor(c: &Client, card_css: &str) -> (String, String) {
    let card = wait_for(c, card_css).await;
    let card_id = card.attr("id").await.expect("id").expect("a card id");
    let claim_id = card_id.trim_start_matches("claim-").to_owned();
    c.execute(
        &format!("document.querySelector('#{card_id} details.claim-edit').open = true"),
        vec![],
    )
    .await
    .expect("open the form");
    (card_id, claim_id)
}

/// The text of the first element `css` matches, once it is there.
pub async fn text_of(c: &Client, css: &str) -> String {
    wait_for(c, css).await.text().await.expect("text")
}

pub async fn click(c: &Client, css: &str) {
    wait_for(c, css).await.click().await.expect("click");
}

pub async fn fill(c: &Client, css: &str, text: &str) {
    let e = wait_for(c, css).await;
    e.clear().await.expect("clear");
    e.send_keys(text).await.expect("type");
}

/// Waits until `css` matches `n` elements.
pub async fn wait_for_count(c: &Client, css: &str, n: usize) {
    for _ in 0..200 {
        if c.find_all(Locator::Css(css))
            .await
            .is_ok_and(|v| v.len() == n)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(c, "count-mismatch").await;
    panic!("{css} never matched {n} elements");
}

/// A scratch folder removed when the test ends.
pub mod tempdir {
    pub struct Dir {
        pub path: std::path::PathBuf,
    }

    impl Dir {
        pub fn new() -> Self {
            let path = std::env::temp_dir().join(format!(
                "claimtrail-browser-{}",
                uuid::Uuid::now_v7().simple()
            ));
            std::fs::create_dir_all(&path).expect("temp dir");
            Dir { path }
        }
    }

    impl Default for Dir {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// axe-core's script, as `.ci/setup --tests` installs it from npm.
fn axe_source() -> String {
    let tools = std::env::var("CLAIMTRAIL_TOOLS").map_or_else(
        |_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/claimtrail/tools")
        },
        PathBuf::from,
    );
    let path = tools.join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `. .ci/setup --tests`, which installs axe-core from npm",
            path.display()
        )
    })
}

/// Runs axe-core (WCAG 2 A and AA rules) on the page as it is, and fails naming each violation,
/// its impact and the first elements it found it on.
pub async fn assert_accessible(c: &Client, what: &str) {
    // axe-core on a long page under load can outlast WebDriver's 30 s script default.
    c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
        Some(Duration::from_secs(120)),
        Some(Duration::from_secs(300)),
        Some(Duration::ZERO),
    ))
    .await
    .expect("script timeout");
    c.execute(&axe_source(), vec![])
        .await
        .expect("inject axe-core");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    let violations: Vec<String> = serde_json::from_value(found).expect("a list");
    assert!(
        violations.is_empty(),
        "{what}: {} accessibility violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
