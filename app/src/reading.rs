//! Reading an article: the one path from a text as it was given (pasted, uploaded, posted to the
//! API, or named on the command line) to its claims. The layout's header lines become details
//! (headline, publisher, dateline), the rest is the article's text (the body ingest stores and
//! claims are anchored in), and the extractor reads that text. Ingest, extract-again,
//! `claimtrail extract` and `POST /api/v1/extract` all read through here, so they find the same
//! claims; the last two report them in the text they were given. Pure: no I/O.

use chrono::NaiveDateTime;

use crate::domain::{ExtractedClaim, Span};
use crate::extract;

/// An article read from the text given: its details and its text, before claims are extracted
/// (extraction is the costly step, so a caller can look for a stored copy of the text first).
#[derive(Clone, Debug)]
pub struct Reading<'a> {
    given: &'a str,
    pub title: Option<String>,
    pub image_url: Option<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub published_local: Option<NaiveDateTime>,
    /// The article's address, when the header gives it.
    pub url: Option<String>,
    /// The article's text: what is stored, and what claims' spans index.
    pub body: String,
}

/// Reads the layout of `given` (see `extract::layout`): header lines become details, and the
/// headline stays the text's first paragraph, because headlines carry claims too.
pub fn read(given: &str) -> Reading<'_> {
    let composed = extract::layout::compose(given);
    Reading {
        given,
        title: composed.title,
        image_url: composed.image_url,
        publisher: composed.publisher,
        section: composed.section,
        published_local: composed.published_local,
        url: composed.url,
        body: composed.body,
    }
}

/// The claims of a stored article's text (extract-again): the text was read when the article
/// was ingested, so it is not read again, and spans index it as before.
pub fn claims_of_stored_text(body: &str) -> Vec<ExtractedClaim> {
    extract::extract_claims(body)
}

/// The claims of `given` as ingest would find them, with spans, quotes and context in `given`
/// itself (`claimtrail extract`, `POST /api/v1/extract`).
pub fn claims_in(given: &str) -> Vec<ExtractedClaim> {
    read(given).claims_in_given_text()
}

impl Reading<'_> {
    /// The claims of the article, with spans in `body`.
    pub fn claims(&self) -> Vec<ExtractedClaim> {
        extract::extract_claims(&self.body)
    }

    /// The same claims, with spans, quotes and context in the text given. Only the quote's
    /// place changes: kind, figures, actors, hedging and check-worthiness are the body's.
    pub fn claims_in_given_text(&self) -> Vec<ExtractedClaim> {
        let claims = self.claims();
        match Origin::of(self.given, &self.body) {
            Some(origin) => origin.map_back(self.given, claims),
            // The layout no longer composes the text as `Origin` expects (a test fails then):
            // the claims of the text as given still index it exactly.
            None => extract::extract_claims(self.given),
        }
    }
}

/// Where each character of the body comes from in the text given. The body is the normalised
/// text (byte-order marks dropped, `\r\n` and `\r` made `\n`) trimmed, or, when the layout has
/// a header, its headline, a blank line, and the trimmed text after the dateline.
struct Origin {
    /// Runs copied from the normalised text: (body char, normalised char, length in chars),
    /// in order. Body text between runs was added (the blank line after the headline).
    runs: Vec<(usize, usize, usize)>,
    /// Leading byte-order marks of the text given, in chars.
    marks: usize,
    /// Normalised char positions of the `\n` of each `\r\n` (whose `\r` was dropped), in order.
    dropped: Vec<usize>,
}

