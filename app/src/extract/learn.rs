//! Training the extractor's model from annotated text, without I/O: the caller reads the files
//! (the training command `cargo run -p app --release --features ssr --example train_extractor`,
//! and the evaluation, which retrains for every held-out event). Kinds are learned from news
//! articles with sentence-level gold; check-worthiness from ClaimBuster's labelled sentences.

use super::annotations::Annotations;
use super::features::{self, Features};
use super::model::{CHECKWORTHY, KINDS, Model, OUTPUTS, TrainOptions, output_of};
use super::scoring::{self, Reading};
use crate::domain::ClaimKind;

/// An annotated article: its whole text (as the extractor reads it) and its gold.
pub struct Article<'a> {
    pub text: &'a str,
    pub gold: &'a Annotations,
}

/// A unit's features and, for each output, its label (none when the output is not taught here).
pub type Example = (Features, [Option<bool>; OUTPUTS]);

/// Which unit each annotated claim of `article` falls in: the unit holding its key phrase, else
/// the first unit that lies within its sentence or holds it (for a headline claim, the headline).
pub fn claim_units(article: &Article<'_>, readings: &[Reading<'_>]) -> Vec<Option<usize>> {
    let text = article.text;
    article
        .gold
        .claims
        .iter()
        .map(|c| {
            let needle = c.quote_contains.to_lowercase();
            let slice = |r: &Reading<'_>| &text[r.unit.start..r.unit.end];
            readings
                .iter()
                .position(|r| slice(r).to_lowercase().contains(&needle))
                .or_else(|| {
                    readings
                        .iter()
                        .position(|r| c.matches_quote(slice(r), text))
                })
        })
        .collect()
}

/// The training examples of one article: every unit, labelled with the kinds annotated in it.
pub fn article_examples(article: &Article<'_>) -> Vec<Example> {
    let lower = article.text.to_ascii_lowercase();
    let (readings, _) = scoring::read(article.text, &lower);
    let mut kinds = vec![[false; 7]; readings.len()];
    for (c, u) in article
        .gold
        .claims
        .iter()
        .zip(claim_units(article, &readings))
    {
        if let (Some(u), Ok(kind)) = (u, c.kind.parse::<ClaimKind>()) {
            kinds[u][output_of(kind)] = true;
        }
    }
    readings
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.short)
        .map(|(i, _)| {
            let mut labels = [None; OUTPUTS];
            for k in 0..KINDS.len() {
                labels[k] = Some(kinds[i][k]);
            }
            (features::of(&readings, i), labels)
        })
        .collect()
}

/// A check-worthiness example: the sentence read as a text of its own.
pub fn checkworthy_example(sentence: &str, worthy: bool) -> Example {
    let lower = sentence.to_ascii_lowercase();
    let (readings, _) = scoring::read(sentence, &lower);
    let mut feats = Features::default();
    for i in 0..readings.len() {
        feats.extend(features::of(&readings, i));
    }
    let mut labels = [None; OUTPUTS];
    labels[CHECKWORTHY] = Some(worthy);
    (feats, labels)
}

/// How the kinds and check-worthiness are trained.
pub fn kind_options() -> TrainOptions {
    TrainOptions::default()
}

pub fn checkworthy_options() -> TrainOptions {
    TrainOptions {
        epochs: 8,
        ..TrainOptions::default()
    }
}

/// Trains the kinds on `articles` into `model` (check-worthiness is left as it was). Sentences
/// labelled not check-worthy (opinion, rhetoric, questions: ClaimBuster's label 0) are taught as
/// carrying no claim of any kind, one in `NEGATIVE_STRIDE`: news has few such sentences, so
/// without them the kinds fire on almost any sentence of a debate.
pub fn train_kinds(model: &mut Model, articles: &[Article<'_>], sentences: &[(&str, bool)]) {
    let mut examples: Vec<Example> = articles.iter().flat_map(article_examples).collect();
    for (s, _) in sentences
        .iter()
        .filter(|(_, y)| !y)
        .step_by(NEGATIVE_STRIDE)
    {
        let (feats, _) = checkworthy_example(s, false);
        let mut labels = [None; OUTPUTS];
        for l in labels.iter_mut().take(KINDS.len()) {
            *l = Some(false);
        }
        examples.push((feats, labels));
    }
    model.train(&examples, &kind_options());
}

/// One in how many not-check-worthy sentences the kinds are taught as claim-free.
pub const NEGATIVE_STRIDE: usize = 10;

/// Trains check-worthiness on labelled sentences into `model` (the kinds are left as they were).
pub fn train_checkworthy(model: &mut Model, sentences: &[(&str, bool)]) {
    let examples: Vec<Example> = sentences
        .iter()
        .map(|(s, y)| checkworthy_example(s, *y))
        .collect();
    model.train(&examples, &checkworthy_options());
}

/// A whole model: kinds from `articles` (and the claim-free sentences of `sentences`),
/// check-worthiness from `sentences`, quantised as it ships.
pub fn train(articles: &[Article<'_>], sentences: &[(&str, bool)]) -> Model {
    let mut m = Model::default();
    train_kinds(&mut m, articles, sentences);
    train_checkworthy(&mut m, sentences);
    m.quantised()
}
