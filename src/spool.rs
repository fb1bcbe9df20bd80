//! What a run of many stories keeps of each finished story, written out as
//! the story finishes: where the claims behind its findings are, and (through
//! [`crate::stories::People`]) its entries in the person table.
//!
//! A run of many stories keeps, for its report, each claim behind a finding
//! located: its path, line, column, words, sentence and the lines the text
//! report quotes. Held in memory those grow with the number of stories (a
//! generated corpus of 6,600 stories has 78,000 of them, most of a report's
//! bytes), so a run that checks stories one group at a time writes them to
//! an unnamed temporary file as each story is done and keeps only where each
//! one starts; report writers read them back one at a time. A temporary file
//! that cannot be made or written keeps the rest in memory instead: the run
//! then costs memory, never its report.

use crate::location::{Excerpt, Located, Location, Speaker};
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// Bytes gathered before they are written to the file: few writes, little held.
const FLUSH_AT: usize = 256 << 10;

/// Located claims, numbered in the order they were added.
#[derive(Default)]
pub struct Spool {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The temporary file; `None` until the first flush, or for good once it
    /// could not be made or written.
    file: Option<std::fs::File>,
    /// Whether the file is no longer tried (it could not be made or written).
    in_memory: bool,
    /// Bytes in the file: entries `0..` up to here are read from it.
    written: u64,
    /// Bytes after `written`, not (yet) in the file.
    pending: Vec<u8>,
    /// Where each entry starts, counting the file's bytes then `pending`'s.
    starts: Vec<u64>,
    /// The first read that failed: a report then fails rather than show a
    /// claim it could not read.
    failed: Option<String>,
}

impl std::fmt::Debug for Spool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spool")
            .field("entries", &self.len())
            .finish()
    }
}

impl Spool {
    /// Entries added so far.
    pub fn len(&self) -> usize {
        self.lock().starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic elsewhere while holding the lock leaves whole entries only.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds `located` as the next entry.
    pub fn push(&self, located: &Located) {
        self.push_with(|out| encode(located, out));
    }

    /// Adds the bytes `write` puts in the buffer it is given as the next entry.
    pub fn push_with(&self, write: impl FnOnce(&mut Vec<u8>)) {
        let mut inner = self.lock();
        let start = inner.written + inner.pending.len() as u64;
        inner.starts.push(start);
        write(&mut inner.pending);
        if inner.pending.len() >= FLUSH_AT {
            inner.flush();
        }
    }

    /// Entry `index`. `None` when it cannot be read back (the first such
    /// failure is kept for [`Spool::failure`]).
    pub fn get(&self, index: usize) -> Option<Located> {
        self.get_with(index, read_located)
    }

    /// Entry `index` as `read` reads it; it must read every byte.
    pub fn get_with<T>(
        &self,
        index: usize,
        read: impl FnOnce(&mut Reader) -> Option<T>,
    ) -> Option<T> {
        let mut inner = self.lock();
        let (start, end) = inner.range(index)?;
        let bytes = if start >= inner.written {
            inner.pending_bytes(start, end).map(<[u8]>::to_vec)
        } else {
            inner.read(start, end)
        };
        inner.decode(index, bytes.as_deref(), read)
    }

    /// A reader of entries in ascending order that reads the file a large
    /// piece at a time rather than once an entry.
    pub fn window(&self) -> Window<'_> {
        Window {
            spool: self,
            start: 0,
            bytes: Vec::new(),
        }
    }

    /// Reads every entry back once, in order: `Err` with why when one cannot
    /// be, so a report written to standard output (which cannot be taken
    /// back) is not begun with a claim it would have to show empty.
    pub fn check(&self) -> Result<(), String> {
        for index in 0..self.len() {
            if self.get(index).is_none() {
                break;
            }
        }
        self.failure().map_or(Ok(()), Err)
    }

    /// Why an entry could not be read, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.lock().failed.clone()
    }

    /// `read` of `bytes`, as an entry is read: every byte read, or `None`.
    #[cfg(test)]
    pub(crate) fn read_bytes<T>(
        bytes: &[u8],
        read: impl FnOnce(&mut Reader) -> Option<T>,
    ) -> Option<T> {
        let mut reader = Reader(bytes);
        read(&mut reader).filter(|_| reader.0.is_empty())
    }

    /// Bytes in the file.
    #[cfg(test)]
    pub(crate) fn written(&self) -> u64 {
        self.lock().written
    }

    /// Cuts the file to half its length, as a file that lost its end.
    #[cfg(test)]
    pub(crate) fn cut_file(&self) {
        let inner = self.lock();
        if let Some(file) = &inner.file {
            file.set_len(inner.written / 2)
                .expect("the file can be cut");
        }
    }

    /// Records a failure to read another spool of the run, so the report fails.
    pub fn fail(&self, failure: String) {
        self.lock().failed.get_or_insert(failure);
    }
}

