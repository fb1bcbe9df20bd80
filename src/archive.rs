//! Archives of article records: JSON Lines, one article a line.
//!
//! A desk keeps its articles as records (an id, a story key, a date, an
//! outlet, the text), not as a folder of files. Each record becomes one
//! [`Source`] whose text is read exactly as a file's would be (front matter,
//! date lines), whose `path` is the archive file and whose `record` is the
//! record's id, so every span is a byte offset into the record's text.
//!
//! A bad record stops the run with `file:line: reason` (exit 2) rather than
//! being skipped: a duplicate or missing id would make the report's
//! locations ambiguous, and a record that is not JSON usually means the whole
//! file is not what the user thinks it is. Only a record whose text is over
//! `--max-file-size` is skipped with a warning, as a file that size is.

use crate::error::Error;
use crate::ingest::{display_path, Skipped, Source};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;

/// The record fields read, by name (`[input]` in crosscheck.toml renames them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Fields {
    pub id: String,
    pub story: String,
    pub date: String,
    /// The outlet that published the record; `outlet` is read when it is absent.
    pub source: String,
    pub outlet: String,
    pub text: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            story: "story".into(),
            date: "date".into(),
            source: "source".into(),
            outlet: "outlet".into(),
            text: "text".into(),
        }
    }
}

/// How the paths on the command line are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// Files ending `.jsonl` or `.ndjson`, and `-`, are archives; everything
    /// else is a file or folder of texts.
    #[default]
    Auto,
    /// Every path is an archive of JSON Lines records (`-`: standard input).
    Jsonl,
}

/// Whether `path` is read as an archive of records.
pub fn is_archive(path: &Path, format: InputFormat) -> bool {
    format == InputFormat::Jsonl
        || path.as_os_str() == "-"
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jsonl" | "ndjson"))
}

/// The name an archive is shown by: its path as given, `-` for standard input.
pub fn archive_name(path: &Path) -> String {
    display_path(path)
}

/// One record, checked, with its fields taken out.
pub struct Record {
    pub id: String,
    pub text: String,
    pub date: Option<String>,
    pub story: Option<String>,
    pub outlet: Option<String>,
}

/// Reads one line of an archive as a record; `at` names it (`file:line`) in errors.
pub fn parse(line: &str, fields: &Fields, at: &str) -> Result<Record, Error> {
    let fail = |reason: String| Error::usage(format!("{at}: {reason}"));
    let value: Value =
        serde_json::from_str(line).map_err(|e| fail(format!("not a JSON record ({e})")))?;
    let Value::Object(mut map) = value else {
        return Err(fail("not a JSON object".into()));
    };
    let id = match map.remove(&fields.id) {
        Some(Value::String(id)) if !id.is_empty() => id,
        Some(Value::String(_)) => return Err(fail(format!("`{}` is empty", fields.id))),
        Some(_) => return Err(fail(format!("`{}` is not a string", fields.id))),
        None => return Err(fail(format!("no `{}` field (the record's id)", fields.id))),
    };
    let text = match map.remove(&fields.text) {
        Some(Value::String(text)) => text,
        Some(_) => return Err(fail(format!("`{}` is not a string", fields.text))),
        None => {
            return Err(fail(format!(
                "no `{}` field (the article's text)",
                fields.text
            )))
        }
    };
    let mut optional = |name: &str| -> Result<Option<String>, Error> {
        match map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(fail(format!("`{name}` is not a string"))),
        }
    };
    let date = optional(&fields.date)?;
    if let Some(date) = &date {
        if !is_day(date) {
            return Err(fail(format!(
                "`{}` is `{date}`, not a day as YYYY-MM-DD",
                fields.date
            )));
        }
    }
    let story = optional(&fields.story)?;
    let outlet = match optional(&fields.source)? {
        Some(outlet) => Some(outlet),
        None => optional(&fields.outlet)?,
    };
    Ok(Record {
        id,
        text,
        date,
        story,
        outlet,
    })
}

/// `YYYY-MM-DD` naming a day that exists.
fn is_day(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && crate::calendar::day_of(date).is_some()
}

/// A name from a record (id, story, outlet) as reports show it: no control characters.
fn printable(name: String) -> String {
    if name.chars().any(char::is_control) {
        name.chars()
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect()
    } else {
        name
    }
}

