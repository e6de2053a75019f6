//! The hand-made gold the extractor is trained and scored on (`*.expected.json`, the format of
//! `shared/corpus` and `shared/fixtures/articles`), and the matching rule that decides which
//! annotated claim a unit of text carries. Parsing only: reading the files is the caller's job.

use serde::Deserialize;

/// One article's gold: its claims and the sentences that are not claims.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Annotations {
    pub claims: Vec<AnnotatedClaim>,
    #[serde(default)]
    pub not_claims: Vec<String>,
}

/// A claim as annotated: its kind, a key phrase unique in the file, the whole sentence it comes
/// from (absent in a headline claim, and in the older fixture format), and what it asserts.
#[derive(Clone, Debug, Deserialize)]
pub struct AnnotatedClaim {
    pub kind: String,
    pub quote_contains: String,
    #[serde(default)]
    pub sentence: Option<String>,
    /// `"headline"` for a claim in the article's first line.
    #[serde(default, rename = "where")]
    pub location: Option<String>,
    #[serde(default)]
    pub figures: Vec<AnnotatedFigure>,
    #[serde(default)]
    pub claimant: Option<Vec<String>>,
    #[serde(default)]
    pub target: Option<Vec<String>>,
    #[serde(default)]
    pub hedged: Option<bool>,
}

/// A figure as annotated.
#[derive(Clone, Debug, Deserialize)]
pub struct AnnotatedFigure {
    pub value: f64,
    pub qualifier: String,
    pub category: String,
}

impl Annotations {
    /// Parses an `*.expected.json` document.
    ///
    /// # Errors
    /// The JSON error when the document is not in the annotation format.
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl AnnotatedClaim {
    /// The stretch of the article this claim was annotated in: its sentence, or for a headline
    /// claim the article's first line.
    pub fn sentence_in<'a>(&'a self, article: &'a str) -> Option<&'a str> {
        if self.location.as_deref() == Some("headline") {
            return article.lines().next().map(str::trim);
        }
        self.sentence.as_deref()
    }

    /// The corpus's matching rule, kind aside: `quote` holds the key phrase (ignoring case), or
    /// lies within the annotated sentence, or holds it.
    pub fn matches_quote(&self, quote: &str, article: &str) -> bool {
        let q = quote.to_lowercase();
        if q.contains(&self.quote_contains.to_lowercase()) {
            return true;
        }
        let Some(sentence) = self.sentence_in(article) else {
            return false;
        };
        let s = sentence.to_lowercase();
        !q.trim().is_empty() && (s.contains(q.trim()) || q.contains(&s))
    }
}
