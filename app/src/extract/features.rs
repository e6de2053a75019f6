//! The features the learned model reads from a unit, hashed into `model::BITS`-bit ids: its
//! words and word pairs, the word classes of news writing it holds (reporting verbs, hedges,
//! casualty words, roles…), which rule cues fired, its figures' categories, whether a speaker
//! was found and how (in the unit, or across the quotation), and its shape (headline, quotation,
//! question, first person, length, place in the article). Word classes and cues carry what
//! generalises across events; words let the model learn the constructions the rules miss.

use std::sync::OnceLock;

use super::detectors;
use super::lexicon::{self, Fnv, WordSet, any};
use super::scoring::Reading;
use super::tokens::Token;
use super::tokens::TokenKind;
use std::hash::Hasher;

/// The word classes whose presence is a feature, with their names.
static CLASSES: [(&str, &WordSet); 22] = [
    ("report", &lexicon::REPORTING_VERBS),
    ("speech", &lexicon::SPEECH_VERBS),
    ("hedge", &lexicon::HEDGES),
    ("casualty", &lexicon::CASUALTY_WORDS),
    ("person", &lexicon::PERSON_NOUNS),
    ("role", &lexicon::ROLE_NOUNS),
    ("title", &lexicon::TITLES),
    ("deny", &lexicon::DENIAL_VERBS),
    ("false", &lexicon::FALSITY_WORDS),
    ("reject", &lexicon::REJECT_VERBS),
    ("arrest", &lexicon::ARREST_WORDS),
    ("warn", &lexicon::WARNING_WORDS),
    ("eventverb", &lexicon::EVENT_WORDS),
    ("attack", &lexicon::ATTACK_NOUNS),
    ("disaster", &lexicon::DISASTER_NOUNS),
    ("claimnoun", &lexicon::CLAIM_NOUNS),
    ("nonclaim", &lexicon::NON_CLAIM_WORDS),
    ("vague", &lexicon::VAGUE_QUANTITIES),
    ("cause", &lexicon::CAUSE_WORDS),
    ("blame", &lexicon::BLAME_WORDS),
    ("threat", &lexicon::THREAT_WORDS),
    ("opinion", &lexicon::OPINION_WORDS),
];

/// Which of `CLASSES` a token is in, as bits of their places there (read from the lists the
/// token's lower-cased form records).
fn classes_of(t: &Token<'_>) -> u32 {
    // For each byte of the lexicon's bits and each value it can take, the `CLASSES` bits it
    // stands for: eight lookups instead of a loop over the word's lists, whose varying length
    // the processor mispredicted on most words.
    static BITS: OnceLock<[[u32; 256]; 8]> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut of_bit = [0u32; 64];
        for (n, (_, set)) in CLASSES.iter().enumerate() {
            of_bit[set.bit().trailing_zeros() as usize] |= 1 << n;
        }
        let mut m = [[0u32; 256]; 8];
        for (byte, table) in m.iter_mut().enumerate() {
            for (v, out) in table.iter_mut().enumerate() {
                *out = (0..8)
                    .filter(|b| v & (1 << b) != 0)
                    .fold(0, |o, b| o | of_bit[byte * 8 + b]);
            }
        }
        m
    });
    let c = t.lower.classes().to_le_bytes();
    bits.iter()
        .zip(c)
        .fold(0, |out, (table, v)| out | table[usize::from(v)])
}

/// Bits of `classes_of` for the classes the constructions ask about.
const DENY: u32 = 1 << 7;
const REJECT: u32 = 1 << 9;
const ARREST: u32 = 1 << 10;
const WARN: u32 = 1 << 11;
const CASUALTY: u32 = 1 << 3;
const SPEECH: u32 = 1 << 1;

fn hash(parts: &[&[u8]]) -> u32 {
    let mut h = Fnv::default();
    for p in parts {
        h.write(p);
        h.write(&[0xff]);
    }
    let v = h.finish();
    (v ^ (v >> 32)) as u32
}

