//! Demo data for a first look: the article Claimtrail was conceived from and one account per role.

use app::domain::Role;
use app::server::services::{self, ServiceError, Who};
use sea_orm::DatabaseConnection;

/// The demo article, in the news-export layout.
pub const ARTICLE: &str =
    include_str!("../../tests/fixtures/articles/crocus-city-hall-icaro-2024-03-26.txt");

pub const ADMIN_EMAIL: &str = "admin@claimtrail.test";
pub const EDITOR_EMAIL: &str = "editor@claimtrail.test";
pub const REVIEWER_EMAIL: &str = "reviewer@claimtrail.test";

/// Loads the demo data into an empty database (no accounts yet) and returns the accounts made;
/// does nothing on a database that has accounts.
///
/// # Errors
/// The database refused a write.
pub async fn load(
    db: &DatabaseConnection,
    password: &str,
) -> Result<Vec<(String, Role)>, ServiceError> {
    if services::users::count(db).await? > 0 {
        return Ok(Vec::new());
    }
    let who = Who::system("demo");
    let mut made = Vec::new();
    for (email, name, role) in [
        (ADMIN_EMAIL, "Ada Admin", Role::Admin),
        (EDITOR_EMAIL, "Eddie Editor", Role::Editor),
        (REVIEWER_EMAIL, "Rita Reviewer", Role::Reviewer),
    ] {
        services::users::create_user(db, email, name, password, role, &who).await?;
        made.push((email.to_owned(), role));
    }
    services::articles::ingest(
        db,
        services::articles::NewArticle {
            text: ARTICLE.to_owned(),
            ..Default::default()
        },
        &who,
    )
    .await?;
    Ok(made)
}

/// A random password for the demo accounts, printed once at start-up.
pub fn random_password() -> String {
    use rand::RngCore;
    use std::fmt::Write;
    let mut bytes = [0u8; 9];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let mut s = String::from("demo-");
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