/// A record as a source of archive `archive`: the text read like a file's,
/// the record's date over one the text states, its story over the text's
/// `story:` line; a record with neither belongs to the archive's story (the
/// archive's name), as the files of one folder are one story.
pub fn source(archive: &str, record: Record) -> Source {
    let mut source = Source::from_text(archive, record.text);
    if let Some(date) = record.date {
        source.date = Some(date);
        // The record's date is the one taken: the text's is not read.
        source.date_warnings.clear();
    }
    if let Some(story) = record.story {
        source.story = printable(story);
    } else if source.story.is_empty() {
        source.story = archive.to_string();
    }
    source.record = Some(printable(record.id));
    source.outlet = record.outlet.map(printable);
    source
}

/// The line numbers of an archive's records, checked for duplicate ids.
#[derive(Default)]
pub struct Ids {
    seen: BTreeSet<String>,
}

impl Ids {
    /// Notes `record`'s id; an id seen before is an error at `at`.
    pub fn check(&mut self, id: &str, fields: &Fields, at: &str) -> Result<(), Error> {
        if self.seen.insert(id.to_string()) {
            Ok(())
        } else {
            Err(Error::usage(format!(
                "{at}: duplicate `{}` {id:?} (record ids must be unique in an archive)",
                fields.id
            )))
        }
    }
}

/// What reading an archive gave, but its sources.
pub struct Read {
    pub skipped: Vec<Skipped>,
    /// Where each source's line is (byte offset, length), to read it again.
    pub lines: Vec<(u64, usize)>,
    /// The archive to read lines again from: the file, or standard input
    /// spooled to an unnamed temporary file.
    pub file: Option<std::fs::File>,
}

/// Every record of the archive at `path` (`-`: standard input) as sources
/// added to `sources`, in file order; records over `max_bytes` are skipped
/// with the reason. Without `keep_text` the sources have no text, only where
/// their line is, and standard input is spooled to a temporary file to be
/// read again.
pub fn read(
    path: &Path,
    fields: &Fields,
    max_bytes: u64,
    keep_text: bool,
    sources: &mut crate::sources::Sources,
) -> Result<Read, Error> {
    let name = archive_name(path);
    let io = |e: std::io::Error| {
        Error::input(
            path,
            format!("cannot read: {}", crate::ingest::io_reason(&e)),
        )
    };
    let stdin = path.as_os_str() == "-";
    let (reader, mut spool, file): (
        Box<dyn BufRead>,
        Option<std::io::BufWriter<std::fs::File>>,
        Option<std::fs::File>,
    ) = if stdin {
        let reader = Box::new(std::io::BufReader::new(std::io::stdin().lock()));
        if keep_text {
            (reader, None, None)
        } else {
            let temp = tempfile::tempfile().map_err(io)?;
            let again = temp.try_clone().map_err(io)?;
            (
                reader,
                Some(std::io::BufWriter::with_capacity(1 << 16, temp)),
                Some(again),
            )
        }
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(Error::input(
                path,
                "an archive must be a regular file (or - for standard input)",
            ));
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let again = if keep_text {
            None
        } else {
            Some(file.try_clone().map_err(io)?)
        };
        (
            Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
            None,
            again,
        )
    };
    let mut skipped = Vec::new();
    let mut lines = Vec::new();
    let mut ids = Ids::default();
    let mut offset = 0u64;
    for (i, line) in reader.split(b'\n').enumerate() {
        let at = format!("{name}:{}", i + 1);
        let line = line.map_err(|e| {
            Error::usage(format!(
                "{at}: cannot read: {}",
                crate::ingest::io_reason(&e)
            ))
        })?;
        let start = offset;
        offset += line.len() as u64 + 1;
        if let Some(spool) = &mut spool {
            use std::io::Write;
            spool
                .write_all(&line)
                .and_then(|()| spool.write_all(b"\n"))
                .map_err(io)?;
        }
        let Some(record) = read_line(&line, fields, &at)? else {
            continue;
        };
        ids.check(&record.id, fields, &at)?;
        if record.text.len() as u64 > max_bytes.min(crate::span::MAX_SOURCE_BYTES as u64) {
            skipped.push(Skipped {
                path: format!("{name}#{}", printable(record.id)),
                reason: format!(
                    "text larger than --max-file-size ({} bytes > {max_bytes})",
                    record.text.len()
                ),
            });
            continue;
        }
        let read = source(&name, record);
        sources.push(if keep_text { read } else { read.without_text() });
        lines.push((start, line.len()));
    }
    if let Some(spool) = spool {
        spool.into_inner().map_err(|e| io(e.into_error()))?;
    }
    if lines.is_empty() && skipped.is_empty() {
        return Err(Error::usage(format!("{name}: no records")));
    }
    Ok(Read {
        skipped,
        lines,
        file,
    })
}

