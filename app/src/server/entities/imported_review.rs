use sea_orm::entity::prelude::*;

/// A fact-check published by another organisation, as it was published. Never shown as ours.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "imported_review")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "Text", unique)]
    pub review_url: String,
    #[sea_orm(column_type = "Text")]
    pub claim_reviewed: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub title: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub claimant: Option<String>,
    pub claim_date: Option<String>,
    pub date_published: Option<String>,
    pub published_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub publisher_name: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub publisher_site: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub textual_rating: Option<String>,
    #[sea_orm(column_type = "Double", nullable)]
    pub rating_value: Option<f64>,
    #[sea_orm(column_type = "Double", nullable)]
    pub best_rating: Option<f64>,
    #[sea_orm(column_type = "Double", nullable)]
    pub worst_rating: Option<f64>,
    /// The published verdict on our scale, where the mapping is known.
    pub rating: Option<String>,
    pub language: Option<String>,
    pub format: String,
    /// The `match_revision` at which it was last written.
    pub revision: i64,
    pub imported_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
