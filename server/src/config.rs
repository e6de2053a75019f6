//! Command-line and environment configuration.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "claimtrail",
    version,
    about = "Claim provenance and fact-checking for newsrooms"
)]
pub struct Cli {
    /// Log format: human-readable lines or one JSON object per line.
    #[arg(long, env = "CLAIMTRAIL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,
    /// Log filter, in tracing's EnvFilter syntax (e.g. `info`, `claimtrail=debug,info`).
    #[arg(long, env = "RUST_LOG", default_value = "info", global = true)]
    pub log_level: String,
    /// The database: `sqlite://path?mode=rwc` (default, created on first start) or `postgres://...`.
    #[arg(long, env = "DATABASE_URL", default_value = app::server::db::DEFAULT_SQLITE_URL, global = true)]
    pub database_url: String,
    /// The audit key (64 hex digits), made on first use: it anchors the audit trail and signs
    /// exports. Keep it outside the database and its backups; several servers on one database
    /// share it.
    #[arg(
        long,
        env = "CLAIMTRAIL_AUDIT_KEY_FILE",
        default_value = "data/audit.key",
        global = true
    )]
    pub audit_key_file: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (migrating the database first).
    Serve(ServeArgs),
    /// Apply, revert or list schema migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Print the claims of article files without storing anything.
    Extract {
        /// Article files (.txt, .md).
        files: Vec<PathBuf>,
        /// Print `{"claims": [...]}` (one object per file, one per line for several files).
        #[arg(long)]
        json: bool,
    },
    /// Trace claims across article files without storing anything: stories, clusters with
    /// their first appearance, relations, figure timelines and attribution chains.
    Trace {
        /// Article files (.txt, .md) in the corpus or fixture layout.
        files: Vec<PathBuf>,
        /// Print the whole trace as one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Store article files (.txt, .md, .html) and their claims.
    Ingest { files: Vec<PathBuf> },
    /// Write the whole database to a file (`-` for standard output), as JSON Lines.
    Export { file: PathBuf },
    /// Restore an export into an empty database (SQLite or PostgreSQL), all or nothing. The
    /// file's signature (made with this server's audit key) and its audit trail must verify.
    Import {
        file: PathBuf,
        /// Accept a file without a valid signature (an export from before exports were signed,
        /// or made with another key): its audit trail's hash chain must still verify.
        #[arg(long)]
        allow_unsigned: bool,
    },
    /// Fact-checks of other organisations: `claimreview import FILE` (or `-` for standard input)
    /// reads ClaimReview JSON-LD (one, an array, a DataFeed, or HTML pages carrying it), Google
    /// Fact Check Tools API responses and ClaimsKG CSV; re-importing a review updates it.
    Claimreview {
        #[command(subcommand)]
        action: ClaimreviewAction,
    },
    /// Rank the known fact-checks for each `id<TAB>text` line of a file (`-` for standard
    /// input), printing `id<TAB>rank<TAB>review url<TAB>score` for the best `--top`.
    Match {
        queries: PathBuf,
        /// How many fact-checks to print per query.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Check the audit trail.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClaimreviewAction {
    /// Import a file of fact-checks, with a progress bar and a summary.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Make a bearer token for an account; it is printed once.
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for, e.g. "newsroom importer".
        #[arg(long, default_value = "api")]
        name: String,
        /// How many days the token works (1 to 366).
        #[arg(long, default_value_t = app::server::services::accounts::tokens::DEFAULT_DAYS)]
        days: i64,
    },
    /// List tokens (never the tokens themselves): of one account, or all.
    List {
        #[arg(long)]
        email: Option<String>,
    },
    /// Revoke a token by its id (as `token list` shows it).
    Revoke { id: uuid::Uuid },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0: one the system picks, printed when listening).
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,
    /// Load the demo article and accounts into an empty database.
    #[arg(long)]
    pub demo: bool,
    /// The demo accounts' password (a random one is made and printed otherwise).
    #[arg(long, env = "CLAIMTRAIL_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<String>,
    /// Mark cookies `Secure` and send HSTS: set this when the site is served over HTTPS.
    #[arg(long, env = "CLAIMTRAIL_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The folder of the built site (JavaScript, wasm, CSS, public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// The address readers reach the site at, for canonical links, ClaimReview and feeds
    /// (default: `http://` and the bind address).
    #[arg(long, env = "CLAIMTRAIL_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The organisation that publishes the fact-checks (ClaimReview `author`).
    #[arg(long, env = "CLAIMTRAIL_PUBLISHER", default_value = "Claimtrail")]
    pub publisher: String,
    /// The header a trusted reverse proxy writes the client's address into (e.g.
    /// `X-Forwarded-For`; its last entry is used). Set it only when every request comes through
    /// that proxy; without it the peer address is used and forwarded headers are ignored.
    #[arg(long, env = "CLAIMTRAIL_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,
    /// Anonymous `POST /api/v1/extract` requests one address may make per minute (also the
    /// burst); API token holders are not limited.
    #[arg(long, env = "CLAIMTRAIL_EXTRACT_PER_MINUTE", default_value_t = 30)]
    pub extract_per_minute: u32,
    /// Seconds between foldings of the dashboard's tally rows (one server folds at a time).
    #[arg(
        long,
        env = "CLAIMTRAIL_TALLY_FOLD_SECONDS",
        default_value_t = 60,
        hide = true
    )]
    pub tally_fold_seconds: u64,
}

#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    Up,
    Down,
    Status,
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Recompute the hash chain, check each event's anchor, and name the first broken link.
    Verify,
    /// Anchor the events written before the trail was anchored (once, after upgrading); refuses
    /// a broken chain.
    Sign,
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "reviewer")]
        role: String,
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input (the only way: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}
