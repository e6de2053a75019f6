//! Attribution chains: "Reuters reported, citing TASS, that the FSB said…" read from a claim's
//! sentence as the tellers from the outermost (the one the text names last in the telling) to
//! the original source, from the phrases news copy attributes with ("according to X", "X
//! reported", "told X", "citing X", "X cited Y as saying", "quoted as saying by X").

use serde::{Deserialize, Serialize};

use super::article::ArticleInput;
use super::proposition::Proposition;
use super::text;

/// The tellers of one claim, outermost first, original source last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    pub proposition: usize,
    pub tellers: Vec<String>,
}

/// Words that end a teller's name when read forwards.
const NAME_END: &[&str] = &[
    "that", "which", "who", "as", "on", "in", "by", "from", "said", "says", "reported", "reports",
    "has", "have", "had", "was", "is", "were", "are", "earlier", "late", "last", "quoting",
    "citing", "when", "while", "and", "but", "after", "about", "with", "over", "at", "for", "this",
    "said,", "told", "added",
];

/// Opening words dropped from a name read backwards ("but Trump").
const LEAD: &[&str] = &["but", "and", "while", "as", "then", "so", "also"];

/// The chain of a proposition's claim, when its sentence names two or more tellers.
pub fn chain_of(a: &ArticleInput, p: &Proposition, id: usize) -> Option<Chain> {
    let sentence = &a.body[p.sentence.0..p.sentence.1];
    let claimant = a
        .claims
        .get(p.claim.claim)
        .and_then(|c| c.claimant.as_ref())
        .map(|c| c.name.clone());
    let tellers = tellers(sentence, claimant.as_deref());
    (tellers.len() >= 2).then_some(Chain {
        proposition: id,
        tellers,
    })
}

/// The tellers a sentence names, outermost first; `claimant` is the claim's own source.
pub fn tellers(sentence: &str, claimant: Option<&str>) -> Vec<String> {
    let s = normalise(sentence);
    let lower = s.to_lowercase();
    let mut outer: Vec<String> = Vec::new();
    let mut middle: Vec<String> = Vec::new();
    for cue in [
        "according to ",
        "quoted as saying by ",
        "confirmed to ",
        "told ",
    ] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(cue).map(|i| from + i) {
            from = at + cue.len();
            if cue == "told " && !starts_capitalised(&s[from..]) {
                continue;
            }
            let name = if cue == "told " {
                capitalised_run(&s[from..])
            } else {
                name_after(&s[from..])
            };
            if let Some(n) = name {
                // "according to X, which cited Y"
                if let Some(rest) = s[from..].find(", which cited ").map(|i| from + i + 14)
                    && let Some(y) = name_after(&s[rest..])
                {
                    middle.push(y);
                }
                outer.push(n);
            }
        }
    }
    for cue in [" reported", " reports"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(cue).map(|i| from + i) {
            from = at + cue.len();
            let tail = &lower[from..];
            if tail.starts_with(" that") || tail.starts_with("ly") || tail.starts_with("ed") {
                continue;
            }
            if let Some(n) = name_before(&s[..at]) {
                if let Some(c) = s[from..].find("citing ").map(|i| from + i + 7)
                    && let Some(y) = name_after(&s[c..])
                {
                    middle.push(y);
                }
                outer.push(n);
            }
        }
    }
    // "X, citing Y, said" and "X cited Y as saying".
    for cue in [", citing ", " cited "] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(cue).map(|i| from + i) {
            from = at + cue.len();
            if middle.iter().any(|m| s[from..].starts_with(m.as_str())) {
                continue;
            }
            if let (Some(x), Some(y)) = (name_before(&s[..at]), name_after(&s[from..])) {
                if !outer.iter().any(|o| same(o, &x)) {
                    outer.push(x);
                }
                middle.push(y);
            }
        }
    }
    // ", media reports said."
    if let Some(at) = lower.rfind(" said")
        && lower[at + 5..]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .is_empty()
        && let Some(n) = name_before(&s[..at])
        && claimant.is_none_or(|c| !same(c, &n))
        && n.to_lowercase().contains("report")
    {
        outer.push(n);
    }
    let mut chain: Vec<String> = Vec::new();
    for n in outer.into_iter().chain(middle) {
        if !chain.iter().any(|c| same(c, &n)) {
            chain.push(n);
        }
    }
    if chain.is_empty() {
        return chain;
    }
    if let Some(c) = claimant
        && !chain.iter().any(|t| same(t, c))
    {
        chain.push(c.to_owned());
    }
    chain
}

fn normalise(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(" -- ", ", ")
        .replace(['\u{2014}', '\u{2013}'], ",")
}

/// Whether two teller names are the same party (one holds the other's distinctive words).
fn same(a: &str, b: &str) -> bool {
    let (ta, tb) = (text::party_tokens([a]), text::party_tokens([b]));
    !ta.is_disjoint(&tb)
}

fn starts_capitalised(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The capitalised words at the start of `s` ("Israeli N12", "The Associated Press").
fn capitalised_run(s: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        let clean = w.trim_end_matches([',', '.', ':', ';', '"', '\'']);
        let capital = clean
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if capital || (!out.is_empty() && matches!(clean, "of" | "the")) {
            out.push(clean);
        } else {
            break;
        }
        if clean.len() != w.len() {
            break;
        }
    }
    while out.last().is_some_and(|w| matches!(*w, "of" | "the")) {
        out.pop();
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// A name read forwards: up to punctuation or a word that cannot be part of it.
fn name_after(s: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        let clean = w.trim_end_matches([',', '.', ':', ';', '"', '\'', ')']);
        if clean.starts_with('(') || NAME_END.contains(&clean.to_lowercase().as_str()) {
            break;
        }
        out.push(clean);
        if clean.len() != w.len() || out.len() >= 8 {
            break;
        }
    }
    let name = out.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric());
    (!name.is_empty()).then(|| name.to_owned())
}

/// A name read backwards from `s`'s end: back to punctuation, at most six words.
fn name_before(s: &str) -> Option<String> {
    let tail = s
        .rsplit([',', '.', ';', ':', '"'])
        .next()
        .unwrap_or(s)
        .trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let start = words
        .iter()
        .position(|w| !LEAD.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    let name = words[start..].join(" ");
    (!name.is_empty() && starts_capitalised(&name)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_attribution_phrases() {
        assert_eq!(
            tellers(
                "The toll rose to 40, according to the Wire Agency, which cited the Red Crescent.",
                None
            ),
            vec!["the Wire Agency", "the Red Crescent"]
        );
        assert_eq!(
            tellers(
                "The port was sealed, Daily Post reported, citing port workers.",
                Some("port workers")
            ),
            vec!["Daily Post", "port workers"]
        );
        assert_eq!(
            tellers(
                "The mayor told The Morning Herald by telephone that the dam held.",
                Some("the mayor")
            ),
            vec!["The Morning Herald", "the mayor"]
        );
        assert_eq!(
            tellers("The minister said the dam held.", Some("minister")),
            Vec::<String>::new()
        );
    }
}
