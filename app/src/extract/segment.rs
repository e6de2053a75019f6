//! Splitting text into the units claims are read from: headline clauses and sentences, as byte
//! ranges of the original text. Survives abbreviations ("U.S.", "Gen."), initials, decimals,
//! quotations and hard-wrapped lines.

/// A stretch of text that may hold one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    /// A headline or other title-like line: no final punctuation, Title Case allowed.
    pub headline: bool,
}

/// Abbreviations after which a full stop does not end the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "no",
    "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "dept", "univ", "fig", "pres", "ft", "mt", "gov't", "e.g", "i.e", "a.m",
    "p.m",
];

/// Abbreviations that often end a sentence too ("... in the U.S. The next day"): they end one
/// only when a typical sentence opener follows.
const AMBIGUOUS_ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr",
    "sr",
];

const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "But",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "Following",
    "When",
    "While",
    "Its",
    "His",
    "Her",
    "Their",
    "There",
    "Officials",
    "Police",
    "Authorities",
];

/// Every unit of `text`, in order.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    for (start, end) in paragraphs(text) {
        let para = &text[start..end];
        if is_metadata_line(para) {
            continue;
        }
        if looks_like_headline(para) {
            headline_clauses(text, start, end, &mut out);
        } else {
            sentences(text, start, end, &mut out);
        }
    }
    out
}

/// Paragraphs as byte ranges: a blank line ends one, and so does a line break after a line that
/// ends a sentence or is short (a title, a dateline); a line that runs on (hard-wrapped text) joins
/// the next.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut last_end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
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
        let runs_on = !ends_sentence && trimmed.chars().count() >= 55 && !is_metadata_line(trimmed);
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
fn is_metadata_line(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.") {
        return !t.contains(' ');
    }
    if t.len() > 120 {
        return false; // metadata lines are short; prose is not metadata
    }
    // "26/03/2024 18h43", "2024-03-26", "March 26, 2024" and the like: nothing but digits and separators.
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if digits > 0 && letters <= 3 {
        return true;
    }
    let lower = t.to_lowercase();
    lower.starts_with("by ") && t.split_whitespace().count() <= 6 && !t.ends_with('.')
        || lower.starts_with("photo:")
        || lower.starts_with("image:")
        || lower.starts_with("credit:")
}

/// A title-like line: no sentence punctuation at its end and short enough to be a headline.
fn looks_like_headline(para: &str) -> bool {
    let t = para.trim_end();
    !t.ends_with(['.', '!', '?', '"', '”', '…', ':']) && t.split_whitespace().nth(25).is_none()
}

/// A headline often packs several claims: "Attack Leaves 137 Dead, ISIS Claims Responsibility".
fn headline_clauses(text: &str, start: usize, end: usize, out: &mut Vec<Unit>) {
    let s = &text[start..end];
    let mut clause_start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let sep = if rest.starts_with(", ") || rest.starts_with("; ") || rest.starts_with(": ") {
            2
        } else if rest.starts_with(" – ") || rest.starts_with(" — ") || rest.starts_with(" | ")
        {
            rest.chars().take(3).map(char::len_utf8).sum()
        } else if rest.starts_with(" - ") {
            3
        } else {
            0
        };
        // A comma between digits ("1,200") is not a clause break.
        let digit_comma = bytes[i] == b',' && i > 0 && bytes[i - 1].is_ascii_digit();
        if sep > 0 && !digit_comma {
            push_trimmed(text, start + clause_start, start + i, true, out);
            clause_start = i + sep;
            i += sep;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    push_trimmed(text, start + clause_start, end, true, out);
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
        });
    }
}

/// Sentences of one paragraph.
fn sentences(text: &str, start: usize, end: usize, out: &mut Vec<Unit>) {
    let para = &text[start..end];
    let mut sent_start = 0;
    let mut iter = para.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let boundary_char = matches!(c, '.' | '!' | '?' | '…' | ';');
        if !boundary_char {
            continue;
        }
        // Swallow repeated marks and closing quotes or brackets: `?!`, `."`, `.)`.
        let mut j = i + c.len_utf8();
        while let Some(&(k, d)) = iter.peek() {
            if matches!(
                d,
                '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ']' | '»'
            ) {
                j = k + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &para[j..];
        let Some(next_word_offset) = rest.find(|ch: char| !ch.is_whitespace()) else {
            break;
        };
        if next_word_offset == 0 {
            continue; // "3.5", "U.S.-led", "e.g.,": no space, no boundary.
        }
        let next = &rest[next_word_offset..];
        if c == ';' {
            // A semicolon joins two independent clauses: a boundary when a full clause follows.
            if next.split_whitespace().count() >= 4 {
                push_trimmed(text, start + sent_start, start + j, false, out);
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
        if c == '.' && !ends_sentence_after_period(&para[sent_start..i], next) {
            continue;
        }
        push_trimmed(text, start + sent_start, start + j, false, out);
        sent_start = j;
    }
    push_trimmed(text, start + sent_start, end, false, out);
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
    if AMBIGUOUS_ABBREVIATIONS.contains(&lower.as_str()) {
        return SENTENCE_OPENERS.contains(&next_word);
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // Dotted abbreviations not listed ("D.C.", "Ph.D."): not a boundary unless an opener follows.
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return SENTENCE_OPENERS.contains(&next_word);
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
    fn headlines_split_into_clauses_and_metadata_is_skipped() {
        let t = "Attack Leaves 137 Dead, ISIS Claims Responsibility\n\nhttps://example.com/x.jpg\n26/03/2024 18h43\n\nGunmen opened fire.";
        assert_eq!(
            texts(t),
            vec![
                "Attack Leaves 137 Dead",
                "ISIS Claims Responsibility",
                "Gunmen opened fire."
            ]
        );
        assert!(units(t)[0].headline);
        assert!(!units(t)[2].headline);
    }

    #[test]
    fn a_long_url_line_does_not_run_on_into_the_header() {
        let t = "Headline Here\n\nhttps://example.org/system/images/photos/16129288/original/open-uri?1711478638\nDaily Paper\nPolitics\n26/03/2024 18h43\n\nPolice said 3 people died.";
        let got = texts(t);
        assert!(got.iter().all(|u| !u.contains("https://")), "{got:?}");
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_sentence() {
        let t = "Police in the city said on Monday that at least twelve people\nwere killed in the explosion at the market.\nA second line.";
        assert_eq!(texts(t).len(), 2);
        assert!(texts(t)[0].ends_with("market."));
    }
}