impl Origin {
    /// The origin of `body`, if the layout composed it from `given` as described above.
    fn of(given: &str, body: &str) -> Option<Origin> {
        let unmarked = given.trim_start_matches('\u{feff}');
        let marks = given[..given.len() - unmarked.len()].chars().count();
        let mut dropped = Vec::new();
        let mut at = 0;
        let mut chars = unmarked.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                dropped.push(at);
            } else {
                at += 1;
            }
        }
        let text = unmarked.replace("\r\n", "\n").replace('\r', "\n");
        let layout = extract::layout::parse(&text);
        let lead = |s: &str| s.len() - s.trim_start().len();
        // Runs in bytes first: (body byte, text byte, length in bytes).
        let byte_runs: Vec<(usize, usize, usize)> = if layout.body_start == 0 {
            vec![(0, lead(&text), text.trim().len())]
        } else {
            let after = &text[layout.body_start..];
            let rest = (layout.body_start + lead(after), after.trim().len());
            match (&layout.title, layout.title_at) {
                (Some(t), Some((at, _))) => {
                    vec![(0, at, t.len()), (t.len() + 2, rest.0, rest.1)]
                }
                _ => vec![(0, rest.0, rest.1)],
            }
        };
        let mut end = 0;
        for &(b, t, n) in &byte_runs {
            if b < end || body.get(b..b + n)? != text.get(t..t + n)? {
                return None;
            }
            end = b + n;
        }
        if end != body.len() || byte_runs.iter().map(|r| r.2).sum::<usize>() + 2 < body.len() {
            return None;
        }
        let chars = |s: &str, upto: usize| s[..upto].chars().count();
        let runs = byte_runs
            .iter()
            .map(|&(b, t, n)| {
                (
                    chars(body, b),
                    chars(&text, t),
                    text[t..t + n].chars().count(),
                )
            })
            .collect();
        Some(Origin {
            runs,
            marks,
            dropped,
        })
    }

    /// The normalised char position of body char `i`; a position in added text goes to the
    /// nearest copied one (forward for a start, backward for an end).
    fn normalised(&self, i: usize, is_end: bool) -> usize {
        let mut last_end = 0;
        for &(b, t, n) in &self.runs {
            if i < b {
                return if is_end { last_end } else { t };
            }
            if i <= b + n {
                return t + (i - b);
            }
            last_end = t + n;
        }
        last_end
    }

    /// The char position in the text given of body char `i`. An end stops before a dropped
    /// `\r`; a start steps over it.
    fn given(&self, i: usize, is_end: bool) -> usize {
        let t = self.normalised(i, is_end);
        let before = if is_end {
            self.dropped.partition_point(|&d| d < t)
        } else {
            self.dropped.partition_point(|&d| d <= t)
        };
        self.marks + t + before
    }

    /// The claims, their spans moved from the body to `given`, and their quotes and context
    /// read from `given`.
    fn map_back(&self, given: &str, claims: Vec<ExtractedClaim>) -> Vec<ExtractedClaim> {
        let spans: Vec<(usize, usize)> = claims
            .iter()
            .map(|c| {
                let start = self.given(c.span.start, false);
                (start, self.given(c.span.end, true).max(start))
            })
            .collect();
        let mut wanted: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let bytes = byte_offsets(given, &wanted);
        let byte = |i: usize| wanted.binary_search(&i).map_or(given.len(), |k| bytes[k]);
        claims
            .into_iter()
            .zip(spans)
            .map(|(c, (start, end))| {
                let (from, to) = (byte(start), byte(end));
                let prefix_from = given[..from]
                    .char_indices()
                    .rev()
                    .nth(extract::CONTEXT_CHARS - 1)
                    .map_or(0, |(i, _)| i);
                let suffix_to = given[to..]
                    .char_indices()
                    .nth(extract::CONTEXT_CHARS)
                    .map_or(given.len(), |(i, _)| to + i);
                ExtractedClaim {
                    quote: given[from..to].to_owned(),
                    span: Span { start, end },
                    prefix: given[from.min(prefix_from)..from].to_owned(),
                    suffix: given[to..suffix_to].to_owned(),
                    ..c
                }
            })
            .collect()
    }
}

