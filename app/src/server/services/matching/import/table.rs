//! CSV with ClaimReview-named columns, as the ClaimsKG extractor writes them
//! (`claimReview_url`, `claimReview_claimReviewed`, `claimReview_datePublished`,
//! `claimReview_author_name`, `rating_alternateName`, `rating_ratingValue`, ...).

use super::{Format, Parsed, ReviewRecord, Skipped, finish, text};

/// The columns read, by name (a missing column reads as empty).
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        let i = self
            .names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))?;
        row.get(i)
    }
}

/// Reads the rows.
///
/// # Errors
/// When the header has no review-URL column (so this is no ClaimReview CSV).
pub(super) fn parse(s: &str) -> Result<Parsed, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(s.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| format!("the CSV header does not read: {e}"))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let cols = Columns { names };
    let url_col = ["claimReview_url", "url"]
        .into_iter()
        .find(|c| cols.names.iter().any(|n| n.eq_ignore_ascii_case(c)))
        .ok_or("the file is neither JSON, HTML nor a CSV with a claimReview_url column")?;
    let mut out = Parsed {
        format: Format::Csv,
        records: Vec::new(),
        skipped: Vec::new(),
    };
    for (i, row) in reader.records().enumerate() {
        // Row numbers as a spreadsheet shows them: the header is row 1.
        let at = format!("row {}", i + 2);
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                out.skipped.push(Skipped {
                    at,
                    reason: format!("the row does not read: {e}"),
                });
                continue;
            }
        };
        let get = |name: &str| text(cols.get(&row, name));
        let num = |name: &str| get(name).and_then(|v| v.parse::<f64>().ok());
        let record = ReviewRecord {
            url: get(url_col).unwrap_or_default(),
            claim_reviewed: get("claimReview_claimReviewed").unwrap_or_default(),
            title: get("extra_title").or_else(|| get("claimReview_name")),
            description: get("claimReview_description"),
            claimant: get("creativeWork_author_name"),
            claim_date: get("creativeWork_datePublished"),
            date_published: get("claimReview_datePublished"),
            publisher_name: get("claimReview_author_name"),
            publisher_site: get("claimReview_author_url"),
            textual_rating: get("rating_alternateName"),
            rating_value: num("rating_ratingValue"),
            best_rating: num("rating_bestRating"),
            worst_rating: num("rating_worstRating"),
            language: get("claimReview_inLanguage"),
        };
        match finish(record) {
            Ok(r) => out.records.push(r),
            Err(reason) => out.skipped.push(Skipped { at, reason }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_bytes;
    use super::*;

    #[test]
    fn claimskg_columns_are_read_by_name() {
        let csv = "\u{feff},rating_ratingValue,rating_worstRating,rating_bestRating,rating_alternateName,creativeWork_author_name,claimReview_author_name,claimReview_url,claimReview_claimReviewed,claimReview_datePublished,extra_title\n\
            0,1,1,5,False,A Senator,Checker,https://check.example/a,\"Taxes, they said, doubled\",2020-03-01,Did taxes double?\n\
            1,,,,,,Checker,,No address,2020-03-02,\n";
        let Ok(p) = parse_bytes(csv.as_bytes()) else {
            panic!("parse")
        };
        assert_eq!(p.format, Format::Csv);
        assert_eq!(p.records.len(), 1);
        let r = &p.records[0];
        assert_eq!(r.claim_reviewed, "Taxes, they said, doubled");
        assert_eq!(r.claimant.as_deref(), Some("A Senator"));
        assert_eq!(r.title.as_deref(), Some("Did taxes double?"));
        assert_eq!(r.rating_value, Some(1.0));
        assert_eq!(p.skipped[0].at, "row 3");
        assert!(parse_bytes(b"a,b\n1,2\n").is_err());
    }
}
