//! Rule cues for each kind of claim: the words and constructions of news writing that make a
//! sentence a denial, an attribution of blame or cause, an arrest, a casualty report, a warning
//! or an event, with the target the construction names. The learned model weighs these cues with
//! the sentence's words; the rules alone also decide when no model is given.

use super::actors;
use super::lexicon::{
    self, ARREST_WORDS, ATTACK_NOUNS, CASUALTY_CATEGORIES, CLAIM_NOUNS, DENIAL_VERBS,
    DISASTER_NOUNS, EVENT_WORDS, FALSITY_WORDS, REJECT_VERBS, VAGUE_QUANTITIES, WARNING_WORDS,
    Words, any,
};
use super::tokens::Token;
use crate::domain::{ActorRef, Figure};

/// What made a unit a claim of some kind: the cue's token and, where the cue names one, the target.
pub struct Cue {
    pub at: usize,
    pub target: Target,
}

pub enum Target {
    None,
    /// The target is whoever the claimant is ("ISIS claimed responsibility").
    Claimant,
    Actor(ActorRef),
}

/// Whether the words of `phrase` (split on spaces) are in `toks`, one after another.
pub fn has_phrase(toks: &[Token<'_>], phrase: &str) -> bool {
    let first = phrase.split(' ').next().unwrap_or(phrase);
    (0..toks.len()).any(|k| toks[k].lower == first && phrase_at(toks, k, phrase))
}

/// Whether the words of `phrase` start at token `k`.
pub fn phrase_at(toks: &[Token<'_>], k: usize, phrase: &str) -> bool {
    (k..)
        .zip(phrase.split(' '))
        .all(|(i, w)| toks.get(i).is_some_and(|t| t.lower == w))
}

pub fn find(toks: &[Token<'_>], list: &(impl Words + ?Sized)) -> Option<usize> {
    toks.iter().position(|t| any(&t.lower, list))
}

/// Whether any token is in `set`, one of the lexicon's `CLASSED` lists: a bit test per token.
pub fn holds(toks: &[Token<'_>], set: &lexicon::WordSet) -> bool {
    let bit = set.bit();
    toks.iter().any(|t| t.lower.classes() & bit != 0)
}

pub fn find_within(
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

/// Words describing an armed or political body before its name ("group", "militant
/// organisation", "movement").
fn is_group_description(w: &str) -> bool {
    matches!(
        w,
        "group"
            | "organization"
            | "organisation"
            | "movement"
            | "militant"
            | "militia"
            | "faction"
            | "party"
            | "armed"
            | "terrorist"
            | "terror"
            | "resistance"
            | "islamist"
            | "jihadist"
    )
}

pub fn target_after(toks: &[Token<'_>], from: usize) -> Target {
    // "claims of Ukrainian involvement": a demonym right after a determiner or preposition.
    let mut i = from;
    while i < toks.len() && (toks[i].is("the") || toks[i].is("any") || toks[i].is("a")) {
        i += 1;
    }
    if let Some(d) = actors::demonym_at(toks, i)
        && toks.get(i + 1).is_some_and(|n| !n.is_capitalised())
    {
        // "the Palestinian organization Islamic Jihad", "the Lebanese group, Hezbollah": the
        // name that follows the description is the party, not the country.
        let mut j = i + 1;
        while j <= i + 3 && toks.get(j).is_some_and(|t| is_group_description(&t.lower)) {
            j += 1;
        }
        if j > i + 1 && toks.get(j).is_some_and(|t| t.is(",")) {
            j += 1;
        }
        if j > i + 1
            && toks.get(j).is_some_and(Token::is_capitalised)
            && let Some(a) = actors::np_after(toks, j).and_then(|np| actors::name_of(toks, np))
        {
            return Target::Actor(a);
        }
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
    owner_target(toks, k)
}

/// The party a noun at `k` belongs to, named right before it: "Ukrainian involvement", "Kyiv's
/// involvement", "Israel's responsibility".
fn owner_target(toks: &[Token<'_>], k: usize) -> Option<Target> {
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

/// Whether token `k` names a weapon, an attack, a disaster or a cause ("rocket", "airstrike",
/// "blast", "accident").
pub fn weapon_at(toks: &[Token<'_>], k: usize) -> bool {
    toks.get(k).is_some_and(is_weapon)
}

/// Whether the words before `k` ("behind", "responsible") ask who rather than say who: "who
/// was behind the attack", "whoever is responsible".
pub fn asks_who(toks: &[Token<'_>], k: usize) -> bool {
    let who = |t: &Token<'_>| matches!(t.lower.as_ref(), "who" | "whoever" | "whom");
    toks[k.saturating_sub(3)..k].iter().any(who)
}

/// "not", "never", "no", "nothing", "didn't".
pub fn is_negation(t: &Token<'_>) -> bool {
    any(&t.lower, &lexicon::NEGATIONS) || t.lower.ends_with("n't")
}

/// Whether token `k` negates a deed within the next three words: "did not strike the
/// hospital", "was not involved", "doesn't belong to any organisation", "not the ones who",
/// "no evidence", "never carried out", weapons held ("not an arms depot", "never had
/// weapons"), or an extremist's ties ("does not have this ideology").
pub fn negated_deed_at(toks: &[Token<'_>], k: usize) -> bool {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_ref());
    // "have not ruled out an attack" keeps it open: it denies nothing.
    let kept_open = (1..=2).any(|d| matches!(w(k + d), "rule" | "ruled" | "ruling"));
    toks.get(k).is_some_and(is_negation)
        && !kept_open
        && (1..=3).any(|d| {
            weapon_at(toks, k + d)
                || matches!(
                    w(k + d),
                    "strike"
                        | "struck"
                        | "involved"
                        | "responsible"
                        | "conducting"
                        | "carried"
                        | "fire"
                        | "fired"
                        | "us"
                        | "target"
                        | "targeted"
                        | "behind"
                        | "hit"
                        | "evidence"
                        | "indication"
                        | "role"
                        | "belong"
                        | "belongs"
                        | "belonged"
                        | "member"
                        | "carry"
                        | "attacked"
                        | "bombed"
                        | "launched"
                        | "linked"
                        | "affiliated"
                        | "ones"
                        | "weapons"
                        | "arms"
                        | "missiles"
                        // Ties denied: "doesn't have this ideology", "did not hold extremist
                        // views", "was never radicalised".
                        | "ideology"
                        | "extremist"
                        | "radicalised"
                        | "radicalized"
                )
        })
}

/// Who a negated deed is denied of: the subject before the negation and its auxiliary ("the
/// Israeli military did not strike", "Salman doesn't belong").
fn subject_of_negation(toks: &[Token<'_>], k: usize) -> Target {
    let mut v = k;
    if v > 0
        && matches!(
            toks[v - 1].lower.as_ref(),
            "did" | "does" | "do" | "was" | "were" | "is" | "are" | "has" | "have" | "had"
        )
    {
        v -= 1;
    }
    subject_target(toks, v)
}

/// The named subject before the verb at `verb`, as a target. A second verb joined by "and"
/// shares the first one's subject: "Varn was on a watch list and was accused of …".
fn subject_target(toks: &[Token<'_>], verb: usize) -> Target {
    let named = |v: usize| actors::subject_before(toks, v).and_then(|np| actors::name_of(toks, np));
    named(verb)
        .or_else(|| {
            let and = verb.checked_sub(1).filter(|&a| toks[a].is("and"))?;
            // Only the clause's first auxiliary is tried, so this stays one walk back.
            let first = toks[..and]
                .iter()
                .position(|t| any(&t.lower, AUXILIARIES))?;
            named(first)
        })
        .map_or(Target::None, Target::Actor)
}

/// Who a denial is of when no cue says so: the subject of its first negation ("Nils doesn't
/// have these views", "his son was not a member").
pub fn negation_subject(toks: &[Token<'_>]) -> Target {
    toks.iter()
        .position(is_negation)
        .map_or(Target::None, |k| subject_of_negation(toks, k))
}

pub fn denial(toks: &[Token<'_>]) -> Option<Cue> {
    let at = find(toks, &DENIAL_VERBS).or_else(|| {
        let r = find(toks, &REJECT_VERBS)?;
        find_within(toks, r + 1, 5, &CLAIM_NOUNS).map(|_| r)
    });
    // "the claim was a blatant lie", "allegations it called baseless".
    let at = at.or_else(|| {
        let f = find(toks, &FALSITY_WORDS)?;
        // "the army's accusation over the night's strike is 'lies'".
        find_within(toks, f.saturating_sub(8), 8, &CLAIM_NOUNS).map(|_| f)
    });
    // Both rules below start from a negation: most units have none.
    let negated = toks.iter().any(is_negation);
    // The rarer rules below need one of these words: most units have none.
    let rare = holds(toks, &lexicon::RARE_RULE_WORDS);
    // "had nothing to do with", "was not involved": denied of the subject.
    let uninvolved = if negated {
        (0..toks.len().saturating_sub(3)).find(|&k| {
            (toks[k].is("nothing")
                && toks[k + 1].is("to")
                && toks[k + 2].is("do")
                && toks[k + 3].is("with"))
                || ((toks[k].is("not") || toks[k].is("never")) && toks[k + 1].is("involved"))
                || (toks[k].is("no") && toks[k + 1].is("involvement"))
        })
    } else {
        None
    };
    let at = at
        .or(uninvolved)
        .or_else(|| rare.then(|| ruled_out(toks)).flatten());
    if at.is_none()
        && (negated || (rare && toks.iter().any(|t| t.is("none") || t.is("nobody"))))
        && let Some(cue) = evidence_denies(toks)
    {
        return Some(cue);
    }
    let Some(at) = at else {
        // "says her brother is innocent": the target is the one said to be innocent.
        if rare
            && let Some(k) = find(toks, &["innocent", "innocence"])
            && k > 1
            && matches!(toks[k - 1].lower.as_ref(), "is" | "was" | "are" | "were")
        {
            return Some(Cue {
                at: k,
                target: subject_target(toks, k - 1),
            });
        }
        // "Salman doesn't belong to any organisation", "the army did not strike the hospital":
        // the target is whoever the deed is denied of.
        // "No evidence" and "no indication" say what is not known, not who denies what.
        if !negated {
            return None;
        }
        let k = (0..toks.len()).find(|&k| negated_deed_at(toks, k) && !toks[k].is("no"))?;
        return Some(Cue {
            at: k,
            target: subject_of_negation(toks, k),
        });
    };
    let target = involvement_target(toks)
        .or_else(|| {
            // "denied that his son had ever travelled abroad": denied of the clause's subject.
            toks.get(at + 1).filter(|t| t.is("that"))?;
            let np = actors::np_after(toks, at + 2)?;
            // A name or kin ("that Salman …", "that his son …"); "that its fighters …", "that the
            // group …" are the denier's own people, so the denier's party.
            if !toks[np.0].is_capitalised() && !any(&toks[np.1].lower, &lexicon::KIN_NOUNS) {
                return None;
            }
            let next = toks.get(np.1 + 1)?;
            // "denied that the Brannoch dam was attacked": what was done to it, not what it did.
            let passive = (np.1 + 1..(np.1 + 5).min(toks.len()))
                .find(|&j| matches!(toks[j].lower.as_ref(), "was" | "were" | "is" | "are"))
                .and_then(|j| toks[j + 1..].iter().find(|t| !t.lower.ends_with("ly")))
                .is_some_and(|t| t.lower.ends_with("ed") || t.lower.ends_with("en"));
            (!next.is_capitalised() && next.is_word() && !passive)
                .then(|| actors::name_of(toks, np).map(Target::Actor))
                .flatten()
        })
        .or_else(|| {
            let k = uninvolved.filter(|&k| k == at)?;
            match subject_of_negation(toks, k) {
                Target::None => None,
                t => Some(t),
            }
        })
        // "Officials ruled out sabotage": the cause ruled out is what is denied.
        .or_else(|| {
            toks.get(at + 1).filter(|t| t.is("out"))?;
            (at + 2..(at + 6).min(toks.len()))
                .find_map(|j| cause_at(toks, j))
                .map(Target::Actor)
        })
        .or_else(|| {
            let c = find_within(toks, at + 1, 6, &CLAIM_NOUNS)?;
            toks.get(c + 1)
                .filter(|t| t.is("of") || t.is("that"))
                .map(|_| target_after(toks, c + 2))
        })
        .unwrap_or(Target::Claimant);
    Some(Cue { at, target })
}

/// "We categorically rule out any role", "officials ruled out sabotage": ruling something out
/// denies it. Not when the ruling out is itself refused or put off ("would not rule out",
/// "refused to rule out", "too early to rule out").
fn ruled_out(toks: &[Token<'_>]) -> Option<usize> {
    (0..toks.len().saturating_sub(1)).find(|&k| {
        matches!(
            toks[k].lower.as_ref(),
            "rule" | "rules" | "ruled" | "ruling"
        ) && toks[k + 1].is("out")
            && !toks[k.saturating_sub(4)..k].iter().any(|t| {
                is_negation(t)
                    || matches!(
                        t.lower.as_ref(),
                        "cannot"
                            | "refused"
                            | "refuses"
                            | "refusing"
                            | "declined"
                            | "declines"
                            | "unable"
                            | "early"
                            | "yet"
                            | "without"
                    )
            })
    })
}

pub fn attribution(toks: &[Token<'_>]) -> Option<Cue> {
    for (k, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        // Each rule below starts from a word of `ATTRIBUTION_STARTS` or `BLAME_WORDS`, or one
        // beginning "attribut".
        if t.lower.classes() & (lexicon::ATTRIBUTION_STARTS.bit() | lexicon::BLAME_WORDS.bit()) == 0
            && !w.starts_with("attribut")
        {
            continue;
        }
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
        // "the group claimed a soldier of theirs planted the bomb", "militants claim the
        // attack", "he confessed that he and his brother were members of the cell": claiming or
        // owning up to a deed claims responsibility for it, as the word "responsibility" does.
        if matches!(
            w,
            "claimed" | "claims" | "claiming" | "confessed" | "admitted" | "admits" | "admitting"
        ) && k > 0
            && !any(&toks[k - 1].lower, BE_FORMS)
            && !matches!(
                toks[k - 1].lower.as_ref(),
                "the" | "his" | "her" | "its" | "their" | "these" | "those"
            )
            && !toks[k.saturating_sub(4)..k].iter().any(|t| {
                is_negation(t) || matches!(t.lower.as_ref(), "nobody" | "no" | "none" | "never")
            })
            && let Some(target) = deed_claimed(toks, k)
        {
            return Some(Cue { at: k, target });
        }
        if w == "responsibility" && toks.get(k + 1).is_some_and(|n| n.is("of")) {
            return Some(Cue {
                at: k,
                target: target_after(toks, k + 2),
            });
        }
        // "the evidence points to Varnia's responsibility".
        if w == "responsibility"
            && let Some(target) = owner_target(toks, k)
        {
            return Some(Cue { at: k, target });
        }
        // "Those responsible will pay the price": a vow about whoever did it, blaming no one.
        if w == "responsible"
            && k > 0
            && (matches!(
                toks[k - 1].lower.as_ref(),
                "those" | "whoever" | "anyone" | "everyone" | "all"
            ) || asks_who(toks, k))
        {
            continue;
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
            // "a group of men linked to the attack": what is linked to a deed is blamed for it;
            // "the blast was linked to a store of explosives": the deed is put down to it.
            let mut a = to + 1;
            while toks
                .get(a)
                .is_some_and(|t| any(&t.lower, &lexicon::DETERMINERS))
            {
                a += 1;
            }
            let deed = toks.get(a).is_some_and(|t| any(&t.lower, &ATTACK_NOUNS));
            let subject = deed
                .then(|| actors::subject_before(toks, k))
                .flatten()
                .and_then(|np| actors::name_of(toks, np))
                .or_else(|| deed.then(|| described_agents_before(toks, k)).flatten());
            return Some(Cue {
                at: k,
                target: subject.map_or_else(|| target_after(toks, to + 1), Target::Actor),
            });
        }
        // "Israel is to blame", "the port authority was to blame".
        if w == "blame"
            && k >= 2
            && toks[k - 1].is("to")
            && matches!(
                toks[k - 2].lower.as_ref(),
                "is" | "was" | "are" | "were" | "be"
            )
        {
            return Some(Cue {
                at: k,
                target: subject_target(toks, k - 2),
            });
        }
        // "X was accused of links to the bombing": the accused is blamed, whoever accuses.
        if w == "accused"
            && toks.get(k + 1).is_some_and(|n| n.is("of"))
            && k > 0
            && any(&toks[k - 1].lower, AUXILIARIES)
        {
            let mut aux = k - 1;
            while aux > 0 && any(&toks[aux - 1].lower, AUXILIARIES) {
                aux -= 1;
            }
            return Some(Cue {
                at: k,
                target: subject_target(toks, aux),
            });
        }
        // "Intelligence points to the Northern Front", "radar data indicates the shell came
        // from the north", "the evidence suggests a faulty mine was to blame": what the
        // evidence points to is blamed (`cause_target` finds it when the verb names no one).
        if let Some(target) = evidence_points(toks, k) {
            return Some(Cue { at: k, target });
        }
        // "Nils Berg, who was later identified as the alleged gunman", "police identified
        // the gunman as Ivar Lind": naming the one who did it blames him.
        if matches!(w, "named" | "identified")
            && let Some(target) = named_as_perpetrator(toks, k)
        {
            return Some(Cue { at: k, target });
        }
        // "he was part of a wider network", "this is a network we are investigating": the deed
        // is put down to a network or a cell, not to one man.
        if matches!(w, "network" | "cell")
            && let Some(target) = network_named(toks, k)
        {
            return Some(Cue { at: k, target });
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
            && !asks_who(toks, k)
            && (toks[k - 1].is("was")
                || toks[k - 1].is("were")
                || toks[k - 1].is("is")
                || toks[k - 1].is("are")
                || toks[k - 1].is("be"))
        {
            // "said it alone was behind the bombing": the teller itself.
            let target = match subject_target(toks, k - 1) {
                Target::None if told_it_did(toks).is_some() => Target::Claimant,
                t => t,
            };
            return Some(Cue { at: k, target });
        }
        // A headline's "'Hidden hands' behind bombing", "Northern Front behind depot attack":
        // the clause is only the blamed and the deed, its verb left out.
        if w == "behind"
            && find_within(toks, k + 1, 3, &ATTACK_NOUNS).is_some()
            && let Some((first, a)) = headline_subject(toks, k)
            && toks[..first]
                .iter()
                .rev()
                .find(|t| !is_quote_mark(t))
                .is_none_or(|t| t.is(":"))
        {
            return Some(Cue {
                at: k,
                target: Target::Actor(a),
            });
        }
        // "the explosion was an attack", "it was a bomb of some kind", "called the blast an
        // attack", "looks like a terrible accident": what happened given a cause. The target
        // is the cause (`cause_target`).
        if matches!(
            w,
            "was" | "is" | "were" | "be" | "been" | "like" | "as" | "called" | "calling"
        ) && let Some(j) = (k + 1..(k + 7).min(toks.len())).find(|&j| {
            matches!(
                toks[j].lower.as_ref(),
                "attack" | "bomb" | "accident" | "bombing" | "sabotage"
            )
        }) && !toks[k.saturating_sub(2)..j].iter().any(is_negation)
            && let Some(a) = (k + 1..j).find(|&i| toks[i].is("a") || toks[i].is("an"))
            && toks[a + 1..j]
                .iter()
                .all(|t| (t.is_word() && !t.is("the")) || is_quote_mark(t))
        {
            // The cause named is the target ("the fire was an accident": the accident), unless
            // an agent follows it ("a bomb dropped by …") or an earlier clause named another
            // cause: then `cause_target` reads the sentence as for any attribution.
            let agent = (j + 1..(j + 4).min(toks.len())).any(|i| toks[i].is("by"));
            let earlier = (0..k.saturating_sub(4)).any(|i| cause_at(toks, i).is_some());
            let target = match cause_at(toks, j) {
                Some(c) if !agent && !earlier => Target::Actor(c),
                _ => Target::None,
            };
            return Some(Cue { at: k, target });
        }
        // "A corroded tank caused the explosion", "sparks from a welder set off the fire": what
        // did it is blamed in the active voice. Its target is the doer, a party or a thing.
        // "He would not rule out an attack", "police have not ruled out sabotage": a cause kept
        // open is put forward, hedged (`claimant::has_seeming`).
        if matches!(w, "rule" | "ruled" | "ruling")
            && toks.get(k + 1).is_some_and(|t| t.is("out"))
            && toks[k.saturating_sub(3)..k].iter().any(is_negation)
            && let Some(cause) = (k + 2..(k + 6).min(toks.len())).find_map(|j| cause_at(toks, j))
        {
            return Some(Cue {
                at: k,
                target: Target::Actor(cause),
            });
        }
        if let Some(verb) = occurrence_caused(toks, k)
            && let target @ Target::Actor(_) = cause_subject(toks, verb)
        {
            return Some(Cue { at: verb, target });
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
        // "It was done by the other side": the deed itself, named by a pronoun, put down to a
        // doer ("the survey was done by volunteers" names no deed).
        if w == "by"
            && k >= 3
            && toks[k - 1].is("done")
            && matches!(toks[k - 2].lower.as_ref(), "was" | "were" | "been" | "is")
            && (toks[k - 3].is("it") || toks[k - 3].is("this") || toks[k - 3].is("that"))
        {
            return Some(Cue {
                at: k - 1,
                target: target_after(toks, k + 1),
            });
        }
        // "The militants are the ones who attacked the depot", "he was the one who planted
        // the bomb": the one singled out as the doer is blamed. ("We aren't the ones who …" is
        // a denial.)
        if matches!(w, "one" | "ones")
            && k >= 2
            && toks[k - 1].is("the")
            && matches!(
                toks[k - 2].lower.as_ref(),
                "is" | "are" | "was" | "were" | "be" | "been"
            )
            && !toks[k.saturating_sub(4)..k].iter().any(is_negation)
            && toks.get(k + 1).is_some_and(|t| t.is("who") || t.is("that"))
            && the_deed_after(toks, k + 2)
        {
            return Some(Cue {
                at: k,
                target: subject_target(toks, k - 2),
            });
        }
    }
    // "The group says one of its men detonated the device", "the Northern Front said its fighters
    // carried out the attack": a party telling that its own people did the deed claims it.
    if let Some(k) = own_people_did(toks).or_else(|| told_it_did(toks)) {
        return Some(Cue {
            at: k,
            target: Target::Claimant,
        });
    }
    let k = find(toks, &["involvement", "complicity"])?;
    Some(Cue {
        at: k,
        target: involvement_target(toks).unwrap_or(Target::None),
    })
}

/// Where a party's own people are said to have done the deed: "its members planted", "one of
/// their fighters detonated", "our soldiers carried out". (A state's forces or troops acting
/// is not counted: "the ministry said its forces struck a depot" reports an operation.)
fn own_people_did(toks: &[Token<'_>]) -> Option<usize> {
    (0..toks.len().saturating_sub(2)).find(|&k| {
        matches!(toks[k].lower.as_ref(), "its" | "their" | "our")
            && matches!(
                toks[k + 1].lower.as_ref(),
                "member"
                    | "members"
                    | "fighter"
                    | "fighters"
                    | "militants"
                    | "operatives"
                    | "soldier"
                    | "soldiers"
                    | "men"
            )
            && !toks[k.saturating_sub(4)..(k + 6).min(toks.len())]
                .iter()
                .any(is_negation)
            && the_deed_after(toks, k + 2)
    })
}

/// Where a party tells that it did the deed itself: "the Northern Front said it carried out the
/// attack", "the group said in a statement that it alone was behind the bombing". The deed must
/// be an attack ("the army said it struck a depot" reports an operation).
fn told_it_did(toks: &[Token<'_>]) -> Option<usize> {
    (1..toks.len().saturating_sub(2)).find(|&k| {
        matches!(toks[k].lower.as_ref(), "it" | "they" | "we")
            && (toks[k - 1].is("that") || any(&toks[k - 1].lower, &lexicon::SPEECH_VERBS))
            && {
                let mut j = k + 1;
                while toks.get(j).is_some_and(|t| {
                    matches!(
                        t.lower.as_ref(),
                        "alone" | "itself" | "themselves" | "ourselves"
                    ) || any(&t.lower, AUXILIARIES)
                        || t.lower.ends_with("ly")
                }) {
                    j += 1;
                }
                (the_deed_after(toks, j)
                    || toks
                        .get(j)
                        .is_some_and(|t| t.is("behind") || t.is("responsible")))
                    && find_within(toks, j + 1, 5, &ATTACK_NOUNS).is_some()
            }
            && !toks[k.saturating_sub(3)..(k + 6).min(toks.len())]
                .iter()
                .any(is_negation)
    })
}

/// Tokens written out as a phrase, one space between them.
fn spelled(toks: &[Token<'_>]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// The subject right before token `k` and where it starts: a phrase in quotation marks ("'Hidden
/// hands'", up to five words) or a name.
fn headline_subject(toks: &[Token<'_>], k: usize) -> Option<(usize, ActorRef)> {
    if k >= 3 && is_quote_mark(&toks[k - 1]) {
        let open = (k.saturating_sub(7)..k - 1)
            .rev()
            .find(|&j| is_quote_mark(&toks[j]))?;
        let words = &toks[open + 1..k - 1];
        return (!words.is_empty() && words.iter().all(Token::is_word)).then(|| {
            let name = spelled(words);
            (
                open,
                ActorRef {
                    name,
                    aliases: Vec::new(),
                },
            )
        });
    }
    let np = actors::subject_before(toks, k)?;
    Some((np.0, actors::name_of(toks, np)?))
}

/// Who is described, unnamed, right before token `k` when the words name people who act
/// together: "a wider group of individuals (linked to this attack)", "three men (linked …)".
/// The description is the party; a lone article is dropped.
fn described_agents_before(toks: &[Token<'_>], k: usize) -> Option<ActorRef> {
    let mut first = k;
    while first > 0
        && k - first < 6
        && toks[first - 1].is_word()
        && !toks[first - 1].is_capitalised()
        && !any(&toks[first - 1].lower, AUXILIARIES)
        && !any(&toks[first - 1].lower, &lexicon::SPEECH_VERBS)
        && !any(&toks[first - 1].lower, &lexicon::REPORTING_VERBS)
        && !matches!(
            toks[first - 1].lower.as_ref(),
            "that" | "which" | "who" | "there" | "and" | "or"
        )
    {
        first -= 1;
    }
    while first < k && matches!(toks[first].lower.as_ref(), "a" | "an" | "the") {
        first += 1;
    }
    let words = &toks[first..k];
    let agents = words.iter().any(|t| {
        matches!(
            t.lower.as_ref(),
            "group"
                | "individuals"
                | "people"
                | "men"
                | "cell"
                | "network"
                | "gang"
                | "militants"
                | "extremists"
                | "suspects"
                | "accomplices"
                | "associates"
                | "members"
        )
    });
    (agents && !words.iter().any(is_negation)).then(|| ActorRef {
        name: spelled(words),
        aliases: Vec::new(),
    })
}

/// Whether a doer's verb comes at token `k`, past auxiliaries and adverbs: "attacked the
/// depot", "have brutally murdered", "carried out".
fn the_deed_after(toks: &[Token<'_>], k: usize) -> bool {
    let mut j = k;
    while toks
        .get(j)
        .is_some_and(|t| any(&t.lower, AUXILIARIES) || t.lower.ends_with("ly"))
    {
        j += 1;
    }
    toks.get(j).is_some_and(|t| {
        matches!(
            t.lower.as_ref(),
            "attacked"
                | "bombed"
                | "struck"
                | "fired"
                | "launched"
                | "planted"
                | "detonated"
                | "shelled"
                | "targeted"
                | "hit"
                | "killed"
                | "murdered"
                | "committed"
                | "perpetrated"
                | "did"
        ) || (t.is("carried") && toks.get(j + 1).is_some_and(|n| n.is("out")))
    })
}

/// "… are the ones who attacked the depot, not the army", "it was done by the other side, not
/// you": blame set against another party denies it of that party. The cue is the "not" of a
/// ", not …" after the blame cue at `blame`, where a short phrase of words after it ends its
/// clause; the target is the party it names.
pub fn contrasted(toks: &[Token<'_>], blame: usize) -> Option<Cue> {
    let not = (blame + 1..toks.len().saturating_sub(1)).find(|&k| {
        toks[k].is("not")
            && toks[k - 1].is(",")
            && !matches!(
                toks[k + 1].lower.as_ref(),
                "only" | "just" | "even" | "yet" | "least" | "to" | "a" | "an" | "one"
            )
    })?;
    let end = (not + 1..toks.len())
        .find(|&j| !toks[j].is_word())
        .unwrap_or(toks.len());
    if end == not + 1 || end - not > 6 || toks.get(end).is_some_and(|t| t.is("-")) {
        return None;
    }
    let target = actors::np_after(toks, not + 1)
        .and_then(|np| actors::name_of(toks, np))
        .map_or(Target::None, Target::Actor);
    Some(Cue { at: not, target })
}

/// Forms of "be" and "have" before a participle: "was accused", "has been accused".
const AUXILIARIES: &[&str] = &[
    "was", "were", "is", "are", "be", "been", "being", "has", "have", "had",
];

/// The forms of "be": before a participle they make it passive ("was caused", "were claimed").
const BE_FORMS: &[&str] = &["was", "were", "is", "are", "be", "been", "being"];

/// Nouns for what a finding rests on: "intelligence points to", "the evidence suggests".
const EVIDENCE_NOUNS: &[&str] = &[
    "evidence",
    "intelligence",
    "analysis",
    "assessment",
    "indications",
    "findings",
    "data",
    "investigation",
    "footage",
    "video",
    "videos",
    "images",
    "conversations",
    "recordings",
    "information",
    "signs",
    "probe",
];

/// "None of the radar data indicates a Varnian drone", "nothing in the evidence suggests
/// the army fired": evidence said not to point to a party denies that it did it. The target is
/// the party named after the verb.
fn evidence_denies(toks: &[Token<'_>]) -> Option<Cue> {
    let k = (1..toks.len()).find(|&k| {
        let w = toks[k].lower.as_ref();
        (w.starts_with("indicat")
            || w.starts_with("suggest")
            || matches!(w, "shows" | "show" | "points"))
            && toks[k.saturating_sub(8)..k]
                .iter()
                .any(|t| any(&t.lower, EVIDENCE_NOUNS))
            && toks[k.saturating_sub(8)..k]
                .iter()
                .any(|t| is_negation(t) || matches!(t.lower.as_ref(), "none" | "nobody"))
    })?;
    let from = if toks.get(k + 1).is_some_and(|t| t.is("to") || t.is("that")) {
        k + 2
    } else {
        k + 1
    };
    Some(Cue {
        at: k,
        target: target_after(toks, from),
    })
}

/// The target when the verb at `k` says evidence points to a cause or a party: "points to"
/// followed by whom it blames, or "indicates"/"suggests" followed by a cause (a weapon, an
/// agent after "by", responsibility). Evidence named within eight words before the verb, and
/// no negation there ("nothing in the intelligence indicates" denies).
fn evidence_points(toks: &[Token<'_>], k: usize) -> Option<Target> {
    let w = toks[k].lower.as_ref();
    let points = matches!(w, "points" | "point" | "pointed" | "pointing")
        && toks.get(k + 1).is_some_and(|t| t.is("to"));
    let indicates = w.starts_with("indicat") || w.starts_with("suggest");
    if !points && !indicates {
        return None;
    }
    let before = &toks[k.saturating_sub(8)..k];
    if !before.iter().any(|t| any(&t.lower, EVIDENCE_NOUNS))
        || before
            .iter()
            .any(|t| is_negation(t) || matches!(t.lower.as_ref(), "none" | "nobody"))
    {
        return None;
    }
    let after = k + 1..(k + 10).min(toks.len());
    // A negation blocks it, but not a contrast: "points to a rocket, not a drone".
    if after
        .clone()
        .any(|j| is_negation(&toks[j]) && !toks[j - 1].is(","))
    {
        return None;
    }
    // "points to the Northern Front": a party named.
    if points && let t @ Target::Actor(_) = target_after(toks, k + 2) {
        return Some(t);
    }
    if !after.clone().any(|j| {
        weapon_at(toks, j)
            || toks[j].is("by")
            || toks[j].lower.starts_with("responsib")
            || actors::demonym_at(toks, j).is_some()
    }) {
        return None;
    }
    Some(Target::None)
}

/// Nouns for a party that fires, plants or launches: "fired by militants".
const AGENT_NOUNS: &[&str] = &[
    "militants",
    "terrorists",
    "fighters",
    "gunmen",
    "insurgents",
    "rebels",
    "extremists",
    "jihadists",
    "group",
    "militia",
    "militias",
];

/// Nouns for the one who carried out an attack.
const PERPETRATORS: &[&str] = &[
    "bomber",
    "bombers",
    "attacker",
    "attackers",
    "gunman",
    "gunmen",
    "assailant",
    "assailants",
    "perpetrator",
    "perpetrators",
    "shooter",
    "killer",
];

/// Who "named" or "identified" at `k` names as the perpetrator: the one named after "as"
/// ("identified the gunman as Ivar Lind"), or the subject named "as the alleged gunman"
/// ("Nils Berg, who was later identified as …", "Berg was named as the attacker").
/// `None` when the sentence names no perpetrator there.
fn named_as_perpetrator(toks: &[Token<'_>], k: usize) -> Option<Target> {
    let is_perpetrator = |j: usize| toks.get(j).is_some_and(|t| any(&t.lower, PERPETRATORS));
    let as_at = find_within(toks, k + 1, 5, &["as"])?;
    if (k + 1..as_at).any(is_perpetrator) {
        return Some(target_after(toks, as_at + 1));
    }
    (as_at + 1..(as_at + 5).min(toks.len())).find(|&j| is_perpetrator(j))?;
    // Back over the auxiliaries and a relative "who" to the one named.
    let mut v = k;
    while v > 0 && any(&toks[v - 1].lower, AUXILIARIES) {
        v -= 1;
    }
    if v > 0 && toks[v - 1].is("who") {
        v -= 1;
        if v > 0 && toks[v - 1].is(",") {
            v -= 1;
        }
        // "Nils Berg, 22, who was named": past the age.
        if v >= 2 && toks[v - 1].kind == super::tokens::TokenKind::Number && toks[v - 2].is(",") {
            v -= 2;
        }
    }
    Some(subject_target(toks, v))
}

/// The network or cell at `k` when the sentence says someone was part of it or it is one ("part
/// of a wider terrorist network", "this is a network"), not when it says he was not.
fn network_named(toks: &[Token<'_>], k: usize) -> Option<Target> {
    // Back over the adjectives and the article to what comes before them.
    let mut first = k;
    while first > 0
        && toks[first - 1].is_word()
        && !toks[first - 1].is_capitalised()
        && !toks[first - 1].is("of")
        && !any(&toks[first - 1].lower, AUXILIARIES)
        && k - first < 4
    {
        first -= 1;
    }
    let article = toks.get(first).is_some_and(|t| t.is("a") || t.is("an"));
    let part_of = first >= 2 && toks[first - 1].is("of") && toks[first - 2].is("part");
    let is_one = first >= 1 && article && any(&toks[first - 1].lower, AUXILIARIES);
    // "a cell phone", "a network engineer": the word only describes the next one.
    let described = toks.get(k + 1).is_some_and(|n| {
        n.is_word()
            && !n.is_capitalised()
            && !matches!(
                n.lower.as_ref(),
                "that"
                    | "which"
                    | "who"
                    | "we"
                    | "they"
                    | "of"
                    | "behind"
                    | "linked"
                    | "involved"
                    | "responsible"
                    | "and"
                    | "in"
                    | "with"
                    | "is"
                    | "was"
            )
    });
    if !(part_of || is_one) || described || toks[..first].iter().rev().take(5).any(is_negation) {
        return None;
    }
    let words = if article { first + 1 } else { first };
    let name = spelled(&toks[words..=k]);
    Some(Target::Actor(ActorRef {
        name,
        aliases: Vec::new(),
    }))
}

/// What the words after a claiming verb at `k` claim, within its clause, when they name a
/// deed done: an attack as its object ("claims the attack") or a doer's verb ("planted",
/// "carried out"), claimed by the claimant; or belonging to a group ("were members of the
/// cell", "belonged to the group"), which names the group.
fn deed_claimed(toks: &[Token<'_>], k: usize) -> Option<Target> {
    let end = (k + 14).min(toks.len());
    for j in k + 1..end {
        let t = &toks[j];
        if matches!(t.text, "." | ";" | ":" | "?" | "!") || t.is("but") || t.is("while") {
            return None;
        }
        let next = |s: &str| toks.get(j + 1).is_some_and(|n| n.is(s));
        let deed = match t.lower.as_ref() {
            "planted" | "planting" | "detonated" | "detonating" | "bombed" | "attacked"
            | "perpetrated" | "orchestrated" | "masterminded" => true,
            "carried" | "carrying" | "carry" => next("out"),
            "belonged" | "belong" | "belongs" | "belonging" if next("to") => {
                return Some(target_after(toks, j + 2));
            }
            "member" | "members" if next("of") => return Some(target_after(toks, j + 2)),
            "launched" | "launching" | "conducted" | "conducting" => {
                find_within(toks, j + 1, 3, &ATTACK_NOUNS).is_some()
            }
            // The attack itself as the object: "claims Manchester attack", "claimed the bombing".
            _ => {
                j <= k + 3
                    && any(&t.lower, &ATTACK_NOUNS)
                    && toks[k + 1..j]
                        .iter()
                        .all(|m| m.is_word() && !m.is("that") && !m.is("to"))
            }
        };
        if deed {
            return Some(Target::Claimant);
        }
    }
    None
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
            || any(&toks[j - 1].lower, &lexicon::PARTY_NOUNS)
            || matches!(
                toks[j - 1].lower.as_ref(),
                "nations" | "states" | "countries" | "governments" | "leaders"
            )
            || toks[j - 1].is(")"))
        && !any(&toks[j - 1].lower, &["the", "a", "an"])
}

/// "Officials suspected ISIS" (a verb) as against "the suspected gunman" or "11 suspects".
pub fn is_verb_use(toks: &[Token<'_>], k: usize) -> bool {
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

/// "an arrest warrant": a warrant issued is no one taken into custody.
pub fn is_warrant(next: &str) -> bool {
    matches!(next, "warrant" | "warrants")
}

pub fn arrest(toks: &[Token<'_>]) -> Option<Cue> {
    let custody = toks.iter().enumerate().position(|(k, t)| {
        any(&t.lower, &ARREST_WORDS) && !toks.get(k + 1).is_some_and(|n| is_warrant(&n.lower))
    });
    if let Some(at) = custody {
        // "Hours before he was himself detained, the uncle said a second nephew, Ivar, had been
        // arrested": the
        // arrested person may be named at a later arrest word than the first (a few are tried).
        let target = toks[at..]
            .iter()
            .enumerate()
            .filter(|(_, t)| any(&t.lower, &ARREST_WORDS))
            .take(4)
            .map(|(d, _)| arrested(toks, at + d))
            .find(|t| !matches!(t, Target::None))
            .unwrap_or(Target::None);
        return Some(Cue { at, target });
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

/// Who was arrested, when the unit names them as the subject of a passive arrest verb:
/// "Hashim Abedi was arrested", "his other son, Ismail, 23, was detained" (the name in
/// apposition, an age after it).
fn arrested(toks: &[Token<'_>], at: usize) -> Target {
    let mut v = at;
    while v > 0
        && matches!(
            toks[v - 1].lower.as_ref(),
            "was" | "were" | "been" | "being"
        )
    {
        v -= 1;
    }
    if v == at {
        return arrested_during(toks, at);
    }
    while v > 0 && matches!(toks[v - 1].lower.as_ref(), "has" | "have" | "had" | "later") {
        v -= 1;
    }
    // ", 23," then ", Ismail,": an age, then the name in apposition.
    if v >= 3
        && toks[v - 1].is(",")
        && toks[v - 2].kind == super::tokens::TokenKind::Number
        && toks[v - 3].is(",")
    {
        v -= 2;
    }
    if v >= 2 && toks[v - 1].is(",") {
        v -= 1;
    }
    subject_target(toks, v)
}

/// "The arrest came as Nils Berg was boarding a ferry", "the detention happened while Varn was
/// asleep": an arrest noun placed in time by what someone was doing; that someone was arrested.
fn arrested_during(toks: &[Token<'_>], at: usize) -> Target {
    if !matches!(toks[at].lower.as_ref(), "arrest" | "detention")
        || !at
            .checked_sub(1)
            .is_some_and(|p| any(&toks[p].lower, &lexicon::DETERMINERS))
    {
        return Target::None;
    }
    let Some(when) = find_within(toks, at + 1, 4, &["as", "when", "while"]) else {
        return Target::None;
    };
    let Some(np) = actors::np_after(toks, when + 1) else {
        return Target::None;
    };
    // The named one must be the subject of what follows: "as Nils Berg was …".
    let verb_follows = toks
        .get(np.1 + 1)
        .is_some_and(|t| any(&t.lower, AUXILIARIES) || t.lower.ends_with("ed"));
    if !toks[np.0].is_capitalised() || !verb_follows {
        return Target::None;
    }
    actors::name_of(toks, np).map_or(Target::None, Target::Actor)
}

pub fn casualty(toks: &[Token<'_>], figures: &[Figure]) -> Option<Cue> {
    let at = toks.iter().enumerate().position(|(k, t)| {
        let w = t.lower.as_ref();
        let prev = k.checked_sub(1).map_or("", |p| toks[p].lower.as_ref());
        any(&t.lower, &lexicon::CASUALTY_WORDS)
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

pub fn warning(toks: &[Token<'_>]) -> Option<Cue> {
    if let Some(at) = find(toks, &WARNING_WORDS) {
        return Some(Cue {
            at,
            target: Target::None,
        });
    }
    for k in 0..toks.len().saturating_sub(1) {
        let w = toks[k].lower.as_ref();
        // Each rule below starts from a word of `WARNING_STARTS` or one beginning "urg" or "advis".
        if !any(&toks[k].lower, &lexicon::WARNING_STARTS)
            && !w.starts_with("urg")
            && !w.starts_with("advis")
        {
            continue;
        }
        if (w.starts_with("urg")
            && find_within(
                toks,
                k + 1,
                2,
                &["caution", "vigilance", "residents", "citizens", "people"],
            )
            .is_some())
            // "raised the alarm", "expressed concerns about him", "evacuation orders",
            // "the threat level", "placed on a watch list": warnings given before the fact.
            || (matches!(
                w,
                "raise" | "raised" | "raising" | "sounded" | "voiced" | "expressed"
            ) && find_within(toks, k + 1, 2, &["alarm", "alarms", "concern", "concerns"])
                .is_some())
            || (w == "evacuation"
                && toks
                    .get(k + 1)
                    .is_some_and(|n| any(&n.lower, &["order", "orders", "notice", "notices"])))
            || (w == "threat" && toks.get(k + 1).is_some_and(|n| n.is("level")))
            || (w == "watch" && toks.get(k + 1).is_some_and(|n| n.is("list")))
            || w == "watchlist"
            || (w == "tipped" && toks.get(k + 1).is_some_and(|n| n.is("off")))
            // "the chemicals must be secured immediately", "residents should leave at once":
            // an urgent demand for action, which is a warning whoever reports it.
            || urgent_demand(toks, k)
            // "notice of evacuation", "orders to evacuate the area", "ordered the evacuation of
            // the district": an evacuation ordered.
            || evacuation_ordered(toks, k)
            // "called the anti-terror hotline", "two imams reported him to the police",
            // "she was reported to the authorities": a tip-off about someone, before the fact.
            || (matches!(w, "called" | "rang" | "phoned" | "contacted")
                && find_within(toks, k + 1, 3, &["hotline", "hotlines"]).is_some())
            || (w == "reported" && reported_someone(toks, k))
            || (matches!(w, "told" | "ordered" | "orders" | "order" | "asked" | "instructed")
                // "in order to evacuate" gives a purpose, not an order; a lifted one is none.
                && !(w == "order" && k > 0 && toks[k - 1].is("in"))
                && !order_undone(toks, k)
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
            // "the group threatened new attacks", "vowed further strikes": more of the deed to come.
            || (matches!(
                w,
                "threatened" | "threatens" | "threatening" | "vowed" | "vows" | "promised" | "promises"
            ) && find_within(toks, k + 1, 3, &["more", "further", "new", "fresh", "other"])
                .is_some_and(|m| (m + 1..(m + 3).min(toks.len())).any(|j| weapon_at(toks, j))))
            // "a further attack may be imminent", "an imminent strike": the deed to come.
            || (w == "imminent"
                && (k.saturating_sub(4)..(k + 3).min(toks.len())).any(|j| weapon_at(toks, j)))
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

/// Whether "must", "should" or a present "need(s) to" at `k` demands urgent action: words of
/// urgency ("immediately", "urgently", "at once", "without delay") follow within six words in
/// its clause. Not a warning: a need denied ("do not need to leave immediately", "no need to"),
/// a past or a guess ("should have been raised immediately", "must have died at once"), what
/// is expected to happen ("should take effect immediately", "should be immediately obvious"),
/// all at once ("should not all fail at once"); nor a past need ("had to leave immediately"),
/// which tells what was done.
fn urgent_demand(toks: &[Token<'_>], k: usize) -> bool {
    let w = toks[k].lower.as_ref();
    let need = matches!(w, "need" | "needs") && toks.get(k + 1).is_some_and(|n| n.is("to"));
    if !(need || matches!(w, "must" | "should")) {
        return false;
    }
    let denied = |t: &Token<'_>| {
        matches!(t.lower.as_ref(), "not" | "no" | "never" | "n't") || t.lower.ends_with("n't")
    };
    if toks[k.saturating_sub(2)..k].iter().any(denied)
        || toks.get(k + 1).is_some_and(|n| n.is("have") || n.is("'ve"))
    {
        return false;
    }
    for j in k + 1..(k + 7).min(toks.len()) {
        let t = toks[j].lower.as_ref();
        if matches!(t, "," | ";" | "." | "but" | "while" | "although") {
            return false;
        }
        if matches!(
            t,
            "effect" | "obvious" | "clear" | "apparent" | "available" | "evident"
        ) {
            return false;
        }
        let next = toks.get(j + 1).map(|n| n.lower.as_ref());
        let together = toks[k + 1..j].iter().any(|x| x.is("all"));
        if matches!(t, "immediately" | "urgently")
            || (t == "at" && next == Some("once") && !together)
            || (t == "without" && next == Some("delay"))
        {
            return true;
        }
    }
    false
}

/// Whether "notice(s)", "order(s)" or "ordered" at `k` orders an evacuation: "notice of
/// evacuation" (within four words), "orders to evacuate", "ordered the evacuation" (within
/// two). Not: "in order to evacuate", "until further notice", an order lifted, rescinded or
/// cancelled.
fn evacuation_ordered(toks: &[Token<'_>], k: usize) -> bool {
    let w = toks[k].lower.as_ref();
    let reach = match w {
        "notice" | "notices" => 4,
        "order" | "orders" | "ordered" => 2,
        _ => return false,
    };
    let before = k.checked_sub(1).map(|i| toks[i].lower.as_ref());
    if (w == "order" && before == Some("in"))
        || (w.starts_with("notice") && before == Some("further"))
        || order_undone(toks, k)
    {
        return false;
    }
    find_within(
        toks,
        k + 1,
        reach,
        &["evacuation", "evacuate", "evacuations"],
    )
    .is_some()
}

/// Whether the order or notice at `k` is lifted, rescinded, cancelled, revoked or withdrawn
/// (a verb of undoing within three words before it).
fn order_undone(toks: &[Token<'_>], k: usize) -> bool {
    toks[k.saturating_sub(3)..k].iter().any(|t| {
        let b = t.lower.as_ref();
        b.starts_with("lift")
            || b.starts_with("rescind")
            || b.starts_with("cancel")
            || b.starts_with("revok")
            || b.starts_with("withdr")
    })
}

/// Whether "reported" at `k` reports a person to those who could act: "reported him to the
/// police", "reported Dana Lee over her threats", or a person "was reported to the
/// authorities". "The blast was reported to police at noon" reports a happening, not a person.
fn reported_someone(toks: &[Token<'_>], k: usize) -> bool {
    let to_authority = |at: usize| {
        toks.get(at).is_some_and(|t| t.is("to"))
            && find_within(
                toks,
                at + 1,
                3,
                &[
                    "police",
                    "authorities",
                    "officials",
                    "security",
                    "intelligence",
                    "counter-terrorism",
                    "counterterrorism",
                    "hotline",
                ],
            )
            .is_some()
    };
    // Active: a person named or pointed to, then to whom or over what.
    let mut o = k + 1;
    if toks
        .get(o)
        .is_some_and(|t| matches!(t.lower.as_ref(), "him" | "her" | "them"))
    {
        o += 1;
    } else {
        while toks.get(o).is_some_and(Token::is_capitalised) && o < k + 4 {
            o += 1;
        }
    }
    if o > k + 1
        && (to_authority(o)
            || (toks.get(o).is_some_and(|t| t.is("over") || t.is("for"))
                && toks
                    .get(o + 1)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "his" | "her" | "their"))))
    {
        return true;
    }
    // Passive, of a person: "Salim was also reported to the authorities".
    let mut b = k;
    while b > 0 && (toks[b - 1].lower.ends_with("ly") || toks[b - 1].is("also")) {
        b -= 1;
    }
    b >= 2
        && (toks[b - 1].is("was") || toks[b - 1].is("were"))
        && ((toks[b - 2].is_capitalised()
            && !matches!(
                toks[b - 2].lower.as_ref(),
                "it" | "this" | "that" | "there" | "nothing" | "everything" | "which"
            ))
            || matches!(toks[b - 2].lower.as_ref(), "he" | "she" | "they"))
        && to_authority(k + 1)
}

pub fn event(toks: &[Token<'_>], figures: &[Figure]) -> Option<Cue> {
    for (k, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        if !any(&t.lower, &EVENT_WORDS) {
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

/// Weapons and causes an attribution names: "an Israeli airstrike", "a misfired rocket".
pub fn is_quote_mark(t: &Token<'_>) -> bool {
    matches!(t.text, "\"" | "'" | "“" | "”" | "‘" | "’")
}

fn is_weapon(t: &Token<'_>) -> bool {
    any(&t.lower, &lexicon::ATTACK_NOUNS)
        || any(&t.lower, &lexicon::DISASTER_NOUNS)
        || lexicon::CAUSE_NOUNS.iter().any(|(w, _)| t.lower == *w)
        || matches!(
            t.lower.as_ref(),
            "bomber" | "explosive" | "device" | "chemicals"
        )
}

/// What an attribution of cause blames when no blaming verb names it: a weapon of a nation ("an
/// Israeli airstrike" blames Israel), the party a "by" names ("a rocket fired by Islamic
/// Jihad"), or the cause itself ("caused by a bomb", "the result of an accidental fire").
pub fn cause_target(toks: &[Token<'_>]) -> Option<ActorRef> {
    for k in 0..toks.len() {
        let Some(country) = actors::demonym_at(toks, k) else {
            continue;
        };
        let weapon = (k + 1..(k + 3).min(toks.len())).find(|&j| is_weapon(&toks[j]));
        if let Some(j) = weapon
            && toks[k + 1..j].iter().all(|t| t.is_word())
        {
            let phrase = spelled(&toks[k..=j]);
            let mut aliases = vec![phrase];
            aliases.extend(country.aliases);
            return Some(ActorRef {
                name: country.name,
                aliases,
            });
        }
    }
    // "a failed Northern Front rocket": the party whose munition it was.
    for j in 1..toks.len() {
        if !matches!(
            toks[j].lower.as_ref(),
            "rocket"
                | "rockets"
                | "missile"
                | "missiles"
                | "shell"
                | "shells"
                | "munition"
                | "mortar"
                | "projectile"
                | "drone"
        ) {
            continue;
        }
        let mut first = j;
        while first > 0
            && j - first < 4
            && toks[first - 1].is_capitalised()
            && !any(&toks[first - 1].lower, &lexicon::STOP_CAPITALS)
            && !any(&toks[first - 1].lower, &lexicon::DETERMINERS)
        {
            first -= 1;
        }
        if first < j && first > 0 {
            let name = spelled(&toks[first..j]);
            let written = format!("{name} {}", toks[j].text);
            return Some(ActorRef {
                name,
                aliases: vec![written],
            });
        }
    }
    // "The fire was caused by an electrical fault": the cause is what follows "by", not the
    // occurrence named before it.
    // ("An accident caused by a fire" names its cause first: the accident.)
    weapon_party(toks)
        .or_else(|| cause_phrase(toks, true))
        .or_else(|| (0..toks.len()).find_map(|k| cause_at(toks, k)))
        .or_else(|| cause_phrase(toks, false))
}

/// Words that end a thing named as a cause: "the result of corroded tanks in the store".
const PHRASE_ENDS: &[&str] = &[
    "in", "at", "on", "from", "of", "that", "which", "and", "or", "with", "after", "before", "out",
    "near", "inside", "during", "while", "when", "as", "to", "by", "for",
];

/// The thing a passive or a phrase of cause names when no listed cause is in it: "caused by a
/// faulty valve", "the result of corroded storage tanks".
/// With `passive`, only after a passive's auxiliary ("was caused by").
fn cause_phrase(toks: &[Token<'_>], passive: bool) -> Option<ActorRef> {
    let start = (1..toks.len()).find_map(|k| {
        let before = toks[k - 1].lower.as_ref();
        let auxiliary = k >= 2
            && matches!(
                toks[k - 2].lower.as_ref(),
                "was" | "were" | "is" | "are" | "been" | "be"
            );
        let opens = match toks[k].lower.as_ref() {
            "by" => {
                matches!(before, "caused" | "triggered" | "sparked" | "started")
                    && (auxiliary || !passive)
            }
            "of" if passive => false,
            "of" => matches!(before, "result" | "product"),
            // ("Due to" gives reasons of every kind: "displaced due to the strikes".)
            _ => false,
        };
        opens.then_some(k + 1)
    })?;
    thing_after(toks, start)
}

/// Where a cause is said not to be one: "was not caused by corrosion", "wasn't the result of
/// an attack" (the word before the cause).
pub fn negated_cause(toks: &[Token<'_>]) -> Option<usize> {
    // Most units have no negation: asked once, it spares asking each word for "by" and "of".
    if !toks.iter().any(is_negation) {
        return None;
    }
    (2..toks.len()).find(|&k| {
        let before = toks[k - 1].lower.as_ref();
        let opens = (toks[k].is("by") && matches!(before, "caused" | "triggered" | "sparked"))
            || (toks[k].is("of") && before == "result");
        opens
            && toks[k.saturating_sub(4)..k - 1]
                .iter()
                .any(|t| is_negation(t) || t.is("never"))
    })
}

/// "There was no evidence of sabotage", "found no sign of an electrical fault", "was not caused
/// by corrosion": what the evidence is said to be missing for, or the cause said not to be one,
/// is what a denial denies (a cause, or a party).
pub fn denied_cause(toks: &[Token<'_>]) -> Option<ActorRef> {
    if let Some(k) = negated_cause(toks) {
        return match actors::np_after(toks, k + 1).and_then(|np| actors::name_of(toks, np)) {
            Some(a) if a.name.chars().next().is_some_and(char::is_uppercase) => Some(a),
            _ => thing_after(toks, k + 1),
        };
    }
    let k = (2..toks.len()).find(|&k| {
        matches!(
            toks[k - 1].lower.as_ref(),
            "evidence" | "sign" | "signs" | "indication" | "trace" | "traces"
        ) && toks[k].is("of")
            && toks[k.saturating_sub(3)..k - 1]
                .iter()
                .any(|t| t.is("no") || t.is("any"))
    })?;
    match actors::np_after(toks, k + 1).and_then(|np| actors::name_of(toks, np)) {
        Some(a) if a.name.chars().next().is_some_and(char::is_uppercase) => Some(a),
        _ => thing_after(toks, k + 1),
    }
}

/// The thing named from `start`, past an article, up to `CAUSE_WORDS_MAX` words and before a
/// preposition, a name or a clause: "a faulty valve", "corroded storage tanks".
fn thing_after(toks: &[Token<'_>], start: usize) -> Option<ActorRef> {
    let first = (start..(start + 2).min(toks.len()))
        .find(|&j| !any(&toks[j].lower, &lexicon::DETERMINERS))?;
    let end = (first..(first + CAUSE_WORDS_MAX).min(toks.len()))
        .find(|&j| {
            !toks[j].is_word()
                || toks[j].is_capitalised()
                || any(&toks[j].lower, PHRASE_ENDS)
                || any(&toks[j].lower, &lexicon::DETERMINERS)
                // "a fire igniting 2,750 tonnes": a participle starts what the thing did.
                || (j > first && toks[j].lower.ends_with("ing"))
        })
        .unwrap_or((first + CAUSE_WORDS_MAX).min(toks.len()));
    if end == first {
        return None;
    }
    match thing_named(toks, first, end) {
        Target::Actor(a) => Some(a),
        _ => None,
    }
}

/// What a cause is said to have caused: the occurrence a story is about.
const OCCURRENCES: &[&str] = &[
    "explosion",
    "explosions",
    "blast",
    "blasts",
    "fire",
    "fires",
    "blaze",
    "collapse",
    "crash",
    "derailment",
    "disaster",
    "accident",
    "leak",
];
/// How many words may stand between a verb of causing and what it caused ("caused Wednesday's
/// deadly explosion").
const OCCURRENCE_REACH: usize = 3;
/// How many words a thing named as a cause may have ("a corroded storage tank").
const CAUSE_WORDS_MAX: usize = 4;

/// Whether the word at `k` is a verb of causing with an occurrence for its object ("caused the
/// explosion", "set off the blast"), in the active voice; returns where the verb is.
fn occurrence_caused(toks: &[Token<'_>], k: usize) -> Option<usize> {
    let w = toks[k].lower.as_ref();
    let object = match w {
        "caused" | "triggered" | "sparked" | "ignited" => k + 1,
        "set" if toks.get(k + 1).is_some_and(|t| t.is("off")) => k + 2,
        _ => return None,
    };
    // "was caused by", "which were triggered": a passive names its cause after "by"; "whoever
    // caused the fire", "what caused the blast" ask who or what did.
    if k > 0
        && (any(&toks[k - 1].lower, BE_FORMS)
            || matches!(
                toks[k - 1].lower.as_ref(),
                "not" | "never" | "who" | "whoever" | "what" | "whatever" | "which" | "that"
            ))
    {
        return None;
    }
    // "damages caused by the explosion": the occurrence is the agent, not the object.
    if toks.get(object).is_none_or(|t| t.is("by")) {
        return None;
    }
    (object..(object + OCCURRENCE_REACH).min(toks.len()))
        .take_while(|&j| toks[j].is_word())
        .any(|j| any(&toks[j].lower, OCCURRENCES))
        .then_some(k)
}

/// Who or what did what the verb at `verb` says was caused: a named party ("Northern Front
/// fighters set off the blast"), a cause ("a fire caused the explosion"), or the thing named
/// before the verb back to its article ("a corroded storage tank").
fn cause_subject(toks: &[Token<'_>], verb: usize) -> Target {
    if let Target::Actor(a) = subject_target(toks, verb) {
        return Target::Actor(a);
    }
    let mut first = verb;
    while first > 0
        && verb - first < CAUSE_WORDS_MAX
        && toks[first - 1].is_word()
        && !any(&toks[first - 1].lower, &lexicon::DETERMINERS)
    {
        first -= 1;
    }
    if first == verb || first == 0 || !any(&toks[first - 1].lower, &lexicon::DETERMINERS) {
        return Target::None;
    }
    // "an Ostran airstrike caused the blast": the party whose weapon it was.
    match cause_target(&toks[first..verb]) {
        Some(a) if a.name.chars().next().is_some_and(char::is_uppercase) => Target::Actor(a),
        _ => thing_named(toks, first, verb),
    }
}

/// A thing named by the words `[first, end)` as a cause: the cause its head word names, with
/// the phrase as an alias ("corroded pipe"), or the phrase itself.
fn thing_named(toks: &[Token<'_>], first: usize, end: usize) -> Target {
    let phrase = spelled(&toks[first..end]).to_lowercase();
    match (first..end).rev().find_map(|k| cause_at(toks, k)) {
        Some(mut c) => {
            if !c.aliases.contains(&phrase) && phrase != c.name {
                c.aliases.push(phrase);
            }
            Target::Actor(c)
        }
        None => Target::Actor(ActorRef {
            name: phrase,
            aliases: Vec::new(),
        }),
    }
}

/// The party a weapon is told to be of: the agent of "fired by the Northern Front", "fired by
/// militants in the north", "fired by the armed group, the Northern Front" (a name or a party
/// noun; a name in apposition is the party), or the group a "from" describes and then names ("a
/// rocket from another armed group, the Northern Front"; a bare "from" names a place as often
/// as a party, so it counts only with the description).
fn weapon_party(toks: &[Token<'_>]) -> Option<ActorRef> {
    for k in 0..toks.len() {
        let from = toks[k].is("from");
        if !toks[k].is("by") && !from {
            continue;
        }
        let described = (k + 2..(k + 6).min(toks.len()))
            .find(|&j| toks[j].is(","))
            .filter(|&c| toks[k + 1..c].iter().all(|t| t.is_word()))
            .filter(|&c| {
                !from
                    || toks[k + 1..c]
                        .iter()
                        .any(|t| is_group_description(&t.lower))
            });
        if let Some(c) = described
            && let Some(apposed) = actors::np_after(toks, c + 1)
            && toks[apposed.0..=apposed.1]
                .iter()
                .any(|t| t.is_capitalised() && !any(&t.lower, &lexicon::DETERMINERS))
            && let Some(b) = actors::name_of(toks, apposed)
        {
            return Some(b);
        }
        // "fired by "ruthless terrorists"": the agent inside a quotation, past the words
        // describing it.
        let agent = if toks.get(k + 1).is_some_and(is_quote_mark) {
            k + 2
        } else {
            k + 1
        };
        let agent = (agent..(agent + 3).min(toks.len()))
            .find(|&j| any(&toks[j].lower, AGENT_NOUNS))
            .filter(|&j| {
                toks[agent..j]
                    .iter()
                    .all(|t| t.is_word() && !t.is_capitalised())
            })
            .unwrap_or(agent);
        if !from
            && let Some(np) = actors::np_after(toks, agent)
            && let Some(a) = actors::name_of(toks, np)
            && (a.name.chars().next().is_some_and(char::is_uppercase)
                || any(&toks[np.1].lower, AGENT_NOUNS))
        {
            return Some(a);
        }
    }
    None
}

/// The cause named by token `k` ("accident", "misfired rocket"), when it names one.
fn cause_at(toks: &[Token<'_>], k: usize) -> Option<ActorRef> {
    let t = toks.get(k)?;
    let (_, name) = lexicon::CAUSE_NOUNS
        .iter()
        .chain(lexicon::MISHAP_CAUSES)
        .find(|(w, _)| t.lower == *w)?;
    let mut aliases = Vec::new();
    // "accidental fire", "misfired rocket": the cause as written, too.
    if let Some(p) = k.checked_sub(1).map(|p| &toks[p])
        && p.is_word()
        && !any(&p.lower, &lexicon::DETERMINERS)
        && !any(&p.lower, PHRASE_ENDS)
    {
        aliases.push(format!("{} {}", p.lower, t.lower));
    }
    if let Some(n) = toks.get(k + 1)
        && n.is_word()
        && is_weapon(n)
    {
        aliases.push(format!("{} {}", t.lower, n.lower));
    }
    Some(ActorRef {
        name: (*name).to_owned(),
        aliases,
    })
}
