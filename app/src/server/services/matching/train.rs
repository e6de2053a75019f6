//! Fitting the matching model from queries with known answers: the linear pairwise
//! (RankNet-style) logistic regression over standardised features, and the top-1 calibrator
//! fitted on out-of-fold results together with the same queries re-scored without their right
//! fact-check (a simulation of "not fact-checked yet"). Deterministic: Newton's method on
//! convex objectives, so the same data gives the same weights on every machine.

use super::index::{Candidate, Index};
use super::rank::{self, FEATURES, Features, LinearModel, Query, RULE};

/// The no-date model's features: the date group is left out.
pub const NODATE_FEATURES: [&str; 8] = [
    "bm25_all",
    "first_ratio",
    "first_gap",
    "log_rank",
    "char_cos",
    "d_len_log",
    "media_both",
    "media_doc_only",
];

/// L2 regularisation of the pairwise model (scikit-learn's C), chosen on Train cross-validation.
pub const C_PAIRWISE: f64 = 0.01;
/// The calibrator is barely regularised.
const C_CALIBRATOR: f64 = 1e6;
/// Folds of the out-of-fold results the calibrator learns from (queries by index mod 10).
pub const FOLDS: usize = 10;

/// One training query: its candidates' features and whether each is a right answer.
#[derive(Clone, Debug)]
pub struct Example {
    pub rows: Vec<Features>,
    pub labels: Vec<bool>,
    /// Each candidate's first-stage rank among all fact-checks.
    pub ranks: Vec<usize>,
}

/// The candidates and features of a query against an index, labelled by `is_gold`.
pub fn example(ix: &Index, q: &Query, is_gold: impl Fn(&Candidate) -> bool) -> Example {
    let cands = ix.candidates(&q.terms, q.date, RULE);
    Example {
        rows: rank::features(ix, q, &cands),
        labels: cands.iter().map(&is_gold).collect(),
        ranks: cands.iter().map(|c| c.rank).collect(),
    }
}

fn columns(names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .filter_map(|n| FEATURES.iter().position(|f| f == n))
        .collect()
}

