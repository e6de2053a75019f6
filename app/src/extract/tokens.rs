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
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.' || c == '&'
}

/// Splits `text[start..end]` into tokens. Words keep inner apostrophes, hyphens and dots
/// ("Russia's", "ISIS-K", "U.S."); a trailing dot stays only on abbreviations with inner dots or
/// single capitals ("U.S" before its last dot, "J."); numbers keep their commas and decimal
/// points ("1,200", "3.5").
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let s = &text[start..end];
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut chars = s.char_indices().peekable();
    // Whether a single quotation mark was opened and not yet closed ("the 'lies' of"), so an
    // apostrophe after a word ending in s closes it rather than making a possessive.
    let mut single_open = false;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() || (c == '$' || c == '£' || c == '€') {
            let mut j = i + c.len_utf8();
            // What `dotted_abbreviation` asks of the word so far, kept as it grows, so a long
            // run of dots is read in one pass.
            let mut letters = usize::from(c.is_alphabetic());
            let mut dotted = false;
            let mut all_upper = c.is_uppercase();
            while let Some(&(k, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() {
                    // Most characters of a word: kept, with no more to ask.
                    letters += usize::from(d.is_ascii_alphabetic());
                    all_upper &= d.is_ascii_uppercase();
                    j = k + 1;
                    chars.next();
                    continue;
                }
                // Asked only of a character that is not a letter or digit (most are).
                let next_is_alnum = || {
                    s[k + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                };
                let keep = d.is_alphanumeric()
                    || d == '%'
                    || (is_word_char(d) && d != '.' && next_is_alnum())
                    || (d == ','
                        && s[..k].ends_with(|x: char| x.is_ascii_digit())
                        && s[k + 1..].starts_with(|x: char| x.is_ascii_digit()))
                    || (d == '.'
                        && ((dotted && letters <= 4)
                            || (letters == 1 && all_upper)
                            || next_is_alnum()));
                if !keep {
                    break;
                }
                letters += usize::from(d.is_alphabetic());
                dotted |= d == '.';
                all_upper &= d.is_uppercase();
                j = k + d.len_utf8();
                chars.next();
            }
            // A possessive apostrophe after a plural or an acronym ("ISIS'", "officials'").
            if let Some(&(k, d)) = chars.peek()
                && (d == '\'' || d == '’')
                && !single_open
                && s[i..k].ends_with(['s', 'S'])
                && !s[k + d.len_utf8()..].starts_with(char::is_alphanumeric)
            {
                j = k + d.len_utf8();
                chars.next();
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
                lower: Lower::new(lower(t)),
                kind,
            });
        } else {
            if matches!(c, '\'' | '‘' | '’') {
                // Opening when a word follows it and none precedes it.
                let after_word = s[..i].ends_with(char::is_alphanumeric);
                let before_word = s[i + c.len_utf8()..].starts_with(char::is_alphanumeric);
                single_open = before_word && !after_word;
            }
            let t = &s[i..i + c.len_utf8()];
            out.push(Token {
                start: start + i,
                end: start + i + c.len_utf8(),
                text: t,
                lower: Lower::new(Cow::Borrowed(t)),
                kind: TokenKind::Punct,
            });
        }
    }
    out
}

/// The lower-cased form, borrowed when the word already is (most words are).
fn lower(t: &str) -> Cow<'_, str> {
    if t.is_ascii() {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
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