/// See [`Spool::window`].
pub struct Window<'a> {
    spool: &'a Spool,
    /// Where in the file `bytes` were read from.
    start: u64,
    bytes: Vec<u8>,
}

impl Window<'_> {
    /// [`Spool::get_with`], from the piece of the file in hand when it holds
    /// the entry, or from the next piece, read from where the entry starts.
    pub fn get_with<T>(
        &mut self,
        index: usize,
        read: impl FnOnce(&mut Reader) -> Option<T>,
    ) -> Option<T> {
        let mut inner = self.spool.lock();
        let (start, end) = inner.range(index)?;
        if start >= inner.written {
            let bytes = inner.pending_bytes(start, end).map(<[u8]>::to_vec);
            return inner.decode(index, bytes.as_deref(), read);
        }
        let held = self.start + self.bytes.len() as u64;
        if start < self.start || end > held {
            let until = end.max(start + FLUSH_AT as u64).min(inner.written);
            self.bytes = inner.read(start, until).unwrap_or_default();
            self.start = start;
        }
        let at = usize::try_from(start - self.start).ok();
        let to = usize::try_from(end - self.start).ok();
        let bytes = at.zip(to).and_then(|(at, to)| self.bytes.get(at..to));
        inner.decode(index, bytes, read)
    }
}

impl Inner {
    /// Where entry `index` starts and ends, counting the file's bytes then `pending`'s.
    fn range(&self, index: usize) -> Option<(u64, u64)> {
        let start = *self.starts.get(index)?;
        let end = (self.starts.get(index + 1).copied())
            .unwrap_or(self.written + self.pending.len() as u64);
        Some((start, end))
    }

    /// The bytes of `start..end`, not yet in the file.
    fn pending_bytes(&self, start: u64, end: u64) -> Option<&[u8]> {
        let at = usize::try_from(start - self.written).ok()?;
        let to = usize::try_from(end - self.written).ok()?;
        self.pending.get(at..to)
    }

    /// Entry `index` read from `bytes` (`None`: they could not be had);
    /// the first entry that cannot be read is kept as the failure.
    fn decode<T>(
        &mut self,
        index: usize,
        bytes: Option<&[u8]>,
        read: impl FnOnce(&mut Reader) -> Option<T>,
    ) -> Option<T> {
        let read = bytes.and_then(|bytes| {
            let mut reader = Reader(bytes);
            read(&mut reader).filter(|_| reader.0.is_empty())
        });
        if read.is_none() && self.failed.is_none() {
            self.failed = Some(format!(
                "an entry could not be read back from the run's temporary file (entry {index})"
            ));
        }
        read
    }

    /// Moves the pending bytes to the file, making it on first use; a file
    /// that cannot be made or written leaves them (and all later ones) in memory.
    fn flush(&mut self) {
        if self.in_memory {
            return;
        }
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(file) => self.file = Some(file),
                Err(_) => {
                    self.in_memory = true;
                    return;
                }
            }
        }
        let Some(file) = self.file.as_mut() else {
            return;
        };
        // Appends at the end whatever a read moved the position to.
        let written = file
            .seek(SeekFrom::Start(self.written))
            .and_then(|_| file.write_all(&self.pending));
        match written {
            Ok(()) => {
                self.written += self.pending.len() as u64;
                self.pending.clear();
            }
            // Part of the bytes may be in the file; they are written again
            // over it next time, or stay in memory from now on.
            Err(_) => self.in_memory = true,
        }
    }

    fn read(&mut self, start: u64, end: u64) -> Option<Vec<u8>> {
        let file = self.file.as_mut()?;
        let mut bytes = vec![0; usize::try_from(end - start).ok()?];
        file.seek(SeekFrom::Start(start)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }
}

