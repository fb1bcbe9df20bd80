//! The claim: one subject–predicate–object triple read from one place in one source.

use crate::span::Span;
use serde::Serialize;

/// The strings a claim holds: mostly short (a surname, a key, a figure), so they
/// are stored inline up to 24 bytes instead of each taking a heap allocation.
pub type Text = compact_str::CompactString;

/// What a claim is about. Extractors fill `text` and `kind`; the normaliser fills
/// `key` (identical for every mention of one real entity) and `label`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    /// The mention as written ("Mr. Witkoff", "the Biden administration").
    pub text: Text,
    pub kind: SubjectKind,
    pub key: Text,
    pub label: Text,
}

impl Subject {
    /// A person as a source names them (by surname); normalisation keys them.
    pub fn person(surname: &str) -> Self {
        Subject {
            text: surname.into(),
            kind: SubjectKind::Person,
            key: Text::default(),
            label: Text::default(),
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectKind {
    /// A person, keyed by surname.
    Person,
    /// A country's government ("the White House", "Washington", "the Kremlin").
    Government,
    /// A series of events between parties (meetings, rounds, visits, exchanges).
    Series,
    /// A thing counted or measured ("children deported", "death toll").
    Measure,
    /// A single event (a launch, a hearing, a landfall).
    Event,
    /// A quotation, keyed by its normalised words.
    Quotation,
    /// Anything else a rule file's pattern names ("Flight 7310", "the merger").
    Thing,
}

/// A value as stated, with the canonical form rules compare.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// Canonical display form ("Steven", "6", "Biden").
    pub canonical: Text,
    /// Comparison key: equal keys are the same value (nickname and transliteration
    /// variants share one key).
    pub key: Text,
    /// For numbers: the interval the stated value (with its hedge) allows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// For places: keys of the other places named beside it ("Siesta Key, a barrier
    /// island in Sarasota County"), any of which another source may use instead.
    #[serde(skip_serializing_if = "<[Text]>::is_empty")]
    pub aliases: Box<[Text]>,
}

impl Value {
    pub fn text(canonical: impl Into<Text>, key: impl Into<Text>) -> Self {
        Value {
            canonical: canonical.into(),
            key: key.into(),
            interval: None,
            aliases: Box::default(),
        }
    }

    pub fn number(canonical: impl Into<Text>, interval: Interval) -> Self {
        let canonical = canonical.into();
        Value {
            key: canonical.clone(),
            canonical,
            interval: Some(interval),
            aliases: Box::default(),
        }
    }
}

/// A closed interval of numbers; `hi` may be infinite ("at least 10").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lo: f64,
    #[serde(serialize_with = "serialize_bound")]
    pub hi: f64,
}

fn serialize_bound<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() {
        s.serialize_f64(*value)
    } else {
        s.serialize_none()
    }
}

impl Interval {
    pub fn exact(v: f64) -> Self {
        Interval { lo: v, hi: v }
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

/// Circumstances of a claim that decide what it may be compared with.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Qualifiers {
    /// "nearly", "over", "about", "at least", … as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge: Option<&'static str>,
    /// The period the claim is about, normalised ("this-year", "2023", "tuesday").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<Text>,
    /// Who the claim is credited to ("police", "Ukraine", "the Kremlin").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Text>,
    /// "former President X", "ex-envoy": true of the past, not now.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// "his wife, Xxx Yyy", "whose father Xxx": a relative of a person of the
    /// same surname, so the surname is shared by several people.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
    /// A name with too little evidence in its own source: one only when another
    /// source of the story names a person of that surname (see normalize).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub candidate: bool,
    /// Where a quotation's speaker is named: the name credited, or for "she"
    /// or "the spokesman" the name they stand for. Evidence beside the value,
    /// never compared; it lives in this box rather than on the claim because
    /// only quotations have one, so other claims pay nothing for it. Reports
    /// show it as the location's `speaker`, not as a qualifier.
    #[serde(skip)]
    pub speaker: Option<Span>,
    /// What a first name's person is said to lead in the sentence naming
    /// them ("lead survey", "co lead survey"; see `extract::lead`): read by
    /// normalize to tie one person across sources where a family shares the
    /// surname, then cleared, so reports and shards never hold it.
    #[serde(skip)]
    pub role: Option<Text>,
}

impl Qualifiers {
    /// No qualifier at all: what most claims have.
    pub const NONE: Qualifiers = Qualifiers {
        hedge: None,
        time: None,
        attribution: None,
        former: false,
        relative: false,
        candidate: false,
        speaker: None,
        role: None,
    };
}

/// A claim's qualifiers, boxed and only when there are any: most claims have none,
/// so a claim holds 8 bytes here instead of a whole [`Qualifiers`]. Reads see
/// [`Qualifiers::NONE`] when there are none; it compares and serialises as the
/// qualifiers it holds.
#[derive(Debug, Clone, Default)]
pub struct QualifierBox(Option<Box<Qualifiers>>);

impl QualifierBox {
    /// The qualifiers to change, if the claim has any.
    pub fn get_mut(&mut self) -> Option<&mut Qualifiers> {
        self.0.as_deref_mut()
    }

    /// The qualifiers to change, made empty first if the claim has none.
    pub fn make_mut(&mut self) -> &mut Qualifiers {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<Qualifiers> for QualifierBox {
    fn from(qualifiers: Qualifiers) -> Self {
        if qualifiers == Qualifiers::NONE {
            QualifierBox(None)
        } else {
            QualifierBox(Some(Box::new(qualifiers)))
        }
    }
}

impl std::ops::Deref for QualifierBox {
    type Target = Qualifiers;

    fn deref(&self) -> &Qualifiers {
        self.0.as_deref().unwrap_or(&Qualifiers::NONE)
    }
}

impl PartialEq for QualifierBox {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Serialize for QualifierBox {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Index of the source in the run's source list.
    pub source: usize,
    pub subject: Subject,
    pub predicate: &'static str,
    pub value: Value,
    /// Where the value is stated (the words a reader would underline).
    pub span: Span,
    /// The sentence that states it.
    pub sentence: Span,
    pub qualifiers: QualifierBox,
}

/// The period an undated source's time-dependent claim is about ("the 32-year-old"
/// in an article without a date): compared with other undated claims only.
pub const UNDATED: &str = "undated";

/// The period of a claim made in a sentence about the story's event, in a
/// dated source: the event's time, not the source's (a piece published a year
/// later looks back). The comparator reads it as the earliest year the other
/// claims of its group are about.
pub const EVENT_PERIOD: &str = "event";

/// Whether a period is only known relative to an unknown publication date.
pub fn is_relative_period(period: &str) -> bool {
    period == UNDATED
        || period.starts_with("this-")
        || period.starts_with("last-")
        || period.starts_with("next-")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large run holds every claim at once (1M claims on a 100 MB corpus), so a
    /// claim's size is peak memory. Spans are `u32` offsets (8 bytes, not 16): a
    /// claim went from 232 to 216 bytes on 64-bit targets. Growing it should be a
    /// decision, not an accident.
    #[test]
    fn a_claim_stays_small() {
        assert_eq!(std::mem::size_of::<Span>(), 8);
        let size = std::mem::size_of::<Claim>();
        assert!(size <= 216, "a Claim is {size} bytes");
    }
}
