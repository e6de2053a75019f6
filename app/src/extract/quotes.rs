//! Quotations across sentences: which units open, continue or close a quotation, and who speaks
//! it. News writing names the speaker once per quotation, often after it ("…," the spokesman
//! said) or before it (He said: "…), and a quotation may run over several sentences and
//! paragraphs (a paragraph that continues a quotation opens with a quotation mark, and the one
//! before it leaves the quotation open).

use super::scoring::Reading;
use super::segment::Unit;

/// Where a unit stands in the quotations of its article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteState {
    /// The unit starts inside a quotation opened before it.
    pub inside: bool,
    /// The unit leaves a quotation open at its end.
    pub opens: bool,
    /// The unit has quotation marks.
    pub marks: bool,
}

/// The quotation state of every unit, in one pass over their text.
pub fn states(text: &str, units: &[Unit]) -> Vec<QuoteState> {
    let mut out = Vec::with_capacity(units.len());
    let mut open = false;
    let mut paragraph = usize::MAX;
    for u in units {
        let s = &text[u.start..u.end];
        if u.paragraph != paragraph {
            paragraph = u.paragraph;
            // A new paragraph closes a quotation unless it opens by continuing it.
            let continues = open && s.starts_with(['"', '“']);
            if !continues {
                open = false;
            }
        }
        let inside = open;
        let mut marks = false;
        let mut state = open;
        // Only the bytes a quotation mark can start with are decoded: '"', and the first
        // bytes of '“' '”' (0xE2) and '«' '»' (0xC2).
        let b = s.as_bytes();
        let mut k = 0;
        while let Some(off) = memchr::memchr3(b'"', 0xE2, 0xC2, &b[k..]) {
            k += off;
            let c = s[k..].chars().next().unwrap_or(' ');
            let at = k;
            k += c.len_utf8();
            match c {
                '“' | '«' => {
                    marks = true;
                    state = true;
                }
                '”' | '»' => {
                    marks = true;
                    state = false;
                }
                '"' => {
                    marks = true;
                    // A paragraph continuing a quotation repeats its opening mark.
                    if !(at == 0 && inside && u.opens_paragraph) {
                        state = !state;
                    }
                }
                _ => {}
            }
        }
        open = state;
        out.push(QuoteState {
            inside,
            opens: state,
            marks,
        });
    }
    out
}

/// Gives every unit of a quotation that names no speaker the speaker named elsewhere in it:
/// in its closing unit ("…," he said), in the unit that opened it (She said: "…), or, for a
/// quotation that follows an attributed one ("…," Trump said. "It was a bomb."), that speaker.
pub fn share_speakers(readings: &mut [Reading<'_>]) {
    let n = readings.len();
    let mut i = 0;
    while i < n {
        let q = readings[i].quote;
        let starts =
            !q.inside && (q.opens || readings[i].quote.marks && quoted_alone(&readings[i]));
        if !starts {
            i += 1;
            continue;
        }
        // The quotation runs from i to the unit where it closes.
        let mut j = i;
        while j + 1 < n && readings[j].quote.opens && readings[j + 1].quote.inside {
            j += 1;
        }
        let named = (i..=j).find_map(|k| {
            readings[k]
                .speaker_here
                .then(|| readings[k].speaker.clone())
                .flatten()
        });
        // The unit before, when it introduces the quotation or is itself attributed speech.
        let before = i
            .checked_sub(1)
            .filter(|&b| readings[b].quote.marks || text_ends_with_colon(&readings[b]))
            .and_then(|b| readings[b].speaker.clone());
        if let Some(speaker) = named.or(before) {
            for r in &mut readings[i..=j] {
                if r.speaker.is_none() || !r.speaker_here {
                    r.speaker = Some(speaker.clone());
                }
            }
        }
        i = j + 1;
    }
}

/// A unit that is a quotation and nothing else: it starts with a quotation mark.
fn quoted_alone(r: &Reading<'_>) -> bool {
    r.toks
        .first()
        .is_some_and(|t| matches!(t.text, "\"" | "“" | "«"))
}

fn text_ends_with_colon(r: &Reading<'_>) -> bool {
    r.toks.iter().rev().take(2).any(|t| t.text == ":")
}
