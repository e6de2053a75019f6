//! How alike two propositions of one story are, and why: shared counts, shared actors and
//! shared distinctive words (weighted by how rare they are in the story), each kept as the
//! link's reason.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::proposition::Proposition;
use super::text;
use crate::domain::ClaimKind;

/// Above this a link is made without asking anyone: the same kind and the same figures, or the
/// same actors and near-identical wording. Chosen on the corpus with extracted claims, as ingest
/// links them (the best mean of the trace's four measures over the three events; held out, each
/// event's choice from the other two was 0.20–0.25 as well; see BENCHMARKS.md).
pub const AUTO_LINK: f64 = 0.25;
/// Between this and `AUTO_LINK` a link is only suggested, for a reviewer to confirm.
pub const SUGGEST_LINK: f64 = 0.15;
/// How much a cluster's best-matching member counts against the mean of all its members when a
/// new claim is weighed against it (chosen with `AUTO_LINK`).
pub const BEST_WEIGHT: f64 = 0.75;

/// How sure a link between two claims is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkLevel {
    /// Strong evidence: the claims are clustered.
    Automatic,
    /// Weaker evidence: shown to a reviewer, who confirms or rejects it.
    Suggested,
}

/// Why two propositions were linked: the evidence, for the reviewer to see.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub score: f64,
    /// Shared figures, as `category value` ("killed 22").
    pub figures: Vec<String>,
    /// Party tokens the actors share (claimant or target).
    pub actors: Vec<String>,
    /// The shared words that weigh most, rarest first.
    pub words: Vec<String>,
    /// What speaks against the link (a different count, another target).
    pub conflicts: Vec<String>,
    /// One of the two is the headline of the other's article.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
    /// The link joins the cluster of its first claim and the cluster of its second, whose
    /// members, taken as wholes, are as alike as a claim must be to join one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub joins: bool,
}

/// The conflict of two accounts (blame or denial) told by different countries' tellers.
pub const ANOTHER_COUNTRY: &str = "another country's teller";

impl Evidence {
    /// Whether the two are rival accounts: one country's account and another's. A claim never
    /// joins a cluster holding a rival account of it (`Tracer::place`), however like another
    /// member it is, so an account told by no one in particular does not bridge the two.
    pub fn rival_accounts(&self) -> bool {
        self.conflicts.iter().any(|c| c == ANOTHER_COUNTRY)
    }
}

/// Document frequencies of stems over a story's propositions, kept incrementally.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// FxHash: looked up for every stem of both claims of every pair weighed.
    df: rustc_hash::FxHashMap<String, u32>,
    docs: u32,
    /// The countries the story's articles give each party token of a target ("the Varnian
    /// group Northern Front" in one article places the Northern Front in Varnia for all).
    sides: HashMap<String, BTreeSet<String>>,
}

impl Vocabulary {
    pub fn add(&mut self, p: &Proposition) {
        self.docs += 1;
        for s in p.stems.keys() {
            *self.df.entry(s.clone()).or_insert(0) += 1;
        }
        self.add_sides(p);
    }

    /// Learns only the countries a proposition gives its target's parties (all that deriving a
    /// story reads; the stems' rarities are for linking).
    pub fn add_sides(&mut self, p: &Proposition) {
        if !p.target_only_a_country && !p.target_side.is_empty() {
            for t in p.target.iter().filter(|t| !text::names_a_cause(t)) {
                self.sides
                    .entry(t.clone())
                    .or_default()
                    .extend(p.target_side.iter().cloned());
            }
        }
    }

    /// The countries a proposition's target belongs to: those its own article gives it and
    /// those any article of the story gives a party it names.
    pub fn target_sides(&self, p: &Proposition) -> BTreeSet<String> {
        let mut out = p.target_side.clone();
        for t in &p.target {
            if let Some(s) = self.sides.get(t) {
                out.extend(s.iter().cloned());
            }
        }
        out
    }

    /// How rare a stem is in the story: a word every claim uses weighs little.
    pub fn idf(&self, stem: &str) -> f64 {
        let df = f64::from(self.df.get(stem).copied().unwrap_or(0));
        ((1.0 + f64::from(self.docs)) / (1.0 + df)).ln() + 1.0
    }

    /// How often a stem occurs across the story's propositions.
    pub fn df(&self, stem: &str) -> u32 {
        self.df.get(stem).copied().unwrap_or(0)
    }
}

