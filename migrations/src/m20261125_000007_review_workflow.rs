//! What the review workflow needs beyond the first schema: a record of sign-in attempts (for
//! throttling), sources that are withdrawn rather than deleted, verdicts that keep the evidence
//! they rested on and their retraction, and indexes for the review queue.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempt::Table)
                    .if_not_exists()
                    .col(pk_uuid(LoginAttempt::Id))
                    .col(string(LoginAttempt::Email))
                    .col(string_len(LoginAttempt::Address, 64))
                    .col(boolean(LoginAttempt::Succeeded))
                    .col(timestamp_with_time_zone(LoginAttempt::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        let alters = [
            Table::alter()
                .table(Source::Table)
                .add_column(timestamp_with_time_zone_null(Source::RemovedAt))
                .to_owned(),
            Table::alter()
                .table(Source::Table)
                .add_column(uuid_null(Source::RemovedBy))
                .to_owned(),
            Table::alter()
                .table(Verdict::Table)
                .add_column(json_null(Verdict::Evidence))
                .to_owned(),
            Table::alter()
                .table(Verdict::Table)
                .add_column(timestamp_with_time_zone_null(Verdict::RetractedAt))
                .to_owned(),
            Table::alter()
                .table(Verdict::Table)
                .add_column(uuid_null(Verdict::RetractedBy))
                .to_owned(),
            Table::alter()
                .table(Verdict::Table)
                .add_column(text_null(Verdict::RetractionNote))
                .to_owned(),
        ];
        for alter in alters {
            manager.alter_table(alter).await?;
        }
        let indexes = [
            Index::create()
                .name("idx_login_attempt_email")
                .table(LoginAttempt::Table)
                .col(LoginAttempt::Email)
                .col(LoginAttempt::CreatedAt)
                .to_owned(),
            Index::create()
                .name("idx_login_attempt_address")
                .table(LoginAttempt::Table)
                .col(LoginAttempt::Address)
                .col(LoginAttempt::CreatedAt)
                .to_owned(),
            // The queue "oldest first": ids are UUIDv7, so id order is creation order.
            Index::create()
                .name("idx_claim_status_id")
                .table(Claim::Table)
                .col(Claim::Status)
                .col(Claim::Id)
                .to_owned(),
            Index::create()
                .name("idx_claim_assignee")
                .table(Claim::Table)
                .col(Claim::AssigneeId)
                .to_owned(),
            Index::create()
                .name("idx_verdict_state")
                .table(Verdict::Table)
                .col(Verdict::State)
                .col(Verdict::DecidedAt)
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "idx_verdict_state",
            "idx_claim_assignee",
            "idx_claim_status_id",
        ] {
            manager
                .drop_index(Index::drop().name(name).to_owned())
                .await?;
        }
        let drops = [
            (
                Verdict::Table.into_iden(),
                Verdict::RetractionNote.into_iden(),
            ),
            (Verdict::Table.into_iden(), Verdict::RetractedBy.into_iden()),
            (Verdict::Table.into_iden(), Verdict::RetractedAt.into_iden()),
            (Verdict::Table.into_iden(), Verdict::Evidence.into_iden()),
            (Source::Table.into_iden(), Source::RemovedBy.into_iden()),
            (Source::Table.into_iden(), Source::RemovedAt.into_iden()),
        ];
        for (table, col) in drops {
            manager
                .alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(LoginAttempt::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    Email,
    Address,
    Succeeded,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Source {
    Table,
    RemovedAt,
    RemovedBy,
}

#[derive(DeriveIden)]
enum Verdict {
    Table,
    State,
    DecidedAt,
    Evidence,
    RetractedAt,
    RetractedBy,
    RetractionNote,
}

#[derive(DeriveIden)]
enum Claim {
    Table,
    Id,
    Status,
    AssigneeId,
}