/// The byte offsets of sorted char positions `chars` in `text`, in one pass.
fn byte_offsets(text: &str, chars: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(chars.len());
    let mut positions = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let mut at = 0;
    let mut byte = positions.next().unwrap_or(text.len());
    for &c in chars {
        while at < c {
            match positions.next() {
                Some(b) => byte = b,
                None => break,
            }
            at += 1;
        }
        out.push(byte);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Made-up articles in the layouts Claimtrail reads: plain, the news-export layout (image,
    /// publisher, section, dateline) and the corpus's (publisher, dateline, then the page's
    /// address), with Windows line ends and a byte-order mark.
    fn samples() -> Vec<String> {
        let body = "Police said 12 people were killed in the blast on Monday.\n\
                    The interior minister denied that the army was involved.\n\
                    Officials warned that the death toll could rise to at least 40.";
        vec![
            body.to_owned(),
            format!("\n\n  {body}\n\n"),
            format!(
                "Blast kills 12 in port city, police say\n\nhttps://img.example/a.jpg\nDaily Paper\nWorld\n26/03/2024 18h43\n\n{body}"
            ),
            format!(
                "Blast kills 12 in port city, police say\nDaily Paper (Wire)\n26/03/2024 00h00\nhttps://news.example/blast\n\n{body}\n"
            ),
            format!(
                "\u{feff}Blast kills 12 in port city, police say\r\nDaily Paper\r\n26/03/2024 18h43\r\n\r\n{}\r\n",
                body.replace('\n', "\r\n")
            ),
            format!("26/03/2024 18h43\n{body}"),
            format!("Café «Zürich» — police say 3 were arrested\nLa Gazette\n01/02/2023\n\n{body}"),
        ]
    }

    #[test]
    fn the_layout_composes_the_text_as_origin_expects() {
        for given in samples() {
            let r = read(&given);
            assert!(Origin::of(&given, &r.body).is_some(), "{given:?}");
        }
    }

    #[test]
    fn claims_in_the_given_text_are_the_claims_ingest_finds() {
        for given in samples() {
            let r = read(&given);
            let stored = r.claims();
            let mapped = r.claims_in_given_text();
            assert!(!stored.is_empty(), "{given:?}");
            assert_eq!(stored.len(), mapped.len(), "{given:?}");
            let chars: Vec<char> = given.chars().collect();
            for (s, m) in stored.iter().zip(&mapped) {
                let slice: String = chars[m.span.start..m.span.end].iter().collect();
                assert_eq!(slice, m.quote);
                assert_eq!(m.quote.replace("\r\n", "\n"), s.quote);
                assert!(given.contains(&format!("{}{}{}", m.prefix, m.quote, m.suffix)));
                assert_eq!(
                    (m.kind, &m.figures, &m.claimant, &m.target, m.hedged),
                    (s.kind, &s.figures, &s.claimant, &s.target, s.hedged)
                );
            }
        }
    }

    #[test]
    fn headlines_carry_claims_and_header_lines_do_not() {
        let given = &samples()[3];
        let claims = claims_in(given);
        let headline_end = given.lines().next().map_or(0, |l| l.chars().count());
        assert!(claims.iter().any(|c| c.span.end <= headline_end));
        let header: Vec<&str> = given.lines().skip(1).take(3).collect();
        for c in &claims {
            for line in &header {
                assert!(!c.quote.contains(line), "{:?} is a header line", c.quote);
            }
        }
    }

    #[test]
    fn stored_text_is_read_as_it_is() {
        let given = &samples()[2];
        let r = read(given);
        assert_eq!(claims_of_stored_text(&r.body), r.claims());
    }

    #[test]
    fn byte_offsets_follow_multibyte_text() {
        assert_eq!(byte_offsets("aé—b", &[0, 1, 2, 3, 4]), vec![0, 1, 3, 6, 7]);
        assert_eq!(byte_offsets("", &[0]), vec![0]);
    }
}
