//! `claimtrail serve`: open and migrate the database, load demo data if asked, and serve until
//! SIGTERM or Ctrl-C, finishing the requests in flight.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use app::server::{AppState, db};
use axum::serve::{Listener, ListenerExt};
use leptos::prelude::LeptosOptions;

use crate::config::ServeArgs;

/// Leptos options for the built site. The output name is compiled in by cargo-leptos; hashed
/// asset names are used whenever the build wrote its `hash.txt` beside the binary.
pub fn leptos_options(site_root: &str, bind: std::net::SocketAddr) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("hash.txt")))
        .is_some_and(|p| p.exists());
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") => leptos::config::Env::DEV,
        _ => leptos::config::Env::PROD,
    };
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("claimtrail"))
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(bind)
        .env(env)
        .hash_files(hash_files)
        .build()
}

/// Serves until a shutdown signal.
///
/// # Errors
/// The database could not be opened or migrated, or the address could not be bound.
pub async fn serve(database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    let db = db::connect_and_migrate(database_url)
        .await
        .with_context(|| format!("opening and migrating {}", redact(database_url)))?;
    tracing::info!(database = %redact(database_url), "database ready");
    if args.demo {
        let password = args
            .demo_password
            .clone()
            .unwrap_or_else(crate::demo::random_password);
        // Servers started together with `--demo` load it once: the others find the accounts.
        let lock = db::StartupLock::take(&db).await?;
        let made = crate::demo::load(&db, &password).await;
        lock.release().await;
        let made = made.map_err(|e| anyhow::anyhow!("loading demo data: {e}"))?;
        if made.is_empty() {
            tracing::info!("demo data not loaded: the database already has accounts");
        } else {
            println!("Demo accounts (password: {password}):");
            for (email, role) in made {
                println!("  {email:<28} {}", role.label());
            }
        }
    }
    // Articles stored but in no story (their filing failed or was cut short by a crash) are
    // filed now, in the background.
    let backlog = db.clone();
    tokio::spawn(async move {
        let who = app::server::services::Who::system("startup");
        match app::server::services::provenance::filing::file_unfiled(&backlog, &who).await {
            Ok(b) if b.filed + b.failed > 0 => {
                tracing::info!(filed = b.filed, failed = b.failed, "unfiled articles filed");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not list the unfiled articles"),
        }
    });
    // The dashboard's counters are delta rows kept by triggers; folding them now and then
    // keeps reading them cheap (they are exact either way). One server folds at a time.
    let folding = Arc::new(AtomicBool::new(false));
    tokio::spawn(app::server::services::tallies::run_folding(
        db.clone(),
        std::time::Duration::from_secs(args.tally_fold_seconds.max(1)),
        folding.clone(),
    ));
    let client_ip_header = match args.client_ip_header.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(h) => Some(
            http::HeaderName::from_bytes(h.to_ascii_lowercase().as_bytes())
                .with_context(|| format!("'{h}' is not a header name"))?,
        ),
    };
    // A database from before the public search index gets it filled once.
    app::server::services::search::fill_public_index(&db)
        .await
        .map_err(|e| anyhow::anyhow!("filling the public search index: {e}"))?;
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("binding {}", args.bind))?
        // Without TCP_NODELAY every response waits ~40 ms for delayed ACKs.
        .tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "could not set TCP_NODELAY");
            }
        });
    // The address actually bound: with port 0 the system picks a free port. Links default to
    // it, and whoever started the server (the browser tests, a supervisor) reads it from the
    // "listening" line printed below.
    let bound = listener
        .local_addr()
        .with_context(|| format!("reading the address bound for {}", args.bind))?;
    let state = AppState {
        leptos_options: leptos_options(&args.site_root, bound),
        db,
        secure_cookies: args.secure_cookies,
        site: app::server::Site {
            url: args
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{bound}"))
                .trim_end_matches('/')
                .to_owned(),
            name: args.publisher.clone(),
        },
        client_ip_header,
        extract_per_minute: args.extract_per_minute,
        matcher: app::server::services::matching::Matcher::new(),
    };
    // The matching index is built from the database now, not at the first query.
    let warm = (state.matcher.clone(), state.db.clone());
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match warm.0.refresh(&warm.1).await {
            Ok(()) => {
                let fact_checks = warm.0.len().await;
                tracing::info!(
                    fact_checks,
                    ms = started.elapsed().as_millis() as u64,
                    "matching index built"
                );
            }
            Err(e) => tracing::warn!(error = %e, "could not build the matching index"),
        }
    });
    let app = crate::router_with_jobs(state, crate::http::Jobs { folding });
    println!("Claimtrail is listening on http://{bound}");
    tracing::info!(addr = %bound, "listening");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    tracing::info!("shut down cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}

/// The URL without its password, for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
