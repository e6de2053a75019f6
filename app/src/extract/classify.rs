//! Deciding whether a unit is a claim, of which kind, and reading its claimant, target, hedging
//! and check-worthiness. One claim per unit; when a unit carries several kinds the most specific
//! wins: denial, attribution, arrest, casualty, warning, event, statement.

use super::actors::{self, Registry};
use super::figures;
use super::lexicon::{self, WordSet, Words, any};
use super::segment::Unit;
use super::tokens::Token;
use crate::domain::{ActorRef, ClaimKind, Figure};

/// A claim found in a unit, with byte offsets into the article text.
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub figures: Vec<Figure>,
    pub claimant: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub hedged: bool,
    pub checkworthiness: f64,
}

/// What made a unit a claim: the cue's token and, where the cue names one, the target.
struct Cue {
    at: usize,
    target: Target,
}

enum Target {
    None,
    /// The target is whoever the claimant is ("ISIS claimed responsibility").
    Claimant,
    Actor(ActorRef),
}

static CASUALTY_CATEGORIES: WordSet = WordSet::new(&["killed", "injured", "missing", "hostages"]);
static VAGUE_QUANTITIES: WordSet = WordSet::new(&[
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "many",
    "several",
    "numerous",
]);
static CLAIM_NOUNS: WordSet = WordSet::new(&[
    "claims",
    "claim",
    "allegations",
    "allegation",
    "accusations",
    "accusation",
    "reports",
    "report",
    "suggestions",
    "suggestion",
    "charges",
    "assertions",
    "speculation",
    "rumours",
    "rumors",
    "involvement",
    "responsibility",
    "role",
    "link",
    "links",
    "criticism",
    "criticisms",
    "findings",
    "characterisation",
    "characterization",
]);
static ATTACK_NOUNS: WordSet = WordSet::new(&[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "assault",
    "shooting",
    "blast",
    "killing",
    "killings",
    "explosion",
    "massacre",
    "strike",
    "strikes",
    "plot",
    "raid",
    "ambush",
    "violence",
]);
static EVENT_WORDS: WordSet = WordSet::new(&[
    "stormed",
    "storming",
    "attacked",
    "exploded",
    "explosion",
    "explosions",
    "blast",
    "blasts",
    "bombed",
    "shelled",
    "shelling",
    "stabbed",
    "stabbing",
    "fled",
    "escaped",
    "lasted",
    "occurred",
    "erupted",
    "struck",
    "crashed",
    "collapsed",
    "burned",
    "burnt",
    "blaze",
    "flames",
    "evacuated",
    "damaged",
    "destroyed",
    "invaded",
    "raided",
    "clashed",
    "hijacked",
    "seized",
    "derailed",
    "flooded",
    "sank",
    "extinguish",
    "extinguished",
    "gunmen",
    "shot",
    "detonated",
    "opened",
    "set",
    "launched",
    "fired",
    "ambushed",
    "targeted",
    "besieged",
    "captured",
    "overran",
    "intercepted",
    "downed",
    "hit",
    "landed",
    "landing",
    "boarded",
    "erupted",
    // Headlines speak in the present tense.
    "seize",
    "seizes",
    "storm",
    "storms",
    "explodes",
    "crashes",
    "collapses",
    "erupts",
    "flees",
    "raids",
    "hijacks",
    "invades",
    "sinks",
    "burns",
    "destroys",
    "strikes",
    "hits",
    "floods",
    "erupt",
    "clash",
    "clashes",
    "riots",
    "rioting",
    "broke",
]);
static DISASTER_NOUNS: WordSet = WordSet::new(&[
    "earthquake",
    "quake",
    "aftershock",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "flood",
    "floods",
    "flooding",
    "wildfire",
    "fire",
    "tsunami",
    "landslide",
    "avalanche",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "bomb",
    "shell",
    "strike",
]);
static DENIAL_VERBS: WordSet = WordSet::new(&[
    "deny", "denies", "denied", "denying", "denial", "denials", "refute", "refutes", "refuted",
    "refuting", "rebuffed", "rebuff", "disputed", "disputes",
]);
static FALSITY_WORDS: WordSet = WordSet::new(&[
    "lie",
    "lies",
    "false",
    "baseless",
    "untrue",
    "fabricated",
    "fabrication",
    "unfounded",
    "groundless",
    "nonsense",
    "fake",
]);
static REJECT_VERBS: WordSet = WordSet::new(&[
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "dismiss",
    "dismisses",
    "dismissed",
    "dismissing",
]);
static ARREST_WORDS: WordSet = WordSet::new(&[
    "arrested",
    "arrests",
    "arrest",
    "arresting",
    "detained",
    "detaining",
    "detention",
    "custody",
    "charged",
    "indicted",
    "apprehended",
    "remanded",
    "extradited",
    "convicted",
    "sentenced",
    "jailed",
    "imprisoned",
    "detain",
]);
static WARNING_WORDS: WordSet = WordSet::new(&[
    "warned",
    "warns",
    "warning",
    "warnings",
    "warn",
    "advisory",
    "advisories",
    "cautioned",
    "alert",
    "alerts",
]);

