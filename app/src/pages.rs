//! One module per page.

mod admin;
mod admin_articles;
mod admin_users;
mod article;
mod claims;
mod home;
mod ingest;
mod invite;
mod login;
mod not_found;
mod review;
mod workspace;

pub use admin::{AdminPage, AuditTrailPage};
pub use admin_articles::AdminArticlesPage;
pub use admin_users::AdminUsersPage;
pub use article::ArticlePage;
pub use claims::{ClaimPage, ClaimsPage};
pub use home::HomePage;
pub use ingest::IngestPage;
pub use invite::InvitePage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use review::ReviewQueuePage;
pub use workspace::ClaimWorkspacePage;
