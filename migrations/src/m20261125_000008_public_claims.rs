//! What publishing needs: a stable public address for a claim (a readable slug and a short id,
//! set at its first publication, and the date of that publication), and the full-text index
//! of claims — FTS5 on SQLite, a `tsvector` with a GIN index on PostgreSQL — behind one table
//! name, `claim_search`, that the application keeps up to date in the same transactions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for alter in [
            Table::alter()
                .table(Claim::Table)
                .add_column(string_len_null(Claim::Slug, 120))
                .to_owned(),
            Table::alter()
                .table(Claim::Table)
                .add_column(string_len_null(Claim::ShortId, 16))
                .to_owned(),
            Table::alter()
                .table(Claim::Table)
                .add_column(timestamp_with_time_zone_null(Claim::PublishedAt))
                .to_owned(),
        ] {
            manager.alter_table(alter).await?;
        }
        for (name, col) in [
            ("idx_claim_short_id", Claim::ShortId),
            ("idx_claim_slug", Claim::Slug),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Claim::Table)
                        .col(col)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_published")
                    .table(Claim::Table)
                    .col(Claim::PublishedAt)
                    .col(Claim::Id)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE claim_search (
                        claim_id uuid PRIMARY KEY REFERENCES claim(id) ON DELETE CASCADE,
                        body text NOT NULL,
                        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
                    )",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_claim_search_tsv ON claim_search USING GIN (tsv)",
                )
                .await?;
            }
            _ => {
                // The rowid is derived from the claim id (see services::search), so one claim's
                // row is found without scanning.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE claim_search USING fts5(claim_id UNINDEXED, body, tokenize = 'porter unicode61')",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE IF EXISTS claim_search")
            .await?;
        for name in [
            "idx_claim_published",
            "idx_claim_slug",
            "idx_claim_short_id",
        ] {
            manager
                .drop_index(Index::drop().name(name).table(Claim::Table).to_owned())
                .await?;
        }
        for col in [Claim::PublishedAt, Claim::ShortId, Claim::Slug] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Claim::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Claim {
    Table,
    Id,
    Slug,
    ShortId,
    PublishedAt,
}
