//! The in-memory retrieval index over known fact-checks: exact BM25 (k1 1.2, b 0.75) over one
//! field (claim + title + subtitle), candidates for a query (the top K, plus the fact-checks
//! published in a window around a dated query), and character n-gram TF-IDF cosine. Pure: it is
//! built and kept current from the database by `engine`, which is the truth.
//!
//! Why not tantivy: its BM25 quantises field lengths into 256 buckets, which moves MAP@5 by about
//! ±0.005 on the evaluation, and the method wants one query term per distinct word; an exact
//! in-memory index is small (one field, about 40 terms a fact-check), reproduces the reference
//! scores to the last digits, and answers in well under a millisecond at 15,000 fact-checks
//! (numbers in BENCHMARKS.md).

use std::collections::HashMap;

use uuid::Uuid;

use super::text;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Character n-gram document frequencies live in 2^22 hashed buckets (16 MB): memory stays
/// bounded at a million fact-checks, and collisions are rare enough not to move the cosine.
const CHAR_BUCKET_BITS: u32 = 22;

/// What the index needs of a fact-check.
#[derive(Clone, Debug, PartialEq)]
pub struct DocInput {
    /// The fact-check's id: an imported review's, or our own published claim's.
    pub key: Uuid,
    /// Ours (a claim published here), or imported from another organisation.
    pub ours: bool,
    /// The claim reviewed.
    pub claim: String,
    /// The fact-check's headline (`name`).
    pub title: String,
    /// Its standfirst (`description`).
    pub subtitle: String,
    /// Its publication date, as days since 1970-01-01.
    pub date: Option<i32>,
}

/// A fact-check as the index holds it.
#[derive(Clone, Debug)]
pub struct Doc {
    pub key: Uuid,
    pub ours: bool,
    pub live: bool,
    /// Number of terms in claim + title + subtitle.
    pub len: u32,
    pub date: Option<i32>,
    /// Claim or title speaks of a picture or video.
    pub media: bool,
    /// Claim + title, for the character n-grams.
    pub char_text: Box<str>,
    /// Its distinct terms with their counts.
    terms: Box<[(u32, u32)]>,
}

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    tf: u32,
}

/// A first-stage candidate: a document slot, its BM25 score and its 0-based rank among all
/// fact-checks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub doc: u32,
    pub bm25: f64,
    pub rank: usize,
}

/// How candidates are chosen.
#[derive(Clone, Copy, Debug)]
pub struct CandidateRule {
    /// The top K by BM25.
    pub k: usize,
    /// For a dated query, fact-checks published from `window.0` to `window.1` days after it
    /// that share a term, added after the top K, best first ...
    pub window: (i32, i32),
    /// ... at most this many.
    pub window_max: usize,
}

/// The index. Documents keep their slot when removed (marked dead) until `compact`.
#[derive(Clone, Debug)]
pub struct Index {
    docs: Vec<Doc>,
    by_key: HashMap<Uuid, u32>,
    terms: HashMap<Box<str>, u32>,
    postings: Vec<Vec<Posting>>,
    df: Vec<u32>,
    char_df: Vec<u32>,
    live: u32,
    total_len: u64,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            docs: Vec::new(),
            by_key: HashMap::new(),
            terms: HashMap::new(),
            postings: Vec::new(),
            df: Vec::new(),
            char_df: vec![0; 1 << CHAR_BUCKET_BITS],
            live: 0,
            total_len: 0,
        }
    }
}

fn bucket(hash: u64) -> usize {
    // The top bits: FNV's low bits mix worst.
    usize::try_from(hash >> (64 - CHAR_BUCKET_BITS)).unwrap_or(0)
}

impl Index {
    /// The number of live fact-checks.
    pub fn len(&self) -> usize {
        self.live as usize
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn doc(&self, slot: u32) -> Option<&Doc> {
        self.docs.get(slot as usize)
    }

    pub fn slot_of(&self, key: Uuid) -> Option<u32> {
        self.by_key.get(&key).copied()
    }

    /// The keys of our own live fact-checks.
    pub fn own_keys(&self) -> Vec<Uuid> {
        self.docs
            .iter()
            .filter(|d| d.live && d.ours)
            .map(|d| d.key)
            .collect()
    }

    /// The distinct terms of a document.
    pub fn doc_terms(&self, slot: u32) -> impl Iterator<Item = u32> + '_ {
        self.docs
            .get(slot as usize)
            .into_iter()
            .flat_map(|d| d.terms.iter().map(|(t, _)| *t))
    }

