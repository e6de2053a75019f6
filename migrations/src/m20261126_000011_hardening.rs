//! Hardening: the sign-in throttle's counters (counted before a password is checked, atomically),
//! API token expiry, the audit chain's anchor (an HMAC of each event's hash with a key kept
//! outside the database), archived copies of sources kept by their SHA-256 (so the copy a
//! published verdict weighed survives later edits of the source), and a search index holding
//! only what the public may read.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SigninCounter::Table)
                    .if_not_exists()
                    // `account:<email>` or `address:<ip>`.
                    .col(string_len(SigninCounter::Key, 300).primary_key())
                    .col(timestamp_with_time_zone(SigninCounter::WindowStart))
                    .col(integer(SigninCounter::Attempts))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApiToken::Table)
                    .add_column(timestamp_with_time_zone_null(ApiToken::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .add_column(string_len_null(AuditEvent::Mac, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ArchivedCopy::Table)
                    .if_not_exists()
                    .col(string_len(ArchivedCopy::Sha256, 64).primary_key())
                    .col(text(ArchivedCopy::Text))
                    .col(timestamp_with_time_zone(ArchivedCopy::CreatedAt))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Every copy stored so far, once per hash.
        db.execute_unprepared(
            "INSERT INTO archived_copy (sha256, text, created_at) \
             SELECT archived_sha256, MIN(archived_text), MIN(created_at) FROM source \
             WHERE archived_sha256 IS NOT NULL AND archived_text IS NOT NULL \
             GROUP BY archived_sha256",
        )
        .await?;
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE public_claim_search (
                        claim_id uuid PRIMARY KEY REFERENCES claim(id) ON DELETE CASCADE,
                        body text NOT NULL,
                        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
                    )",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_public_claim_search_tsv ON public_claim_search USING GIN (tsv)",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE public_claim_search USING fts5(claim_id UNINDEXED, body, tokenize = 'porter unicode61')",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP TABLE IF EXISTS public_claim_search")
            .await?;
        manager
            .drop_table(Table::drop().table(ArchivedCopy::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .drop_column(AuditEvent::Mac)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApiToken::Table)
                    .drop_column(ApiToken::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SigninCounter::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SigninCounter {
    Table,
    Key,
    WindowStart,
    Attempts,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Mac,
}

#[derive(DeriveIden)]
enum ArchivedCopy {
    Table,
    Sha256,
    Text,
    CreatedAt,
}
