//! One module per page.

mod article;
mod home;
mod ingest;
mod login;
mod not_found;

pub use article::ArticlePage;
pub use home::HomePage;
pub use ingest::IngestPage;
pub use login::LoginPage;
pub use not_found::NotFound;
