//! Actors (with aliases) and the claims found in articles, anchored by TextPosition and TextQuote selectors.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000002_create_articles::Article;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Actor::Table)
                    .if_not_exists()
                    .col(pk_uuid(Actor::Id))
                    .col(string(Actor::Name))
                    // Lower-cased name: one actor per name whatever the capitalisation.
                    .col(string_uniq(Actor::NameKey))
                    .col(string_len(Actor::Kind, 16))
                    .col(json(Actor::Aliases))
                    .col(timestamp_with_time_zone(Actor::CreatedAt))
                    .col(timestamp_with_time_zone(Actor::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Claim::Table)
                    .if_not_exists()
                    .col(pk_uuid(Claim::Id))
                    .col(uuid(Claim::ArticleId))
                    .col(string_len(Claim::Kind, 16))
                    .col(text(Claim::Quote))
                    .col(integer(Claim::SpanStart))
                    .col(integer(Claim::SpanEnd))
                    .col(text(Claim::Prefix))
                    .col(text(Claim::Suffix))
                    .col(json(Claim::Figures))
                    .col(uuid_null(Claim::ClaimantId))
                    .col(uuid_null(Claim::TargetId))
                    .col(boolean(Claim::Hedged))
                    .col(double(Claim::Checkworthiness))
                    .col(string_len(Claim::Status, 24))
                    .col(uuid_null(Claim::AssigneeId))
                    .col(integer(Claim::Version).default(1))
                    .col(timestamp_with_time_zone(Claim::CreatedAt))
                    .col(timestamp_with_time_zone(Claim::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claim::Table, Claim::ArticleId)
                            .to(Article::Table, Article::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claim::Table, Claim::ClaimantId)
                            .to(Actor::Table, Actor::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Claim::Table, Claim::TargetId)
                            .to(Actor::Table, Actor::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_article_span")
                    .table(Claim::Table)
                    .col(Claim::ArticleId)
                    .col(Claim::SpanStart)
                    .to_owned(),
            )
            .await?;
        // The review queue reads by status, most check-worthy first; the id breaks ties for keyset pages.
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_queue")
                    .table(Claim::Table)
                    .col(Claim::Status)
                    .col(Claim::Checkworthiness)
                    .col(Claim::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Claim::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Actor::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Actor {
    Table,
    Id,
    Name,
    NameKey,
    Kind,
    Aliases,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Claim {
    Table,
    Id,
    ArticleId,
    Kind,
    Quote,
    SpanStart,
    SpanEnd,
    Prefix,
    Suffix,
    Figures,
    ClaimantId,
    TargetId,
    Hedged,
    Checkworthiness,
    Status,
    AssigneeId,
    Version,
    CreatedAt,
    UpdatedAt,
}
