//! The sources of a run, as the pipeline and the reports read them.
//!
//! A run that keeps its texts holds every [`Source`]. A run that reads texts
//! again story by story lets the texts go, but a record of each source (its
//! path, hash, date, story and record id) would still grow with the input:
//! about 500 bytes a source once its strings, the stories' lists and the
//! allocator's share are counted. So such a run writes each record out as
//! the input is listed (through [`Spool`]) and keeps in memory only where it
//! starts and its story's number; a story's records are read back when the
//! story is checked, and the report's list of sources reads them back in
//! order. As elsewhere, a temporary file that cannot be made or written keeps
//! the records in memory; one that cannot be read back fails the run or the
//! report rather than show a source wrong.

use crate::calendar::DateWarning;
use crate::ingest::Source;
use crate::spool::Spool;
use std::borrow::Cow;
use std::sync::Arc;

/// Every source of a run, in the run's order (the index a claim names).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Every source, when they are not written out.
    held: Vec<Source>,
    /// The sources' records, one entry a source, when they are written out.
    spool: Option<Arc<Spool>>,
    stories: StoryIndex,
    /// Bytes of all the sources' texts as read.
    bytes: usize,
    /// Each source's stated dates that were not taken, with the name the
    /// source is shown by: a record written out does not keep them.
    date_warnings: Vec<(String, DateWarning)>,
}

impl From<Vec<Source>> for Sources {
    fn from(held: Vec<Source>) -> Self {
        let mut sources = Sources::default();
        for source in held {
            sources.push(source);
        }
        sources
    }
}

impl Sources {
    /// Sources whose records are written out as they are added (their texts
    /// are not kept: add them without).
    pub fn written_out() -> Self {
        Sources {
            spool: Some(Arc::default()),
            ..Sources::default()
        }
    }

    /// Adds `source` as the next one.
    pub fn push(&mut self, source: Source) {
        self.stories.add(&source.story, source.date.as_deref());
        self.bytes += source.bytes();
        if !source.date_warnings.is_empty() {
            let shown = source.shown().into_owned();
            for warning in &source.date_warnings {
                self.date_warnings.push((shown.clone(), warning.clone()));
            }
        }
        match &self.spool {
            Some(spool) => spool.push_with(|out| source.encode_record(out)),
            None => self.held.push(source),
        }
    }

    pub fn len(&self) -> usize {
        self.stories.of_source.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sources held in memory: every source (with their texts when the
    /// run kept them), or none when their records are written out. Only what
    /// reads texts (the HTML report, evaluation, claim shards) reads these;
    /// such runs keep their texts, so their sources are held.
    pub fn held(&self) -> &[Source] {
        &self.held
    }

    /// The sources held in memory (see [`Sources::held`]), to keep.
    pub fn into_held(self) -> Vec<Source> {
        self.held
    }

    /// Source `index`, read back when it was written out (without its text).
    /// `None` when there is none, or it cannot be read back (the first such
    /// failure is kept for [`Sources::failure`]).
    pub fn get(&self, index: usize) -> Option<Cow<'_, Source>> {
        match &self.spool {
            Some(spool) => {
                let story = self.stories.story(index)?;
                spool
                    .get_with(index, |r| Source::decode_record(r, story))
                    .map(Cow::Owned)
            }
            None => self.held.get(index).map(Cow::Borrowed),
        }
    }

    /// Source `index` as [`Sources::get`] gives it, or the error that stops
    /// a run which cannot read it back.
    pub fn fetch(&self, index: usize) -> Result<Cow<'_, Source>, crate::error::Error> {
        self.get(index).ok_or_else(|| {
            crate::error::Error::usage(
                self.failure()
                    .unwrap_or_else(|| format!("source {index} is not one of the run's sources")),
            )
        })
    }

    /// The sources in order, those written out read back a piece of the
    /// file at a time. One that cannot be read back is left out, and the
    /// failure kept for [`Sources::failure`].
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Source>> + '_ {
        let mut window = self.spool.as_deref().map(Spool::window);
        let written = if self.spool.is_some() { self.len() } else { 0 };
        (0..written)
            .filter_map(move |index| {
                let story = self.stories.story(index)?;
                let source = window
                    .as_mut()?
                    .get_with(index, |r| Source::decode_record(r, story))?;
                Some(Cow::Owned(source))
            })
            .chain(self.held.iter().map(Cow::Borrowed))
    }

    /// Reads every record written out back once: `Err` with why when one
    /// cannot be, so that no report is begun that would leave a source out.
    pub fn check(&self) -> Result<(), String> {
        if self.iter().count() < self.len() {
            return Err(self.failure().unwrap_or_else(|| {
                "a source could not be read back from the run's temporary file".to_string()
            }));
        }
        self.failure().map_or(Ok(()), Err)
    }

    /// Why a source could not be read back, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.spool.as_ref()?.failure()
    }

    /// Which story each source is in, and each story's earliest date.
    pub fn stories(&self) -> &StoryIndex {
        &self.stories
    }

    /// Bytes of all the sources' texts as read.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Stated dates that were not taken: the name the source is shown by
    /// and why, in source order.
    pub fn date_warnings(&self) -> &[(String, DateWarning)] {
        &self.date_warnings
    }
}

/// The story of each source, by number (each story's name kept once), and
/// the earliest date of each story's sources.
#[derive(Debug, Clone, Default)]
pub struct StoryIndex {
    /// Each source's story, an index into `names`.
    of_source: Vec<u32>,
    /// Each story's name, in the order first met.
    names: Vec<Arc<str>>,
    numbers: foldhash::HashMap<Arc<str>, u32>,
    /// The earliest date of each story's sources (`YYYY-MM-DD` compares as a date).
    earliest: Vec<Option<Box<str>>>,
}

