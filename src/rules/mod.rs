//! Rules: data files saying which predicates admit one value and how values
//! compare; the comparators that apply them live in `check`.

pub mod check;
pub mod examples;
pub mod load;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How the values of one (entity, predicate) group are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparator {
    /// One value allowed: different value keys conflict.
    Functional,
    /// Numbers with their hedges are intervals: intervals that do not overlap conflict.
    Numeric,
    /// Places: values agree when equal or when one names a place the other's
    /// sentence puts it in ("Siesta Key, … in Sarasota County" and "near Sarasota").
    Place,
    /// Amounts of money: compared as numbers within one currency; an amount
    /// written with its conversion ("$45m (€41m)") is compared in both. Amounts in
    /// currencies no other claim uses are not compared (no exchange rates).
    Amount,
    /// Titles: two titles of one office kind (same last word) conflict unless one's
    /// words contain the other's ("Interior Secretary" ⊂ "Interior and Local
    /// Government Secretary"); titles of different kinds never conflict.
    Office,
    /// Days: claims that fix a day (a date, or a weekday counted from the
    /// source's date) compare as intervals of days; otherwise weekdays compare
    /// by name, a day given in a named time zone agreeing with its neighbours.
    Day,
}

/// Which claims are compared with each other, by the period they are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodScope {
    /// Only claims about the same period; claims with no stated period form their own.
    #[default]
    Same,
    /// Claims with no stated period join the one stated period when there is one.
    Compatible,
    /// Periods are not considered.
    Ignore,
}

/// Which sources' claims a rule compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Claims of one story only: an event, a count, a figure, a head of
    /// government of the story's time belong to their story.
    #[default]
    Story,
    /// Also claims about one person in other stories, when the person's
    /// identity is corroborated there (same full name, or a shared office,
    /// party or organisation): facts that do not change between stories.
    Person,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub predicates: Vec<String>,
    pub compare: Comparator,
    pub severity: Severity,
    /// Template: `{entity}` and `{values}` are filled in.
    pub message: String,
    pub explanation: String,
    pub period: PeriodScope,
    /// Leave out claims about a past holder ("former President X").
    pub skip_former: bool,
    /// Severity when the claims' period is not pinned to a date ("this year" in an
    /// undated source): time-dependent values then deserve less certainty.
    pub undated_severity: Option<Severity>,
    /// Compare only claims credited to the same party ("police said 12" and
    /// "organisers said 30" report two parties' figures, not a contradiction).
    pub by_attribution: bool,
    /// Leave an entity alone when one source states two different values for
    /// it: that source shows there are two (two flights, two votes), and the
    /// claims cannot say which is which.
    pub one_value_per_source: bool,
    /// Report only values that are one another with characters swapped ("127"
    /// and "172"): for identifiers, where unrelated values are other things.
    pub transposed_only: bool,
    /// A tally a developing story updates (a death toll, arrests): figures
    /// that change in step with their sources' dates are reported as a note
    /// that the figure was updated, not as a contradiction.
    pub updates: bool,
    /// Compare claims of one source too: for claims that state a text against
    /// the calendar (a weekday beside its date), where one source can
    /// contradict itself.
    pub within_source: bool,
    /// Whether claims are also compared across stories.
    pub scope: Scope,
    /// Where the rule came from (file path or `<built-in>/name.toml`).
    pub origin: String,
    /// The claims the rule file reads itself (`[[extract]]` blocks).
    #[serde(skip)]
    pub extract: Vec<crate::extract::declared::Extraction>,
    /// The rule file's word sets, by name (`[sets]`), for its patterns' `@name`.
    #[serde(skip)]
    pub sets: std::collections::BTreeMap<String, Vec<String>>,
    /// Texts that must and must not make the rule report (`[[examples]]`).
    #[serde(skip)]
    pub examples: Vec<Example>,
}

/// Sources, each a text, that must (`flags`) or must not (`passes`) make a rule
/// report; `cargo test` and `crosscheck rules --test` run them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default)]
    pub flags: Vec<String>,
    #[serde(default)]
    pub passes: Vec<String>,
}