pub fn classify(
    text: &str,
    unit: &Unit,
    toks: &[Token<'_>],
    registry: &mut Registry,
) -> Option<Found> {
    let words = toks.iter().filter(|t| t.is_word()).count();
    if words < if unit.headline { 2 } else { 4 } {
        return None;
    }

    let figures = figures::figures(text, toks, unit.headline);

    // Most specific first; the first kind whose cue is present wins, and the rest are not tried.
    let detectors: [(ClaimKind, &dyn Fn() -> Option<Cue>); 6] = [
        (ClaimKind::Denial, &|| denial(toks)),
        (ClaimKind::Attribution, &|| attribution(toks)),
        (ClaimKind::Arrest, &|| arrest(toks)),
        (ClaimKind::Casualty, &|| casualty(toks, &figures)),
        (ClaimKind::Warning, &|| warning(toks)),
        (ClaimKind::Event, &|| event(toks, &figures)),
    ];
    let mut chosen = detectors
        .iter()
        .find_map(|(k, detect)| detect().map(|c| (*k, c)));
    // "It accused Hamas of ..., an allegation the group denied": the claim is the accusation;
    // a denial wins only when it comes first ("officials refute claims of involvement").
    if let Some((ClaimKind::Denial, denial_cue)) = &chosen
        && let Some(attr) = attribution(toks)
        && attr.at < denial_cue.at
    {
        chosen = Some((ClaimKind::Attribution, attr));
    }

    let weak = chosen
        .as_ref()
        .is_none_or(|(k, _)| matches!(k, ClaimKind::Event | ClaimKind::Warning));
    let vetoed = toks
        .iter()
        .any(|t| any(&t.lower, &lexicon::NON_CLAIM_WORDS))
        || toks
            .iter()
            .any(|t| any(&t.lower, &lexicon::NON_CLAIM_PHRASE_STARTS))
            && lexicon::NON_CLAIM_PHRASES
                .iter()
                .any(|p| has_phrase(toks, p))
        || text[unit.start..unit.end].trim_end().ends_with('?');
    if weak && vetoed {
        return None;
    }

    let claimant = claimant(
        toks,
        chosen.as_ref().map(|(k, _)| *k),
        chosen.as_ref().map(|(_, c)| c.at),
        unit.headline,
    )
    .and_then(|a| resolve_generic(toks, a, registry))
    .or_else(|| {
        pronoun_speaker(toks)
            .then(|| registry.last_person())
            .flatten()
    })
    .map(|a| registry.resolve(a));
    if chosen.is_none() {
        // Any other attributable assertion with substance: a named source, or a figure.
        let reported = claimant.is_some()
            && (toks.iter().enumerate().any(|(k, t)| {
                any(&t.lower, &lexicon::REPORTING_VERBS) && (k == 0 || !t.is_capitalised())
            }) || has_phrase(toks, "according to"));
        let counted = figures
            .iter()
            .any(|f| !matches!(f.category.as_str(), "count"));
        if (reported || counted) && !has_phrase(toks, "did not") {
            if reported && !unit.headline {
                chosen = Some((
                    ClaimKind::Statement,
                    Cue {
                        at: 0,
                        target: Target::None,
                    },
                ));
            } else if counted {
                // An unattributed measurement is a reported fact about what happened.
                chosen = Some((
                    ClaimKind::Event,
                    Cue {
                        at: 0,
                        target: Target::None,
                    },
                ));
            }
        }
    }
    let (kind, cue) = chosen?;
    let target = match cue.target {
        Target::None => None,
        Target::Claimant => claimant.clone(),
        Target::Actor(a) => Some(registry.resolve(a)),
    };
    let hedged = is_hedged(toks);
    let checkworthiness = score(kind, &figures, claimant.is_some(), target.is_some(), hedged);
    Some(Found {
        start: unit.start,
        end: unit.end,
        kind,
        figures,
        claimant,
        target,
        hedged,
        checkworthiness,
    })
}

/// Whether the words of `phrase` (lower case, space-separated) occur in a row in `toks`.
fn has_phrase(toks: &[Token<'_>], phrase: &str) -> bool {
    let mut words = phrase.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    toks.iter().enumerate().any(|(k, t)| {
        t.lower == first
            && toks.len() > k + rest.len()
            && rest
                .iter()
                .enumerate()
                .all(|(n, w)| toks[k + 1 + n].lower == *w)
    })
}

fn find(toks: &[Token<'_>], list: &(impl Words + ?Sized)) -> Option<usize> {
    toks.iter().position(|t| any(&t.lower, list))
}

fn find_within(
    toks: &[Token<'_>],
    from: usize,
    span: usize,
    list: &(impl Words + ?Sized),
) -> Option<usize> {
    toks.iter()
        .enumerate()
        .skip(from)
        .take(span)
        .find(|(_, t)| any(&t.lower, list))
        .map(|(k, _)| k)
}

fn target_after(toks: &[Token<'_>], from: usize) -> Target {
    // "claims of Ukrainian involvement": a demonym right after a determiner or preposition.
    let mut i = from;
    while i < toks.len() && (toks[i].is("the") || toks[i].is("any") || toks[i].is("a")) {
        i += 1;
    }
    if let Some(d) = actors::demonym_at(toks, i)
        && toks.get(i + 1).is_some_and(|n| !n.is_capitalised())
    {
        return Target::Actor(d);
    }
    match actors::np_after(toks, from).and_then(|np| actors::name_of(toks, np)) {
        Some(a) => Target::Actor(a),
        None => Target::None,
    }
}

fn involvement_target(toks: &[Token<'_>]) -> Option<Target> {
    let k = find(toks, &["involvement", "role", "complicity", "hand"])?;
    if toks.get(k + 1).is_some_and(|t| t.is("of") || t.is("by"))
        && let Target::Actor(a) = target_after(toks, k + 2)
    {
        return Some(Target::Actor(a));
    }
    // "Ukrainian involvement", "Kyiv's involvement".
    let prev = toks.get(k.checked_sub(1)?)?;
    if let Some(d) = actors::demonym_at(toks, k - 1) {
        return Some(Target::Actor(d));
    }
    if prev.is_capitalised() {
        let np = actors::subject_before(toks, k)?;
        return actors::name_of(toks, np).map(Target::Actor);
    }
    None
}

fn denial(toks: &[Token<'_>]) -> Option<Cue> {
    let at = find(toks, &DENIAL_VERBS).or_else(|| {
        let r = find(toks, &REJECT_VERBS)?;
        find_within(toks, r + 1, 5, &CLAIM_NOUNS).map(|_| r)
    });
    // "the claim was a blatant lie", "allegations it called baseless".
    let at = at.or_else(|| {
        let f = find(toks, &FALSITY_WORDS)?;
        find_within(toks, f.saturating_sub(5), 5, &CLAIM_NOUNS).map(|_| f)
    });
    let at = at.or_else(|| {
        // "had nothing to do with", "was not involved".
        (0..toks.len().saturating_sub(3)).find(|&k| {
            (toks[k].is("nothing")
                && toks[k + 1].is("to")
                && toks[k + 2].is("do")
                && toks[k + 3].is("with"))
                || ((toks[k].is("not") || toks[k].is("never")) && toks[k + 1].is("involved"))
                || (toks[k].is("no") && toks[k + 1].is("involvement"))
        })
    })?;
    let target = involvement_target(toks)
        .or_else(|| {
            let c = find_within(toks, at + 1, 6, &CLAIM_NOUNS)?;
            toks.get(c + 1)
                .filter(|t| t.is("of") || t.is("that"))
                .map(|_| target_after(toks, c + 2))
        })
        .unwrap_or(Target::Claimant);
    Some(Cue { at, target })
}

fn attribution(toks: &[Token<'_>]) -> Option<Cue> {
    for (k, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        // "ISIS claimed responsibility", "took credit".
        if matches!(
            w,
            "claimed"
                | "claims"
                | "claim"
                | "claiming"
                | "took"
                | "take"
                | "takes"
                | "taking"
                | "accepted"
                | "admitted"
        ) && find_within(toks, k + 1, 3, &["responsibility", "credit"]).is_some()
            // "Nobody has claimed responsibility": a claim nobody made is not one.
            && !toks[..k].iter().rev().take(4).any(|t| {
                matches!(t.lower.as_ref(), "nobody" | "no" | "not" | "none" | "yet" | "never")
            })
        {
            return Some(Cue {
                at: k,
                target: Target::Claimant,
            });
        }
        if w == "responsibility" && toks.get(k + 1).is_some_and(|n| n.is("of")) {
            return Some(Cue {
                at: k,
                target: target_after(toks, k + 2),
            });
        }
        if w == "responsible" && toks.get(k + 1).is_some_and(|n| n.is("for")) {
            let subject = k
                .checked_sub(1)
                .and_then(|v| actors::subject_before(toks, v + 1));
            let target = subject
                .and_then(|np| actors::name_of(toks, np))
                .map_or(Target::None, Target::Actor);
            return Some(Cue { at: k, target });
        }
        if w.starts_with("attribut")
            && let Some(to) = find_within(toks, k + 1, 8, &["to"])
        {
            return Some(Cue {
                at: k,
                target: target_after(toks, to + 1),
            });
        }
        if matches!(w, "linked" | "tied" | "connected" | "traced")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.is("to") || n.is("with") || n.is("back"))
        {
            let to = if toks[k + 1].is("back") { k + 2 } else { k + 1 };
            return Some(Cue {
                at: k,
                target: target_after(toks, to + 1),
            });
        }
        if matches!(
            w,
            "blamed"
                | "blames"
                | "blame"
                | "blaming"
                | "accused"
                | "accuses"
                | "accusing"
                | "accuse"
        ) && (k == 0 || is_party_before(toks, k) || toks.get(k + 1).is_some_and(|n| n.is("on")))
        {
            let on = toks.get(k + 1).is_some_and(|n| n.is("on"));
            return Some(Cue {
                at: k,
                target: target_after(toks, k + if on { 2 } else { 1 }),
            });
        }
        if matches!(w, "suspected" | "suspect" | "suspects") && k > 0 && is_verb_use(toks, k) {
            return Some(Cue {
                at: k,
                target: target_after(toks, k + 1),
            });
        }
        if w == "behind"
            && find_within(toks, k + 1, 3, &ATTACK_NOUNS).is_some()
            && k >= 2
            && (toks[k - 1].is("was")
                || toks[k - 1].is("were")
                || toks[k - 1].is("is")
                || toks[k - 1].is("are")
                || toks[k - 1].is("be"))
        {
            let target = actors::subject_before(toks, k - 1)
                .and_then(|np| actors::name_of(toks, np))
                .map_or(Target::None, Target::Actor);
            return Some(Cue { at: k, target });
        }
        if w == "by"
            && k > 0
            && matches!(
                toks[k - 1].lower.as_ref(),
                "perpetrated" | "orchestrated" | "masterminded" | "claimed" | "committed"
            )
        {
            return Some(Cue {
                at: k - 1,
                target: target_after(toks, k + 1),
            });
        }
    }
    let k = find(toks, &["involvement", "complicity"])?;
    Some(Cue {
        at: k,
        target: involvement_target(toks).unwrap_or(Target::None),
    })
}

/// Whether a party (a name or a role, not "people") stands right before token `k`, past adverbs.
fn is_party_before(toks: &[Token<'_>], k: usize) -> bool {
    let mut j = k;
    while j > 0
        && (toks[j - 1].lower.ends_with("ly")
            || matches!(
                toks[j - 1].lower.as_ref(),
                "also" | "have" | "has" | "had" | "was" | "were"
            ))
    {
        j -= 1;
    }
    j > 0
        && (toks[j - 1].is_capitalised()
            || any(&toks[j - 1].lower, &lexicon::ROLE_NOUNS)
            || toks[j - 1].is(")"))
        && !any(&toks[j - 1].lower, &["the", "a", "an"])
}

/// "Officials suspected ISIS" (a verb) as against "the suspected gunman" or "11 suspects".
fn is_verb_use(toks: &[Token<'_>], k: usize) -> bool {
    let prev = &toks[k - 1];
    let next_cap = toks
        .get(k + 1)
        .is_some_and(|n| n.is_capitalised() || n.is("that"));
    let prev_party = prev.is_capitalised()
        || any(&prev.lower, &lexicon::ROLE_NOUNS)
        || prev.lower.ends_with("ly");
    let prev_blocks = matches!(
        prev.lower.as_ref(),
        "the"
            | "a"
            | "an"
            | "of"
            | "two"
            | "three"
            | "four"
            | "five"
            | "were"
            | "was"
            | "are"
            | "is"
    ) || prev.kind == super::tokens::TokenKind::Number;
    prev_party && !prev_blocks && next_cap
}

fn arrest(toks: &[Token<'_>]) -> Option<Cue> {
    if let Some(at) = find(toks, &ARREST_WORDS) {
        return Some(Cue {
            at,
            target: Target::None,
        });
    }
    // "The suspects, identified as ...", "appeared in court".
    let suspects = find(
        toks,
        &["suspects", "suspect", "accused", "defendants", "defendant"],
    )?;
    let court = find(
        toks,
        &["identified", "court", "courtroom", "trial", "hearing"],
    )?;
    Some(Cue {
        at: court.min(suspects),
        target: Target::None,
    })
}

fn casualty(toks: &[Token<'_>], figures: &[Figure]) -> Option<Cue> {
    let at = toks.iter().enumerate().position(|(k, t)| {
        let w = t.lower.as_ref();
        let prev = k.checked_sub(1).map_or("", |p| toks[p].lower.as_ref());
        any(w, &lexicon::CASUALTY_WORDS)
            && match w {
                "lives" => matches!(
                    prev,
                    "claimed" | "claiming" | "lost" | "losing" | "the" | "their"
                ),
                "toll" => prev == "death",
                _ => true,
            }
    })?;
    let counted = figures
        .iter()
        .any(|f| any(&f.category, &CASUALTY_CATEGORIES));
    let vague = toks.iter().any(|t| any(&t.lower, &VAGUE_QUANTITIES));
    let people = toks.iter().any(|t| {
        any(&t.lower, &lexicon::PERSON_NOUNS)
            && !any(
                &t.lower,
                &["dead", "injured", "wounded", "suspects", "suspect"],
            )
    });
    (counted || vague || people).then_some(Cue {
        at,
        target: Target::None,
    })
}

fn warning(toks: &[Token<'_>]) -> Option<Cue> {
    if let Some(at) = find(toks, &WARNING_WORDS) {
        return Some(Cue {
            at,
            target: Target::None,
        });
    }
    for k in 0..toks.len().saturating_sub(1) {
        let w = toks[k].lower.as_ref();
        if (w.starts_with("urg")
            && find_within(
                toks,
                k + 1,
                2,
                &["caution", "vigilance", "residents", "citizens", "people"],
            )
            .is_some())
            || (matches!(w, "told" | "ordered" | "asked" | "instructed")
                && toks.get(k + 1).is_some_and(|n| n.is("to"))
                && toks.get(k + 2).is_some_and(|n| {
                    any(
                        &n.lower,
                        &[
                            "stay", "avoid", "leave", "evacuate", "remain", "shelter", "keep",
                        ],
                    )
                }))
            || (w.starts_with("advis")
                && find_within(toks, k + 1, 6, &["avoid", "leave", "against"]).is_some())
            || (w == "threat"
                && k > 0
                && any(
                    &toks[k - 1].lower,
                    &[
                        "potential",
                        "possible",
                        "imminent",
                        "credible",
                        "terror",
                        "terrorist",
                        "heightened",
                    ],
                ))
        {
            return Some(Cue {
                at: k,
                target: Target::None,
            });
        }
    }
    None
}

fn event(toks: &[Token<'_>], figures: &[Figure]) -> Option<Cue> {
    for (k, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        if !any(w, &EVENT_WORDS) {
            continue;
        }
        // Words that are events only in company: "opened fire", "set ... on fire", "hit by".
        let ok = match w {
            "opened" | "set" => {
                find_within(toks, k + 1, 4, &["fire", "ablaze", "alight"]).is_some()
            }
            "broke" => toks.get(k + 1).is_some_and(|n| n.is("out")),
            "launched" | "fired" | "targeted" | "captured" | "hit" | "struck" => {
                find_within(toks, k.saturating_sub(6), 12, &ATTACK_NOUNS).is_some()
                    || find_within(toks, k.saturating_sub(6), 12, &DISASTER_NOUNS).is_some()
                    || (matches!(w, "hit" | "struck")
                        && toks.get(k + 1).is_some_and(|n| n.is("by")))
            }
            _ => true,
        };
        if ok {
            return Some(Cue {
                at: k,
                target: Target::None,
            });
        }
    }
    // A duration is an event fact: "for ten hours", "lasted 20 minutes".
    figures
        .iter()
        .any(|f| {
            matches!(
                f.category.as_str(),
                "seconds" | "minutes" | "hours" | "days"
            )
        })
        .then_some(Cue {
            at: 0,
            target: Target::None,
        })
}

/// Who asserts the claim: the source a speech verb or "according to" names, else the party
/// whose act the claim reports (the one who blames, denies, warns, arrests), else one named as
/// its agent ("a warning issued by the embassy"), else the sentence's own subject when it is a
/// party ("The U.S. shared intelligence ...").
fn claimant(
    toks: &[Token<'_>],
    kind: Option<ClaimKind>,
    cue: Option<usize>,
    headline: bool,
) -> Option<ActorRef> {
    let name = |np| actors::name_of(toks, np);
    for k in 0..toks.len().saturating_sub(2) {
        if toks[k].is("according")
            && toks[k + 1].is("to")
            && let Some(a) = actors::np_after(toks, k + 2).and_then(name)
        {
            return Some(a);
        }
    }
    for (v, t) in toks.iter().enumerate() {
        // A capital mid-sentence makes it a name, not a verb ("the United States").
        if v == 0
            || !any(&t.lower, &lexicon::SPEECH_VERBS)
            || (t.is_capitalised() && !headline)
            || is_passive(toks, v)
        {
            continue;
        }
        if let Some(a) = actors::subject_before(toks, v).and_then(name) {
            return Some(a);
        }
        // "A spokesman for the rebels, Yahya Saree, said": the name in apposition.
        if toks[v - 1].is(",")
            && let Some(a) = actors::subject_before(toks, v - 1).and_then(name)
        {
            return Some(a);
        }
        // "..., said John Smith, a spokesman".
        if matches!(t.lower.as_ref(), "said" | "says" | "told")
            && toks[v - 1].is(",")
            && let Some(a) = actors::np_after(toks, v + 1).and_then(name)
        {
            return Some(a);
        }
    }
    // The subject of a casualty or event verb is who did it, not who says so.
    let acts = matches!(
        kind,
        Some(ClaimKind::Attribution | ClaimKind::Denial | ClaimKind::Warning | ClaimKind::Arrest)
    );
    if acts
        && let Some(v) = cue.filter(|&v| v > 0 && !is_passive(toks, v))
        && let Some(a) = actors::subject_before(toks, v).and_then(name)
    {
        return Some(a);
    }
    if acts {
        // "with Vladimir Putin suggesting the involvement of Ukraine": the subject of any
        // verb of asserting.
        for (v, t) in toks.iter().enumerate().skip(1) {
            if any(&t.lower, &lexicon::REPORTING_VERBS)
                && (headline || !t.is_capitalised())
                && !is_passive(toks, v)
                && let Some(a) = actors::subject_before(toks, v).and_then(name)
            {
                return Some(a);
            }
        }
    }
    for k in 1..toks.len().saturating_sub(1) {
        if toks[k].is("by")
            && matches!(
                toks[k - 1].lower.as_ref(),
                "issued"
                    | "announced"
                    | "released"
                    | "made"
                    | "reported"
                    | "confirmed"
                    | "published"
                    | "shared"
                    | "given"
            )
            && let Some(a) = actors::np_after(toks, k + 1).and_then(name)
        {
            return Some(a);
        }
    }
    if headline || !acts {
        return None;
    }
    let np = actors::np_after(toks, 0)?;
    let next = toks.get(np.1 + 1)?;
    (next.is_word()
        && !next.is_capitalised()
        // "Residents were told to ...": spoken to, not speaking.
        && !any(&next.lower, &["of", "and", "in", "on", "at", "for", "to", "was", "were", "is", "are", "been"]))
    .then(|| name(np))
    .flatten()
}

/// "she said", "he told reporters": a pronoun speaking, for the person last named.
fn pronoun_speaker(toks: &[Token<'_>]) -> bool {
    toks.windows(2).any(|w| {
        matches!(w[0].lower.as_ref(), "he" | "she") && any(&w[1].lower, &lexicon::SPEECH_VERBS)
    })
}

/// "were told", "was reported": the subject is spoken to or about, not the speaker.
fn is_passive(toks: &[Token<'_>], v: usize) -> bool {
    const AUX: &[&str] = &["was", "were", "been", "be", "being", "is", "are"];
    toks[..v]
        .iter()
        .rev()
        .take(3)
        .take_while(|t| t.lower.ends_with("ly") || any(&t.lower, AUX))
        .any(|t| any(&t.lower, AUX))
}

/// Generic mentions ("the group said") stand for the party the sentence or the article named;
/// when neither names one, the mention is no name at all.
fn resolve_generic(toks: &[Token<'_>], a: ActorRef, registry: &Registry) -> Option<ActorRef> {
    const GENERIC: &[&str] = &[
        "group",
        "rebels",
        "militants",
        "organisation",
        "organization",
        "militia",
        "movement",
    ];
    if !any(&a.name.to_lowercase(), GENERIC) {
        return Some(a);
    }
    actors::np_after(toks, 0)
        .and_then(|np| actors::name_of(toks, np))
        .filter(|n| n.name.chars().next().is_some_and(char::is_uppercase))
        .or_else(|| registry.last_group())
}

fn is_hedged(toks: &[Token<'_>]) -> bool {
    toks.iter().enumerate().any(|(k, t)| {
        let w = t.lower.as_ref();
        if w == "may" && t.is_capitalised() && k > 0 {
            return false; // the month
        }
        if matches!(w, "suspect" | "suspects" | "suspected") {
            return k > 0 && is_verb_use(toks, k)
                || w == "suspected" && toks.get(k + 1).is_some_and(|n| n.is("of") || n.is("to"));
        }
        any(w, &lexicon::HEDGES)
    }) || ["reported to", "said to be", "is believed"]
        .iter()
        .any(|p| has_phrase(toks, p))
}

fn score(kind: ClaimKind, figures: &[Figure], claimant: bool, target: bool, hedged: bool) -> f64 {
    let base: f64 = match kind {
        ClaimKind::Casualty => 0.8,
        ClaimKind::Attribution => 0.75,
        ClaimKind::Denial => 0.7,
        ClaimKind::Arrest => 0.65,
        ClaimKind::Warning => 0.55,
        ClaimKind::Event => 0.5,
        ClaimKind::Statement => 0.4,
    };
    let s = base
        + if figures.is_empty() { 0.0 } else { 0.1 }
        + if claimant { 0.05 } else { 0.0 }
        + if target { 0.05 } else { 0.0 }
        + if hedged { 0.05 } else { 0.0 };
    (s.min(1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use crate::domain::ClaimKind;
    use crate::extract::extract_claims;

    fn one(s: &str) -> crate::domain::ExtractedClaim {
        let mut c = extract_claims(s);
        assert_eq!(c.len(), 1, "{s}: {c:?}");
        c.remove(0)
    }

    #[test]
    fn an_accusation_outranks_a_denial_that_follows_it() {
        let c = one(
            "The army accused Hamas of using schools as cover, an allegation the group has denied.",
        );
        assert_eq!(c.kind, ClaimKind::Attribution);
        assert_eq!(c.target.map(|t| t.name).as_deref(), Some("Hamas"));
        let c =
            one("Officials refute any claims of Ukrainian involvement and deny the allegations.");
        assert_eq!(c.kind, ClaimKind::Denial);
    }

    #[test]
    fn calling_a_claim_a_lie_is_a_denial() {
        let c = one("Hamas said the claim was \"a blatant lie\" and called for calm.");
        assert_eq!(c.kind, ClaimKind::Denial);
        assert_eq!(c.claimant.map(|a| a.name).as_deref(), Some("Hamas"));
    }

    #[test]
    fn a_capitalised_word_is_not_a_speech_verb() {
        let c = extract_claims(
            "The shooting is the latest in a series of shootings in the United States this year.",
        );
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn titles_with_of_are_stripped_from_names() {
        let c = one(
            "U.S. Secretary of State Antony Blinken warned that the fighting risked spreading.",
        );
        assert_eq!(c.kind, ClaimKind::Warning);
        assert_eq!(
            c.claimant.map(|a| a.name).as_deref(),
            Some("Antony Blinken")
        );
    }

    #[test]
    fn dates_with_abbreviated_months_are_not_figures() {
        let c = one("The war began on Oct. 7 when gunmen attacked, killing about 1,200 people.");
        assert_eq!(c.figures.len(), 1);
        assert_eq!(c.figures[0].value, 1200.0);
    }

    #[test]
    fn she_said_is_the_person_last_named_and_the_told_are_not_speakers() {
        let c = extract_claims(
            "\"We are treating this as a criminal act,\" prosecutor Laure Beccuau told reporters. She said investigators had found traces of fuel. Residents were told to stay away from windows.",
        );
        assert_eq!(c.len(), 3, "{c:?}");
        assert_eq!(
            c[1].claimant.as_ref().map(|a| a.name.as_str()),
            Some("Laure Beccuau")
        );
        assert_eq!(c[2].kind, ClaimKind::Warning);
        assert_eq!(c[2].claimant, None);
    }

    #[test]
    fn nobody_claiming_responsibility_is_not_a_claim_of_it() {
        let c = one(
            "Nobody has claimed responsibility for the bombing, which officials blamed on Islamist militants.",
        );
        assert_eq!(c.kind, ClaimKind::Attribution);
        assert_eq!(c.claimant.map(|a| a.name).as_deref(), Some("officials"));
        assert_ne!(c.target.map(|a| a.name).as_deref(), Some("Nobody"));
    }

    #[test]
    fn according_to_makes_an_attributed_statement() {
        let c = one(
            "According to the Gun Violence Archive, there have been more than 190 mass shootings so far.",
        );
        assert_eq!(c.kind, ClaimKind::Statement);
        assert_eq!(
            c.claimant.map(|a| a.name).as_deref(),
            Some("Gun Violence Archive")
        );
    }
}