fn pick(f: &Features, cols: &[usize]) -> Vec<f64> {
    cols.iter().map(|&c| f[c]).collect()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Solves `a x = b` for a small symmetric positive definite `a` (Cholesky).
fn solve(a: &[Vec<f64>], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = a[i][i] - s;
                if d <= 0.0 {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (y[i] - (i + 1..n).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    Some(x)
}

/// L2-regularised logistic regression by Newton's method: minimises
/// ½‖w_p‖² + C·Σ logloss, where w_p leaves out the intercept (the last weight) when
/// `intercept`. Rows are (x, y ∈ {0, 1}, weight).
fn logistic(rows: &[(Vec<f64>, f64, f64)], dim: usize, c: f64, intercept: bool) -> Vec<f64> {
    let n = dim + usize::from(intercept);
    let mut w = vec![0.0; n];
    let x_of = |x: &[f64]| -> Vec<f64> {
        let mut v = x.to_vec();
        if intercept {
            v.push(1.0);
        }
        v
    };
    for _ in 0..100 {
        let mut grad: Vec<f64> = w.clone();
        let mut hess = vec![vec![0.0; n]; n];
        for (i, row) in hess.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        if intercept {
            grad[dim] = 0.0;
            hess[dim][dim] = 1e-12;
        }
        for (x, y, weight) in rows {
            let x = x_of(x);
            let m: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = sigmoid(m);
            let g = c * weight * (p - y);
            let h = c * weight * p * (1.0 - p);
            for (i, (gi, row)) in grad.iter_mut().zip(hess.iter_mut()).enumerate() {
                *gi += g * x[i];
                for (j, cell) in row.iter_mut().enumerate().take(i + 1) {
                    *cell += h * x[i] * x[j];
                }
            }
        }
        // Mirror the lower triangle into the upper one.
        #[allow(clippy::needless_range_loop)]
        for i in 0..n {
            for j in 0..i {
                hess[j][i] = hess[i][j];
            }
        }
        let Some(step) = solve(&hess, &grad) else {
            break;
        };
        for i in 0..n {
            w[i] -= step[i];
        }
        let norm: f64 = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
        if norm < 1e-9 {
            break;
        }
    }
    w
}

/// The pairwise model on `examples`: raw-unit weights for the named features.
pub fn fit_pairwise(examples: &[Example], names: &[&str]) -> Vec<f64> {
    let cols = columns(names);
    let d = cols.len();
    // Standardise on every training candidate (population standard deviation).
    let all: Vec<Vec<f64>> = examples
        .iter()
        .flat_map(|e| e.rows.iter().map(|r| pick(r, &cols)))
        .collect();
    let count = all.len().max(1) as f64;
    let mean: Vec<f64> = (0..d)
        .map(|j| all.iter().map(|r| r[j]).sum::<f64>() / count)
        .collect();
    let sd: Vec<f64> = (0..d)
        .map(|j| {
            let v = all.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / count;
            if v > 0.0 { v.sqrt() } else { 1.0 }
        })
        .collect();
    let z = |r: &Features| -> Vec<f64> {
        pick(r, &cols)
            .iter()
            .enumerate()
            .map(|(j, x)| (x - mean[j]) / sd[j])
            .collect()
    };
    // Each (right, wrong) pair gives its difference labelled 1 and the negation labelled 0;
    // the two halves are one row of weight 2 under the logistic loss.
    let mut rows: Vec<(Vec<f64>, f64, f64)> = Vec::new();
    for e in examples {
        let zs: Vec<Vec<f64>> = e.rows.iter().map(z).collect();
        for (p, _) in e.labels.iter().enumerate().filter(|(_, l)| **l) {
            for (n, _) in e.labels.iter().enumerate().filter(|(_, l)| !**l) {
                let diff: Vec<f64> = zs[p].iter().zip(&zs[n]).map(|(a, b)| a - b).collect();
                rows.push((diff, 1.0, 2.0));
            }
        }
    }
    let w = logistic(&rows, d, C_PAIRWISE, false);
    w.iter().zip(&sd).map(|(w, s)| w / s).collect()
}

fn model_of(names: &[&str], weights: Vec<f64>) -> LinearModel {
    LinearModel {
        features: names.iter().map(|s| (*s).to_owned()).collect(),
        weights,
        calibrator: [0.0; 3],
    }
}

/// The two top scores of a list: (s1, s1 − s2).
fn top_two(scores: &[f64]) -> (f64, f64) {
    let mut s: Vec<f64> = scores.to_vec();
    s.sort_by(|a, b| b.total_cmp(a));
    match s.as_slice() {
        [] => (0.0, 0.0),
        [a] => (*a, 0.0),
        [a, b, ..] => (*a, a - b),
    }
}

/// The features of a query's candidates once its right answers are gone: ranks close up, and
/// the list-relative features are taken against the new best.
fn without_gold(e: &Example) -> Vec<Features> {
    let gold_ranks: Vec<usize> = e
        .ranks
        .iter()
        .zip(&e.labels)
        .filter(|(_, l)| **l)
        .map(|(r, _)| *r)
        .collect();
    let kept: Vec<(Features, usize)> = e
        .rows
        .iter()
        .zip(&e.ranks)
        .zip(&e.labels)
        .filter(|(_, l)| !**l)
        .map(|((f, r), _)| (*f, *r))
        .collect();
    let s_max = kept
        .iter()
        .map(|(f, _)| f[0])
        .fold(f64::NEG_INFINITY, f64::max);
    kept.into_iter()
        .map(|(mut f, r)| {
            let r = r - gold_ranks.iter().filter(|g| **g < r).count();
            f[3] = (1.0 + r as f64).ln();
            f[1] = if s_max > 0.0 { f[0] / s_max } else { 0.0 };
            f[2] = f[0] - s_max;
            f
        })
        .collect()
}

/// One query's (s1, margin, top-1 right) as scored, and (s1, margin) without its right answers.
type Top1Row = ((f64, f64, bool), (f64, f64));

/// Per query: its [`Top1Row`].
fn top1_rows(model: &LinearModel, examples: &[Example]) -> Vec<Top1Row> {
    examples
        .iter()
        .map(|e| {
            let s: Vec<f64> = e.rows.iter().map(|f| model.score(f)).collect();
            let best = (0..s.len()).fold(None, |b: Option<usize>, i| match b {
                Some(j) if s[j] >= s[i] => Some(j),
                _ => Some(i),
            });
            let (s1, m1) = top_two(&s);
            let right = best.is_some_and(|i| e.labels[i]);
            let gone: Vec<f64> = without_gold(e).iter().map(|f| model.score(f)).collect();
            let (s2, m2) = top_two(&gone);
            ((s1, m1, right), (s2, m2))
        })
        .collect()
}

/// Fits a model: pairwise weights on every example, and the calibrator on out-of-fold top-1
/// results (fold = example index mod `FOLDS`) with their gold-removed twins as negatives.
pub fn fit(examples: &[Example], names: &[&str]) -> LinearModel {
    let mut model = model_of(names, fit_pairwise(examples, names));
    let mut rows: Vec<(Vec<f64>, f64, f64)> = Vec::new();
    for k in 0..FOLDS {
        let train: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != k)
            .map(|(_, e)| e.clone())
            .collect();
        let held: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS == k)
            .map(|(_, e)| e.clone())
            .collect();
        let fold_model = model_of(names, fit_pairwise(&train, names));
        for ((s1, m1, right), (s2, m2)) in top1_rows(&fold_model, &held) {
            rows.push((vec![s1, m1], f64::from(u8::from(right)), 1.0));
            rows.push((vec![s2, m2], 0.0, 1.0));
        }
    }
    let c = logistic(&rows, 2, C_CALIBRATOR, true);
    model.calibrator = [c[0], c[1], c[2]];
    model
}

/// MAP@5 of a model on examples: 1/rank of the first right answer in the top five.
pub fn map_at_5(model: &LinearModel, examples: &[Example]) -> f64 {
    if examples.is_empty() {
        return 0.0;
    }
    let total: f64 = examples
        .iter()
        .map(|e| {
            let mut order: Vec<usize> = (0..e.rows.len()).collect();
            let s: Vec<f64> = e.rows.iter().map(|f| model.score(f)).collect();
            order.sort_by(|a, b| s[*b].total_cmp(&s[*a]));
            order
                .iter()
                .take(5)
                .position(|i| e.labels[*i])
                .map_or(0.0, |r| 1.0 / (r + 1) as f64)
        })
        .sum();
    total / examples.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_solves_a_small_system() {
        let a = vec![vec![4.0, 2.0], vec![2.0, 3.0]];
        let x = solve(&a, &[2.0, 1.0]).unwrap_or_default();
        assert!((4.0 * x[0] + 2.0 * x[1] - 2.0).abs() < 1e-12);
        assert!((2.0 * x[0] + 3.0 * x[1] - 1.0).abs() < 1e-12);
    }

    /// Queries whose right answer has the higher word similarity: the model must learn a
    /// positive weight on it and rank the right answer first.
    #[test]
    fn the_pairwise_model_learns_what_separates_right_from_wrong() {
        let mut examples = Vec::new();
        for i in 0..40 {
            let jitter = f64::from(i % 7) / 10.0;
            let mut right = [0.0; 13];
            let mut wrong = [0.0; 13];
            right[0] = 5.0 + jitter;
            wrong[0] = 6.0 - jitter;
            right[4] = 0.6 + jitter / 10.0;
            wrong[4] = 0.2;
            examples.push(Example {
                rows: vec![wrong, right],
                labels: vec![false, true],
                ranks: vec![0, 1],
            });
        }
        let names = ["bm25_all", "char_cos"];
        let m = fit(&examples, &names);
        assert!(m.weights[1] > 0.0, "{:?}", m.weights);
        assert!((map_at_5(&m, &examples) - 1.0).abs() < 1e-12);
        // The calibrator must give a right top-1 a higher probability than a gold-removed one.
        let s = |f: &Features| m.score(f);
        let p_right = m.top1_probability(
            s(&examples[0].rows[1]),
            s(&examples[0].rows[1]) - s(&examples[0].rows[0]),
        );
        let p_alone = m.top1_probability(s(&examples[0].rows[0]), 0.0);
        assert!(p_right > p_alone);
        // Deterministic.
        assert_eq!(fit(&examples, &names).weights, m.weights);
    }
}
