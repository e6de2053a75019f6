//! Reading figures: a number (digits or words), its qualifier ("at least", "around") and what it
//! counts ("killed", "injured", "hours", or the counted noun).

use super::lexicon::{self, any};
use super::tokens::{Token, TokenKind};
use crate::domain::{Figure, Qualifier};

/// Every figure in a unit, in text order.
pub fn figures(text: &str, toks: &[Token<'_>], headline: bool) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((value, len, unit_hint)) = number_at(toks, i) else {
            i += 1;
            continue;
        };
        if !is_count(toks, i, len, headline) {
            i += len;
            continue;
        }
        let (qualifier, q_len) = qualifier_before(toks, i);
        let (category, cat_end) = category_after(toks, i, len, unit_hint);
        let first = i - q_len;
        let last = cat_end.unwrap_or(i + len - 1);
        out.push(Figure {
            value,
            qualifier,
            category,
            text: text[toks[first].start..toks[last].end].to_owned(),
        });
        i += len;
    }
    out
}

/// The number starting at token `i`: its value, how many tokens it spans, and a unit the token
/// itself carries ("$5", "30%").
fn number_at(toks: &[Token<'_>], i: usize) -> Option<(f64, usize, Option<&'static str>)> {
    let t = &toks[i];
    let (mut value, mut len, mut unit) = match t.kind {
        TokenKind::Number => {
            let mut s = t.lower.as_ref();
            let mut unit = None;
            if let Some(rest) = s.strip_prefix('$') {
                s = rest;
                unit = Some("usd");
            } else if let Some(rest) = s.strip_prefix('€') {
                s = rest;
                unit = Some("eur");
            } else if let Some(rest) = s.strip_prefix('£') {
                s = rest;
                unit = Some("gbp");
            }
            if let Some(rest) = s.strip_suffix('%') {
                s = rest;
                unit = Some("percent");
            }
            // "20-year-old", "18h43", "3rd", "COVID-19": not counts.
            if !s
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                return None;
            }
            let v: f64 = s.replace(',', "").parse().ok()?;
            (v, 1, unit)
        }
        TokenKind::Word => {
            let w = t.lower.as_ref();
            // Every number word starts with one of these letters: most words stop here.
            if !w.starts_with(['o', 't', 'f', 's', 'e', 'n', 'h', 'd', 'a']) {
                return None;
            }
            if let Some((a, b)) = w.split_once('-') {
                let tens = word_value(a)?;
                let ones = word_value(b)?;
                if !(20.0..100.0).contains(&tens) || ones >= 10.0 {
                    return None;
                }
                (tens + ones, 1, None)
            } else if w == "a" && toks.get(i + 1).is_some_and(|n| n.is("dozen")) {
                (12.0, 2, None)
            } else {
                (word_value(w)?, 1, None)
            }
        }
        TokenKind::Punct => return None,
    };
    // "1.5 million", "five hundred", "two thousand".
    while let Some(next) = toks.get(i + len) {
        match lexicon::MULTIPLIERS.iter().find(|(w, _)| next.lower == *w) {
            Some((_, m)) => {
                value *= m;
                len += 1;
            }
            None => break,
        }
    }
    if unit.is_none()
        && let Some(next) = toks.get(i + len)
        && (next.is("%") || next.is("percent"))
    {
        unit = Some("percent");
    }
    Some((value, len, unit))
}

fn word_value(w: &str) -> Option<f64> {
    // Number words are short and start with one of few letters: skip the table for the rest.
    if w.len() > 9 || !w.starts_with(['o', 't', 'f', 's', 'e', 'n', 'h', 'd', 'a']) {
        return None;
    }
    lexicon::NUMBER_WORDS
        .iter()
        .find(|(n, _)| *n == w)
        .map(|(_, v)| *v)
}

