use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "verdict")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub claim_id: Uuid,
    pub rating: String,
    pub rating_value: i32,
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    pub state: String,
    pub proposed_by: Uuid,
    pub decided_by: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_note: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub supersedes: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub evidence: Option<Json>,
    pub retracted_at: Option<DateTimeUtc>,
    pub retracted_by: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub retraction_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
