//! Words and punctuation of one unit, with their byte ranges in the article text.

use std::borrow::Cow;

use super::lexicon::{self, Word};

/// One token. `lower` is the lower-cased form the lexicon is matched against.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub lower: Lower<'a>,
    pub kind: TokenKind,
    /// Holds a hyphen ("twenty-one", "ISIS-K"), noted while the word is read.
    hyphen: bool,
}

/// A token's lower-cased form and the lexicon's lists it is in (`lexicon::classes`), looked up
/// once when the token is made: every rule that asks whether the token is a reporting verb, a
/// role, a casualty word… then tests a bit.
#[derive(Clone, Debug)]
pub struct Lower<'a> {
    text: Cow<'a, str>,
    classes: u64,
}

impl<'a> Lower<'a> {
    fn new(text: Cow<'a, str>) -> Self {
        let classes = lexicon::classes(&text);
        Lower { text, classes }
    }

    /// A punctuation mark: in no word list (every listed word has a letter or digit), so not
    /// looked up.
    fn punct(text: &'a str) -> Self {
        Lower {
            text: Cow::Borrowed(text),
            classes: 0,
        }
    }

    /// The bits of the lists the word is in (`lexicon::CLASSED`, `lexicon::DEMONYM`).
    pub fn classes(&self) -> u64 {
        self.classes
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, o: &str) -> bool {
        *self.text == *o
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, o: &&str) -> bool {
        *self.text == **o
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Word for Lower<'_> {
    fn text(&self) -> &str {
        &self.text
    }
    fn classes(&self) -> Option<u64> {
        Some(self.classes)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Starts with a capital letter ("Putin", "U.S.", "ISIS-K").
    pub fn is_capitalised(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// All capitals and at least two letters ("ISIS", "FSB", "U.S.").
    pub fn is_acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && self
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    }

    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }

    /// Holds a hyphen ("twenty-one", "ISIS-K", "100-300").
    pub fn has_hyphen(&self) -> bool {
        self.hyphen
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.' || c == '&'
}

/// Splits `text[start..end]` into tokens. Words keep inner apostrophes, hyphens and dots
/// ("Russia's", "ISIS-K", "U.S."); a trailing dot stays only on abbreviations with inner dots or
/// single capitals ("U.S" before its last dot, "J."); numbers keep their commas and decimal
/// points ("1,200", "3.5").
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    tokenize_in(text, None, start, end)
}

/// `tokenize`, with `ascii_lower` the whole text with its ASCII capitals lowered
/// (`str::to_ascii_lowercase`, byte for byte the same offsets): a capitalised ASCII word's
/// lower-cased form is then a slice of it instead of a string of its own.
pub fn tokenize_in<'a>(
    text: &'a str,
    ascii_lower: Option<&'a str>,
    start: usize,
    end: usize,
) -> Vec<Token<'a>> {
    debug_assert!(ascii_lower.is_none_or(|l| l.len() == text.len()));
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 5);
    // The character at byte `k` and its length; ASCII (most of the text) without decoding.
    let char_at = |k: usize| -> char {
        if b[k] < 0x80 {
            char::from(b[k])
        } else {
            s[k..].chars().next().unwrap_or(' ')
        }
    };
    let alnum_at = |k: usize| -> bool {
        k < b.len()
            && if b[k] < 0x80 {
                b[k].is_ascii_alphanumeric()
            } else {
                char_at(k).is_alphanumeric()
            }
    };
    // Whether a single quotation mark was opened and not yet closed ("the 'lies' of"), so an
    // apostrophe after a word ending in s closes it rather than making a possessive.
    let mut single_open = false;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let c = char_at(i);
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if c.is_alphanumeric() || (c == '$' || c == '£' || c == '€') {
            let mut j = i + clen;
            // What `dotted_abbreviation` asks of the word so far, kept as it grows, so a long
            // run of dots is read in one pass.
            let mut letters = usize::from(c.is_alphabetic());
            let mut dotted = false;
            let mut all_upper = c.is_uppercase();
            let mut has_upper = c.is_uppercase();
            let mut ascii = c.is_ascii();
            let mut hyphen = false;
            while j < b.len() {
                let x = b[j];
                if x.is_ascii_alphanumeric() {
                    // Most characters of a word: kept, with no more to ask.
                    letters += usize::from(x.is_ascii_alphabetic());
                    all_upper &= x.is_ascii_uppercase();
                    has_upper |= x.is_ascii_uppercase();
                    j += 1;
                    continue;
                }
                if x.is_ascii_whitespace() {
                    break;
                }
                let d = char_at(j);
                let dlen = d.len_utf8();
                let keep = d.is_alphanumeric()
                    || d == '%'
                    || (is_word_char(d) && d != '.' && alnum_at(j + dlen))
                    || (d == ','
                        && b[j - 1].is_ascii_digit()
                        && b.get(j + 1).is_some_and(u8::is_ascii_digit))
                    || (d == '.'
                        && ((dotted && letters <= 4)
                            || (letters == 1 && all_upper)
                            || alnum_at(j + 1)));
                if !keep {
                    break;
                }
                letters += usize::from(d.is_alphabetic());
                dotted |= d == '.';
                hyphen |= d == '-';
                all_upper &= d.is_uppercase();
                has_upper |= d.is_uppercase();
                ascii &= dlen == 1;
                j += dlen;
            }
            // A possessive apostrophe after a plural or an acronym ("ISIS'", "officials'").
            if j < b.len() && !single_open && matches!(b[j - 1], b's' | b'S') {
                let d = char_at(j);
                if (d == '\'' || d == '’') && !alnum_at(j + d.len_utf8()) {
                    ascii &= d == '\'';
                    j += d.len_utf8();
                }
            }
            let t = &s[i..j];
            let kind = if (c.is_ascii_digit() || matches!(c, '$' | '£' | '€'))
                && t.bytes().any(|b| b.is_ascii_digit())
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                start: start + i,
                end: start + j,
                text: t,
                lower: Lower::new(match ascii_lower {
                    Some(l) if ascii && has_upper => Cow::Borrowed(&l[start + i..start + j]),
                    _ => lower(t, ascii, has_upper),
                }),
                kind,
                hyphen,
            });
            i = j;
        } else {
            if matches!(c, '\'' | '‘' | '’') {
                // Opening when a word follows it and none precedes it.
                let after_word = s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                let before_word = alnum_at(i + clen);
                single_open = before_word && !after_word;
            }
            let t = &s[i..i + clen];
            out.push(Token {
                start: start + i,
                end: start + i + clen,
                text: t,
                lower: Lower::punct(t),
                kind: TokenKind::Punct,
                hyphen: c == '-',
            });
            i += clen;
        }
    }
    out
}

