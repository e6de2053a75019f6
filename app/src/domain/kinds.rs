//! The fixed vocabularies of Claimtrail (claim kinds, figure qualifiers, review states, ratings, roles),
//! each with its stable wire name. The rules over them are in `review` and `addresses`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declares a closed vocabulary whose wire name is the snake_case string stored in the database.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in the database, the JSON API and CSS classes.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The name a reader sees.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    other => Err(UnknownValue { vocabulary: stringify!($name), value: other.to_owned() }),
                }
            }
        }
    };
}

/// A string that names no value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {vocabulary}")]
pub struct UnknownValue {
    pub vocabulary: &'static str,
    pub value: String,
}

vocabulary! {
    /// What sort of assertion a claim is.
    ClaimKind {
        Casualty => "casualty", "Casualty figure";
        Attribution => "attribution", "Attribution";
        Denial => "denial", "Denial";
        Arrest => "arrest", "Arrest";
        Warning => "warning", "Warning";
        Event => "event", "Event";
        Statement => "statement", "Statement";
    }
}

vocabulary! {
    /// How a figure relates to its number ("at least 137" is `AtLeast`).
    Qualifier {
        Exact => "exact", "exactly";
        AtLeast => "at_least", "at least";
        AtMost => "at_most", "at most";
        About => "about", "about";
        MoreThan => "more_than", "more than";
        FewerThan => "fewer_than", "fewer than";
    }
}

vocabulary! {
    /// Where a claim stands in review.
    ReviewStatus {
        New => "new", "New";
        InReview => "in_review", "In review";
        VerdictProposed => "verdict_proposed", "Verdict proposed";
        Published => "published", "Published";
        Retracted => "retracted", "Retracted";
        Dismissed => "dismissed", "Dismissed";
    }
}

vocabulary! {
    /// Where a verdict stands: proposed by a reviewer, then decided by an editor.
    VerdictState {
        Proposed => "proposed", "Awaiting approval";
        Approved => "approved", "Approved";
        Rejected => "rejected", "Rejected";
        Superseded => "superseded", "Superseded";
        Retracted => "retracted", "Retracted";
    }
}

vocabulary! {
    /// The verdict scale, worst to best is not its order: see `rating_value`.
    Rating {
        True => "true", "True";
        MostlyTrue => "mostly_true", "Mostly true";
        Mixed => "mixed", "Mixed";
        MostlyFalse => "mostly_false", "Mostly false";
        False => "false", "False";
        Misleading => "misleading", "Misleading";
        Unproven => "unproven", "Unproven";
    }
}

vocabulary! {
    /// How a source bears on a claim.
    Stance {
        Supports => "supports", "Supports";
        Refutes => "refutes", "Refutes";
        Context => "context", "Context";
    }
}

vocabulary! {
    /// What sort of evidence a source is.
    SourceKind {
        Primary => "primary", "Primary";
        Official => "official", "Official";
        News => "news", "News";
        Expert => "expert", "Expert";
        Other => "other", "Other";
    }
}

vocabulary! {
    /// What an account may do. Each role includes everything of the ones before it.
    Role {
        Reviewer => "reviewer", "Reviewer";
        Editor => "editor", "Editor";
        Admin => "admin", "Admin";
    }
}

vocabulary! {
    /// What kind of party an actor is.
    ActorKind {
        Person => "person", "Person";
        Organisation => "organisation", "Organisation";
        Government => "government", "Government";
        Group => "group", "Group";
    }
}

impl Rating {
    /// The ClaimReview `ratingValue` on a 1 (worst) to 5 (best) scale; `Unproven` has none and uses 0
    /// only as a sentinel that the JSON-LD writer omits.
    pub fn rating_value(self) -> i32 {
        match self {
            Rating::True => 5,
            Rating::MostlyTrue => 4,
            Rating::Mixed | Rating::Misleading => 3,
            Rating::MostlyFalse => 2,
            Rating::False => 1,
            Rating::Unproven => 0,
        }
    }
}

impl Role {
    /// Whether this role includes everything `needed` may do.
    pub fn includes(self, needed: Role) -> bool {
        self >= needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_for_every_vocabulary() {
        for k in ClaimKind::ALL {
            assert_eq!(k.as_str().parse::<ClaimKind>(), Ok(*k));
        }
        for r in Rating::ALL {
            assert_eq!(r.as_str().parse::<Rating>(), Ok(*r));
        }
        assert_eq!(
            serde_json::to_string(&Qualifier::AtLeast).ok().as_deref(),
            Some("\"at_least\"")
        );
        assert!("bogus".parse::<Role>().is_err());
    }

    #[test]
    fn roles_nest() {
        assert!(Role::Admin.includes(Role::Editor));
        assert!(Role::Editor.includes(Role::Reviewer));
        assert!(!Role::Reviewer.includes(Role::Editor));
    }
}
