//! A claim's figures as the correction form edits them: a row per figure with its number, its
//! qualifier and what is counted. Pure: read and checked here, stored by the curation service.

use serde::{Deserialize, Serialize};

use super::{Figure, Qualifier};

/// One row of the figures form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FigureRow {
    pub value: String,
    /// A qualifier's stable name (`at_least`); empty means exact.
    pub qualifier: String,
    pub category: String,
}

impl FigureRow {
    /// The row a figure fills in.
    pub fn of(f: &Figure) -> Self {
        let value = if f.value.fract() == 0.0 && f.value.abs() < 1e15 {
            format!("{}", f.value as i64)
        } else {
            format!("{}", f.value)
        };
        FigureRow {
            value,
            qualifier: f.qualifier.as_str().to_owned(),
            category: f.category.clone(),
        }
    }

    fn is_blank(&self) -> bool {
        self.value.trim().is_empty() && self.category.trim().is_empty()
    }
}

/// What reviewers count most often, offered as they type (any other word is allowed).
pub const KNOWN_CATEGORIES: [&str; 10] = [
    "killed",
    "injured",
    "missing",
    "arrested",
    "displaced",
    "evacuated",
    "perpetrators",
    "suspects",
    "hospitalised",
    "people",
];

/// The figures the rows describe. Blank rows are left out (clearing a row removes its figure);
/// the first row in error is named, 1-based, with what to write instead.
///
/// # Errors
/// A message for the first row that is not a figure.
pub fn figures_from_rows(rows: &[FigureRow]) -> Result<Vec<Figure>, String> {
    let mut out = Vec::new();
    for (n, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let n = n + 1;
        let raw = row.value.trim();
        let parsed: Option<f64> = raw
            .replace([',', ' ', '\u{a0}'], "")
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite());
        let value = match parsed {
            Some(v) if v >= 0.0 => v,
            Some(_) => {
                return Err(format!(
                    "Figure {n}: '{raw}' is below zero; a count is zero or more"
                ));
            }
            None if raw.is_empty() => {
                return Err(format!(
                    "Figure {n}: give the number, or clear the row to remove it"
                ));
            }
            None => {
                return Err(format!(
                    "Figure {n}: '{raw}' is not a number (write it in digits, e.g. 137)"
                ));
            }
        };
        let qualifier = match row.qualifier.trim() {
            "" => Qualifier::Exact,
            q => Qualifier::ALL
                .iter()
                .copied()
                .find(|x| x.as_str() == q)
                .ok_or_else(|| format!("Figure {n}: choose how the number counts from the list"))?,
        };
        let category = row
            .category
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if category.is_empty() {
            return Err(format!(
                "Figure {n}: say what is counted, e.g. killed or injured"
            ));
        }
        if category.chars().count() > 60 {
            return Err(format!(
                "Figure {n}: what is counted is at most 60 characters"
            ));
        }
        let shown = FigureRow::of(&Figure {
            value,
            qualifier,
            category: String::new(),
            text: String::new(),
        })
        .value;
        let text = match qualifier {
            Qualifier::Exact => format!("{shown} {category}"),
            q => format!("{} {shown} {category}", q.label()),
        };
        out.push(Figure {
            value,
            qualifier,
            category,
            text,
        });
    }
    if out.len() > 50 {
        return Err("A claim has at most 50 figures".to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: &str, q: &str, c: &str) -> FigureRow {
        FigureRow {
            value: v.into(),
            qualifier: q.into(),
            category: c.into(),
        }
    }

    #[test]
    fn rows_become_figures_and_blank_rows_are_removed() {
        let f = figures_from_rows(&[
            row("1,137", "at_least", " killed "),
            row("", "", ""),
            row("90", "", "injured"),
        ])
        .expect("figures");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value, 1137.0);
        assert_eq!(f[0].qualifier, Qualifier::AtLeast);
        assert_eq!(f[0].category, "killed");
        assert_eq!(f[0].text, "at least 1137 killed");
        assert_eq!(f[1].qualifier, Qualifier::Exact);
        assert_eq!(FigureRow::of(&f[1]), row("90", "exact", "injured"));
    }

    #[test]
    fn each_mistake_names_its_row_and_the_fix() {
        let err = |rows: &[FigureRow]| figures_from_rows(rows).expect_err("refused");
        assert!(err(&[row("lots", "", "killed")]).contains("Figure 1: 'lots' is not a number"));
        assert!(err(&[row("-5", "", "killed")]).contains("Figure 1: '-5' is below zero"));
        assert!(err(&[row("5", "", "x"), row("5", "roughly", "killed")]).starts_with("Figure 2"));
        assert!(err(&[row("5", "exact", "")]).contains("what is counted"));
        assert!(err(&[row("", "", "killed")]).contains("give the number"));
        assert!(err(&[row("-3", "", "killed")]).contains("below zero"));
    }
}