/// Whether the number at `i` counts something, rather than being a year, a date, a time, part of
/// a name ("Flight 370") or a pronoun ("one of them").
fn is_count(toks: &[Token<'_>], i: usize, len: usize, headline: bool) -> bool {
    let t = &toks[i];
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(i + len);
    if t.kind == TokenKind::Number {
        let digits_only = t.text.chars().all(|c| c.is_ascii_digit());
        let v: u32 = t.text.parse().unwrap_or(0);
        let next_is_unit = next
            .is_some_and(|n| unit_of(&n.lower).is_some() || any(&n.lower, &lexicon::PERSON_NOUNS));
        // A year: four digits in range, not followed by a unit or a counted noun.
        if digits_only && t.text.len() == 4 && (1800..=2100).contains(&v) && !next_is_unit {
            return false;
        }
        // A date: next to a month name.
        let month = |t: &Token<'_>| {
            t.is_capitalised() && any(t.lower.trim_end_matches('.'), &lexicon::MONTHS)
        };
        // "Oct. 7": the abbreviation's full stop stands between the month and the day.
        let before_stop = prev
            .filter(|p| p.text == ".")
            .and_then(|_| i.checked_sub(2))
            .map(|p| &toks[p]);
        if prev.is_some_and(month) || before_stop.is_some_and(month) || next.is_some_and(month) {
            return false;
        }
        // A clock time: "10:30", "9 a.m.".
        if next
            .is_some_and(|n| n.is(":") || n.is("a.m.") || n.is("p.m.") || n.is("am") || n.is("pm"))
            || prev.is_some_and(|p| p.is(":"))
        {
            return false;
        }
    } else {
        // "one of the", "one another", the pronoun "one": not a figure.
        if t.is("one") && next.is_none_or(|n| n.is("of") || n.is("another") || !n.is_word()) {
            return false;
        }
        // A number word needs something counted after it, or a casualty word: "ten hours", "four directly involved".
        let counted = toks[i + len..].iter().take(3).any(|n| {
            n.is_word()
                && (unit_of(&n.lower).is_some()
                    || any(&n.lower, &lexicon::PERSON_NOUNS)
                    || category_cue(&n.lower).is_some()
                    || n.lower.ends_with('s'))
        });
        if !counted {
            return false;
        }
    }
    // Part of a name: "Flight 370", "Resolution 2334" (headlines capitalise verbs, so only named nouns count there).
    if let Some(p) = prev
        && p.is_capitalised()
        && any(p.lower.trim_end_matches('.'), &lexicon::NUMBERED_NAMES)
    {
        return false;
    }
    if !headline
        && let Some(p) = prev
        && p.is_capitalised()
        && p.is_acronym()
        && t.kind == TokenKind::Number
        && next.is_none_or(|n| !any(&n.lower, &lexicon::PERSON_NOUNS))
    {
        return false; // "G 20", "MH 17"
    }
    true
}

/// Verbs that follow a bare number without being what it counts ("25 were wounded").
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "will",
    "would",
    "remain",
    "remained",
    "remain",
    "died",
    "reportedly",
    "also",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
];

fn qualifier_before(toks: &[Token<'_>], i: usize) -> (Qualifier, usize) {
    for (words, q) in lexicon::QUALIFIERS {
        let n = words.len();
        if i >= n
            && toks[i - n..i]
                .iter()
                .zip(words.iter())
                .all(|(t, w)| t.lower == *w)
        {
            return (*q, n);
        }
    }
    (Qualifier::Exact, 0)
}

fn unit_of(w: &str) -> Option<&'static str> {
    lexicon::UNITS
        .iter()
        .find(|(u, _)| *u == w)
        .map(|(_, c)| *c)
}

fn category_cue(w: &str) -> Option<&'static str> {
    lexicon::CATEGORY_CUES
        .iter()
        .find(|(c, _)| *c == w)
        .map(|(_, cat)| *cat)
}