/// The evidence that `a` and `b` assert the same proposition. Different kinds never do, and
/// neither do two counts of different things or of different numbers.
pub fn compare(a: &Proposition, b: &Proposition, vocab: &Vocabulary) -> Evidence {
    let mut e = Evidence::default();
    if a.kind != b.kind {
        e.conflicts.push(format!("{} vs {}", a.kind, b.kind));
        return e;
    }
    // Arrests on different named days are different arrests (a count is one count whatever
    // day it is said on).
    let apart = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
        !x.is_empty() && !y.is_empty() && x.is_disjoint(y)
    };
    if a.kind == ClaimKind::Arrest
        && a.count.is_none()
        && b.count.is_none()
        && apart(&a.days, &b.days)
    {
        e.conflicts.push("arrests on other days".to_owned());
        return e;
    }
    // Whom an arrest takes is told by name in one report and by description in another ("a
    // 23-year-old man", "his son Nils, 23"): the same age says the two may be one person,
    // different ages that they are two.
    let arrest = a.kind == ClaimKind::Arrest && a.count.is_none() && b.count.is_none();
    let same_age: Vec<u32> = a.ages.intersection(&b.ages).copied().collect();
    if arrest && !a.ages.is_empty() && !b.ages.is_empty() && same_age.is_empty() {
        e.conflicts.push("arrested people of other ages".to_owned());
        return e;
    }
    let same_age = if arrest { same_age } else { Vec::new() };
    let words = cosine(&a.stems, &b.stems, vocab, &mut e.words);
    match (&a.count, &b.count) {
        (Some(ca), Some(cb)) => {
            if ca != cb {
                e.conflicts.push(format!("counts {ca} vs {cb}"));
                return e;
            }
            // A range is read as one count: it is not "200" however it starts, and two ranges
            // with an end in common ("200 to 300", "100 to 300") are two counts.
            let (ra, rb) = (a.readings(), b.readings());
            let shared: Vec<(f64, f64)> = ra.iter().copied().filter(|r| rb.contains(r)).collect();
            if shared.is_empty() {
                e.conflicts
                    .push(format!("{ca} {} vs {}", readings(&ra), readings(&rb)));
                return e;
            }
            e.figures = shared
                .iter()
                .map(|&r| format!("{ca} {}", readings(&[r])))
                .collect();
            // One count more in either (a sub-count: "seven of them") is less sure.
            let same = ra == rb;
            e.score = if same { 0.8 } else { 0.45 } + 0.2 * words;
            return e;
        }
        (Some(c), None) | (None, Some(c)) => {
            e.conflicts.push(format!("a {c} count vs no count"));
            return e;
        }
        _ => {}
    }
    // A claim whose only counts are of another place or time ("27 killed in Ostra") is about those
    // deaths: it meets only a claim giving the same count, not one about the story's own dead.
    let only_elsewhere = |p: &Proposition| p.vague_toll.is_none() && !p.elsewhere.is_empty();
    if only_elsewhere(a) || only_elsewhere(b) {
        let same: Vec<String> = a
            .elsewhere
            .iter()
            .filter(|fa| {
                b.elsewhere
                    .iter()
                    .any(|fb| fa.category == fb.category && fa.value == fb.value)
            })
            .map(|f| format!("{} {} elsewhere", f.category, f.value))
            .collect();
        if same.is_empty() {
            e.conflicts
                .push("a count of another place or time".to_owned());
            return e;
        }
        e.figures.extend(same);
    }
    let mut score = words;
    if headline_of_its_article(a, b) {
        score += HEADLINE_BONUS;
        e.headline = true;
    }
    // Tolls told by their order of magnitude ("hundreds killed"): the same one supports as a
    // shared figure does, another opposes as another count does.
    if a.kind == ClaimKind::Casualty
        && let (Some(ta), Some(tb)) = (&a.vague_toll, &b.vague_toll)
    {
        if ta != tb {
            e.conflicts
                .push(format!("{} {} vs {} {}", ta.1, ta.0, tb.1, tb.0));
            return e;
        }
        e.figures.push(format!("{} {}", ta.1, ta.0));
        score += VAGUE_TOLL_EXTRA;
    }
    // A threat level is a value too: the same one weighs as a shared figure, another is another
    // proposition (a later one updates it, `relations`).
    if let (Some(la), Some(lb)) = (a.level, b.level) {
        if la != lb {
            e.conflicts.push(format!("threat level {la} vs {lb}"));
            return e;
        }
        e.figures.push(format!("threat level {la}"));
    }
    // Who did it, told two ways, is two propositions: that he acted alone and that others were
    // in it; that his identity is known and his name (a later one updates the earlier,
    // `relations`). A count or an arrest in the same sentence only shares its words.
    let of_the_deed = |k: ClaimKind| {
        !matches!(
            k,
            ClaimKind::Casualty | ClaimKind::Arrest | ClaimKind::Warning
        )
    };
    if of_the_deed(a.kind) && of_the_deed(b.kind) {
        if let (Some(pa), Some(pb)) = (a.perpetrators, b.perpetrators)
            && pa != pb
        {
            e.conflicts
                .push("one acting alone vs others in it".to_owned());
            return e;
        }
        if let (Some(ia), Some(ib)) = (a.identity, b.identity)
            && ia != ib
        {
            e.conflicts.push("who did it known vs named".to_owned());
            return e;
        }
    }
    // The age of an arrested person, and the day named for the arrest ("arrested on Tuesday
    // morning"), weigh as a shared figure: other days are other arrests, the same day is a sign
    // of the same one.
    e.figures
        .extend(same_age.iter().map(|n| format!("aged {n}")));
    if arrest {
        e.figures
            .extend(a.days.intersection(&b.days).map(|d| format!("on {d}")));
    }
    // Figures of one category in both: the same number supports, another number opposes.
    for fa in &a.figures {
        for fb in b.figures.iter().filter(|f| f.category == fa.category) {
            if fa.value == fb.value {
                e.figures.push(format!("{} {}", fa.category, fa.value));
            }
        }
    }
    if !e.figures.is_empty() {
        score += 0.2;
    } else if a
        .figures
        .iter()
        .any(|fa| b.figures.iter().any(|fb| fb.category == fa.category))
    {
        e.conflicts.push("other figures".to_owned());
        // An arrest's figure is how many were taken, whatever they are called ("4 looters",
        // "2 rioters"): another number is another arrest, however alike the words.
        if arrest {
            return e;
        }
        score -= 0.2;
    }
    // "A Danish rocket" and "the Northern Front" may name one culprit when the article calls
    // the Northern Front Danish: a country-only target does not oppose its country's party.
    // Nor does a described person ("his brother") oppose a named one ("Nils") of the same age.
    let target = if one_names_the_others_country(a, b, vocab)
        || one_names_the_others_country(b, a, vocab)
        || !same_age.is_empty()
            && !a.target.is_empty()
            && !b.target.is_empty()
            && a.target.is_disjoint(&b.target)
    {
        0.0
    } else {
        party(&a.target, &b.target, 0.25, 0.25, &mut e, "target")
    };
    // What an attribution blames, what a denial rejects and whom an arrest takes is the
    // proposition itself: two that name different targets ("a bomb", "an accident"; "Israel",
    // "Islamic Jihad") are different propositions however alike their words.
    if target < 0.0
        && matches!(
            a.kind,
            ClaimKind::Attribution | ClaimKind::Denial | ClaimKind::Arrest
        )
    {
        return e;
    }
    score += target;
    let claimant = party(&a.claimant, &b.claimant, 0.15, 0.1, &mut e, "claimant");
    // A cause ("an attack", "an accident") or a weapon ("a misfired rocket") named by two
    // different tellers, with no party blamed in common, is two findings (one may support the
    // other), not one claim repeated: what is shared is only the kind of cause.
    if claimant < 0.0
        && a.kind == ClaimKind::Attribution
        && target > 0.0
        && a.target
            .intersection(&b.target)
            .all(|t| text::names_a_cause(t) || text::names_a_weapon(t))
    {
        e.conflicts.push("another teller of the cause".to_owned());
        e.score = 0.0;
        return e;
    }
    // The accused's own account of the cause answers a blame, it does not repeat it: "the
    // militia blamed government forces" and "the government said an explosion at a militia
    // store was to blame" are two propositions, however many words they share. (Two that
    // blame one culprit are one account, whoever a report says told it.)
    if a.kind == ClaimKind::Attribution
        && claimant < 0.0
        && target <= 0.0
        && (accuses(a, b) || accuses(b, a))
    {
        e.conflicts.push("the accused's own account".to_owned());
        e.score = 0.0;
        return e;
    }
    // That someone was (or was not) a member of a group and that they did (or did not do) the
    // act are two propositions, even from one teller about one party.
    if matches!(a.kind, ClaimKind::Attribution | ClaimKind::Denial) && a.ties != b.ties {
        e.conflicts.push("ties vs the act".to_owned());
        e.score = 0.0;
        return e;
    }
    // That a reported figure is wrong and that the teller did not do the act are two
    // propositions, even from one teller ("Ostra disputes this figure", "Ostra denies the
    // strike").
    if a.kind == ClaimKind::Denial && a.disputes_tally != b.disputes_tally {
        e.conflicts
            .push("a disputed figure vs a denied act".to_owned());
        e.score = 0.0;
        return e;
    }
    // An account is its teller's side's: two countries' tellers blaming (or denying) the same
    // are two findings, one supporting the other, not one claim repeated.
    if claimant < 0.0
        && matches!(a.kind, ClaimKind::Attribution | ClaimKind::Denial)
        && !a.side.is_empty()
        && !b.side.is_empty()
        && a.side.is_disjoint(&b.side)
    {
        e.conflicts.push(ANOTHER_COUNTRY.to_owned());
        return e;
    }
    score += claimant;
    e.score = score.clamp(0.0, 1.0);
    e
}