impl StoryIndex {
    /// The index of `sources`.
    pub fn of(sources: &[Source]) -> Self {
        let mut index = StoryIndex::default();
        for source in sources {
            index.add(&source.story, source.date.as_deref());
        }
        index
    }

    /// Adds the next source, of story `story`, dated `date`.
    fn add(&mut self, story: &str, date: Option<&str>) {
        let number = match self.numbers.get(story) {
            Some(&number) => number,
            None => {
                // More stories than sources a run can hold never happens;
                // the last number then stands for the rest.
                let number = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                let name: Arc<str> = story.into();
                self.numbers.insert(name.clone(), number);
                self.names.push(name);
                self.earliest.push(None);
                number
            }
        };
        self.of_source.push(number);
        if let (Some(date), Some(earliest)) = (date, self.earliest.get_mut(number as usize)) {
            if earliest.as_deref().is_none_or(|e| date < e) {
                *earliest = Some(date.into());
            }
        }
    }

    /// The story of source `source`.
    pub fn story(&self, source: usize) -> Option<&str> {
        let number = *self.of_source.get(source)?;
        self.names.get(number as usize).map(|name| &**name)
    }

    /// The story of each source, in source order.
    pub fn stories(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.of_source.len()).filter_map(|source| self.story(source))
    }

    /// Distinct stories.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// For source `source`, undated itself (`own` is its own date), its
    /// story's date: the earliest date of the story's sources (None when none
    /// is dated, and for a dated source). Extraction reads it only to give a
    /// year to a month and day.
    pub fn story_date(&self, source: usize, own: Option<&str>) -> Option<&str> {
        if own.is_some() {
            return None;
        }
        let number = *self.of_source.get(source)?;
        self.earliest.get(number as usize)?.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: impl Into<String>) -> Source {
        Source::from_text(path, text.into())
    }

    #[test]
    fn an_undated_source_takes_the_earliest_date_of_its_story_only() {
        let sources = vec![
            source("a", "story: fair\ndate: 2027-03-16\n\nText."),
            source("b", "story: fair\n\nText."),
            source("c", "story: fair\ndate: 2027-03-15\n\nText."),
            source("d", "story: other\n\nText."),
        ];
        let index = StoryIndex::of(&sources);
        let dates: Vec<Option<&str>> = (sources.iter().enumerate())
            .map(|(i, s)| index.story_date(i, s.date.as_deref()))
            .collect();
        assert_eq!(dates, vec![None, Some("2027-03-15"), None, None]);
        assert_eq!(index.len(), 2);
        assert_eq!(
            index.stories().collect::<Vec<_>>(),
            ["fair", "fair", "fair", "other"]
        );
    }

    /// Sources written out come back as they went in, but for their texts
    /// (let go before they are added) and the date warnings, kept aside.
    #[test]
    fn records_written_out_read_back_unchanged() {
        let mut texts = Vec::new();
        let mut held = Sources::default();
        let mut written = Sources::written_out();
        for i in 0..3000 {
            let text = match i % 3 {
                0 => format!(
                    "story: s{}\ndate: 2024-02-{:02}\n\nText {i}.",
                    i % 7,
                    1 + i % 28
                ),
                1 => format!("Headline\nDate: 2023-02-29\nText {i}."),
                _ => format!("Text {i}, ünïcode."),
            };
            let mut one = source(&format!("day/{i}.txt"), text.clone()).without_text();
            if i % 5 == 0 {
                one.record = Some(format!("r{i}"));
                one.outlet = (i % 2 == 0).then(|| "Wire".to_string());
            }
            if one.story.is_empty() {
                one.story = "day".into();
            }
            texts.push(text);
            held.push(one.clone());
            written.push(one);
        }
        assert_eq!(written.len(), held.len());
        assert!(written.held().is_empty());
        assert_eq!(written.date_warnings(), held.date_warnings());
        assert!(!written.date_warnings().is_empty());
        assert_eq!(written.bytes(), held.bytes());
        let shown = |s: Cow<'_, Source>| {
            let mut s = s.into_owned();
            s.date_warnings.clear();
            format!("{s:?}")
        };
        let back: Vec<String> = written.iter().map(shown).collect();
        let kept: Vec<String> = held.iter().map(shown).collect();
        assert_eq!(back, kept);
        for i in (0..3000).rev().step_by(11) {
            assert_eq!(shown(written.get(i).unwrap()), kept[i]);
        }
        assert!(written.get(3000).is_none());
        assert_eq!(written.check(), Ok(()));
        // A record read back takes its text again as a first read did.
        let again = written.fetch(3).unwrap().with_text(texts[3].clone());
        assert!(again.is_ok());
    }

    #[test]
    fn a_record_that_cannot_be_read_back_fails_the_check() {
        let mut written = Sources::written_out();
        for i in 0..20_000 {
            written.push(source(&format!("{i:0>40}.txt"), format!("Text {i}.")).without_text());
        }
        let spool = written.spool.clone().unwrap();
        assert!(spool.written() > 0, "some records reached the file");
        spool.cut_file();
        let failure = written.check().unwrap_err();
        assert!(failure.contains("could not be read back"), "{failure}");
        let unread = (0..written.len()).find_map(|i| written.fetch(i).err());
        assert!(unread.is_some_and(|e| e.to_string().contains("could not be read back")));
    }
}
