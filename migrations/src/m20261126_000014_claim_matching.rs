//! "Already fact-checked": fact-checks imported from other organisations (kept apart from our
//! own, as published), a revision counter that tells every server when the known fact-checks
//! changed (each server keeps its matching index current from it), and the prior fact-checks
//! offered for a claim with the reviewer's decision on each.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000001_create_users::User;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImportedReview::Table)
                    .if_not_exists()
                    .col(pk_uuid(ImportedReview::Id))
                    .col(text_uniq(ImportedReview::ReviewUrl))
                    .col(text(ImportedReview::ClaimReviewed))
                    .col(text_null(ImportedReview::Title))
                    .col(text_null(ImportedReview::Description))
                    .col(text_null(ImportedReview::Claimant))
                    .col(string_null(ImportedReview::ClaimDate))
                    .col(string_null(ImportedReview::DatePublished))
                    .col(date_null(ImportedReview::PublishedOn))
                    .col(text_null(ImportedReview::PublisherName))
                    .col(text_null(ImportedReview::PublisherSite))
                    .col(text_null(ImportedReview::TextualRating))
                    .col(double_null(ImportedReview::RatingValue))
                    .col(double_null(ImportedReview::BestRating))
                    .col(double_null(ImportedReview::WorstRating))
                    .col(string_len_null(ImportedReview::Rating, 32))
                    .col(string_len_null(ImportedReview::Language, 35))
                    .col(string_len(ImportedReview::Format, 16))
                    .col(big_integer(ImportedReview::Revision))
                    .col(timestamp_with_time_zone(ImportedReview::ImportedAt))
                    .col(timestamp_with_time_zone(ImportedReview::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_imported_review_revision")
                    .table(ImportedReview::Table)
                    .col(ImportedReview::Revision)
                    .col(ImportedReview::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MatchRevision::Table)
                    .if_not_exists()
                    .col(integer(MatchRevision::Id).primary_key())
                    .col(big_integer(MatchRevision::Revision))
                    .to_owned(),
            )
            .await?;
        // The one counter row: part of the schema, not data (every server reads it).
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(MatchRevision::Table)
                    .columns([MatchRevision::Id, MatchRevision::Revision])
                    .values_panic([1.into(), 0i64.into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClaimMatch::Table)
                    .if_not_exists()
                    .col(pk_uuid(ClaimMatch::Id))
                    .col(uuid(ClaimMatch::ClaimId))
                    .col(uuid(ClaimMatch::FactCheckId))
                    .col(boolean(ClaimMatch::Ours))
                    .col(integer(ClaimMatch::Rank))
                    .col(double(ClaimMatch::Score))
                    .col(double(ClaimMatch::Probability))
                    .col(boolean(ClaimMatch::Likely))
                    .col(string_len(ClaimMatch::Status, 16))
                    .col(json_null(ClaimMatch::Why))
                    .col(uuid_null(ClaimMatch::SourceId))
                    .col(uuid_null(ClaimMatch::DecidedBy))
                    .col(timestamp_with_time_zone_null(ClaimMatch::DecidedAt))
                    .col(timestamp_with_time_zone(ClaimMatch::CreatedAt))
                    .col(timestamp_with_time_zone(ClaimMatch::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimMatch::Table, ClaimMatch::ClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimMatch::Table, ClaimMatch::DecidedBy)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_match_pair")
                    .table(ClaimMatch::Table)
                    .col(ClaimMatch::ClaimId)
                    .col(ClaimMatch::FactCheckId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_match_likely")
                    .table(ClaimMatch::Table)
                    .col(ClaimMatch::Likely)
                    .col(ClaimMatch::Status)
                    .col(ClaimMatch::ClaimId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ClaimMatch::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MatchRevision::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ImportedReview::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ImportedReview {
    Table,
    Id,
    ReviewUrl,
    ClaimReviewed,
    Title,
    Description,
    Claimant,
    ClaimDate,
    DatePublished,
    PublishedOn,
    PublisherName,
    PublisherSite,
    TextualRating,
    RatingValue,
    BestRating,
    WorstRating,
    Rating,
    Language,
    Format,
    Revision,
    ImportedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MatchRevision {
    Table,
    Id,
    Revision,
}

#[derive(DeriveIden)]
enum ClaimMatch {
    Table,
    Id,
    ClaimId,
    FactCheckId,
    Ours,
    Rank,
    Score,
    Probability,
    Likely,
    Status,
    Why,
    SourceId,
    DecidedBy,
    DecidedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Claim {
    Table,
    Id,
}
