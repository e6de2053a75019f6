//! Re-ranking: the 13 features of a (query, fact-check) pair, the linear pairwise model over
//! them, and the calibrated probability that the top suggestion is a correct prior fact-check.
//! Pure: it reads the index and the weights file, nothing else.

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::index::{Candidate, CandidateRule, Index};
use super::text::{self, QueryInfo};

/// The features, in the order the weights file names them.
pub const FEATURES: [&str; 13] = [
    "bm25_all",
    "first_ratio",
    "first_gap",
    "log_rank",
    "char_cos",
    "has_date",
    "date_after_log",
    "date_before_log",
    "date_0_7",
    "date_0_60",
    "d_len_log",
    "media_both",
    "media_doc_only",
];

pub type Features = [f64; 13];

/// Candidates: the top 100 by BM25, plus up to 20 fact-checks published from a day before to two
/// weeks after a dated query (the window recovers about half the misses outside the top 100).
pub const RULE: CandidateRule = CandidateRule {
    k: 100,
    window: (-1, 14),
    window_max: 20,
};

/// From this probability the top match is offered as "possibly already fact-checked" (precision
/// 0.99 on the development queries, false alarm 4% when the right fact-check is absent).
pub const SUGGEST: f64 = 0.5;
/// From this probability it is a strong match (precision 1.00, false alarm 1%).
pub const STRONG: f64 = 0.9;

/// A query, cleaned and tokenised once.
#[derive(Clone, Debug)]
pub struct Query {
    pub clean: String,
    pub info: QueryInfo,
    pub terms: Vec<String>,
    pub media: bool,
    pub grams: Vec<(u64, u32)>,
    /// Days since 1970-01-01.
    pub date: Option<i32>,
}

/// Days since 1970-01-01.
pub fn day_number(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((d - epoch).num_days()).unwrap_or(0)
}

impl Query {
    /// Prepares `raw`; `date` (when the claim was made) wins over a date in a tweet signature.
    pub fn new(raw: &str, date: Option<NaiveDate>) -> Self {
        let (clean, info) = text::clean_query(raw);
        let date = date.or(info.date).map(day_number);
        Query {
            terms: text::tokenize(&clean),
            media: info.has_pic || text::mentions_media(&clean),
            grams: text::char_ngrams(&clean),
            clean,
            info,
            date,
        }
    }
}

/// One model: weights in raw feature units (no intercept) and the top-1 calibrator
/// p = sigmoid(c1·s1 + c2·(s1 − s2) + c0).
#[derive(Clone, Debug, Deserialize)]
pub struct LinearModel {
    pub features: Vec<String>,
    pub weights: Vec<f64>,
    pub calibrator: [f64; 3],
}

/// The two models: for dated queries, and for queries without a date.
#[derive(Clone, Debug, Deserialize)]
pub struct Models {
    pub generated_by: String,
    pub dated: LinearModel,
    pub nodate: LinearModel,
}

impl LinearModel {
    /// The score of one candidate.
    pub fn score(&self, f: &Features) -> f64 {
        self.features
            .iter()
            .zip(&self.weights)
            .map(|(name, w)| {
                FEATURES
                    .iter()
                    .position(|n| n == name)
                    .map_or(0.0, |i| w * f[i])
            })
            .sum()
    }

    /// The probability that the top candidate is a correct prior fact-check.
    pub fn top1_probability(&self, s1: f64, s2: f64) -> f64 {
        let [c1, c2, c0] = self.calibrator;
        1.0 / (1.0 + (-(c1 * s1 + c2 * (s1 - s2) + c0)).exp())
    }

    /// Whether every named feature is known and each has a weight.
    pub fn check(&self) -> Result<(), String> {
        if self.features.len() != self.weights.len() {
            return Err("the matching model has as many weights as features".into());
        }
        match self
            .features
            .iter()
            .find(|n| !FEATURES.contains(&n.as_str()))
        {
            Some(n) => Err(format!("the matching model names an unknown feature '{n}'")),
            None => Ok(()),
        }
    }
}

/// The weights shipped with Claimtrail (`model.json`, written by the `train_matcher` example).
pub static MODELS: LazyLock<Result<Models, String>> = LazyLock::new(|| {
    let m: Models = serde_json::from_str(include_str!("model.json"))
        .map_err(|e| format!("the matching model does not parse: {e}"))?;
    m.dated.check()?;
    m.nodate.check()?;
    Ok(m)
});

/// The features of each candidate for a query.
pub fn features(ix: &Index, q: &Query, cands: &[Candidate]) -> Vec<Features> {
    let s_max = cands.first().map_or(0.0, |c| c.bm25);
    let qv = ix.char_vector(&q.grams);
    cands
        .iter()
        .map(|c| {
            let mut f = [0.0; 13];
            let Some(d) = ix.doc(c.doc) else {
                return f;
            };
            f[0] = c.bm25;
            f[1] = if s_max > 0.0 { c.bm25 / s_max } else { 0.0 };
            f[2] = c.bm25 - s_max;
            f[3] = (1.0 + c.rank as f64).ln();
            f[4] = ix.char_cosine(&qv, c.doc);
            if let (Some(qd), Some(dd)) = (q.date, d.date) {
                let diff = f64::from(dd - qd);
                f[5] = 1.0;
                f[6] = diff.max(0.0).ln_1p();
                f[7] = (-diff).max(0.0).ln_1p();
                f[8] = f64::from(u8::from((-1.0..=7.0).contains(&diff)));
                f[9] = f64::from(u8::from((-1.0..=60.0).contains(&diff)));
            }
            f[10] = f64::from(d.len).ln_1p();
            f[11] = f64::from(u8::from(q.media && d.media));
            f[12] = f64::from(u8::from(d.media && !q.media));
            f
        })
        .collect()
}

