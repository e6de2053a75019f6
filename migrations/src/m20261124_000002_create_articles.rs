//! Articles as ingested: metadata, the body text and its SHA-256 (one row per distinct text).

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
                    .table(Article::Table)
                    .if_not_exists()
                    .col(pk_uuid(Article::Id))
                    .col(text(Article::Title))
                    .col(string_null(Article::Publisher))
                    .col(text_null(Article::Url))
                    .col(string_null(Article::Byline))
                    .col(string_null(Article::Section))
                    .col(timestamp_with_time_zone_null(Article::PublishedAt))
                    .col(string_len(Article::Language, 16))
                    .col(text(Article::Body))
                    .col(string_len_uniq(Article::BodySha256, 64))
                    .col(text_null(Article::ImageUrl))
                    .col(uuid_null(Article::IngestedBy))
                    .col(timestamp_with_time_zone(Article::CreatedAt))
                    .col(timestamp_with_time_zone(Article::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Article::Table, Article::IngestedBy)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_article_created")
                    .table(Article::Table)
                    .col(Article::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Article::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Article {
    Table,
    Id,
    Title,
    Publisher,
    Url,
    Byline,
    Section,
    PublishedAt,
    Language,
    Body,
    BodySha256,
    ImageUrl,
    IngestedBy,
    CreatedAt,
    UpdatedAt,
}
