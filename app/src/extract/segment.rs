//! Splitting text into the units claims are read from: the headline and the sentences, as byte
//! ranges of the original text. Survives abbreviations ("U.S.", "Gen."), initials, decimals,
//! quotations and hard-wrapped lines, skips the header lines of the article layouts `layout`
//! knows, and runs in time linear in the text: every look-back is bounded, and a run of text
//! with no sentence boundary is cut at `MAX_UNIT_BYTES`.

use super::layout;
use super::lexicon::{self, any};

/// A stretch of text that may hold claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    /// A headline or other title-like line: no final punctuation, Title Case allowed.
    pub headline: bool,
    /// Which paragraph the unit is in (0 for the first), and whether it opens one.
    pub paragraph: usize,
    pub opens_paragraph: bool,
}

/// The longest unit: real sentences stay far below it (the longest of 346 annotated news
/// sentences is 347 bytes), so it only cuts text that has no sentence boundaries at all, and it
/// bounds the per-unit work that is not linear (noun phrases, figure categories).
pub const MAX_UNIT_BYTES: usize = 1200;

/// Every unit of `text`, in order.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let header = layout::header(text);
    if let Some((s, e)) = header.title {
        out.push(Unit {
            start: s,
            end: e,
            headline: true,
            paragraph: 0,
            opens_paragraph: true,
        });
    }
    let wrapped = hard_wrapped(&text[header.body_start..]);
    for (n, (start, end)) in paragraphs(text, header.body_start, wrapped)
        .into_iter()
        .enumerate()
    {
        let paragraph = n + usize::from(header.title.is_some());
        let para = &text[start..end];
        if is_metadata_line(para) {
            continue;
        }
        let first = out.len();
        if looks_like_headline(para) {
            push_capped(text, start, end, true, &mut out);
        } else {
            sentences(text, start, end, &mut out);
        }
        for (k, u) in out[first..].iter_mut().enumerate() {
            u.paragraph = paragraph;
            u.opens_paragraph = k == 0;
        }
    }
    out
}

/// Text hard-wrapped at a fixed width: every line is short. One long line means the text keeps
/// a paragraph per line, and then every line break ends a paragraph.
fn hard_wrapped(text: &str) -> bool {
    let mut long = 0;
    for line in text.lines() {
        let n = line.trim().len();
        if n > 160 {
            return false;
        }
        if n >= 55 {
            long += 1;
        }
    }
    long >= 2
}

/// Paragraphs as byte ranges from `from` on: a blank line ends one, and so does a line break
/// unless the text is hard-wrapped and the line runs on into the next.
fn paragraphs(text: &str, from: usize, wrapped: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut last_end = 0;
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if let Some(s) = para_start.take() {
                out.push((s, last_end));
            }
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let s = line_start + lead;
        let e = line_start + content.trim_end().len();
        if para_start.is_none() {
            para_start = Some(s);
        }
        last_end = e;
        let ends_sentence = trimmed.ends_with(['.', '!', '?', '"', '”', ':', '…']);
        // A long line without final punctuation was wrapped mid-sentence; a url or dateline was not.
        let runs_on =
            wrapped && !ends_sentence && trimmed.len() >= 55 && !is_metadata_line(trimmed);
        if !runs_on && let Some(s) = para_start.take() {
            out.push((s, e));
        }
    }
    if let Some(s) = para_start {
        out.push((s, last_end));
    }
    out
}

/// Lines that carry no claim by construction: urls, datelines, bylines, bare numbers.
pub fn is_metadata_line(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.") {
        return !t.contains(' ');
    }
    if t.len() > 120 {
        return false; // metadata lines are short; prose is not metadata
    }
    // "26/03/2024 18h43", "2024-03-26", "March 26, 2024" and the like: nothing but digits and separators.
    // Counted until a fourth letter, which makes the line words rather than a date.
    let (mut letters, mut digits) = (0, 0);
    for c in t.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if letters > 3 {
                break;
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        }
    }
    if digits > 0 && letters <= 3 {
        return true;
    }
    // Every prefix asked about is ASCII: compared without lower-casing the line.
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    starts("by ") && t.split_whitespace().count() <= 6 && !t.ends_with('.')
        || starts("photo:")
        || starts("image:")
        || starts("credit:")
        || (starts("reporting by") || starts("additional reporting")) && !t.ends_with('.')
}