/// One ranked fact-check.
#[derive(Clone, Debug)]
pub struct Ranked {
    pub key: Uuid,
    pub slot: u32,
    pub ours: bool,
    pub score: f64,
    pub features: Features,
}

/// A query's ranking and how sure the top of it is.
#[derive(Clone, Debug, Default)]
pub struct Ranking {
    /// Best first.
    pub items: Vec<Ranked>,
    /// The probability that `items[0]` is a correct prior fact-check.
    pub probability: f64,
    /// Whether the dated model ranked it.
    pub dated: bool,
}

/// Ranks the known fact-checks for a query, leaving out `exclude` (a claim's own fact-check).
pub fn rank(ix: &Index, models: &Models, q: &Query, exclude: Option<Uuid>) -> Ranking {
    let mut cands = ix.candidates(&q.terms, q.date, RULE);
    if let Some(key) = exclude
        && let Some(slot) = ix.slot_of(key)
        && let Some(pos) = cands.iter().position(|c| c.doc == slot)
    {
        let gone = cands.remove(pos).rank;
        for c in &mut cands {
            if c.rank > gone {
                c.rank -= 1;
            }
        }
    }
    let model = if q.date.is_some() {
        &models.dated
    } else {
        &models.nodate
    };
    let feats = features(ix, q, &cands);
    let mut items: Vec<Ranked> = cands
        .iter()
        .zip(feats)
        .filter_map(|(c, f)| {
            let d = ix.doc(c.doc)?;
            Some(Ranked {
                key: d.key,
                slot: c.doc,
                ours: d.ours,
                score: model.score(&f),
                features: f,
            })
        })
        .collect();
    // Stable: ties keep candidate order.
    items.sort_by(|a, b| b.score.total_cmp(&a.score));
    let probability = match items.as_slice() {
        [] => 0.0,
        [one] => model.top1_probability(one.score, one.score),
        [a, b, ..] => model.top1_probability(a.score, b.score),
    };
    Ranking {
        items,
        probability,
        dated: q.date.is_some(),
    }
}

/// Why a fact-check matched a query, for the reviewer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Why {
    /// The query's words whose stems the fact-check shares, in query order.
    pub shared_words: Vec<String>,
    /// Days from the claim to the fact-check (negative: the fact-check came first).
    pub days_after: Option<i32>,
    /// Character n-gram cosine, 0 to 1: how alike the wording is.
    pub wording: f64,
}

/// Explains a ranked item.
pub fn why(ix: &Index, q: &Query, item: &Ranked) -> Why {
    let doc_terms: std::collections::HashSet<u32> = ix.doc_terms(item.slot).collect();
    let mut shared: Vec<String> = Vec::new();
    for (term, word) in text::terms_with_words(&q.clean) {
        if ix.term_id(&term).is_some_and(|t| doc_terms.contains(&t)) && !shared.contains(&word) {
            shared.push(word);
        }
    }
    Why {
        shared_words: shared,
        days_after: match (q.date, ix.doc(item.slot).and_then(|d| d.date)) {
            (Some(qd), Some(dd)) => Some(dd - qd),
            _ => None,
        },
        wording: item.features[4],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::services::matching::index::DocInput;

    #[test]
    fn the_shipped_models_load() {
        let m = MODELS.as_ref();
        assert!(m.is_ok(), "{m:?}");
    }

    fn index() -> Index {
        let mut ix = Index::default();
        let docs = [
            "The mayor closed the old bridge over the river",
            "A video shows a shark swimming on a flooded highway",
            "The council raised parking fees downtown",
            "Photo shows the mayor at a concert",
        ];
        for (i, claim) in docs.iter().enumerate() {
            ix.upsert(&DocInput {
                key: Uuid::from_u128(i as u128 + 1),
                ours: false,
                claim: (*claim).into(),
                title: String::new(),
                subtitle: String::new(),
                date: Some(day_number(
                    NaiveDate::from_ymd_opt(2024, 1, 10).unwrap_or_default(),
                )),
            });
        }
        ix
    }

    #[test]
    fn the_paraphrase_ranks_first_and_is_explained() {
        let ix = index();
        let Ok(models) = MODELS.as_ref() else {
            panic!("model")
        };
        let q = Query::new(
            "Video of a shark swimming down a flooded highway",
            NaiveDate::from_ymd_opt(2024, 1, 9),
        );
        let r = rank(&ix, models, &q, None);
        assert!(r.dated);
        assert_eq!(r.items[0].key, Uuid::from_u128(2));
        let why = why(&ix, &q, &r.items[0]);
        assert_eq!(why.days_after, Some(1));
        assert!(why.shared_words.contains(&"flooded".to_owned()));
        assert!(why.wording > 0.3);
        // Leaving the best one out promotes another, never the excluded key.
        let r2 = rank(&ix, models, &q, Some(Uuid::from_u128(2)));
        assert!(r2.items.iter().all(|i| i.key != Uuid::from_u128(2)));
        assert!(r2.probability < r.probability);
    }

    #[test]
    fn an_empty_index_or_query_ranks_nothing() {
        let Ok(models) = MODELS.as_ref() else {
            panic!("model")
        };
        let r = rank(
            &Index::default(),
            models,
            &Query::new("anything", None),
            None,
        );
        assert!(r.items.is_empty());
        assert_eq!(r.probability, 0.0);
        let r = rank(&index(), models, &Query::new("the of and", None), None);
        assert!(r.items.is_empty());
    }
}