/// The word as a feature sees it: lower case, digits folded to `0`, curly quotes straightened.
fn norm(w: &str, kind: TokenKind) -> std::borrow::Cow<'_, str> {
    if kind == TokenKind::Number {
        return "0".into();
    }
    if w.contains(['“', '”', '‘', '’']) {
        return w.replace(['“', '”'], "\"").replace(['‘', '’'], "'").into();
    }
    w.into()
}

/// A unit's features: those every output reads (word classes, cues, constructions, figures,
/// shape) and the words and word pairs, which only check-worthiness reads. Measured: with the
/// words, the kinds learned on two events fit those events' vocabulary and score 0.05–0.10 lower
/// on the third; ClaimBuster's check-worthiness needs them (its sentences are not news).
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub shared: Vec<u32>,
    pub lexical: Vec<u32>,
}

impl Features {
    /// Both lists together, for a text read as several units.
    pub fn extend(&mut self, o: Features) {
        self.shared.extend(o.shared);
        self.lexical.extend(o.lexical);
    }
}

/// The features of unit `i` of `readings`.
pub fn of(readings: &[Reading<'_>], i: usize) -> Features {
    of_with(readings, i, true, &patterns(&readings[i]))
}

/// The names of a unit's shape features, in the order `of_with` lists their values.
const SHAPES: [&str; 12] = [
    "headline",
    "speaker",
    "speaker-here",
    "speaker-quoted",
    "in-quote",
    "quote-opens",
    "has-quote",
    "question",
    "first-person",
    "negated",
    "hedged",
    "vetoed",
];

/// The names of the length features, shortest first.
const LENGTHS: [&str; 5] = ["len<6", "len<12", "len<25", "len<40", "len40+"];

/// The hashes of the features whose names are fixed, computed once rather than for every unit.
struct Known {
    classes: [u32; CLASSES.len()],
    cue: [u32; 6],
    cue1: [u32; 6],
    any_figure: u32,
    shape: [u32; SHAPES.len()],
    len: [u32; LENGTHS.len()],
}

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| Known {
        classes: CLASSES.map(|(name, _)| hash(&[b"c", name.as_bytes()])),
        cue: std::array::from_fn(|k| hash(&[b"cue", &[k as u8]])),
        cue1: std::array::from_fn(|k| hash(&[b"cue1", &[k as u8]])),
        any_figure: hash(&[b"fig*"]),
        shape: SHAPES.map(|name| hash(&[b"s", name.as_bytes()])),
        len: LENGTHS.map(|name| hash(&[name.as_bytes()])),
    })
}

