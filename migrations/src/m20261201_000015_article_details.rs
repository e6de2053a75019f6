//! An article's details (title, publisher, address, byline, date) can be corrected after
//! ingest. Each correction names the version it was made against, so two editors correcting
//! the same article never overwrite each other; every version is in the audit trail.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000002_create_articles::Article;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Article::Table)
                    .add_column(integer(ArticleVersion::Version).default(1))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Article::Table)
                    .drop_column(ArticleVersion::Version)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ArticleVersion {
    Version,
}