pub fn put_number(out: &mut Vec<u8>, mut n: u64) {
    // LEB128: offsets and line numbers are small, most fit in one or two bytes.
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn put_usize(out: &mut Vec<u8>, n: usize) {
    put_number(out, n as u64);
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_usize(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

pub fn put_option(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

fn encode(located: &Located, out: &mut Vec<u8>) {
    let l = &located.location;
    put_str(out, &l.source);
    put_option(out, l.record.as_deref());
    for n in [l.start, l.end, l.line, l.column] {
        put_usize(out, n);
    }
    put_str(out, &l.text);
    put_str(out, &l.sentence);
    match &l.speaker {
        Some(s) => {
            out.push(1);
            for n in [s.start, s.end, s.line, s.column] {
                put_usize(out, n);
            }
            put_str(out, &s.text);
        }
        None => out.push(0),
    }
    for n in [located.end_line, located.start_utf16, located.end_utf16] {
        put_usize(out, n);
    }
    put_usize(out, located.excerpt.at);
    put_usize(out, located.excerpt.line);
    put_str(out, &located.excerpt.text);
    match located.speaker_utf16 {
        Some((line, start, end)) => {
            out.push(1);
            for n in [line, start, end] {
                put_usize(out, n);
            }
        }
        None => out.push(0),
    }
}

/// Reads back what the `put_` functions wrote; `None` for bytes they did not write.
pub struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    pub fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    pub fn number(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return usize::try_from(n).ok();
            }
        }
        None
    }

    pub fn string(&mut self) -> Option<String> {
        let len = self.number()?;
        if len > self.0.len() {
            return None;
        }
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(s.to_vec()).ok()
    }

    /// Bytes not read yet.
    pub fn left(&self) -> usize {
        self.0.len()
    }

    /// What [`put_option`] wrote.
    pub fn option(&mut self) -> Option<Option<String>> {
        Some(if self.flag()? {
            Some(self.string()?)
        } else {
            None
        })
    }

    /// `N` bytes as they were written.
    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (bytes, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*bytes)
    }

    pub fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

#[cfg(test)]
fn decode(bytes: &[u8]) -> Option<Located> {
    let mut r = Reader(bytes);
    let located = read_located(&mut r)?;
    r.0.is_empty().then_some(located)
}

fn read_located(r: &mut Reader) -> Option<Located> {
    let source = r.string()?;
    let record = r.option()?;
    let (start, end, line, column) = (r.number()?, r.number()?, r.number()?, r.number()?);
    let text = r.string()?;
    let sentence = r.string()?;
    let speaker = if r.flag()? {
        Some(Speaker {
            start: r.number()?,
            end: r.number()?,
            line: r.number()?,
            column: r.number()?,
            text: r.string()?,
        })
    } else {
        None
    };
    let (end_line, start_utf16, end_utf16) = (r.number()?, r.number()?, r.number()?);
    let excerpt = Excerpt {
        at: r.number()?,
        line: r.number()?,
        text: r.string()?,
    };
    let speaker_utf16 = if r.flag()? {
        Some((r.number()?, r.number()?, r.number()?))
    } else {
        None
    };
    Some(Located {
        location: Location {
            source,
            record,
            start,
            end,
            line,
            column,
            text,
            sentence,
            speaker,
        },
        end_line,
        start_utf16,
        end_utf16,
        excerpt,
        speaker_utf16,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(i: usize, speaker: bool) -> Located {
        Located {
            location: Location {
                source: format!("story/{i}.txt"),
                record: (i % 2 == 0).then(|| format!("r-{i}")),
                start: i,
                end: i + 300,
                line: 1 << (i % 40),
                column: 7,
                text: "Zoë «Ünïcode»".repeat(i % 5),
                sentence: "x".repeat(i * 37 % 2000),
                speaker: speaker.then(|| Speaker {
                    start: 1,
                    end: 2,
                    line: 3,
                    column: 4,
                    text: "Anela Kahale".into(),
                }),
            },
            end_line: 9,
            start_utf16: usize::MAX,
            end_utf16: 0,
            excerpt: Excerpt {
                at: 5,
                line: 6,
                text: "line\r\nline".into(),
            },
            speaker_utf16: speaker.then_some((1, 2, 3)),
        }
    }

    /// Entries come back as they went in, whether they were flushed to the
    /// file or still pending, in any order of reading.
    #[test]
    fn entries_read_back_unchanged() {
        let spool = Spool::default();
        let all: Vec<Located> = (0..3000).map(|i| located(i, i % 3 == 0)).collect();
        for l in &all {
            spool.push(l);
        }
        assert!(spool.lock().written > 0, "some entries reached the file");
        assert!(!spool.lock().pending.is_empty(), "some are still pending");
        for i in (0..all.len()).rev().step_by(7).chain(0..all.len()) {
            let back = spool.get(i).unwrap();
            assert_eq!(format!("{back:?}"), format!("{:?}", all[i]));
        }
        assert!(spool.get(all.len()).is_none());
        assert_eq!(spool.failure(), None);
    }

    /// An entry the file no longer holds is found by `check` before any
    /// report is begun, and the failure names it.
    #[test]
    fn check_finds_an_entry_that_cannot_be_read_back() {
        let spool = Spool::default();
        for i in 0..3000 {
            spool.push(&located(i, i % 3 == 0));
        }
        assert_eq!(spool.check(), Ok(()));
        let written = spool.lock().written;
        assert!(written > 0);
        // The file loses its second half: entries there cannot be read.
        spool
            .lock()
            .file
            .as_ref()
            .unwrap()
            .set_len(written / 2)
            .unwrap();
        let failure = spool.check().unwrap_err();
        assert!(failure.contains("could not be read back"), "{failure}");
        assert_eq!(spool.failure(), Some(failure));
    }

    #[test]
    fn bytes_it_did_not_write_are_refused() {
        let mut bytes = Vec::new();
        encode(&located(4, true), &mut bytes);
        assert!(decode(&bytes).is_some());
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        bytes.push(0);
        assert!(decode(&bytes).is_none());
        assert!(decode(&[0xff; 12]).is_none());
    }
}
