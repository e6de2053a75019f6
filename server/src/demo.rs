//! Demo data for a first look: an invented news article (a fictional event, so no publisher's
//! text ships with the code) and one account per role.

use app::domain::Role;
use app::server::services::{self, ServiceError, Who};
use sea_orm::DatabaseConnection;

/// The demo article, in the news-export layout.
pub const ARTICLE: &str =
    include_str!("../../tests/fixtures/articles/port-ardent-demo-2026-05-15.txt");

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
    if services::accounts::users::count(db).await? > 0 {
        return Ok(Vec::new());
    }
    let who = Who::system("demo");
    let mut made = Vec::new();
    let mut people = Vec::new();
    for (email, name, role) in [
        (ADMIN_EMAIL, "Ada Admin", Role::Admin),
        (EDITOR_EMAIL, "Eddie Editor", Role::Editor),
        (REVIEWER_EMAIL, "Rita Reviewer", Role::Reviewer),
    ] {
        let user =
            services::accounts::users::create_user(db, email, name, password, role, &who).await?;
        people.push(Who::user(&user));
        made.push((email.to_owned(), role));
    }
    let outcome = services::articles::intake::ingest(
        db,
        services::articles::intake::NewArticle {
            text: ARTICLE.to_owned(),
            ..Default::default()
        },
        &who,
    )
    .await?;
    publish_demo_fact_check(db, outcome.article_id, &people[2], &people[1]).await?;
    Ok(made)
}

/// One fact-check through the whole workflow, so a newcomer sees a published claim at once:
/// the reviewer attaches two sources and proposes a verdict, the editor approves it.
async fn publish_demo_fact_check(
    db: &DatabaseConnection,
    article_id: uuid::Uuid,
    reviewer: &Who,
    editor: &Who,
) -> Result<(), ServiceError> {
    use app::domain::{ClaimKind, Rating, SourceKind, Stance};
    use services::review::sources::SourceInput;
    let claims = services::articles::get(db, article_id).await?.claims;
    let Some(claim) = claims
        .iter()
        .find(|c| c.kind == ClaimKind::Casualty && c.quote.contains("41"))
        .or_else(|| claims.iter().find(|c| c.kind == ClaimKind::Casualty))
    else {
        return Ok(());
    };
    let claim = services::review::workspace::assign(
        db,
        claim.id,
        claim.version,
        reviewer.user_id,
        reviewer,
    )
    .await?;
    for (url, title, publisher, stance, kind, excerpt) in [
        (
            "https://example.org/port-ardent/police-statement-16-may",
            "Port Ardent police: statement on the Meridian Concert Hall attack",
            "Port Ardent Police",
            Stance::Supports,
            SourceKind::Official,
            "Demo excerpt: the police statement of 16 May gives 41 dead identified so far and says the count may rise.",
        ),
        (
            "https://example.org/port-ardent/hospitals-16-may",
            "Port Ardent health department: casualties admitted after the concert hall attack",
            "Port Ardent Health Department",
            Stance::Supports,
            SourceKind::Official,
            "Demo excerpt: the city's hospitals reported 41 dead and 93 injured admitted by the evening of 16 May.",
        ),
    ] {
        services::review::sources::add(
            db,
            claim.id,
            &SourceInput {
                url: url.to_owned(),
                title: title.to_owned(),
                publisher: Some(publisher.to_owned()),
                published_on: Some("2026-05-16".to_owned()),
                excerpt: excerpt.to_owned(),
                stance,
                kind,
                archived_text: None,
            },
            reviewer,
        )
        .await?;
    }
    let verdict = services::review::verdicts::propose(
        db,
        claim.id,
        claim.version,
        Rating::True,
        "**Accurate when published.** On 16 May the police and the city's hospitals both counted 41 dead, as the article says (\"at least\"). Later counts may rise as more victims are identified, so the figure is a lower bound, not a final count.\n\n*This is a demonstration fact-check about a fictional event; it ships with Claimtrail's demo data.*",
        reviewer,
    )
    .await?;
    let claim = services::claim_record::view(db, claim.id).await?;
    services::review::verdicts::approve(
        db,
        verdict.id,
        claim.version,
        "Both sources agree on the toll at that date.",
        editor,
    )
    .await?;
    Ok(())
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
