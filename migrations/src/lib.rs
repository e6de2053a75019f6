//! Claimtrail's schema as an ordered list of migrations. Portable helpers only, so one
//! schema serves SQLite and PostgreSQL; no entity imports and no seed data here.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_create_users;
mod m20261124_000002_create_articles;
mod m20261124_000003_create_claims;
mod m20261124_000004_create_reviews;
mod m20261124_000005_create_audit_events;
mod m20261124_000006_create_api_tokens;
mod m20261125_000007_review_workflow;
mod m20261125_000008_public_claims;
mod m20261125_000009_dashboard_tallies;
mod m20261125_000010_invites;
mod m20261126_000011_hardening;
mod m20261126_000014_claim_matching;
mod m20261126_001301_provenance;
mod m20261201_000015_article_details;
mod m20261202_000016_audit_by_action;
mod m20261205_000017_claim_trace_version;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_users::Migration),
            Box::new(m20261124_000002_create_articles::Migration),
            Box::new(m20261124_000003_create_claims::Migration),
            Box::new(m20261124_000004_create_reviews::Migration),
            Box::new(m20261124_000005_create_audit_events::Migration),
            Box::new(m20261124_000006_create_api_tokens::Migration),
            Box::new(m20261125_000007_review_workflow::Migration),
            Box::new(m20261125_000008_public_claims::Migration),
            Box::new(m20261125_000009_dashboard_tallies::Migration),
            Box::new(m20261125_000010_invites::Migration),
            Box::new(m20261126_000011_hardening::Migration),
            Box::new(m20261126_001301_provenance::Migration),
            Box::new(m20261126_000014_claim_matching::Migration),
            Box::new(m20261201_000015_article_details::Migration),
            Box::new(m20261202_000016_audit_by_action::Migration),
            Box::new(m20261205_000017_claim_trace_version::Migration),
        ]
    }
}
