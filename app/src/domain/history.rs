//! The audit trail's actions as a reader of a claim's history reads them: a sentence for each
//! action code ("verdict.approve" → "approved the verdict"), and which recorded fields are the
//! machinery's (ids, hashes, spans) rather than the reader's.

/// What an action did, as the end of a sentence whose subject is the person ("Rita Reviewer
/// added a source"). Unknown codes read as their words.
pub fn action_sentence(action: &str) -> String {
    let s = match action {
        "article.ingest" => "added the article",
        "article.reextract" => "extracted the article's claims again",
        "article.delete" => "deleted the article",
        "article.update" => "corrected the article's details",
        "claim.add" => "added the claim by hand",
        "claim.assign" => "changed who reviews the claim",
        "claim.update" => "corrected the claim",
        "claim.dismiss" => "dismissed the claim",
        "claim.restore" => "restored the claim",
        "claim.figures" | "claim.set_figures" => "corrected the claim's figures",
        "claim.split" => "split the claim in two",
        "claim.merge" => "merged the claim with the next one",
        "claim.prior_fact_check.confirm" => "confirmed a prior fact-check as the same claim",
        "claim.prior_fact_check.dismiss" => "dismissed a prior fact-check as a different claim",
        "comment.add" => "commented",
        "source.add" => "added a source",
        "source.update" => "changed a source",
        "source.archive" => "archived a copy of a source",
        "source.remove" => "removed a source",
        "verdict.propose" => "proposed a verdict",
        "verdict.approve" => "approved the verdict",
        "verdict.reject" => "rejected the proposed verdict",
        "verdict.retract" => "retracted the fact-check",
        "provenance.assign" => "filed the article in a story",
        "provenance.link" => "decided a link between claims",
        "provenance.relation" => "set how two claims relate",
        "provenance.rank" => "ranked a figure",
        "provenance.move" => "moved articles between stories",
        "provenance.merge" => "merged stories",
        "provenance.rename" => "renamed a story",
        other => return other.replace(['.', '_'], " "),
    };
    s.to_owned()
}

/// Whether a recorded field is machinery a reader of the history does not need: ids, hashes,
/// offsets and versions (the audit trail keeps them all).
pub fn is_internal_field(key: &str, value: &str) -> bool {
    let key_internal = matches!(
        key,
        "version" | "span" | "span_start" | "span_end" | "prefix" | "suffix" | "revision"
    ) || key.ends_with("_id")
        || key.ends_with("sha256")
        || key == "id"
        || key == "hash";
    let looks_like_id = uuid::Uuid::parse_str(value).is_ok()
        || (value.len() >= 32 && value.chars().all(|c| c.is_ascii_hexdigit()));
    key_internal || looks_like_id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_as_sentences() {
        assert_eq!(action_sentence("verdict.approve"), "approved the verdict");
        assert_eq!(action_sentence("source.add"), "added a source");
        assert_eq!(action_sentence("something.new_here"), "something new here");
    }

    #[test]
    fn ids_hashes_and_offsets_are_machinery() {
        assert!(is_internal_field("span", "[798,893]"));
        assert!(is_internal_field(
            "claim",
            "0192a4b6-1111-7000-8000-000000000000"
        ));
        assert!(is_internal_field("archived_sha256", "ab"));
        assert!(is_internal_field("copy", &"a".repeat(64)));
        assert!(!is_internal_field("rating", "mostly_false"));
        assert!(!is_internal_field("reason", "not check-worthy"));
    }
}