/// A title-like line: no sentence punctuation at its end and short enough to be a headline.
fn looks_like_headline(para: &str) -> bool {
    let t = para.trim_end();
    !t.ends_with(['.', '!', '?', '"', '”', '…', ':']) && t.split_whitespace().nth(25).is_none()
}

/// Pushes `[start, end)` trimmed, cut into pieces of at most `MAX_UNIT_BYTES` at spaces.
fn push_capped(text: &str, start: usize, end: usize, headline: bool, out: &mut Vec<Unit>) {
    let mut s = start;
    while end - s > MAX_UNIT_BYTES {
        let mut cut = s + MAX_UNIT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Back to the last space in the window, when there is one.
        if let Some(sp) = text[s..cut].rfind(char::is_whitespace)
            && sp > MAX_UNIT_BYTES / 2
        {
            cut = s + sp;
        }
        push_trimmed(text, s, cut, headline, out);
        s = cut;
    }
    push_trimmed(text, s, end, headline, out);
}

fn push_trimmed(text: &str, start: usize, end: usize, headline: bool, out: &mut Vec<Unit>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if e > s {
        out.push(Unit {
            start: s,
            end: e,
            headline,
            paragraph: 0,
            opens_paragraph: false,
        });
    }
}

/// How far back a boundary test looks: the last word before a full stop is all it needs.
const LOOK_BACK: usize = 24;

