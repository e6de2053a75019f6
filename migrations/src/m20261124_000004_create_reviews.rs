//! What reviewers attach to a claim: sources (evidence), verdicts (with their supersession chain) and comments.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000001_create_users::User;
use crate::m20261124_000003_create_claims::Claim;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Source::Table)
                    .if_not_exists()
                    .col(pk_uuid(Source::Id))
                    .col(uuid(Source::ClaimId))
                    .col(text(Source::Url))
                    .col(text(Source::Title))
                    .col(string_null(Source::Publisher))
                    .col(timestamp_with_time_zone_null(Source::PublishedAt))
                    .col(timestamp_with_time_zone(Source::AccessedAt))
                    .col(text(Source::Excerpt))
                    .col(string_len(Source::Stance, 16))
                    .col(string_len(Source::Kind, 16))
                    .col(text_null(Source::ArchivedText))
                    .col(string_len_null(Source::ArchivedSha256, 64))
                    .col(uuid_null(Source::AddedBy))
                    .col(integer(Source::Version).default(1))
                    .col(timestamp_with_time_zone(Source::CreatedAt))
                    .col(timestamp_with_time_zone(Source::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Source::Table, Source::ClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Verdict::Table)
                    .if_not_exists()
                    .col(pk_uuid(Verdict::Id))
                    .col(uuid(Verdict::ClaimId))
                    .col(string_len(Verdict::Rating, 16))
                    .col(integer(Verdict::RatingValue))
                    .col(text(Verdict::Rationale))
                    .col(string_len(Verdict::State, 16))
                    .col(uuid(Verdict::ProposedBy))
                    .col(uuid_null(Verdict::DecidedBy))
                    .col(text_null(Verdict::DecisionNote))
                    .col(timestamp_with_time_zone_null(Verdict::DecidedAt))
                    .col(uuid_null(Verdict::Supersedes))
                    .col(timestamp_with_time_zone(Verdict::CreatedAt))
                    .col(timestamp_with_time_zone(Verdict::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Verdict::Table, Verdict::ClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Verdict::Table, Verdict::ProposedBy)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Comment::Table)
                    .if_not_exists()
                    .col(pk_uuid(Comment::Id))
                    .col(uuid(Comment::ClaimId))
                    .col(uuid(Comment::AuthorId))
                    .col(text(Comment::Body))
                    .col(timestamp_with_time_zone(Comment::CreatedAt))
                    .col(timestamp_with_time_zone(Comment::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comment::Table, Comment::ClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comment::Table, Comment::AuthorId)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            (
                "idx_source_claim",
                Source::Table.into_iden(),
                Source::ClaimId.into_iden(),
            ),
            (
                "idx_verdict_claim",
                Verdict::Table.into_iden(),
                Verdict::ClaimId.into_iden(),
            ),
            (
                "idx_comment_claim",
                Comment::Table.into_iden(),
                Comment::ClaimId.into_iden(),
            ),
        ] {
            manager
                .create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Comment::Table.into_iden(),
            Verdict::Table.into_iden(),
            Source::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Source {
    Table,
    Id,
    ClaimId,
    Url,
    Title,
    Publisher,
    PublishedAt,
    AccessedAt,
    Excerpt,
    Stance,
    Kind,
    ArchivedText,
    ArchivedSha256,
    AddedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Verdict {
    Table,
    Id,
    ClaimId,
    Rating,
    RatingValue,
    Rationale,
    State,
    ProposedBy,
    DecidedBy,
    DecisionNote,
    DecidedAt,
    Supersedes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
    ClaimId,
    AuthorId,
    Body,
    CreatedAt,
    UpdatedAt,
}
