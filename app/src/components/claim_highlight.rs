//! The article text with each claim marked in its kind's colour. Each mark links to the claim's
//! card, so it opens the claim with or without JavaScript.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::{ClaimKind, ClaimView};

/// A run of the body: plain text, or the text of one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub text: String,
    pub claim: Option<(Uuid, ClaimKind)>,
}

/// The body split into paragraphs (at blank lines) and each paragraph into segments. Spans are
/// code points; claims that overlap an earlier one or fall outside the body are left unmarked.
pub fn segments(body: &str, claims: &[ClaimView]) -> Vec<Vec<Segment>> {
    let chars: Vec<char> = body.chars().collect();
    let mut sorted: Vec<&ClaimView> = claims.iter().collect();
    // Where claims overlap, one mark stands for them: the same one every time (live claims
    // before dismissed ones, then by id), whatever order the database returned them in.
    sorted.sort_by_key(|c| {
        (
            c.span.start,
            c.span.end,
            c.status == crate::domain::ReviewStatus::Dismissed,
            c.id,
        )
    });
    // Marks per code point range, non-overlapping.
    let mut marks: Vec<(usize, usize, Uuid, ClaimKind)> = Vec::new();
    for c in sorted {
        let ok = c.span.start < c.span.end
            && c.span.end <= chars.len()
            && marks.last().is_none_or(|m| m.1 <= c.span.start);
        if ok {
            marks.push((c.span.start, c.span.end, c.id, c.kind));
        }
    }
    let mut paragraphs = Vec::new();
    let mut current: Vec<Segment> = Vec::new();
    let mut text = String::new();
    let mut mark_idx = 0;
    let mut i = 0;
    let flush = |text: &mut String, current: &mut Vec<Segment>, claim| {
        if !text.is_empty() {
            current.push(Segment {
                text: std::mem::take(text),
                claim,
            });
        }
    };
    while i < chars.len() {
        if let Some(&(s, e, id, kind)) = marks.get(mark_idx)
            && s == i
        {
            flush(&mut text, &mut current, None);
            let t: String = chars[s..e].iter().collect();
            // A claim never spans a paragraph break in practice; if it does, it stays in the first.
            current.push(Segment {
                text: t,
                claim: Some((id, kind)),
            });
            mark_idx += 1;
            i = e;
            continue;
        }
        if chars[i] == '\n' && chars.get(i + 1) == Some(&'\n') {
            flush(&mut text, &mut current, None);
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            while i < chars.len() && chars[i] == '\n' {
                i += 1;
            }
            continue;
        }
        text.push(chars[i]);
        i += 1;
    }
    flush(&mut text, &mut current, None);
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Where a claim's mark leads: its card on this page, or, when the list beside the text shows
/// only another kind (`shown`), its card on the page listing every kind.
pub fn mark_href(id: Uuid, kind: ClaimKind, shown: Option<ClaimKind>) -> String {
    if shown.is_none_or(|k| k == kind) {
        format!("#claim-{id}")
    } else {
        format!("?#claim-{id}")
    }
}

/// The marked text; `shown` is the one kind the list beside it shows, if it is filtered.
#[component]
pub fn ClaimHighlight(
    body: String,
    claims: Vec<ClaimView>,
    shown: Option<ClaimKind>,
) -> impl IntoView {
    let paragraphs = segments(&body, &claims);
    // Dismissed claims stay findable in the text, but do not read as live ones.
    let dismissed: std::collections::HashSet<uuid::Uuid> = claims
        .iter()
        .filter(|c| c.status == crate::domain::ReviewStatus::Dismissed)
        .map(|c| c.id)
        .collect();
    view! {
        <div class="article-body">
            {paragraphs
                .into_iter()
                .map(|segs| {
                    view! {
                        <p>
                            {segs
                                .into_iter()
                                .map(|s| match s.claim {
                                    Some((id, kind)) => view! {
                                        <a
                                            class=if dismissed.contains(&id) {
                                                format!("claim-mark dismissed kind-{}", kind.as_str())
                                            } else {
                                                format!("claim-mark kind-{}", kind.as_str())
                                            }
                                            href=mark_href(id, kind, shown)
                                            title=if dismissed.contains(&id) { format!("{} (dismissed)", kind.label()) } else { kind.label().to_owned() }
                                            data-kind=kind.label()
                                        >
                                            {s.text}
                                        </a>
                                    }
                                    .into_any(),
                                    None => s.text.into_any(),
                                })
                                .collect_view()}
                        </p>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ReviewStatus, Span};

    fn claim(start: usize, end: usize) -> ClaimView {
        ClaimView {
            id: Uuid::nil(),
            article_id: Uuid::nil(),
            kind: ClaimKind::Event,
            quote: String::new(),
            span: Span { start, end },
            prefix: String::new(),
            suffix: String::new(),
            figures: vec![],
            claimant: None,
            target: None,
            hedged: false,
            checkworthiness: 0.5,
            status: ReviewStatus::New,
            assignee_id: None,
            version: 1,
        }
    }

    #[test]
    fn marks_claims_by_code_point_within_paragraphs() {
        let body = "Título\n\nÀ b c. D e f.";
        let paras = segments(body, &[claim(8, 14)]);
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0][0].text, "Título");
        assert_eq!(paras[1][0].text, "À b c.");
        assert!(paras[1][0].claim.is_some());
        assert_eq!(paras[1][1].text, " D e f.");
    }

    #[test]
    fn overlapping_and_out_of_range_claims_are_not_marked() {
        let body = "abcdef";
        let paras = segments(body, &[claim(0, 4), claim(2, 5), claim(4, 99)]);
        let marked: Vec<_> = paras[0].iter().filter(|s| s.claim.is_some()).collect();
        assert_eq!(marked.len(), 1);
    }

    #[test]
    fn a_mark_leads_to_the_full_list_when_the_list_shows_another_kind() {
        let id = Uuid::nil();
        let anchor = format!("#claim-{id}");
        assert_eq!(mark_href(id, ClaimKind::Casualty, None), anchor);
        assert_eq!(
            mark_href(id, ClaimKind::Casualty, Some(ClaimKind::Casualty)),
            anchor
        );
        assert_eq!(
            mark_href(id, ClaimKind::Casualty, Some(ClaimKind::Denial)),
            format!("?{anchor}")
        );
    }
}
