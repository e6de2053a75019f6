//! How many times a claim changed in what a story's tracer reads of it (its kind, words, span,
//! figures, actors, hedging, and whether it is dismissed). The tracer is kept in memory under
//! a stamp of its story's claims; with only `updated_at` to go by, an assignment or a status
//! change (which touch nothing the tracer reads) forced the whole story to be read and linked
//! again. A count, not a time: the stamp sums it, so every such change moves the stamp, even one
//! committed after a later-timed write.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000003_create_claims::Claim;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Claim::Table)
                    .add_column(integer(ClaimTraced::TraceVersion).default(1))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Claim::Table)
                    .drop_column(ClaimTraced::TraceVersion)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ClaimTraced {
    TraceVersion,
}