/// What a headline shares with a claim of its own article's body, beyond the words: the
/// headline is the article's main claim told short, so it most often restates one of them.
/// (Letting a headline without a number meet its body's count as well was tried: the headline
/// then joins another cluster first and brings the count with it.)
const HEADLINE_BONUS: f64 = 0.1;

/// What one order of magnitude of one count ("hundreds killed") adds beyond a shared figure:
/// tolls are told in few words, so two reports of one share little wording beside it. (An exact
/// count shared weighs far more, `compare`.)
const VAGUE_TOLL_EXTRA: f64 = 0.1;

/// Whether one of two propositions is the headline of the article the other is in.
fn headline_of_its_article(a: &Proposition, b: &Proposition) -> bool {
    a.claim.article == b.claim.article && a.headline != b.headline
}

/// Whether `a`'s target is named only by a country that `b`'s (another) target belongs to, as
/// `b`'s article or any other of the story places it.
fn one_names_the_others_country(a: &Proposition, b: &Proposition, vocab: &Vocabulary) -> bool {
    a.target_only_a_country
        && !a.target_side.is_empty()
        && !b.target.is_empty()
        && a.target.is_disjoint(&b.target)
        && a.target_side.is_subset(&vocab.target_sides(b))
}

/// Whether `a` blames the party that tells `b`.
fn accuses(a: &Proposition, b: &Proposition) -> bool {
    !b.claimant.is_empty() && !a.target.is_disjoint(&b.claimant)
}

/// The bonus for shared party tokens, or the malus for two named parties that share none.
fn party(
    a: &std::collections::BTreeSet<String>,
    b: &std::collections::BTreeSet<String>,
    bonus: f64,
    malus: f64,
    e: &mut Evidence,
    what: &str,
) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared: Vec<&String> = a.intersection(b).collect();
    if shared.is_empty() {
        e.conflicts.push(format!("another {what}"));
        -malus
    } else {
        e.actors.extend(shared.into_iter().cloned());
        bonus
    }
}