    /// The id of a term, if any fact-check has it.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.get(term).copied()
    }

    /// Whether the index already holds this fact-check as given (claim, title and date; the
    /// subtitle is not kept, so callers use it for documents without one).
    pub fn holds(&self, input: &DocInput) -> bool {
        self.slot_of(input.key)
            .and_then(|s| self.doc(s))
            .is_some_and(|d| {
                d.live
                    && d.ours == input.ours
                    && d.date == input.date
                    && *d.char_text == *format!("{} {}", input.claim, input.title)
            })
    }

    /// Adds a fact-check, replacing the one with the same key.
    pub fn upsert(&mut self, input: &DocInput) {
        self.remove(input.key);
        let all = format!("{} {} {}", input.claim, input.title, input.subtitle);
        let tokens = text::tokenize(&all);
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for t in &tokens {
            let id = match self.terms.get(t.as_str()) {
                Some(id) => *id,
                None => {
                    let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                    self.terms.insert(t.as_str().into(), id);
                    self.postings.push(Vec::new());
                    self.df.push(0);
                    id
                }
            };
            *counts.entry(id).or_default() += 1;
        }
        let slot = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        let mut terms: Vec<(u32, u32)> = counts.into_iter().collect();
        terms.sort_unstable();
        for &(t, tf) in &terms {
            self.postings[t as usize].push(Posting { doc: slot, tf });
            self.df[t as usize] += 1;
        }
        let char_text = format!("{} {}", input.claim, input.title);
        for (g, _) in text::char_ngrams(&char_text) {
            self.char_df[bucket(g)] += 1;
        }
        let len = u32::try_from(tokens.len()).unwrap_or(u32::MAX);
        self.docs.push(Doc {
            key: input.key,
            ours: input.ours,
            live: true,
            len,
            date: input.date,
            media: text::mentions_media(&char_text),
            char_text: char_text.into_boxed_str(),
            terms: terms.into_boxed_slice(),
        });
        self.by_key.insert(input.key, slot);
        self.live += 1;
        self.total_len += u64::from(len);
    }

    /// Removes a fact-check; unknown keys are ignored.
    pub fn remove(&mut self, key: Uuid) {
        let Some(slot) = self.by_key.remove(&key) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(slot as usize) else {
            return;
        };
        doc.live = false;
        let (terms, char_text, len) = (doc.terms.clone(), doc.char_text.clone(), doc.len);
        for (t, _) in terms.iter() {
            self.df[*t as usize] = self.df[*t as usize].saturating_sub(1);
        }
        for (g, _) in text::char_ngrams(&char_text) {
            let b = bucket(g);
            self.char_df[b] = self.char_df[b].saturating_sub(1);
        }
        self.live = self.live.saturating_sub(1);
        self.total_len = self.total_len.saturating_sub(u64::from(len));
        // Dead postings cost time at every query: rebuild once they are a quarter of the index.
        if self.docs.len() > 1024 && (self.live as usize) < self.docs.len() * 3 / 4 {
            self.compact();
        }
    }

    /// Rebuilds the postings without dead documents.
    pub fn compact(&mut self) {
        let mut remap: Vec<u32> = vec![u32::MAX; self.docs.len()];
        let mut docs = Vec::with_capacity(self.live as usize);
        for (i, d) in std::mem::take(&mut self.docs).into_iter().enumerate() {
            if d.live {
                remap[i] = u32::try_from(docs.len()).unwrap_or(u32::MAX);
                docs.push(d);
            }
        }
        for list in &mut self.postings {
            list.retain_mut(|p| {
                let to = remap[p.doc as usize];
                p.doc = to;
                to != u32::MAX
            });
        }
        self.by_key = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.key, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        self.docs = docs;
    }

    fn idf(&self, df: u32) -> f64 {
        let n = f64::from(self.live);
        let df = f64::from(df);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 of every fact-check sharing a term with the query (each distinct term counted
    /// once), as (slot, score) in slot order.
    pub fn bm25(&self, query_terms: &[String]) -> Vec<(u32, f64)> {
        if self.live == 0 {
            return Vec::new();
        }
        let avgdl = self.total_len as f64 / f64::from(self.live);
        let mut ids: Vec<u32> = query_terms
            .iter()
            .filter_map(|t| self.terms.get(t.as_str()).copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut scores: Vec<f64> = vec![0.0; self.docs.len()];
        let mut touched: Vec<u32> = Vec::new();
        for t in ids {
            let df = self.df[t as usize];
            if df == 0 {
                continue;
            }
            let idf = self.idf(df);
            for p in &self.postings[t as usize] {
                let d = &self.docs[p.doc as usize];
                if !d.live {
                    continue;
                }
                let tf = f64::from(p.tf);
                let norm = K1 * (1.0 - B + B * f64::from(d.len) / avgdl);
                let s = &mut scores[p.doc as usize];
                if *s == 0.0 {
                    touched.push(p.doc);
                }
                *s += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        touched.sort_unstable();
        touched
            .into_iter()
            .map(|d| (d, scores[d as usize]))
            .collect()
    }

    /// The candidates of a query: the top `rule.k` by BM25 (ties in slot order), then for a
    /// dated query (days since 1970) the window's fact-checks that share a term and are not
    /// already in, best first, at most `rule.window_max`. Each keeps its rank among all.
    pub fn candidates(
        &self,
        query_terms: &[String],
        date: Option<i32>,
        rule: CandidateRule,
    ) -> Vec<Candidate> {
        let scored = self.bm25(query_terms);
        // Higher score first, then lower slot: the reference's stable order.
        let before = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let mut top: Vec<(u32, f64)> = scored.clone();
        if top.len() > rule.k {
            top.select_nth_unstable_by(rule.k, before);
            top.truncate(rule.k);
        }
        top.sort_unstable_by(before);
        let mut out: Vec<Candidate> = top
            .iter()
            .enumerate()
            .map(|(rank, &(doc, bm25))| Candidate { doc, bm25, rank })
            .collect();
        let Some(day) = date else {
            return out;
        };
        let in_top: std::collections::HashSet<u32> = top.iter().map(|c| c.0).collect();
        let mut window: Vec<(u32, f64)> = scored
            .iter()
            .copied()
            .filter(|(d, s)| {
                *s > 0.0
                    && !in_top.contains(d)
                    && self.docs[*d as usize].date.is_some_and(|dd| {
                        let diff = dd - day;
                        diff >= rule.window.0 && diff <= rule.window.1
                    })
            })
            .collect();
        window.sort_unstable_by(before);
        window.truncate(rule.window_max);
        if window.is_empty() {
            return out;
        }
        // Each window document's rank among all: how many scored documents come before it.
        // `window` is sorted best first, so the window documents a scored document comes before
        // are a suffix of it: count suffix starts, then add them up.
        let mut starts = vec![0usize; window.len() + 1];
        for s in &scored {
            let first_after = window.partition_point(|w| before(s, w) != std::cmp::Ordering::Less);
            starts[first_after] += 1;
        }
        let mut preceding = 0;
        out.extend(window.iter().zip(starts).map(|(&(doc, bm25), n)| {
            preceding += n;
            Candidate {
                doc,
                bm25,
                rank: preceding,
            }
        }));
        out
    }

    /// The L2-normalised character n-gram TF-IDF vector of a text, sorted by n-gram hash.
    pub fn char_vector(&self, grams: &[(u64, u32)]) -> Vec<(u64, f64)> {
        let n = f64::from(self.live);
        let mut v: Vec<(u64, f64)> = grams
            .iter()
            .map(|&(g, tf)| {
                let df = f64::from(self.char_df[bucket(g)]);
                let idf = ((1.0 + n) / (1.0 + df)).ln() + 1.0;
                (g, (1.0 + f64::from(tf).ln()) * idf)
            })
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, x) in &mut v {
                *x /= norm;
            }
        }
        v
    }

    /// The cosine between a query's character vector and a document's.
    pub fn char_cosine(&self, query: &[(u64, f64)], slot: u32) -> f64 {
        let Some(d) = self.docs.get(slot as usize) else {
            return 0.0;
        };
        let dv = self.char_vector(&text::char_ngrams(&d.char_text));
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < query.len() && j < dv.len() {
            match query[i].0.cmp(&dv[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += query[i].1 * dv[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: u128, claim: &str, date: Option<i32>) -> DocInput {
        DocInput {
            key: Uuid::from_u128(n),
            ours: false,
            claim: claim.into(),
            title: String::new(),
            subtitle: String::new(),
            date,
        }
    }

    fn terms(s: &str) -> Vec<String> {
        text::tokenize(s)
    }

    #[test]
    fn bm25_follows_the_formula() {
        let mut ix = Index::default();
        ix.upsert(&doc(1, "river floods the town", None));
        ix.upsert(&doc(2, "town council meets", None));
        ix.upsert(&doc(3, "a quiet day", None));
        let s = ix.bm25(&terms("flood flood town"));
        // N = 3; "flood" df 1, "town" df 2; lengths 3, 3, 2 (stopwords out), avgdl 8/3.
        let idf = |df: f64| (1.0 + (3.0 - df + 0.5) / (df + 0.5)).ln();
        let part = |dl: f64| 2.2 / (1.0 + 1.2 * (0.25 + 0.75 * dl / (8.0 / 3.0)));
        assert_eq!(s.len(), 2);
        assert!((s[0].1 - (idf(1.0) + idf(2.0)) * part(3.0)).abs() < 1e-12);
        assert!((s[1].1 - idf(2.0) * part(3.0)).abs() < 1e-12);
    }

    #[test]
    fn candidates_take_the_top_k_then_the_date_window_with_true_ranks() {
        let mut ix = Index::default();
        ix.upsert(&doc(1, "bridge closed bridge", Some(100)));
        ix.upsert(&doc(2, "bridge closed", Some(10)));
        ix.upsert(&doc(3, "bridge", Some(101)));
        ix.upsert(&doc(4, "nothing shared", Some(100)));
        let rule = CandidateRule {
            k: 1,
            window: (-1, 14),
            window_max: 20,
        };
        let c = ix.candidates(&terms("bridge closed"), Some(99), rule);
        let slots: Vec<(u32, usize)> = c.iter().map(|c| (c.doc, c.rank)).collect();
        // Doc 2 (slot 1) is best (shorter); slot 0 is in the window at rank 1, slot 2 at rank 2;
        // slot 3 shares no term and never enters.
        assert_eq!(slots, [(1, 0), (0, 1), (2, 2)]);
        let c = ix.candidates(&terms("bridge closed"), None, rule);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn removing_and_replacing_keep_the_statistics_exact() {
        let mut ix = Index::default();
        ix.upsert(&doc(1, "river floods", None));
        ix.upsert(&doc(2, "bridge closed", None));
        let before = ix.bm25(&terms("bridge"));
        ix.upsert(&doc(3, "storm", None));
        ix.remove(Uuid::from_u128(3));
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.bm25(&terms("bridge")), before);
        ix.upsert(&doc(2, "bridge reopened", None));
        assert_eq!(ix.len(), 2);
        let s = ix.bm25(&terms("bridge"));
        assert_eq!(s.len(), 1);
        assert_eq!(ix.doc(s[0].0).map(|d| d.key), Some(Uuid::from_u128(2)));
        ix.compact();
        assert_eq!(ix.bm25(&terms("bridge")).len(), 1);
        assert_eq!(ix.slot_of(Uuid::from_u128(2)), Some(1));
    }

    #[test]
    fn char_cosine_is_one_for_the_same_text_and_zero_for_nothing_shared() {
        let mut ix = Index::default();
        ix.upsert(&doc(1, "Flooded bridge", None));
        ix.upsert(&doc(2, "zzz", None));
        let q = ix.char_vector(&text::char_ngrams("flooded bridge"));
        assert!((ix.char_cosine(&q, 0) - 1.0).abs() < 1e-12);
        assert_eq!(ix.char_cosine(&q, 1), 0.0);
    }
}
