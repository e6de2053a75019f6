//! The claim extractor: pure, deterministic, no I/O. Given an article's text it finds the
//! check-worthy claims, types them, reads their figures and actors, and anchors each to its exact
//! span (Unicode code points) of the text it was given.
//!
//! Rules do what is exact — segmentation, spans, figures, noun phrases, the cues of news
//! writing (reporting verbs, hedges, qualifiers, attribution phrases) — and a small learned
//! linear model (`model`, trained by `learn` from annotated real reporting) weighs those cues
//! with the sentence's words to decide which kinds of claim each sentence carries. It is
//! deterministic, runs at tens of megabytes a second, and takes time linear in its input.

mod actors;
pub mod annotations;
mod claimant;
mod detectors;
mod features;
mod figures;
pub mod layout;
pub mod learn;
pub use actors::actor_kind;
pub(crate) mod lexicon;
pub mod model;
mod quotes;
mod scoring;
mod segment;
mod tokens;

use crate::domain::{ExtractedClaim, Span};

/// How many code points of context the TextQuote selector keeps on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Finds the claims in `text`. Spans are `[start, end)` code-point offsets into `text` itself,
/// and `quote` always equals that slice of `text`.
pub fn extract_claims(text: &str) -> Vec<ExtractedClaim> {
    extract_claims_with(text, model::builtin())
}

/// Finds the claims in `text` with a given model (the evaluation trains its own for each
/// held-out event); an untrained model leaves the rules to decide alone.
pub fn extract_claims_with(text: &str, model: &model::Model) -> Vec<ExtractedClaim> {
    let lower = text.to_ascii_lowercase();
    let (readings, mut registry) = scoring::read(text, &lower);
    let found = scoring::decide(text, &readings, &mut registry, model);
    anchor(text, found)
}

/// The figures in a stretch of text read as one sentence (for a claim a reviewer marked or
/// split by hand).
pub fn figures_in(text: &str) -> Vec<crate::domain::Figure> {
    let toks = tokens::tokenize(text, 0, text.len());
    figures::figures(text, &toks, false)
}

/// Turns byte ranges into code-point spans with prefix and suffix, in one pass over the text.
fn anchor(text: &str, found: Vec<scoring::Found>) -> Vec<ExtractedClaim> {
    let mut out = Vec::with_capacity(found.len());
    // Claims come in text order (the claims of one unit share its span), so one running cursor
    // converts every offset, stepping back at most over one unit.
    let mut cursor_byte = 0usize;
    let mut cursor_char = 0usize;
    let mut to_char = |byte: usize| -> usize {
        if byte < cursor_byte {
            cursor_char -= text[byte..cursor_byte].chars().count();
        } else {
            cursor_char += text[cursor_byte..byte].chars().count();
        }
        cursor_byte = byte;
        cursor_char
    };
    for f in found {
        let start = to_char(f.start);
        let end = to_char(f.end);
        let prefix_from = text[..f.start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_to = text[f.end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| f.end + i);
        out.push(ExtractedClaim {
            kind: f.kind,
            quote: text[f.start..f.end].to_owned(),
            span: Span { start, end },
            prefix: text[prefix_from..f.start].to_owned(),
            suffix: text[f.end..suffix_to].to_owned(),
            figures: f.figures,
            claimant: f.claimant,
            target: f.target,
            hedged: f.hedged,
            checkworthiness: f.checkworthiness,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_span_matches_its_quote_even_with_multibyte_text() {
        let text =
            "Café «Zürich» — Police said 12 people were killed in Kraków. Officials denied it.";
        let claims = extract_claims(text);
        assert!(!claims.is_empty());
        let chars: Vec<char> = text.chars().collect();
        for c in &claims {
            let slice: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(slice, c.quote);
            assert!(text.contains(&format!("{}{}{}", c.prefix, c.quote, c.suffix)));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// No input, however malformed, panics or yields a span that differs from its quote.
        #[test]
        fn any_text_gives_exact_spans(text in "(\\PC|[ .,;:!?\"'()\n-]|U\\.S\\.|[0-9]{1,4}|at least |killed |said |denied |\\(ISIS\\) ){0,80}") {
            let chars: Vec<char> = text.chars().collect();
            for c in extract_claims(&text) {
                proptest::prop_assert!(c.span.start <= c.span.end && c.span.end <= chars.len());
                let slice: String = chars[c.span.start..c.span.end].iter().collect();
                proptest::prop_assert_eq!(slice, c.quote);
                proptest::prop_assert!((0.0..=1.0).contains(&c.checkworthiness));
            }
        }
    }

    #[test]
    fn empty_and_blank_text_have_no_claims() {
        assert!(extract_claims("").is_empty());
        assert!(extract_claims(" \n\n\t ").is_empty());
    }
}
