//! The operator commands.

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, bail};
use app::domain::Role;
use app::server::db;
use app::server::services::{self, Who};
use migrations::{Migrator, MigratorTrait};

use crate::config::{
    AuditAction, ClaimreviewAction, Cli, Command, MigrateAction, TokenAction, UserAction,
};

/// Runs one command.
///
/// # Errors
/// Whatever stopped the command, with its context, for `main` to print.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Every command that writes or checks the audit trail anchors it with the key.
    if !matches!(cli.command, Command::Extract { .. } | Command::Trace { .. }) {
        let key = services::audit::anchor::read_or_create(&cli.audit_key_file)
            .map_err(|e| anyhow::anyhow!("the audit key: {e}"))?;
        services::audit::anchor::load(key).map_err(anyhow::Error::msg)?;
    }
    match cli.command {
        Command::Serve(args) => crate::serve::serve(&cli.database_url, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Migrate { action } => migrate(&cli.database_url, action).await,
        Command::Extract { files, json } => extract(&files, json),
        Command::Trace { files, json } => trace(&files, json),
        Command::Ingest { files } => ingest(&cli.database_url, &files).await,
        Command::Export { file } => export(&cli.database_url, &file).await,
        Command::Import {
            file,
            allow_unsigned,
        } => import(&cli.database_url, &file, allow_unsigned).await,
        Command::Audit {
            action: AuditAction::Verify,
        } => audit_verify(&cli.database_url).await,
        Command::Claimreview {
            action: ClaimreviewAction::Import { file },
        } => crate::matching::import(&cli.database_url, &file).await,
        Command::Match { queries, top } => {
            crate::matching::rank_queries(&cli.database_url, &queries, top).await
        }
        Command::Audit {
            action: AuditAction::Sign,
        } => {
            let conn = db::connect_and_migrate(&cli.database_url)
                .await
                .context("opening the database")?;
            let n = services::audit::sign_unanchored(&conn)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("anchored {n} events");
            Ok(ExitCode::SUCCESS)
        }
        Command::User { action } => user(&cli.database_url, action).await,
        Command::Token { action } => token(&cli.database_url, action).await,
    }
}

