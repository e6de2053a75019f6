//! An article as the tracer takes it: where and when it was published, its text, and the claims
//! found in it; and reading one from an article file (the corpus and fixture layouts).

use chrono::NaiveDateTime;

use crate::domain::{ActorRef, ClaimKind, ExtractedClaim, Figure};
use crate::extract::layout;

/// One claim of an article, as the extractor (or a reviewer) gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimInput {
    pub kind: ClaimKind,
    /// The words the claim is anchored to.
    pub quote: String,
    /// Byte offset of the quote in the article's body (orders claims and finds their sentence).
    pub start: usize,
    pub figures: Vec<Figure>,
    pub claimant: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub hedged: bool,
}

impl ClaimInput {
    /// A claim from the extractor's output for `body`. The extractor's spans count code points;
    /// this keeps a byte offset.
    pub fn from_extracted(body: &str, c: &ExtractedClaim) -> Self {
        let start = body
            .char_indices()
            .nth(c.span.start)
            .map_or(body.len(), |(i, _)| i);
        ClaimInput {
            kind: c.kind,
            quote: c.quote.clone(),
            start,
            figures: c.figures.clone(),
            claimant: c.claimant.clone(),
            target: c.target.clone(),
            hedged: c.hedged,
        }
    }
}

/// An article: its key (a file name or a stored id), outlet, publication time and body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleInput {
    pub key: String,
    pub publisher: Option<String>,
    /// The dateline's local time; `None` when the article has none.
    pub published: Option<NaiveDateTime>,
    /// The text claims are anchored in; the headline, when there is one, is its first paragraph.
    pub body: String,
    /// Where the headline ends in `body` (0 when there is none).
    pub headline_end: usize,
    pub claims: Vec<ClaimInput>,
}

impl ArticleInput {
    /// Reads an article file's text without its claims: the header lines (headline, publisher,
    /// `DD/MM/YYYY HHhMM` dateline, and in the corpus layout the page's address on the line after
    /// the dateline) become metadata, and the body starts with the headline.
    pub fn read(key: &str, raw: &str) -> Self {
        let composed = layout::compose(raw);
        let mut body = composed.body;
        let mut headline_end = 0;
        if let Some(title) = &composed.title {
            if composed.published_local.is_some() {
                // The corpus layout puts the page's address after the dateline: it is furniture.
                let rest = body[title.len()..].trim_start();
                let first = rest.lines().next().unwrap_or_default().trim();
                if is_address(first) {
                    let after = rest[rest.find(first).unwrap_or(0) + first.len()..].trim_start();
                    body = format!("{title}\n\n{after}");
                }
            }
            if body.starts_with(title.as_str()) {
                headline_end = title.len();
            }
        }
        ArticleInput {
            key: key.to_owned(),
            publisher: composed.publisher,
            published: composed.published_local,
            body,
            headline_end,
            claims: Vec::new(),
        }
    }

    /// Reads an article file and finds its claims with the extractor.
    pub fn read_and_extract(key: &str, raw: &str) -> Self {
        Self::read_and_extract_with(key, raw, crate::extract::model::builtin())
    }

    /// `read_and_extract` with another extraction model (one trained without the event it
    /// reads, to measure the two together on events the extractor has never seen).
    pub fn read_and_extract_with(
        key: &str,
        raw: &str,
        model: &crate::extract::model::Model,
    ) -> Self {
        let mut a = Self::read(key, raw);
        a.claims = crate::extract::extract_claims_with(&a.body, model)
            .iter()
            .map(|c| ClaimInput::from_extracted(&a.body, c))
            .collect();
        a
    }

    /// The title line, when the article has one.
    pub fn headline(&self) -> &str {
        &self.body[..self.headline_end]
    }
}

fn is_address(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
        && !line.contains(' ')
}

/// The byte range of the sentence (or headline, or standfirst line) around `[start, end)` of
/// `body`: from the end of the previous sentence to the end of the last one the range touches.
/// A sentence ends at a line break, or at `.`, `!` or `?` (closing quotes and brackets
/// included) followed by a space and a capital, a digit or an opening quote, unless the word
/// before the stop is an initial or a short title ("Mr.", "U.S.").
pub fn sentence_around(body: &str, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(body.len());
    let end = end.clamp(start, body.len());
    let bounds = boundaries(body);
    let s = bounds
        .iter()
        .copied()
        .filter(|&b| b <= start)
        .max()
        .unwrap_or(0);
    let e = bounds
        .iter()
        .copied()
        .find(|&b| b >= end && b > s)
        .unwrap_or(body.len());
    let text = &body[s..e];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    (s + lead, (e - trail).max(s + lead))
}

/// Byte offsets where sentences end (just after the stop and closing marks).
fn boundaries(body: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut out = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c == '\n' {
            out.push(at);
            continue;
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')') {
            j += 1;
        }
        let end = chars.get(j).map_or(body.len(), |&(b, _)| b);
        if j >= chars.len() {
            out.push(end);
            continue;
        }
        if !chars[j].1.is_whitespace() {
            continue;
        }
        let next = chars[j..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        let opens = next.is_none_or(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '\u{201c}' | '\'' | '\u{2018}')
        });
        if !opens || c != '.' {
            if opens {
                out.push(end);
            }
            continue;
        }
        // The word before the full stop: an initial ("J."), "U.S." or a short title is no end.
        let word: String = chars[..i]
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .take_while(|c| !c.is_whitespace())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let abbreviation = letters == 1
            || word.contains('.')
            || matches!(
                word.as_str(),
                "Mr" | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "St"
                    | "Gen"
                    | "Lt"
                    | "Col"
                    | "Sgt"
                    | "Rev"
                    | "Prof"
                    | "Gov"
                    | "Sen"
                    | "Rep"
                    | "No"
                    | "Jr"
                    | "Sr"
            );
        if !abbreviation {
            out.push(end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_corpus_layout_and_drops_the_page_address() {
        let raw = "Storm floods the valley\nValley Times\n02/03/2021 10h15\nhttps://valley.example/a\n\nRivers rose overnight. Two bridges closed.\n";
        let a = ArticleInput::read("x.txt", raw);
        assert_eq!(a.publisher.as_deref(), Some("Valley Times"));
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2021-03-02 10:15:00")
        );
        assert_eq!(a.headline(), "Storm floods the valley");
        assert!(!a.body.contains("https://"));
        assert!(a.body.ends_with("Two bridges closed."));
    }

    #[test]
    fn reads_the_fixture_layout() {
        let raw = "A headline\n\nhttps://img.example/x.jpg\nDaily Paper\nWorld\n26/03/2024 18h43\n\nBody starts here.";
        let a = ArticleInput::read("y.txt", raw);
        assert_eq!(a.headline(), "A headline");
        assert_eq!(a.publisher.as_deref(), Some("Daily Paper"));
        assert!(a.body.ends_with("Body starts here."));
    }

    #[test]
    fn sentences_survive_initials_and_titles() {
        let body = "Headline here\n\nMr. J. Smith told U.S. officials that 12 died. Police said \"no\". Next one.";
        let at = body.find("12 died").unwrap_or(0);
        let (s, e) = sentence_around(body, at, at + 2);
        assert_eq!(
            &body[s..e],
            "Mr. J. Smith told U.S. officials that 12 died."
        );
        let at = body.find("no").unwrap_or(0);
        let (s, e) = sentence_around(body, at, at + 2);
        assert_eq!(&body[s..e], "Police said \"no\".");
        let (s, e) = sentence_around(body, 0, 3);
        assert_eq!(&body[s..e], "Headline here");
    }
}