/// The lower-cased form, borrowed when the word already is (most words are).
/// `ascii` and `has_upper` are what the tokenizer learnt of the word while reading it.
fn lower(t: &str, ascii: bool, has_upper: bool) -> Cow<'_, str> {
    if ascii {
        if has_upper {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    } else {
        Cow::Owned(t.replace('’', "'").to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len())
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn every_listed_word_has_a_letter_or_digit_so_punctuation_needs_no_lookup() {
        for set in lexicon::CLASSED {
            for w in set.words() {
                assert!(w.chars().any(char::is_alphanumeric), "{w:?}");
            }
        }
        for (d, _) in lexicon::DEMONYMS {
            assert!(d.chars().any(char::is_alphanumeric), "{d:?}");
        }
    }

    #[test]
    fn a_token_knows_whether_it_holds_a_hyphen() {
        let s = "Twenty-one ISIS-K fighters - not 100-300 – held a well‑known X-ray of Zürich-Süd.";
        for t in tokenize(s, 0, s.len()) {
            assert_eq!(t.has_hyphen(), t.text.contains('-'), "{:?}", t.text);
        }
        assert!(
            tokenize(s, 0, s.len())
                .iter()
                .any(|t| t.text == "Zürich-Süd")
        );
    }

    #[test]
    fn keeps_abbreviations_possessives_and_numbers_whole() {
        assert_eq!(
            words("The U.S. Embassy, Russia's FSB and ISIS' branch: 1,200 people (3.5%)."),
            vec![
                "The", "U.S.", "Embassy", ",", "Russia's", "FSB", "and", "ISIS'", "branch", ":",
                "1,200", "people", "(", "3.5%", ")", "."
            ]
        );
        assert_eq!(
            words("ISIS-K, 20-year-old"),
            vec!["ISIS-K", ",", "20-year-old"]
        );
    }

    #[test]
    fn a_quotation_mark_closing_a_word_in_s_is_not_a_possessive() {
        assert_eq!(
            words("The militia 'categorically denies' it and calls the report 'lies'."),
            vec![
                "The",
                "militia",
                "'",
                "categorically",
                "denies",
                "'",
                "it",
                "and",
                "calls",
                "the",
                "report",
                "'",
                "lies",
                "'",
                "."
            ]
        );
        // With no quotation open, the apostrophe is the plural's possessive.
        assert_eq!(
            words("the officials' account and ‘the guards’ log’"),
            vec![
                "the",
                "officials'",
                "account",
                "and",
                "‘",
                "the",
                "guards",
                "’",
                "log",
                "’"
            ]
        );
    }
}
