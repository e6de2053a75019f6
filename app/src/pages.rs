//! One module per page.

mod account_tokens;
mod admin_articles;
mod admin_audit;
mod admin_dashboard;
mod admin_users;
mod article;
mod claim_workspace;
mod fact_checks;
mod home;
mod ingest;
mod invite;
mod known_fact_checks;
mod login;
mod not_found;
mod public_story;
mod review_queue;
mod stories;

pub use account_tokens::AccountTokensPage;
pub use admin_articles::AdminArticlesPage;
pub use admin_audit::AuditTrailPage;
pub use admin_dashboard::AdminPage;
pub use admin_users::AdminUsersPage;
pub use article::ArticlePage;
pub use claim_workspace::ClaimWorkspacePage;
pub use fact_checks::{FactCheckPage, FactChecksPage};
pub use home::HomePage;
pub use ingest::IngestPage;
pub use invite::InvitePage;
pub use known_fact_checks::KnownFactChecksPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use public_story::{PublicAppearance, PublicStoryPage};
pub use review_queue::ReviewQueuePage;
pub use stories::{StoriesPage, StoryWorkspacePage};