/// Counts as written in evidence: "22", "200–300", several joined by commas.
fn readings(v: &[(f64, f64)]) -> String {
    v.iter()
        .map(|&(lo, hi)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// IDF-weighted cosine of two stem bags; the shared stems go to `shared`, rarest first.
fn cosine(
    a: &BTreeMap<String, u32>,
    b: &BTreeMap<String, u32>,
    vocab: &Vocabulary,
    shared: &mut Vec<String>,
) -> f64 {
    // One walk over both bags in key order, each stem's rarity looked up once: the bags are
    // compared for every candidate pair, so this is the tracer's innermost loop. (The sums
    // are taken in the same order as walking each bag alone.)
    let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
    let mut common: Vec<(f64, &String)> = Vec::new();
    let (mut ia, mut ib) = (a.iter().peekable(), b.iter().peekable());
    loop {
        let order = match (ia.peek(), ib.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some((sa, _)), Some((sb, _))) => sa.cmp(sb),
        };
        match order {
            std::cmp::Ordering::Less => {
                if let Some((s, &n)) = ia.next() {
                    let x = f64::from(n).sqrt() * vocab.idf(s);
                    na += x * x;
                }
            }
            std::cmp::Ordering::Greater => {
                if let Some((s, &m)) = ib.next() {
                    let y = f64::from(m).sqrt() * vocab.idf(s);
                    nb += y * y;
                }
            }
            std::cmp::Ordering::Equal => {
                if let (Some((s, &n)), Some((_, &m))) = (ia.next(), ib.next()) {
                    let idf = vocab.idf(s);
                    let (x, y) = (f64::from(n).sqrt() * idf, f64::from(m).sqrt() * idf);
                    na += x * x;
                    nb += y * y;
                    dot += x * y;
                    common.push((idf, s));
                }
            }
        }
    }
    common.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
    shared.extend(common.into_iter().take(6).map(|(_, s)| s.clone()));
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::proposition::ClaimRef;
    use crate::provenance::text;

    fn vocabulary(props: &[&Proposition]) -> Vocabulary {
        let mut vocab = Vocabulary::default();
        for p in props {
            vocab.add(p);
        }
        vocab
    }

    fn prop(article: usize, kind: ClaimKind, quote: &str, target: &str) -> Proposition {
        let mut stems = BTreeMap::new();
        for s in text::content_stems(quote) {
            *stems.entry(s).or_insert(0) += 1;
        }
        Proposition {
            claim: ClaimRef { article, claim: 0 },
            kind,
            count: None,
            figures: Vec::new(),
            elsewhere: Vec::new(),
            sentence: (0, quote.len()),
            headline: false,
            stems,
            claimant: text::party_tokens(["port officials"]),
            side: std::collections::BTreeSet::new(),
            target: text::party_tokens([target]),
            target_side: text::sides_in(target, ""),
            target_only_a_country: text::names_only_a_country(target),
            target_unnamed: text::names_no_one_in_particular(target),
            ties: text::speaks_of_ties(quote),
            perpetrators: text::perpetrators(quote),
            identity: text::identity(quote),
            disputes_tally: kind == ClaimKind::Denial && text::disputes_a_tally(quote),
            days: text::weekdays(quote),
            level: text::level(quote),
            ages: text::ages(quote),
            vague_toll: text::vague_toll(quote),
            hedged: false,
            superseded: false,
            net_of_releases: false,
            undecided: false,
            part: false,
            rounded: false,
            set_against: Vec::new(),
            in_series: Vec::new(),
        }
    }

    #[test]
    fn accounts_blaming_different_causes_never_match_however_alike_their_words() {
        use ClaimKind::{Attribution, Statement};
        let bomb = prop(
            0,
            Attribution,
            "Port officials said the blast was caused by a bomb",
            "bomb",
        );
        let again = prop(
            1,
            Attribution,
            "Port officials said a bomb caused the blast",
            "bomb",
        );
        let accident = prop(
            2,
            Attribution,
            "Port officials said the blast was caused by an accident",
            "accident",
        );
        let vocab = vocabulary(&[&bomb, &again, &accident]);
        let same = compare(&bomb, &again, &vocab);
        assert!(same.score >= AUTO_LINK, "{same:?}");
        let rival = compare(&bomb, &accident, &vocab);
        assert_eq!(rival.score, 0.0, "{rival:?}");
        assert!(rival.conflicts.contains(&"another target".to_owned()));
        // A statement's target is only what it is about: other targets weigh against, no more.
        let (a, b) = (
            prop(
                0,
                Statement,
                "Port officials said the blast was caused by a bomb",
                "bomb",
            ),
            prop(
                2,
                Statement,
                "Port officials said the blast was caused by an accident",
                "accident",
            ),
        );
        assert!(compare(&a, &b, &vocab).score > 0.0);
    }

    #[test]
    fn the_accused_s_own_account_of_the_cause_is_no_repeat_of_the_blame() {
        use ClaimKind::Attribution;
        let mut blame = prop(
            0,
            Attribution,
            "The Coastal Militia blamed government forces for the blast at the market",
            "government forces",
        );
        blame.claimant = text::party_tokens(["Coastal Militia"]);
        let mut answer = prop(
            1,
            Attribution,
            "The government said an explosion at a militia store caused the blast at the market",
            "",
        );
        answer.claimant = text::party_tokens(["government"]);
        let vocab = vocabulary(&[&blame, &answer]);
        for (a, b) in [(&blame, &answer), (&answer, &blame)] {
            let e = compare(a, b, &vocab);
            assert_eq!(e.score, 0.0, "{e:?}");
            assert!(
                e.conflicts
                    .contains(&"the accused's own account".to_owned())
            );
        }
        // The same blame told again by its teller is still one claim.
        let mut again = prop(
            2,
            Attribution,
            "The Coastal Militia blamed government forces for the blast",
            "government forces",
        );
        again.claimant = text::party_tokens(["Coastal Militia"]);
        let vocab = vocabulary(&[&blame, &again]);
        assert!(compare(&blame, &again, &vocab).score > 0.0);
    }

    #[test]
    fn a_culprit_named_by_its_country_meets_that_countrys_party() {
        let quote = "The army said a misfired rocket struck the dam";
        let blaming = |article, target: &str, article_text: &str| {
            let mut p = prop(article, ClaimKind::Attribution, quote, target);
            p.target_side = text::sides_in(target, article_text);
            p
        };
        let by_country = blaming(0, "a Danish rocket", "");
        let group = blaming(
            1,
            "Northern Front",
            "The Danish militant group Northern Front denied it.",
        );
        let unplaced = blaming(2, "Northern Front", "");
        let vocab = vocabulary(&[&by_country, &group, &unplaced]);
        let e = compare(&by_country, &group, &vocab);
        assert!(e.conflicts.is_empty() && e.score > 0.0, "{e:?}");
        assert!(compare(&group, &by_country, &vocab).conflicts.is_empty());
        // One article of the story placing the group places it for all of them.
        let e = compare(&by_country, &unplaced, &vocab);
        assert!(e.conflicts.is_empty() && e.score > 0.0, "{e:?}");
        // Where the story does not say whose the group is, the two culprits stay apart.
        let untold = vocabulary(&[&by_country, &unplaced]);
        let e = compare(&by_country, &unplaced, &untold);
        assert!(e.conflicts.contains(&"another target".to_owned()), "{e:?}");
        assert_eq!(e.score, 0.0);
        // Nor does the Front meet another party's rocket: the rocket is not the party.
        let other = blaming(3, "a Northern Front rocket", "");
        let e = compare(&other, &blaming(4, "a Varnian rocket", ""), &untold);
        assert!(e.conflicts.contains(&"another target".to_owned()), "{e:?}");
    }

    #[test]
    fn one_blame_told_by_two_countries_is_two_findings_but_one_countrys_tellers_tell_one() {
        let quote = "The blast was caused by a rocket fired by the Northern Front";
        let told_by = |article, teller: &str, sentence: &str| {
            let mut p = prop(article, ClaimKind::Attribution, quote, "Northern Front");
            p.claimant = text::party_tokens([teller]);
            p.side = text::side_of([teller], sentence);
            p
        };
        let army = told_by(0, "Varnian army", "");
        let minister = told_by(1, "Anna Lind", "Danish Defence Minister Anna Lind said so");
        let ministry = told_by(2, "Danish ministry", "");
        let unknown = told_by(3, "Nils Berg", "Nils Berg said so");
        let mut vocab = vocabulary(&[&army, &minister, &ministry, &unknown]);
        // A Varnian teller (no country the lexicon knows) and an unplaced one: the words decide.
        assert!(compare(&army, &minister, &vocab).score >= AUTO_LINK);
        assert!(compare(&unknown, &ministry, &vocab).score >= AUTO_LINK);
        // Two tellers of one country: one account.
        assert!(compare(&minister, &ministry, &vocab).score >= AUTO_LINK);
        let mut us = told_by(4, "US officials", "");
        vocab.add(&us);
        let rival = compare(&us, &ministry, &vocab);
        assert_eq!(rival.score, 0.0, "{rival:?}");
        assert!(rival.conflicts.contains(&ANOTHER_COUNTRY.to_owned()));
        // A statement is not an account: its teller's country weighs no more than before.
        us.kind = ClaimKind::Statement;
        let mut said = ministry.clone();
        said.kind = ClaimKind::Statement;
        assert!(compare(&us, &said, &vocab).score > 0.0);
    }

    #[test]
    fn a_headline_meets_the_claim_of_its_own_body_it_restates() {
        use ClaimKind::Warning;
        let mut headline = prop(0, Warning, "Ostra warns of more strikes", "");
        headline.headline = true;
        let body = prop(
            0,
            Warning,
            "The minister said further strikes could come soon",
            "",
        );
        let elsewhere = prop(
            1,
            Warning,
            "The minister said further strikes could come soon",
            "",
        );
        let vocab = vocabulary(&[&headline, &body, &elsewhere]);
        let own = compare(&headline, &body, &vocab);
        let other = compare(&headline, &elsewhere, &vocab);
        assert!(
            (own.score - other.score - HEADLINE_BONUS).abs() < 1e-9,
            "{own:?} {other:?}"
        );
        assert!(own.headline && !other.headline);
        // Two body claims of one article get nothing for it.
        let second = prop(
            0,
            Warning,
            "The minister said further strikes could come soon",
            "",
        );
        assert_eq!(
            compare(&body, &second, &vocab).score,
            compare(&elsewhere, &second, &vocab).score
        );
    }

    #[test]
    fn a_kind_of_cause_named_by_two_tellers_is_two_findings() {
        let told_by = |article, teller: &str, quote: &str, target: &str| {
            let mut p = prop(article, ClaimKind::Attribution, quote, target);
            p.claimant = text::party_tokens([teller]);
            p
        };
        let lind = told_by(
            0,
            "Jon Lind",
            "Jon Lind said the blast was an attack",
            "an attack",
        );
        let lind_again = told_by(
            1,
            "Jon Lind",
            "The blast was an attack, Jon Lind told reporters",
            "attack",
        );
        let berg = told_by(
            2,
            "Nils Berg",
            "Nils Berg said the blast could have been an attack",
            "an attack",
        );
        let berg_blames_a_party = told_by(
            3,
            "Nils Berg",
            "Nils Berg said the blast was an attack by the Northern Front",
            "Northern Front",
        );
        let lind_blames_a_party = told_by(
            4,
            "Jon Lind",
            "Jon Lind said the Northern Front attacked the port",
            "Northern Front",
        );
        let rocket_by_lind = told_by(
            5,
            "Jon Lind",
            "Jon Lind said a misfired rocket was the likely cause of the blast",
            "a misfired rocket",
        );
        let rocket_by_berg = told_by(
            6,
            "Nils Berg",
            "Nils Berg blamed a rocket misfire for the blast at the dam",
            "rocket misfire",
        );
        let vocab = vocabulary(&[
            &lind,
            &lind_again,
            &berg,
            &berg_blames_a_party,
            &lind_blames_a_party,
            &rocket_by_lind,
            &rocket_by_berg,
        ]);
        // A weapon named by two tellers, with no party that fired it, is a kind of cause too.
        let e = compare(&rocket_by_lind, &rocket_by_berg, &vocab);
        assert_eq!(e.score, 0.0, "{e:?}");
        assert!(compare(&lind, &lind_again, &vocab).score > AUTO_LINK);
        let e = compare(&lind, &berg, &vocab);
        assert_eq!(e.score, 0.0, "{e:?}");
        assert!(
            e.conflicts
                .iter()
                .any(|c| c.contains("teller of the cause"))
        );
        // A party blamed in common is more than a kind of cause: the tellers' difference only
        // weighs against it.
        let e = compare(&berg_blames_a_party, &lind_blames_a_party, &vocab);
        assert!(
            e.score > 0.0
                && !e
                    .conflicts
                    .iter()
                    .any(|c| c.contains("teller of the cause")),
            "{e:?}"
        );
    }

    #[test]
    fn arrests_of_other_numbers_are_other_arrests_whatever_the_held_are_called() {
        use crate::domain::{Figure, Qualifier};
        // The extractor names a count by its noun ("4 looters": "looters"), which the tracer
        // does not track as the arrest count: the figure itself still says how many.
        let held = |article, n: f64| {
            let mut p = prop(
                article,
                ClaimKind::Arrest,
                &format!("Police arrested {n} looters in Ostra, officials said"),
                "",
            );
            p.figures = vec![Figure {
                value: n,
                qualifier: Qualifier::Exact,
                category: "looters".to_owned(),
                text: format!("{n} looters"),
            }];
            p
        };
        let (four, two, four_again) = (held(0, 4.0), held(1, 2.0), held(2, 4.0));
        let vocab = vocabulary(&[&four, &two, &four_again]);
        let e = compare(&four, &two, &vocab);
        assert!(
            e.score == 0.0 && e.conflicts.contains(&"other figures".to_owned()),
            "{e:?}"
        );
        let e = compare(&four, &four_again, &vocab);
        assert!(e.score >= AUTO_LINK, "{e:?}");
        assert!(e.figures.contains(&"looters 4".to_owned()), "{e:?}");
    }

    #[test]
    fn arrests_on_other_named_days_are_other_arrests() {
        use crate::domain::{Figure, Qualifier};
        let arrest = |article, quote: &str| prop(article, ClaimKind::Arrest, quote, "a man");
        let tuesday = arrest(0, "Police arrested a man in Ostra on Tuesday");
        let tuesday_again = arrest(1, "A man was arrested in Ostra on Tuesday");
        let wednesday = arrest(2, "Police arrested a man in Ostra on Wednesday");
        let undated = arrest(3, "Police arrested a man in Ostra");
        // A count is one count whatever day it is said on.
        let count = |article, quote: &str| {
            let mut p = prop(article, ClaimKind::Arrest, quote, "");
            p.count = Some("arrested".to_owned());
            p.figures = vec![Figure {
                value: 16.0,
                qualifier: Qualifier::Exact,
                category: "arrested".to_owned(),
                text: "16".to_owned(),
            }];
            p
        };
        let count_tuesday = count(4, "Police said on Tuesday 16 were arrested in Ostra");
        let count_wednesday = count(5, "16 were arrested in Ostra, police said on Wednesday");
        let vocab = vocabulary(&[
            &tuesday,
            &tuesday_again,
            &wednesday,
            &undated,
            &count_tuesday,
            &count_wednesday,
        ]);
        let e = compare(&tuesday, &wednesday, &vocab);
        assert!(
            e.score == 0.0 && e.conflicts.iter().any(|c| c.contains("other days")),
            "{e:?}"
        );
        assert!(compare(&tuesday, &tuesday_again, &vocab).score > 0.0);
        assert!(compare(&wednesday, &undated, &vocab).score > 0.0);
        // The same day, told by another teller in other words, is a sign of the same arrest.
        let mut told_apart = arrest(6, "His brother was detained by officers on Tuesday morning");
        told_apart.claimant = text::party_tokens(["his father"]);
        let e = compare(&tuesday, &told_apart, &vocab);
        assert!(e.figures.contains(&"on tuesday".to_owned()), "{e:?}");
        let mut undated_apart = told_apart.clone();
        undated_apart.days.clear();
        assert!(
            e.score >= compare(&tuesday, &undated_apart, &vocab).score + 0.15,
            "{e:?}"
        );
        assert!(compare(&count_tuesday, &count_wednesday, &vocab).score > AUTO_LINK);
    }

    #[test]
    fn a_count_of_another_place_meets_only_the_same_count() {
        use crate::domain::{Figure, Qualifier};
        let elsewhere = |article, quote: &str, value: f64| {
            let mut p = prop(article, ClaimKind::Casualty, quote, "");
            p.claimant = text::party_tokens(["Varnia health ministry"]);
            p.elsewhere = vec![Figure {
                value,
                qualifier: Qualifier::Exact,
                category: "killed".to_owned(),
                text: format!("{value} people"),
            }];
            p
        };
        let ostra = elsewhere(
            0,
            "The Varnia health ministry said 27 people were killed in Ostra",
            27.0,
        );
        let again = elsewhere(
            1,
            "In Ostra 27 people were killed, the Varnia health ministry said",
            27.0,
        );
        let mut toll = prop(
            2,
            ClaimKind::Casualty,
            "The Varnia health ministry said hundreds were killed at the dam",
            "",
        );
        toll.claimant = text::party_tokens(["Varnia health ministry"]);
        let mut untold = toll.clone();
        untold.vague_toll = None;
        let vocab = vocabulary(&[&ostra, &again, &toll]);
        let e = compare(&ostra, &again, &vocab);
        assert!(
            e.figures.contains(&"killed 27 elsewhere".to_owned()),
            "{e:?}"
        );
        assert!(e.score >= AUTO_LINK, "{e:?}");
        // Told by the same teller, the story's own dead are another proposition.
        for other in [&toll, &untold] {
            let e = compare(&ostra, other, &vocab);
            assert_eq!(e.score, 0.0, "{e:?}");
        }
    }

    #[test]
    fn tolls_told_by_their_order_of_magnitude_match_their_own_magnitude_only() {
        let toll = |article, quote: &str| prop(article, ClaimKind::Casualty, quote, "");
        let hundreds = toll(
            0,
            "Port officials say hundreds killed in the blast at the depot",
        );
        let again = toll(
            1,
            "The blast at the depot, port officials said, left hundreds dead",
        );
        let dozens = toll(
            2,
            "Port officials say dozens killed in the blast at the depot",
        );
        let vocab = vocabulary(&[&hundreds, &again, &dozens]);
        let e = compare(&hundreds, &again, &vocab);
        assert!(e.figures.contains(&"killed hundreds".to_owned()), "{e:?}");
        let mut untold = again.clone();
        untold.vague_toll = None;
        assert!(e.score > compare(&hundreds, &untold, &vocab).score, "{e:?}");
        // Told by another teller in other words, the one magnitude of one count is still the
        // same claim: the shared magnitude weighs as a shared count does, short of its number.
        let mut told_apart = toll(3, "Hundreds of people died when the depot was struck");
        told_apart.claimant = text::party_tokens(["rescue workers"]);
        let e = compare(&hundreds, &told_apart, &vocab);
        assert!(e.score >= AUTO_LINK, "{e:?}");
        let e = compare(&hundreds, &dozens, &vocab);
        assert!(
            e.score == 0.0
                && e.conflicts
                    .contains(&"killed hundreds vs killed dozens".to_owned()),
            "{e:?}"
        );
    }

    #[test]
    fn an_arrested_person_named_in_one_report_and_described_in_another_is_known_by_age() {
        let arrest = |article, quote: &str, target: &str| {
            let mut p = prop(article, ClaimKind::Arrest, quote, target);
            p.claimant = BTreeSet::new();
            p
        };
        let described = arrest(
            0,
            "The bomber's 23-year-old brother was arrested in Kessel on Tuesday",
            "brother",
        );
        let named = arrest(
            1,
            "His father said that another son, Nils, 23, was arrested in Kessel on Tuesday",
            "Nils",
        );
        let younger = arrest(
            2,
            "His father and his 18-year-old son Jon were arrested in Ostra on Tuesday",
            "Jon",
        );
        let vocab = vocabulary(&[&described, &named, &younger]);
        let e = compare(&described, &named, &vocab);
        assert!(e.score >= AUTO_LINK, "{e:?}");
        assert!(e.figures.contains(&"aged 23".to_owned()), "{e:?}");
        // Other ages are other people, whatever else the two share.
        let e = compare(&named, &younger, &vocab);
        assert!(
            e.score == 0.0 && e.conflicts.iter().any(|c| c.contains("other ages")),
            "{e:?}"
        );
        // Without an age, a described person and a named one stay apart, as before.
        let mut unaged = described.clone();
        unaged.ages.clear();
        assert_eq!(compare(&unaged, &named, &vocab).score, 0.0);
    }

    #[test]
    fn a_group_saying_one_of_its_members_did_it_claims_the_act() {
        let claim = |article, quote: &str| {
            let mut p = prop(article, ClaimKind::Attribution, quote, "Northern Front");
            p.claimant = text::party_tokens(["Northern Front"]);
            p.ties = text::speaks_of_ties(quote);
            p
        };
        let headline = claim(
            0,
            "Northern Front claims it planted the bomb at the stadium",
        );
        let member = claim(
            0,
            "The Northern Front said one of its members planted the bomb at the stadium",
        );
        let vocab = vocabulary(&[&headline, &member]);
        let e = compare(&headline, &member, &vocab);
        assert!(e.score >= AUTO_LINK && e.conflicts.is_empty(), "{e:?}");
    }

    #[test]
    fn denying_a_party_s_ties_and_denying_its_act_are_two_propositions() {
        let denial = |article, quote: &str| {
            let mut p = prop(article, ClaimKind::Denial, quote, "Nils Berg");
            p.claimant = text::party_tokens(["Jon Lind"]);
            p
        };
        let innocent = denial(
            0,
            "Jon Lind said his son Nils Berg is innocent of the bombing",
        );
        let no_part = denial(
            1,
            "Jon Lind said his son Nils Berg had no part in the bombing",
        );
        let not_a_member = denial(
            2,
            "Jon Lind said his son Nils Berg was not a member of the Northern Front",
        );
        let belongs_to_none = denial(3, "Nils Berg does not belong to any group, Jon Lind said");
        // Things owned are not ties.
        let nothing_owned = denial(
            4,
            "Jon Lind said nothing belonging to his son Nils Berg was found in the bombing",
        );
        let vocab = vocabulary(&[
            &innocent,
            &no_part,
            &not_a_member,
            &belongs_to_none,
            &nothing_owned,
        ]);
        let e = compare(&innocent, &not_a_member, &vocab);
        assert_eq!(e.score, 0.0, "{e:?}");
        assert!(e.conflicts.iter().any(|c| c.contains("ties")), "{e:?}");
        assert!(compare(&not_a_member, &belongs_to_none, &vocab).score > 0.0);
        for act in [&no_part, &nothing_owned] {
            let e = compare(&innocent, act, &vocab);
            assert!(e.score > 0.0 && e.conflicts.is_empty(), "{e:?}");
        }
    }

    #[test]
    fn disputing_a_reported_figure_and_denying_the_act_are_two_propositions() {
        let denial = |article, quote: &str| {
            let mut p = prop(article, ClaimKind::Denial, quote, "Ostra");
            p.claimant = text::party_tokens(["Ostra"]);
            p
        };
        let figure = denial(0, "Ostra disputes this figure from the Kessel dam.");
        let again = denial(1, "Ostra disputed the figures from the Kessel dam.");
        let act = denial(2, "Ostra denies it struck the Kessel dam.");
        let vocab = vocabulary(&[&figure, &again, &act]);
        let e = compare(&figure, &act, &vocab);
        assert_eq!(e.score, 0.0, "{e:?}");
        assert!(e.conflicts.iter().any(|c| c.contains("figure")), "{e:?}");
        let e = compare(&figure, &again, &vocab);
        assert!(e.score > 0.0 && e.conflicts.is_empty(), "{e:?}");
    }

    #[test]
    fn a_range_is_one_count_not_either_of_its_ends() {
        use crate::domain::{Figure, Qualifier};
        let toll = |article, quote: &str, values: &[(f64, &str)]| {
            let mut p = prop(article, ClaimKind::Casualty, quote, "");
            p.count = Some("killed".to_owned());
            p.figures = values
                .iter()
                .map(|&(value, text)| Figure {
                    value,
                    qualifier: Qualifier::Exact,
                    category: "killed".to_owned(),
                    text: text.to_owned(),
                })
                .collect();
            p
        };
        let range = toll(
            0,
            "Between 200 and 300 people were killed",
            &[
                (200.0, "Between 200 and 300"),
                (300.0, "Between 200 and 300"),
            ],
        );
        let same = toll(
            1,
            "Some 200 to 300 people died",
            &[(200.0, "200 to 300"), (300.0, "200 to 300")],
        );
        let other_range = toll(
            2,
            "An estimate puts the dead at 100 to 300",
            &[(100.0, "100 to 300"), (300.0, "100 to 300")],
        );
        let one_end = toll(3, "At least 200 people were killed", &[(200.0, "200")]);
        let with_a_sub_count = toll(
            4,
            "200 people were killed, 30 of them children",
            &[(200.0, "200"), (30.0, "30 of them")],
        );
        let vocab = vocabulary(&[&range, &same, &other_range, &one_end, &with_a_sub_count]);
        let e = compare(&range, &same, &vocab);
        assert!(e.score >= 0.8 && e.figures == ["killed 200–300"], "{e:?}");
        for other in [&other_range, &one_end] {
            let e = compare(&range, other, &vocab);
            assert_eq!(e.score, 0.0, "{e:?}");
            assert!(!e.conflicts.is_empty());
        }
        // A count read with a sub-count still meets the count alone, less surely.
        let e = compare(&one_end, &with_a_sub_count, &vocab);
        assert!(e.score > 0.45 && e.score < 0.8, "{e:?}");
    }
}