/// Sources' texts read again, story by story: files by their path, records
/// by seeking to their line (the index the first pass made), so the records
/// of a story may lie anywhere in the archive. Files come first and cost
/// nothing here; a record costs where its line is.
pub struct Again {
    fields: Fields,
    archives: Vec<Archive>,
}

/// An archive to read records again from.
struct Archive {
    file: std::sync::Mutex<std::fs::File>,
    /// The index of its first record among the run's sources.
    first: usize,
    /// Where each record's line is (byte offset, length), in source order.
    lines: Vec<(u64, usize)>,
}

impl Again {
    pub fn new(fields: &Fields) -> Self {
        Again {
            fields: fields.clone(),
            archives: Vec::new(),
        }
    }

    /// The sources from `first` on are the records of this archive.
    pub fn archive(&mut self, read: &mut Read, first: usize) {
        let Some(file) = read.file.take() else {
            return;
        };
        self.archives.push(Archive {
            file: std::sync::Mutex::new(file),
            first,
            lines: std::mem::take(&mut read.lines),
        });
    }

    /// The archive source `index` is a record of, and where its line is.
    fn line(&self, index: usize) -> Option<(&Archive, u64, usize)> {
        // Archives are added in source order.
        let at = self.archives.partition_point(|a| a.first <= index);
        let archive = self.archives.get(at.checked_sub(1)?)?;
        let &(offset, len) = archive.lines.get(index - archive.first)?;
        Some((archive, offset, len))
    }
}

impl crate::ingest::Texts for Again {
    fn text(&self, index: usize, source: &Source) -> Result<String, Error> {
        let Some((archive, offset, len)) = self.line(index) else {
            return crate::ingest::Files::read(source);
        };
        use std::io::{Read as _, Seek as _};
        let mut line = vec![0; len];
        {
            let mut file = archive
                .file
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            file.seek(std::io::SeekFrom::Start(offset))
                .and_then(|_| file.read_exact(&mut line))
                .map_err(|e| {
                    Error::usage(format!(
                        "{}: cannot read again: {}",
                        source.shown(),
                        crate::ingest::io_reason(&e)
                    ))
                })?;
        }
        match read_line(&line, &self.fields, &source.shown())? {
            Some(record) => Ok(record.text),
            None => Err(Error::usage(format!(
                "{}: changed while being checked; run again",
                source.shown()
            ))),
        }
    }
}

/// One line of an archive as a record; a blank line is none.
pub fn read_line(line: &[u8], fields: &Fields, at: &str) -> Result<Option<Record>, Error> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let line = std::str::from_utf8(line).map_err(|e| {
        Error::usage(format!(
            "{at}: not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    parse(line, fields, at).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_rejects_bad_records() {
        let fields = Fields::default();
        let r = parse(
            r#"{"id":"a1","story":"s","date":"2024-02-29","outlet":"Wire","text":"Hi."}"#,
            &fields,
            "x:1",
        )
        .ok()
        .unwrap();
        assert_eq!(
            (r.id.as_str(), r.story.as_deref(), r.outlet.as_deref()),
            ("a1", Some("s"), Some("Wire"))
        );
        let err = |line: &str| parse(line, &fields, "x:3").err().unwrap().to_string();
        assert!(err("nope").starts_with("x:3: not a JSON record"));
        assert!(err(r#"{"id":"a"}"#).starts_with("x:3: no `text` field"));
        assert!(err(r#"{"id":7,"text":""}"#).starts_with("x:3: `id` is not a string"));
        assert!(err(r#"{"id":"a","text":"","date":"2023-02-29"}"#).contains("not a day"));
        assert!(err(r#"{"id":"a","text":"","date":"2023-2-1"}"#).contains("not a day"));
    }

    #[test]
    fn record_date_and_story_win_over_the_text() {
        let record = Record {
            id: "r\n1".into(),
            text: "---\ndate: 2020-01-01\nstory: other\n---\nBody.".into(),
            date: Some("2021-05-06".into()),
            story: None,
            outlet: None,
        };
        let read = source("a.jsonl", record);
        assert_eq!(read.date.as_deref(), Some("2021-05-06"));
        assert_eq!(read.story, "other");
        assert_eq!(read.record.as_deref(), Some("r\u{fffd}1"));
        let plain = Record {
            id: "b".into(),
            text: "Body.".into(),
            date: None,
            story: None,
            outlet: None,
        };
        assert_eq!(source("a.jsonl", plain).story, "a.jsonl");
    }
}
