use sea_orm::entity::prelude::*;

/// A known fact-check offered as prior work on a claim, and the reviewer's decision on it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "claim_match")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub claim_id: Uuid,
    /// An imported review's id, or our own published claim's.
    pub fact_check_id: Uuid,
    pub ours: bool,
    pub rank: i32,
    #[sea_orm(column_type = "Double")]
    pub score: f64,
    /// The calibrated probability that the claim's top match is a correct prior fact-check.
    #[sea_orm(column_type = "Double")]
    pub probability: f64,
    /// The top match with a probability at or above the suggestion threshold.
    pub likely: bool,
    /// `suggested`, `confirmed` or `dismissed`.
    pub status: String,
    pub why: Option<Json>,
    /// The source attached as evidence when the match was confirmed.
    pub source_id: Option<Uuid>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
