//! Provenance across articles (issue 13): stories and which article is in which (and why),
//! the terms that find a new article's candidate stories, links between claims' propositions
//! with their evidence and level (automatic, suggested, confirmed, rejected), editors'
//! overrides of relations and figure ranks, and each claim's chain of tellers. Clusters,
//! relations and figure timelines are derived from these rows, never stored.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000001_create_users::User;
use crate::m20261124_000002_create_articles::Article;
use crate::m20261124_000003_create_claims::Claim;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Story::Table)
                    .if_not_exists()
                    .col(pk_uuid(Story::Id))
                    .col(string_uniq(Story::Slug))
                    .col(text(Story::Title))
                    // Bumped by every change to what the story's derived view depends on
                    // (membership, links, overrides): the cache key of that view.
                    .col(integer(Story::Revision).default(1))
                    // A story merged into another answers with the other's address.
                    .col(uuid_null(Story::MergedInto))
                    .col(timestamp_with_time_zone(Story::CreatedAt))
                    .col(timestamp_with_time_zone(Story::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StoryArticle::Table)
                    .if_not_exists()
                    // One story per article.
                    .col(pk_uuid(StoryArticle::ArticleId))
                    .col(uuid(StoryArticle::StoryId))
                    // `automatic` (joined by similarity), `new` (started the story), `editor`.
                    .col(string_len(StoryArticle::Method, 16))
                    .col(double(StoryArticle::Similarity))
                    .col(json(StoryArticle::SharedTerms))
                    .col(uuid_null(StoryArticle::DecidedBy))
                    .col(timestamp_with_time_zone(StoryArticle::CreatedAt))
                    .col(timestamp_with_time_zone(StoryArticle::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryArticle::Table, StoryArticle::ArticleId)
                            .to(Article::Table, Article::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryArticle::Table, StoryArticle::StoryId)
                            .to(Story::Table, Story::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryArticle::Table, StoryArticle::DecidedBy)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_story_article_story")
                    .table(StoryArticle::Table)
                    .col(StoryArticle::StoryId)
                    .col(StoryArticle::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StoryTerm::Table)
                    .if_not_exists()
                    .col(uuid(StoryTerm::StoryId))
                    .col(string_len(StoryTerm::Term, 64))
                    // How many of the story's articles hold the term.
                    .col(integer(StoryTerm::Articles))
                    .primary_key(Index::create().col(StoryTerm::StoryId).col(StoryTerm::Term))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryTerm::Table, StoryTerm::StoryId)
                            .to(Story::Table, Story::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A new article's candidate stories are found by its terms.
        manager
            .create_index(
                Index::create()
                    .name("idx_story_term_term")
                    .table(StoryTerm::Table)
                    .col(StoryTerm::Term)
                    .col(StoryTerm::StoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClaimLink::Table)
                    .if_not_exists()
                    .col(pk_uuid(ClaimLink::Id))
                    .col(uuid(ClaimLink::StoryId))
                    // The later proposition, which asserts what the earlier one does. A claim
                    // may assert several propositions (a death toll and an injured count):
                    // `prop` names which, as `kind` or `kind:counted`.
                    .col(uuid(ClaimLink::FromClaimId))
                    .col(string_len(ClaimLink::FromProp, 64))
                    .col(uuid(ClaimLink::ToClaimId))
                    .col(string_len(ClaimLink::ToProp, 64))
                    // `automatic`, `suggested`, `confirmed`, `rejected`.
                    .col(string_len(ClaimLink::Level, 16))
                    // The level the tracer gave it when it was made, and its thresholds then.
                    .col(string_len(ClaimLink::CreatedLevel, 16))
                    .col(json(ClaimLink::Thresholds))
                    .col(double(ClaimLink::Score))
                    .col(json(ClaimLink::Evidence))
                    .col(uuid_null(ClaimLink::DecidedBy))
                    .col(timestamp_with_time_zone_null(ClaimLink::DecidedAt))
                    .col(integer(ClaimLink::Version).default(1))
                    .col(timestamp_with_time_zone(ClaimLink::CreatedAt))
                    .col(timestamp_with_time_zone(ClaimLink::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimLink::Table, ClaimLink::StoryId)
                            .to(Story::Table, Story::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimLink::Table, ClaimLink::FromClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimLink::Table, ClaimLink::ToClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimLink::Table, ClaimLink::DecidedBy)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_link_pair")
                    .table(ClaimLink::Table)
                    .col(ClaimLink::FromClaimId)
                    .col(ClaimLink::FromProp)
                    .col(ClaimLink::ToClaimId)
                    .col(ClaimLink::ToProp)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_link_story")
                    .table(ClaimLink::Table)
                    .col(ClaimLink::StoryId)
                    .col(ClaimLink::Level)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_link_to")
                    .table(ClaimLink::Table)
                    .col(ClaimLink::ToClaimId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RelationOverride::Table)
                    .if_not_exists()
                    .col(pk_uuid(RelationOverride::Id))
                    .col(uuid(RelationOverride::StoryId))
                    // The clusters are named by a member proposition each.
                    .col(uuid(RelationOverride::FromClaimId))
                    .col(string_len(RelationOverride::FromProp, 64))
                    .col(uuid(RelationOverride::ToClaimId))
                    .col(string_len(RelationOverride::ToProp, 64))
                    // A relation type, or `none` to remove what the tracer drew.
                    .col(string_len(RelationOverride::Relation, 16))
                    .col(text(RelationOverride::Note))
                    .col(uuid_null(RelationOverride::DecidedBy))
                    .col(timestamp_with_time_zone(RelationOverride::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RelationOverride::Table, RelationOverride::StoryId)
                            .to(Story::Table, Story::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RelationOverride::Table, RelationOverride::FromClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RelationOverride::Table, RelationOverride::ToClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RelationOverride::Table, RelationOverride::DecidedBy)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_relation_override_story")
                    .table(RelationOverride::Table)
                    .col(RelationOverride::StoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FigureRankOverride::Table)
                    .if_not_exists()
                    .col(pk_uuid(FigureRankOverride::Id))
                    .col(uuid(FigureRankOverride::StoryId))
                    .col(uuid(FigureRankOverride::ClaimId))
                    .col(string_len(FigureRankOverride::Category, 64))
                    .col(double(FigureRankOverride::Value))
                    // `preferred`, `normal`, `deprecated`.
                    .col(string_len(FigureRankOverride::Rank, 16))
                    .col(text(FigureRankOverride::Reason))
                    .col(uuid_null(FigureRankOverride::DecidedBy))
                    .col(timestamp_with_time_zone(FigureRankOverride::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FigureRankOverride::Table, FigureRankOverride::StoryId)
                            .to(Story::Table, Story::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FigureRankOverride::Table, FigureRankOverride::ClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FigureRankOverride::Table, FigureRankOverride::DecidedBy)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_figure_rank_override_point")
                    .table(FigureRankOverride::Table)
                    .col(FigureRankOverride::StoryId)
                    .col(FigureRankOverride::ClaimId)
                    .col(FigureRankOverride::Category)
                    .col(FigureRankOverride::Value)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClaimChain::Table)
                    .if_not_exists()
                    .col(pk_uuid(ClaimChain::ClaimId))
                    // The tellers, outermost first, original source last.
                    .col(json(ClaimChain::Tellers))
                    .col(timestamp_with_time_zone(ClaimChain::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClaimChain::Table, ClaimChain::ClaimId)
                            .to(Claim::Table, Claim::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ClaimChain::Table.into_iden(),
            FigureRankOverride::Table.into_iden(),
            RelationOverride::Table.into_iden(),
            ClaimLink::Table.into_iden(),
            StoryTerm::Table.into_iden(),
            StoryArticle::Table.into_iden(),
            Story::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Story {
    Table,
    Id,
    Slug,
    Title,
    Revision,
    MergedInto,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StoryArticle {
    Table,
    ArticleId,
    StoryId,
    Method,
    Similarity,
    SharedTerms,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StoryTerm {
    Table,
    StoryId,
    Term,
    Articles,
}

#[derive(DeriveIden)]
enum ClaimLink {
    Table,
    Id,
    StoryId,
    FromClaimId,
    FromProp,
    ToClaimId,
    ToProp,
    Level,
    CreatedLevel,
    Thresholds,
    Score,
    Evidence,
    DecidedBy,
    DecidedAt,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RelationOverride {
    Table,
    Id,
    StoryId,
    FromClaimId,
    FromProp,
    ToClaimId,
    ToProp,
    Relation,
    Note,
    DecidedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FigureRankOverride {
    Table,
    Id,
    StoryId,
    ClaimId,
    Category,
    Value,
    Rank,
    Reason,
    DecidedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClaimChain {
    Table,
    ClaimId,
    Tellers,
    CreatedAt,
}