async fn token(url: &str, action: TokenAction) -> anyhow::Result<ExitCode> {
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let tokens = |e: services::ServiceError| anyhow::anyhow!("{e}");
    match action {
        TokenAction::Create { email, name, days } => {
            let token =
                services::accounts::tokens::create(&conn, &email, &name, days, &Who::system("cli"))
                    .await
                    .map_err(tokens)?;
            println!("{token}");
            eprintln!(
                "Keep it secret: it acts as {email} on the API for {days} days and is not shown again."
            );
        }
        TokenAction::List { email } => {
            let owner = match email {
                Some(e) => Some(
                    services::accounts::users::find_by_email(&conn, &e)
                        .await
                        .map_err(tokens)?
                        .with_context(|| format!("no account for {e}"))?
                        .id,
                ),
                None => None,
            };
            for t in services::accounts::tokens::list(&conn, owner)
                .await
                .map_err(tokens)?
            {
                println!(
                    "{}  {:<8} {:<28} {:<20} expires {}  last used {}",
                    t.id,
                    t.state.label(),
                    t.owner,
                    t.name,
                    t.expires_at,
                    t.last_used_at.as_deref().unwrap_or("never"),
                );
            }
        }
        TokenAction::Revoke { id } => {
            services::accounts::tokens::revoke(&conn, id, None, &Who::system("cli"))
                .await
                .map_err(tokens)?;
            eprintln!("Token {id} is revoked.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn migrate(url: &str, action: MigrateAction) -> anyhow::Result<ExitCode> {
    let conn = db::connect(url).await.context("opening the database")?;
    match action {
        MigrateAction::Up => Migrator::up(&conn, None).await?,
        MigrateAction::Down => Migrator::down(&conn, Some(1)).await?,
        MigrateAction::Status => {
            let applied: Vec<String> = Migrator::get_applied_migrations(&conn)
                .await?
                .iter()
                .map(|m| m.name().to_owned())
                .collect();
            for m in Migrator::migrations() {
                let name = m.name().to_owned();
                let state = if applied.contains(&name) {
                    "applied"
                } else {
                    "pending"
                };
                println!("{state:8} {name}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads an article file as text, refusing what is not UTF-8 text.
///
/// # Errors
/// The file cannot be read, is binary or is not UTF-8.
pub fn read_article_file(path: &std::path::Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if bytes.contains(&0) {
        bail!("{} is a binary file, not text", path.display());
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn extract(files: &[std::path::PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    // Written through a lock and `?`, so `claimtrail extract … | head` ends quietly.
    let mut out = std::io::stdout().lock();
    if files.is_empty() {
        bail!("name at least one file");
    }
    for path in files {
        // Text files are read as they are, so spans index the file itself; other kinds are
        // reduced to their text first. Either way the claims are those ingest would store.
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let is_text = !matches!(ext.as_str(), "md" | "markdown" | "html" | "htm");
        let text = if is_text {
            read_article_file(path)?
        } else {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            app::server::documents::read(name, &bytes)
                .map_err(anyhow::Error::msg)?
                .text
        };
        let claims = app::reading::claims_in(&text);
        if json {
            writeln!(
                out,
                "{}",
                serde_json::to_string(&serde_json::json!({ "claims": claims }))?
            )?;
        } else {
            writeln!(out, "{} — {} claims", path.display(), claims.len())?;
            for c in &claims {
                let figures: Vec<String> = c
                    .figures
                    .iter()
                    .map(|f| format!("{} {} {}", f.qualifier.label(), f.value, f.category))
                    .collect();
                writeln!(
                    out,
                    "  [{}..{}] {:<11} {}{}",
                    c.span.start,
                    c.span.end,
                    c.kind.as_str(),
                    c.quote,
                    if figures.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", figures.join("; "))
                    }
                )?;
                if let Some(a) = &c.claimant {
                    writeln!(out, "      claimant: {}", a.name)?;
                }
                if let Some(a) = &c.target {
                    writeln!(out, "      target:   {}", a.name)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Traces claims across article files (`claimtrail trace`): pure, nothing is stored.
fn trace(files: &[std::path::PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    if files.is_empty() {
        bail!("name at least one file");
    }
    let mut articles = Vec::with_capacity(files.len());
    for path in files {
        let text = read_article_file(path)?;
        let key = path
            .file_name()
            .and_then(|n| n.to_str())
            .map_or_else(|| path.display().to_string(), str::to_owned);
        articles.push(app::provenance::ArticleInput::read_and_extract(&key, &text));
    }
    let report = app::provenance::trace_articles(articles);
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &report.stories {
        writeln!(out, "story {} — {} articles", s.id, s.articles.len())?;
        for c in report
            .clusters
            .iter()
            .filter(|c| c.story == s.id && c.members.len() > 1)
        {
            let first = report.claims.iter().find(|k| k.id == c.first);
            writeln!(
                out,
                "  {} {:<11} {} appearances, first in {}: {}",
                c.id,
                c.kind.as_str(),
                c.members.len(),
                first.map_or("?", |k| k.file.as_str()),
                first.map_or("", |k| k.quote.as_str())
            )?;
        }
        for r in report
            .relations
            .iter()
            .filter(|r| r.from.starts_with(&format!("{}k", s.id)))
        {
            writeln!(out, "  {} {} {}  ({})", r.from, r.kind, r.to, r.reason)?;
        }
        for f in report.figures.iter().filter(|f| f.story == s.id) {
            let points: Vec<String> = f
                .series
                .iter()
                .map(|p| {
                    format!(
                        "{}{} {}",
                        p.value,
                        if p.rank == app::provenance::Rank::Preferred {
                            "*"
                        } else {
                            ""
                        },
                        p.as_of.map(|d| d.to_string()).unwrap_or_default()
                    )
                })
                .collect();
            writeln!(out, "  {}: {}", f.category, points.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn export(url: &str, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let counts = if file.as_os_str() == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        crate::dump::export(&conn, &mut out).await?
    } else {
        // Written beside the target and renamed, so a failed export never leaves half a file.
        let tmp = file.with_extension("partial");
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?,
        );
        let counts = crate::dump::export(&conn, &mut out).await?;
        drop(out);
        std::fs::rename(&tmp, file).with_context(|| format!("writing {}", file.display()))?;
        counts
    };
    for (table, n) in counts {
        eprintln!("{table:<12} {n}");
    }
    Ok(ExitCode::SUCCESS)
}

async fn import(
    url: &str,
    file: &std::path::Path,
    allow_unsigned: bool,
) -> anyhow::Result<ExitCode> {
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let input = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?,
    );
    let trust = if allow_unsigned {
        eprintln!(
            "warning: importing without checking the file's signature; only its audit trail's hash chain is checked"
        );
        crate::dump::Trust::Unsigned
    } else {
        crate::dump::Trust::Signed
    };
    let rows = crate::dump::import(&conn, input, trust).await?;
    eprintln!("restored {rows} rows from {}", file.display());
    Ok(ExitCode::SUCCESS)
}

async fn ingest(url: &str, files: &[std::path::PathBuf]) -> anyhow::Result<ExitCode> {
    if files.is_empty() {
        bail!("name at least one file");
    }
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let who = Who::system("cli ingest");
    let matcher = services::matching::Matcher::new();
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let (mut stored, mut duplicates, mut failed) = (0, 0, 0);
    for path in files {
        let name = path.display().to_string();
        bar.set_message(name.clone());
        let outcome = async {
            let bytes = std::fs::read(path).with_context(|| format!("reading {name}"))?;
            let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or(&name);
            let doc =
                app::server::documents::read(file_name, &bytes).map_err(anyhow::Error::msg)?;
            services::articles::intake::ingest(
                &conn,
                services::articles::intake::NewArticle {
                    title: doc.title,
                    byline: doc.byline,
                    publisher: doc.publisher,
                    text: doc.text,
                    ..Default::default()
                },
                &who,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
        }
        .await;
        match outcome {
            Ok(o) if o.duplicate => duplicates += 1,
            Ok(o) => {
                stored += 1;
                services::matching::priors::after_ingest(&conn, &matcher, o.article_id).await;
                bar.println(format!("{name}: {} claims", o.claim_count));
            }
            Err(e) => {
                failed += 1;
                bar.println(format!("{name}: {e:#}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!("{stored} stored, {duplicates} already stored, {failed} failed");
    // An article whose filing failed is stored but in no story: filed again now, and said.
    let backlog = services::provenance::filing::file_unfiled(&conn, &who).await?;
    if backlog.failed > 0 {
        println!(
            "{} stored articles could not be filed into a story (the log says why); a server \
             files them again when it starts",
            backlog.failed
        );
    }
    Ok(if failed == 0 && backlog.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn audit_verify(url: &str) -> anyhow::Result<ExitCode> {
    let conn = db::connect(url).await.context("opening the database")?;
    let report = services::audit::verify_chain(&conn).await?;
    match report.first_broken {
        None => {
            println!("audit chain intact: {} events", report.events);
            Ok(ExitCode::SUCCESS)
        }
        Some(seq) => {
            println!(
                "audit chain BROKEN at event #{seq}: {} ({} events before it verify)",
                report.problem.as_deref().unwrap_or("it does not verify"),
                report.events
            );
            Ok(ExitCode::from(2))
        }
    }
}

async fn user(url: &str, action: UserAction) -> anyhow::Result<ExitCode> {
    let UserAction::Create {
        email,
        role,
        name,
        password_stdin: _,
    } = action;
    let role: Role = role
        .parse()
        .map_err(|e| anyhow::anyhow!("{e} (admin, editor or reviewer)"))?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']);
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
    let u = services::accounts::users::create_user(
        &conn,
        &email,
        &name,
        password,
        role,
        &Who::system("cli"),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("created {} ({})", u.email, u.role.as_str());
    Ok(ExitCode::SUCCESS)
}