/// What the number at `i..i+len` counts, and the last token of the figure's text.
fn category_after(
    toks: &[Token<'_>],
    i: usize,
    len: usize,
    unit_hint: Option<&'static str>,
) -> (String, Option<usize>) {
    let after = i + len;
    if let Some(u) = unit_hint {
        return (u.to_owned(), None);
    }
    // The counted noun: the next word, past up to two modifiers ("60 others critically injured").
    let mut noun: Option<usize> = None;
    for (k, t) in toks.iter().enumerate().skip(after).take(3) {
        if !t.is_word() {
            break;
        }
        if let Some(u) = unit_of(&t.lower) {
            return (u.to_owned(), Some(k));
        }
        if let Some(c) = category_cue(&t.lower)
            && (k == after || noun.is_some() || t.lower.ends_with("ed"))
        {
            // "137 dead", "60 others critically injured", "four directly involved".
            if !any(&t.lower, &lexicon::PERSON_NOUNS) || k == after {
                return (c.to_owned(), Some(k));
            }
        }
        if any(&t.lower, &lexicon::PERSON_NOUNS) {
            noun = Some(k);
            continue;
        }
        if t.lower.ends_with("ly")
            || matches!(
                t.lower.as_ref(),
                "more" | "additional" | "other" | "further" | "new" | "of" | "the"
            )
        {
            continue;
        }
        if noun.is_none()
            && k == after
            && t.lower.chars().all(char::is_alphabetic)
            && !any(&t.lower, AUXILIARIES)
        {
            noun = Some(k);
        }
        break;
    }
    // A casualty or arrest word near the number, same clause preferred: "killing at least 137 people".
    let mut best: Option<(usize, &'static str)> = None;
    for (k, t) in toks.iter().enumerate() {
        if k >= i && k < after {
            continue;
        }
        let Some(cat) = category_cue(&t.lower) else {
            continue;
        };
        let (lo, hi) = if k < i { (k, i) } else { (after - 1, k) };
        let mut dist = hi - lo;
        if toks[lo..hi].iter().any(|x| x.is(",") || x.is(";")) {
            dist += 4;
        }
        // A coordinated clause ("had died and 41 others were missing") is another clause.
        if toks[lo..hi]
            .iter()
            .any(|x| x.is("and") || x.is("but") || x.is("while"))
        {
            dist += 2;
        }
        if toks[lo..hi]
            .iter()
            .any(|x| x.is(".") || x.is("(") || x.is(")"))
        {
            dist += 8;
        }
        if dist <= 10 && best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, cat));
        }
    }
    let noun_is_person = noun.is_some_and(|k| any(&toks[k].lower, &lexicon::PERSON_NOUNS));
    if let Some((_, cat)) = best
        && (noun.is_none() || noun_is_person)
    {
        return (cat.to_owned(), noun);
    }
    match noun {
        Some(k) => (toks[k].lower.trim_end_matches('\'').to_owned(), Some(k)),
        None => ("count".to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn figs(s: &str) -> Vec<(f64, Qualifier, String)> {
        let toks = tokenize(s, 0, s.len());
        figures(s, &toks, false)
            .into_iter()
            .map(|f| (f.value, f.qualifier, f.category))
            .collect()
    }

    #[test]
    fn casualty_figures_with_qualifiers() {
        assert_eq!(
            figs(
                "The gunmen opened fire, killing at least 137 people and leaving around 60 others critically injured."
            ),
            vec![
                (137.0, Qualifier::AtLeast, "killed".into()),
                (60.0, Qualifier::About, "injured".into())
            ]
        );
    }

    #[test]
    fn number_words_units_and_arrests() {
        assert_eq!(
            figs("They fought the flames for ten hours."),
            vec![(10.0, Qualifier::Exact, "hours".into())]
        );
        assert_eq!(
            figs(
                "Police said 11 suspects had been arrested, with four directly involved in the assault."
            ),
            vec![
                (11.0, Qualifier::Exact, "arrested".into()),
                (4.0, Qualifier::Exact, "perpetrators".into())
            ]
        );
        assert_eq!(
            figs("More than 1.5 million people fled."),
            vec![(1_500_000.0, Qualifier::MoreThan, "people".into())]
        );
        assert_eq!(
            figs("Twenty-five were wounded."),
            vec![(25.0, Qualifier::Exact, "injured".into())]
        );
    }

    #[test]
    fn years_dates_times_and_names_are_not_figures() {
        assert!(figs("In 2024, on March 22 at 10:30, Flight 370 left.").is_empty());
        assert!(figs("One of the suspects spoke.").is_empty());
    }

    #[test]
    fn money_and_percentages_carry_their_unit() {
        assert_eq!(
            figs("It cost $5 million, up 30%."),
            vec![
                (5_000_000.0, Qualifier::Exact, "usd".into()),
                (30.0, Qualifier::Exact, "percent".into())
            ]
        );
    }
}