/// The features of unit `i`, the words only when `lexical` (the kinds do not read them, so
/// extraction computes them only for a unit no kind claimed).
/// `pats` are the unit's `patterns` (the caller has them already).
pub fn of_with(
    readings: &[Reading<'_>],
    i: usize,
    lexical_too: bool,
    pats: &[&'static str],
) -> Features {
    let r = &readings[i];
    let mut out: Vec<u32> = Vec::with_capacity(48);
    let mut classes_seen = 0u32;
    let mut first_person = false;
    let mut negated = false;
    let known = known();
    // Asked of every token, so without a branch on what the processor cannot foresee (whether
    // the token is a word, which of its classes are new): each bit is folded in.
    for t in &r.toks {
        let word = t.kind == TokenKind::Word;
        let new = classes_of(t) & !classes_seen & u32::from(word).wrapping_neg();
        if new != 0 {
            classes_seen |= new;
            push_where(&mut out, &known.classes, |n| new & (1 << n) != 0);
        }
        first_person |= word & any(&t.lower, &lexicon::FIRST_PERSON);
        negated |= word
            & (detectors::is_negation(t)
                | (t.lower.classes() & lexicon::RARE_RULE_WORDS.bit() != 0 && t.is("nobody")));
    }
    for p in pats {
        out.push(hash(&[b"p", p.as_bytes()]));
        if r.speaker.is_some() {
            out.push(hash(&[b"p+s", p.as_bytes()]));
        }
    }
    for (k, cue) in r.cues.iter().enumerate() {
        if cue.is_some() {
            out.push(known.cue[k]);
        }
    }
    if let Some(k) = r.cues.iter().position(Option::is_some) {
        out.push(known.cue1[k]);
    }
    for fig in &r.figures {
        out.push(hash(&[b"fig", fig.category.as_bytes()]));
        out.push(hash(&[b"figq", fig.qualifier.as_str().as_bytes()]));
    }
    if !r.figures.is_empty() {
        out.push(known.any_figure);
    }
    // No place-in-article features: ClaimBuster's sentences, taught as claim-free, each stand
    // alone, so "first sentence" would come to mean "no claim".
    let shape: [bool; SHAPES.len()] = [
        r.unit.headline,
        r.speaker.is_some(),
        r.speaker_here,
        r.speaker.is_some() && !r.speaker_here,
        r.quote.inside,
        r.quote.opens,
        r.quote.marks,
        r.question,
        first_person,
        negated,
        r.hedge_word,
        r.vetoed,
    ];
    push_where(&mut out, &known.shape, |n| shape[n]);
    let words = r.toks.iter().filter(|t| t.kind != TokenKind::Punct).count();
    let len = match words {
        0..=5 => 0,
        6..=11 => 1,
        12..=24 => 2,
        25..=39 => 3,
        _ => 4,
    };
    out.push(known.len[len]);
    Features {
        shared: out,
        lexical: if lexical_too { words_of(r) } else { Vec::new() },
    }
}

/// Pushes the features of `hashes` whose place `on` says, in their order. Each is written and
/// the end moved on by the answer, so no branch hangs on it.
fn push_where<const N: usize>(out: &mut Vec<u32>, hashes: &[u32; N], on: impl Fn(usize) -> bool) {
    let mut buf = [0u32; N];
    let mut len = 0;
    for (n, h) in hashes.iter().enumerate() {
        buf[len] = *h;
        len += usize::from(on(n));
    }
    out.extend_from_slice(&buf[..len]);
}

/// The unit's words and word pairs as features (`Features::lexical`).
pub fn words_of(r: &Reading<'_>) -> Vec<u32> {
    let mut lexical: Vec<u32> = Vec::with_capacity(r.toks.len() * 2 + 2);
    let mut prev: std::borrow::Cow<'_, str> = "^".into();
    for t in &r.toks {
        if t.kind != TokenKind::Punct
            || matches!(t.text, "\"" | "'" | "?" | ":" | "(" | "“" | "”" | "‘" | "’")
        {
            let w = norm(&t.lower, t.kind);
            lexical.push(hash(&[b"w", w.as_bytes()]));
            lexical.push(hash(&[b"b", prev.as_bytes(), w.as_bytes()]));
            prev = w;
        }
    }
    lexical.push(hash(&[b"b", prev.as_bytes(), b"$"]));
    lexical
}

/// Whether the agent after the "by" at `by` is the occurrence itself, named as already known:
/// "the damage caused by the explosion", "fires started by the blast". What it caused is its
/// consequence, not a cause given for it, so no one and nothing is blamed.
fn by_the_occurrence(toks: &[Token<'_>], by: usize) -> bool {
    let w = |j: usize| toks.get(j).map_or("", |t| t.lower.as_ref());
    matches!(w(by + 1), "the" | "this" | "that")
        && (by + 2..by + 4).any(|j| {
            matches!(
                w(j),
                "explosion"
                    | "explosions"
                    | "blast"
                    | "blasts"
                    | "disaster"
                    | "incident"
                    | "tragedy"
                    | "catastrophe"
            ) && w(j + 1) != "of"
        })
}

/// A verb of travel or meeting, as a plan names it ("set to visit", "will meet").
fn travel(w: &str) -> bool {
    matches!(
        w,
        "visit"
            | "travel"
            | "head"
            | "fly"
            | "meet"
            | "attend"
            | "arrive"
            | "hold"
            | "host"
            | "address"
            | "speak"
            | "sign"
            | "return"
            | "tour"
    )
}

/// A word that calls what was said false: "lies", "baseless", "fabrication".
pub fn is_falsehood(w: &str) -> bool {
    matches!(
        w,
        "lie"
            | "lies"
            | "false"
            | "baseless"
            | "fabricated"
            | "fabrication"
            | "unfounded"
            | "untrue"
            | "nonsense"
            | "propaganda"
    )
}

/// "Asked what led him to that conclusion, the minister said: …", "When asked about the party
/// responsible, she said …": the opening clause that reports a question put to the speaker,
/// from "asked" to the comma or colon that closes it (token positions). What it holds is asked,
/// not claimed: the claim is the answer.
pub fn asked_clause(toks: &[Token<'_>]) -> Option<(usize, usize)> {
    let k = toks.iter().take(3).position(|t| t.is("asked"))?;
    let opens = toks[..k]
        .iter()
        .all(|t| matches!(t.lower.as_ref(), "when" | "if" | "once" | "after" | "being"));
    let question = toks.get(k + 1).is_some_and(|t| {
        matches!(
            t.lower.as_ref(),
            "about" | "what" | "who" | "whom" | "whether" | "if" | "why" | "how" | "which" | "for"
        )
    });
    if !opens || !question {
        return None;
    }
    let end = toks[k..].iter().position(|t| t.is(",") || t.is(":"))?;
    Some((k, k + end))
}

/// Whether a noun is plural ("airstrikes", "rockets"; not "mass", "bus"): a nation's weapons
/// in the plural ("killed in Israeli airstrikes on the south") are a campaign reported, not the
/// cause of one occurrence given (the attribution a party may deny).
fn plural_noun(t: &Token<'_>) -> bool {
    let w = t.lower.as_ref();
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
}

/// Whether the word at `k` tells a person's background (see `patterns`): a background verb
/// ("born", "attended" a school, "grew up", "studied", "emigrated", "lived", "returned from",
/// "fled" with a year, "known to" the authorities) with a person as its subject just before it.
fn background_at(toks: &[Token<'_>], k: usize) -> bool {
    let w = |j: usize| toks.get(j).map_or("", |t| t.lower.as_ref());
    let a = w(k);
    let b = w(k + 1);
    let ahead =
        |n: usize, f: &dyn Fn(&str) -> bool| (k + 1..(k + 1 + n).min(toks.len())).any(|j| f(w(j)));
    let school = |x: &str| {
        matches!(
            x,
            "university" | "college" | "school" | "academy" | "seminary" | "madrassa"
        )
    };
    let year = |x: &str| {
        x.len() == 4
            && (x.starts_with("19") || x.starts_with("20"))
            && x.bytes().all(|c| c.is_ascii_digit())
    };
    let verb = match a {
        "born" | "studied" | "graduated" | "emigrated" | "immigrated" | "lived" => true,
        "grew" => b == "up",
        "attended" => ahead(4, &school),
        "returned" => b == "from",
        "fled" => ahead(4, &year),
        "known" => {
            b == "to"
                && ahead(5, &|x| {
                    matches!(
                        x,
                        "police"
                            | "security"
                            | "intelligence"
                            | "authorities"
                            | "services"
                            | "agencies"
                            | "investigators"
                    )
                })
        }
        _ => false,
    };
    if !verb {
        return false;
    }
    // The subject: a pronoun, a name, or people counted ("the two women"), within three words
    // before the verb (past "had", "also", "was", "recently"…).
    (k.saturating_sub(3)..k).any(|j| {
        let t = &toks[j];
        matches!(
            w(j),
            "he" | "she" | "they" | "women" | "men" | "brothers" | "sisters" | "couple"
        ) || (t.is_word()
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && !matches!(
                w(j),
                "the" | "a" | "an" | "this" | "that" | "it" | "in" | "on" | "at"
            ))
    })
}

/// Whether token `k` calls on others to act: "called on all citizens to", "urged the army to
/// investigate", "mediators are pressing for an agreement", "demanded the release of prisoners".
pub fn calls_to_act_at(toks: &[Token<'_>], k: usize) -> bool {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_ref());
    let (a, b) = (w(k), w(k + 1));
    (matches!(a, "called" | "calls" | "calling") && matches!(b, "on" | "upon"))
        || (matches!(a, "pressing" | "pushing") && b == "for")
        || matches!(
            a,
            "urged" | "urges" | "urging" | "demanded" | "demands" | "demanding"
        )
}

/// Constructions of news writing that mark a kind of claim, each named; every one is a general
/// pattern of English reporting (cause, blame, denial, custody, threat, occurrence), not a
/// phrase of any article.
pub fn patterns(r: &Reading<'_>) -> Vec<&'static str> {
    let toks: &[Token<'_>] = &r.toks;
    let mut out: Vec<&'static str> = Vec::new();
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_ref());
    let is = |k: usize, list: &[&str]| list.contains(&w(k));
    let weapon = |k: usize| detectors::weapon_at(toks, k);
    // Whether the unit opens with a clause that sets the scene ("As …, officials …"), and its
    // last comma: found once, so that asking for each word stays linear.
    let scene_setter = matches!(
        w(0),
        "as" | "while" | "when" | "after" | "before" | "since" | "although" | "though"
    );
    let last_comma = toks.iter().rposition(|t| t.is(","));
    if asked_clause(toks).is_some() {
        out.push("asked");
    }
    for (k, tok) in toks.iter().enumerate() {
        let a = w(k);
        let mask = classes_of(tok);
        let country = tok.lower.classes() & lexicon::DEMONYM != 0;
        let classed = mask & (DENY | REJECT | ARREST | WARN | CASUALTY | SPEECH) != 0;
        let starts =
            country || a.ends_with("n't") || any(&tok.lower, &lexicon::CONSTRUCTION_TRIGGERS);
        if !classed && !starts {
            continue;
        }
        let b = w(k + 1);
        // What the word's lists tell (a verb of denial, of arrest, of speech…): a word in such
        // a list and no construction's first word is asked nothing more.
        if mask & (DENY | REJECT) != 0 {
            out.push("deny");
        }
        if mask & ARREST != 0 && !detectors::is_warrant(b) {
            out.push("custody");
        }
        if mask & WARN != 0 {
            out.push("threat");
        }
        if mask & CASUALTY != 0 {
            out.push("casualty-word");
        }
        if mask & SPEECH != 0 && k > 0 && is(k - 1, &[",", "\"", "”"]) {
            out.push("said-after-quote");
        }
        if mask & SPEECH != 0 && matches!(b, "that" | ":") {
            out.push("said-that");
        }
        if !starts {
            continue;
        }
        // The constructions the commonest words start ("was a bomb", "by a drone", "in
        // custody", "could explode", "will visit"), asked first: such a word starts no other,
        // and is then passed on without the many questions the rarer words are asked below.
        if a == "by"
            && (weapon(k + 1)
                || (1..=3).any(|d| {
                    weapon(k + 1 + d) && toks[k + 1..k + 1 + d].iter().all(|t| t.is_word())
                }))
            && !by_the_occurrence(toks, k)
        {
            out.push("by-weapon");
        }
        if matches!(a, "was" | "is" | "were" | "be" | "been")
            && (is(k + 1, &["a", "an"]) && (weapon(k + 2) || weapon(k + 3)) || weapon(k + 1))
        {
            out.push("was-a-weapon");
        }
        if a == "in" && b == "custody" {
            out.push("custody");
        }
        if matches!(a, "could" | "may" | "might" | "would")
            && matches!(
                b,
                "destroy" | "explode" | "be" | "happen" | "strike" | "kill" | "cause"
            )
        {
            out.push("could-happen");
        }
        if a == "will" && travel(b) {
            out.push("plan");
        }
        if any(&tok.lower, &lexicon::COMMON_STARTS) {
            continue;
        }
        // Cause.
        if matches!(
            a,
            "caused"
                | "triggered"
                | "sparked"
                | "started"
                | "set"
                | "carried"
                | "conducted"
                | "perpetrated"
                | "launched"
                | "fired"
                | "dropped"
                | "committed"
                | "done"
                | "orchestrated"
        ) && (b == "by" || w(k + 2) == "by")
            && !by_the_occurrence(toks, if b == "by" { k + 1 } else { k + 2 })
        {
            out.push("agent-by");
        }
        if (a == "result" || a == "work" || a == "product") && b == "of" {
            out.push("result-of");
        }
        // Not "is due to visit", a plan.
        if a == "due" && b == "to" && !travel(w(k + 2)) {
            out.push("due-to");
        }
        if a == "came" && b == "from" || a == "originated" {
            out.push("came-from");
        }
        // "Israeli airstrikes" alone tell a campaign; as the subject of the killing ("claims
        // Israeli airstrikes killed 500") they are blamed for these deaths. "Air strike" is
        // the same weapon in two words.
        let n = if b == "air" && weapon(k + 2) {
            k + 2
        } else {
            k + 1
        };
        if country
            && weapon(n)
            && (!plural_noun(&toks[n])
                || matches!(w(n + 1), "killed" | "kill" | "killing" | "destroyed"))
        {
            out.push("national-weapon");
        }
        if matches!(
            a,
            "misfired"
                | "misfire"
                | "malfunctioning"
                | "malfunction"
                | "errant"
                | "failed"
                | "stray"
        ) {
            out.push("misfire");
        }
        if matches!(a, "hit" | "struck" | "targeted" | "bombed" | "shelled")
            && (b == "by" || weapon(k + 1) || weapon(k + 2))
        {
            out.push("hit-by");
        }
        // "Too early to say who was behind the attack": asking who did it blames no one.
        let asked = detectors::asks_who(toks, k);
        if (a == "responsible" && b == "for" && !asked)
            || (a == "responsibility"
                && matches!(
                    w(k.wrapping_sub(1)),
                    "claimed" | "claims" | "claim" | "took" | "takes" | "bear" | "bears"
                ))
        {
            out.push("responsible");
        }
        if a == "behind" && !asked && (weapon(k + 1) || weapon(k + 2) || is(k + 1, &["it", "the"]))
        {
            out.push("behind");
        }
        if matches!(
            a,
            "blamed"
                | "blames"
                | "blame"
                | "blaming"
                | "accused"
                | "accuses"
                | "accusing"
                | "accusation"
                | "accusations"
        ) {
            out.push("blame");
        }
        if matches!(a, "linked" | "tied" | "connected") && matches!(b, "to" | "with") {
            out.push("linked");
        }
        // Denial.
        if detectors::negated_deed_at(toks, k) {
            out.push("not-done");
        }
        if is_falsehood(a) {
            out.push("falsehood");
        }
        if a == "innocent" || a == "innocence" {
            out.push("innocent");
        }
        // Custody.
        if matches!(
            a,
            "raid" | "raids" | "raided" | "questioning" | "released" | "bail"
        ) {
            out.push("custody");
        }
        // Threat.
        if matches!(
            a,
            "threat"
                | "imminent"
                | "evacuate"
                | "evacuation"
                | "urged"
                | "urging"
                | "advised"
                | "advising"
        ) {
            out.push("threat");
        }
        if a == "level" && (w(k.wrapping_sub(1)) == "threat" || b == "of") {
            out.push("threat-level");
        }
        // What the speaker cannot say: "could not yet confirm whether a drone was used", "we
        // can't tell if the shell was theirs".
        if detectors::is_negation(tok)
            && let Some(v) = (k + 1..(k + 3).min(toks.len())).find(|&j| {
                let x = w(j);
                [
                    "confirm",
                    "know",
                    "say",
                    "determine",
                    "verify",
                    "establish",
                    "tell",
                ]
                .iter()
                .any(|s| x.starts_with(s))
            })
            && (v + 1..(v + 4).min(toks.len())).any(|j| is(j, &["whether", "if", "it", "who"]))
        {
            out.push("unconfirmed");
        }
        // "detectives have established the gunman's identity", "the identities are known": who
        // did it is known, without naming him.
        if matches!(a, "identity" | "identities")
            && (k.saturating_sub(4)..(k + 6).min(toks.len())).any(|j| {
                matches!(
                    w(j),
                    "know" | "knows" | "known" | "confirmed" | "established" | "revealed"
                )
            })
        {
            out.push("identity-known");
        }
        // Occurrence ranked against others of its kind: "the deadliest airstrike in twenty
        // years", "the worst attack in the country's history", "the bloodiest of the border wars".
        let superlative = matches!(
            a,
            "deadliest" | "worst" | "bloodiest" | "largest" | "biggest"
        ) || (a == "most"
            && matches!(b, "deadly" | "lethal" | "devastating" | "destructive"));
        if superlative
            && (1..=5).any(|d| {
                let t = toks.get(k + d);
                weapon(k + d)
                    || t.is_some_and(|t| {
                        any(&t.lower, &lexicon::ATTACK_NOUNS)
                            || any(&t.lower, &lexicon::DISASTER_NOUNS)
                            || matches!(
                                t.lower.as_ref(),
                                "war" | "wars" | "conflict" | "incident" | "disaster" | "tragedy"
                            )
                    })
            })
        {
            out.push("ranked");
        }
        // A person's background: "was born to", "attended the local college", "grew up in",
        // "fled the country in 1998", "was known to the security services". Said of a person
        // (a name, a pronoun, "the two women"), not of a crowd fleeing a scene.
        if background_at(toks, k) {
            out.push("background");
        }
        // A vow to punish or a pledge of help: "those responsible will pay the price", "they
        // will be held to account", "brought to justice", "appealed for international aid",
        // "to provide whatever assistance we can".
        let help = |x: &str| matches!(x, "assistance" | "aid" | "help" | "support");
        // Not in an opening clause that sets the scene: "As neighbours step in to offer aid,
        // officials open an inquiry".
        let opening = scene_setter && last_comma.is_some_and(|c| c > k);
        if !opening
            && ((a == "held" && (b == "accountable" || (b == "to" && w(k + 2) == "account")))
                || (a == "pay" && (1..=2).any(|d| w(k + d) == "price"))
                || (matches!(a, "bring" | "brought" | "bringing")
                    && b == "to"
                    && w(k + 2) == "justice")
                || (matches!(a, "punished" | "punish")
                    && (1..=3).any(|d| {
                        k >= d && matches!(w(k - d), "will" | "would" | "be" | "vowed" | "pledged")
                    }))
                || (matches!(a, "appealed" | "appeal" | "appeals" | "appealing")
                    && b == "for"
                    && (2..=4).any(|d| help(w(k + d))))
                || (matches!(a, "provide" | "offer" | "offered" | "send" | "pledged")
                    && (1..=4).any(|d| help(w(k + d)))))
        {
            out.push("pledge");
        }
        // A call on others to act: "called on all citizens to", "urged the army to investigate",
        // "mediators are pressing for an agreement", "demanded the release of prisoners".
        if calls_to_act_at(toks, k) {
            out.push("call-to-act");
        }
        // A plan of travel or meeting: "is set to head to the region", "slated to visit", "was
        // planning to return home", "will meet the king".
        let planned = matches!(
            a,
            "set" | "slated" | "scheduled" | "due" | "expected" | "planning" | "plans" | "planned"
        ) && b == "to"
            && travel(w(k + 2));
        if planned {
            out.push("plan");
        }
        // "Called off a planned summit", "the concert was cancelled": a plan undone is an
        // occurrence.
        if matches!(a, "cancelled" | "canceled" | "postponed" | "scrapped")
            || (matches!(a, "called" | "calls" | "calling") && b == "off")
        {
            out.push("called-off");
        }
        // What footage shows: "a video showed fire engulfing the ward", "further clips seem to
        // show the same", "the footage matched images taken from the hill" (read from the
        // rarer noun: the verb within eight words after it).
        if matches!(
            a,
            "video"
                | "videos"
                | "footage"
                | "images"
                | "photos"
                | "photographs"
                | "pictures"
                | "clip"
                | "clips"
                | "livestream"
        ) && (k + 1..(k + 9).min(toks.len())).any(|j| {
            matches!(
                w(j),
                "show"
                    | "shows"
                    | "showed"
                    | "shown"
                    | "showing"
                    | "match"
                    | "matches"
                    | "matched"
                    | "captured"
            )
        }) {
            out.push("footage");
        }
        // "Investigators missed several chances to stop him": a failure laid at someone's door.
        if a == "missed"
            && (1..=3).any(|d| {
                matches!(
                    w(k + d),
                    "chance" | "chances" | "opportunity" | "opportunities"
                )
            })
        {
            out.push("missed-chances");
        }
        // "He acted alone", "the attack was carried out by one man", "a single attacker": how
        // many did it, which names no one.
        if (a == "alone"
            && k > 0
            && matches!(w(k - 1), "acted" | "acting" | "act" | "worked" | "working"))
            || (matches!(a, "one" | "single" | "lone")
                && matches!(
                    b,
                    "man"
                        | "attacker"
                        | "assailant"
                        | "terrorist"
                        | "bomber"
                        | "gunman"
                        | "perpetrator"
                ))
        {
            out.push("alone");
        }
        // An open question: "to establish whether he acted alone", "investigators are trying to
        // determine if the fire was set".
        if matches!(
            a,
            "establish" | "determine" | "ascertain" | "verify" | "confirm" | "investigating"
        ) && (1..=2).any(|d| matches!(w(k + d), "whether" | "if"))
        {
            out.push("unconfirmed");
        }
        // A toll without a number: "killed hundreds", "dozens were injured", "a fire that took the
        // lives of dozens".
        // The casualty word is in the same phrase: not "hundreds of patients, wounded and
        // displaced".
        let phrase = |j: usize| {
            let (lo, hi) = if j < k { (j, k) } else { (k, j) };
            toks[lo..hi].iter().all(|t| t.is_word())
        };
        if matches!(a, "dozens" | "hundreds" | "thousands" | "scores")
            && (k.saturating_sub(4)..(k + 5).min(toks.len()))
                .any(|j| j != k && classes_of(&toks[j]) & CASUALTY != 0 && phrase(j))
        {
            out.push("vague-toll");
        }
        // Occurrence.
        if (a == "took" && b == "place")
            || matches!(
                a,
                "occurred" | "happened" | "erupted" | "exploded" | "detonated"
            )
        {
            out.push("occurred");
        }
        if matches!(
            a,
            "treating" | "treated" | "investigating" | "investigation" | "probe"
        ) {
            out.push("investigating");
            // "the stabbing was being treated as an act of terror": what the authorities hold
            // the occurrence to be.
            if let Some(as_at) = (k + 1..(k + 4).min(toks.len())).find(|&j| toks[j].is("as"))
                && (as_at + 1..(as_at + 5).min(toks.len())).any(|j| {
                    let x = w(j);
                    x.starts_with("terror")
                        || matches!(x, "attack" | "incident" | "act" | "murder" | "crime")
                })
            {
                out.push("treated-as");
            }
        }
        if matches!(
            a,
            "cancelled"
                | "canceled"
                | "postponed"
                | "called"
                | "summit"
                | "meeting"
                | "visit"
                | "visited"
                | "met"
                | "flew"
                | "arrived"
        ) {
            out.push("diplomacy");
        }
        // Casualties.
        if a == "death" && b == "toll" || a == "toll" {
            out.push("toll");
        }
        if matches!(
            a,
            "rose" | "risen" | "rises" | "climbed" | "jumped" | "reached" | "stands"
        ) {
            out.push("rose");
        }
        // Speech.
        if a == "according" && b == "to" {
            out.push("according-to");
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::Words;
    use crate::extract::tokens::tokenize;

    #[test]
    fn a_token_is_in_the_word_classes_whose_lists_hold_its_word() {
        for (name, set) in &CLASSES {
            assert_ne!(set.bit(), 0, "{name} is missing from lexicon::CLASSED");
        }
        let text = "Officials denied the militants were arrested after the blast, police said.";
        for t in tokenize(text, 0, text.len()) {
            let from_bits: Vec<&str> = CLASSES
                .iter()
                .enumerate()
                .filter(|(n, _)| classes_of(&t) & (1 << n) != 0)
                .map(|(_, (name, _))| *name)
                .collect();
            let from_lists: Vec<&str> = CLASSES
                .iter()
                .filter(|(_, set)| set.has(&t.lower))
                .map(|(name, _)| *name)
                .collect();
            assert_eq!(from_bits, from_lists, "{}", t.text);
        }
    }
}