/// Sentences of one paragraph.
fn sentences(text: &str, start: usize, end: usize, out: &mut Vec<Unit>) {
    let para = &text[start..end];
    let mut sent_start = 0;
    let b = para.as_bytes();
    let mut pos = 0;
    // To the next byte that can start a boundary mark ('…' starts with 0xE2), without decoding
    // the characters between. memchr looks for at most three bytes at once, so two scans, each
    // with its next hit kept until the reading passes it: each reads every byte once.
    let scan = |from: usize, stops: bool| {
        let rest = &b[from..];
        if stops {
            memchr::memchr3(b'.', b'!', b'?', rest)
        } else {
            memchr::memchr2(b';', 0xE2, rest)
        }
        .map(|off| from + off)
    };
    let (mut stop, mut other) = (scan(0, true), scan(0, false));
    loop {
        if stop.is_some_and(|k| k < pos) {
            stop = scan(pos, true);
        }
        if other.is_some_and(|k| k < pos) {
            other = scan(pos, false);
        }
        let Some(i) = stop.into_iter().chain(other).min() else {
            break;
        };
        let c = para[i..].chars().next().unwrap_or(' ');
        pos = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…' | ';') {
            continue;
        }
        // Swallow repeated marks and closing quotes or brackets: `?!`, `."`, `.)`.
        let mut j = pos;
        for d in para[j..].chars() {
            if matches!(
                d,
                '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '…'
            ) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        pos = j;
        let rest = &para[j..];
        let ws = rest
            .char_indices()
            .take_while(|(_, ch)| ch.is_whitespace())
            .last()
            .map_or(0, |(k, ch)| k + ch.len_utf8());
        if ws == 0 {
            continue; // "3.5", "U.S.-led", "e.g.,": no space, no boundary.
        }
        let next = &rest[ws..];
        if next.is_empty() {
            break;
        }
        if c == ';' {
            // A semicolon joins two independent clauses: a boundary when a full clause follows.
            if next.split_whitespace().take(4).count() >= 4 {
                push_capped(text, start + sent_start, start + j, false, out);
                sent_start = j;
            }
            continue;
        }
        let first = next.chars().next().unwrap_or(' ');
        let opens = first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[' | '«');
        if !opens {
            continue;
        }
        if c == '.' || c == '…' {
            let mut from = i.saturating_sub(LOOK_BACK).max(sent_start);
            while !para.is_char_boundary(from) {
                from += 1;
            }
            if !ends_sentence_after_period(&para[from..i], next) {
                continue;
            }
        }
        push_capped(text, start + sent_start, start + j, false, out);
        sent_start = j;
    }
    push_capped(text, start + sent_start, end, false, out);
}

/// Whether the full stop after `before` ends the sentence, given the `next` text.
fn ends_sentence_after_period(before: &str, next: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let next_word: &str = next
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    // An initial ("J. K. Rowling", "George W. Bush").
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    if any(lower.as_str(), &lexicon::AMBIGUOUS_ABBREVIATIONS) {
        return any(next_word, &lexicon::SENTENCE_OPENERS);
    }
    if any(lower.as_str(), &lexicon::ABBREVIATIONS) {
        return false;
    }
    // Dotted abbreviations not listed ("D.C.", "Ph.D."): not a boundary unless an opener follows.
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return any(next_word, &lexicon::SENTENCE_OPENERS);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        units(t).into_iter().map(|u| &t[u.start..u.end]).collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        let t = "U.S. officials met Gen. Smith at 3.5 p.m. on Friday. J. K. Rowling was not there. The U.S. Embassy said so.";
        assert_eq!(
            texts(t),
            vec![
                "U.S. officials met Gen. Smith at 3.5 p.m. on Friday.",
                "J. K. Rowling was not there.",
                "The U.S. Embassy said so."
            ]
        );
    }

    #[test]
    fn an_abbreviation_can_end_a_sentence() {
        let t = "The suspects fled to the U.S. The police followed them.";
        assert_eq!(texts(t).len(), 2);
    }

    #[test]
    fn quotations_end_with_their_closing_mark() {
        let t = "\"We will respond,\" he said. \"Nobody is safe.\" Officials agreed.";
        assert_eq!(
            texts(t),
            vec![
                "\"We will respond,\" he said.",
                "\"Nobody is safe.\"",
                "Officials agreed."
            ]
        );
    }

    #[test]
    fn a_headline_is_one_unit_and_metadata_is_skipped() {
        let t = "Attack Leaves 137 Dead, ISIS Claims Responsibility\n\nhttps://example.com/x.jpg\nDaily Paper\nWorld\n26/03/2024 18h43\n\nGunmen opened fire.";
        assert_eq!(
            texts(t),
            vec![
                "Attack Leaves 137 Dead, ISIS Claims Responsibility",
                "Gunmen opened fire."
            ]
        );
        assert!(units(t)[0].headline);
        assert!(!units(t)[1].headline);
    }

    #[test]
    fn the_corpus_layout_keeps_the_headline_and_skips_publisher_dateline_and_url() {
        let t = "Blast kills 12 in port city\nDaily Paper (Reuters)\n04/08/2020 19h05\nhttps://example.org/news/blast\n\nTwelve people died, officials said.\nThe fire burned for hours.";
        assert_eq!(
            texts(t),
            vec![
                "Blast kills 12 in port city",
                "Twelve people died, officials said.",
                "The fire burned for hours."
            ]
        );
    }

    #[test]
    fn a_long_url_line_does_not_run_on_into_the_header() {
        let t = "Headline Here\n\nhttps://example.org/system/images/photos/16129288/original/open-uri?1711478638\nDaily Paper\nPolitics\n26/03/2024 18h43\n\nPolice said 3 people died.";
        let got = texts(t);
        assert!(got.iter().all(|u| !u.contains("https://")), "{got:?}");
        assert!(got.iter().all(|u| !u.contains("Daily Paper")), "{got:?}");
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_sentence() {
        let t = "Police in the city said on Monday that at least twelve people\nwere killed in the explosion at the market, which was crowded\nwith shoppers on the eve of the holiday.\nA second line.";
        assert_eq!(texts(t).len(), 2);
        assert!(texts(t)[0].ends_with("holiday."));
    }

    #[test]
    fn a_line_without_final_punctuation_in_unwrapped_text_is_its_own_unit() {
        let t = "While 12 people have been confirmed dead, many of the 40 people injured are in a critical condition\nOfficials said on Tuesday that the death toll from the blast at the warehouse by the harbour, which had stored chemicals for years, had risen to twelve, and that more were missing.";
        assert_eq!(texts(t).len(), 2);
    }

    #[test]
    fn text_without_boundaries_is_cut_into_bounded_units() {
        let t = "word ".repeat(2000);
        let us = units(&t);
        assert!(us.len() >= 8);
        assert!(us.iter().all(|u| u.end - u.start <= MAX_UNIT_BYTES));
    }
}
