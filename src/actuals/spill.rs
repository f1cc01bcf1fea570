//! Sorting the answered chats of an export in bounded memory: they are kept
//! in a buffer of at most [`BUFFER_CHATS`]; a full buffer is sorted and
//! written to an anonymous temporary file (removed by the system however
//! the process ends), and the sorted runs are merged when read back. So an
//! export of any length, in any row order, is sorted with memory that does
//! not grow with its rows.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

/// Chats held in memory before a sorted run goes to disk [count] (32 MB).
pub const BUFFER_CHATS: usize = 1 << 20;

/// One answered chat as the concurrency measure reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chat {
    /// Arrival [s from the window start].
    pub arrival_s: f64,
    /// Wait before the first response [s].
    pub wait_s: f64,
    /// Handle time [s].
    pub handle_s: f64,
    /// The agent's index.
    pub agent: u32,
    /// The group's index.
    pub group: u32,
}

/// Bytes of a chat on disk.
const RECORD: usize = 32;

impl Chat {
    /// The total order the chats are sorted in: by arrival, then every other
    /// field, so that the order does not depend on the rows' order.
    fn cmp_key(&self, other: &Self) -> Ordering {
        self.arrival_s
            .total_cmp(&other.arrival_s)
            .then(self.wait_s.total_cmp(&other.wait_s))
            .then(self.handle_s.total_cmp(&other.handle_s))
            .then(self.group.cmp(&other.group))
            .then(self.agent.cmp(&other.agent))
    }

    fn to_bytes(self) -> [u8; RECORD] {
        let mut b = [0u8; RECORD];
        b[0..8].copy_from_slice(&self.arrival_s.to_le_bytes());
        b[8..16].copy_from_slice(&self.wait_s.to_le_bytes());
        b[16..24].copy_from_slice(&self.handle_s.to_le_bytes());
        b[24..28].copy_from_slice(&self.agent.to_le_bytes());
        b[28..32].copy_from_slice(&self.group.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8; RECORD]) -> Self {
        let f = |i: usize| f64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let u = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        Self { arrival_s: f(0), wait_s: f(8), handle_s: f(16), agent: u(24), group: u(28) }
    }
}

/// The chats of an export, to be read back sorted.
#[derive(Debug, Default)]
pub struct Spill {
    buffer: Vec<Chat>,
    runs: Vec<File>,
}

impl Spill {
    /// Adds a chat; a full buffer is sorted and written out.
    pub fn push(&mut self, chat: Chat) -> io::Result<()> {
        self.buffer.push(chat);
        if self.buffer.len() >= BUFFER_CHATS {
            self.write_run()?;
        }
        Ok(())
    }

    fn write_run(&mut self) -> io::Result<()> {
        self.buffer.sort_by(Chat::cmp_key);
        let mut w = BufWriter::new(tempfile::tempfile()?);
        for c in self.buffer.drain(..) {
            w.write_all(&c.to_bytes())?;
        }
        let mut file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        self.runs.push(file);
        Ok(())
    }

    /// Every chat, sorted; calls `each` on them in order.
    pub fn sorted(mut self, mut each: impl FnMut(Chat)) -> io::Result<()> {
        if self.runs.is_empty() {
            self.buffer.sort_by(Chat::cmp_key);
            self.buffer.into_iter().for_each(each);
            return Ok(());
        }
        if !self.buffer.is_empty() {
            self.write_run()?;
        }
        let mut readers: Vec<BufReader<File>> = self.runs.into_iter().map(BufReader::new).collect();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(c) = next(r)? {
                heap.push(Reverse(Head(c, i)));
            }
        }
        while let Some(Reverse(Head(c, i))) = heap.pop() {
            each(c);
            if let Some(c) = next(&mut readers[i])? {
                heap.push(Reverse(Head(c, i)));
            }
        }
        Ok(())
    }
}

/// The next chat of a run, or `None` at its end.
fn next(r: &mut impl Read) -> io::Result<Option<Chat>> {
    let mut b = [0u8; RECORD];
    match r.read_exact(&mut b) {
        Ok(()) => Ok(Some(Chat::from_bytes(&b))),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// The head of a run in the merge: its next chat and the run's index.
struct Head(Chat, usize);

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp_key(&other.0).then(self.1.cmp(&other.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_on_disk_merge_into_one_sorted_stream() {
        let mut s = Spill::default();
        let n = BUFFER_CHATS * 2 + 17;
        // A scrambled order: k * 7919 mod n visits every k once.
        for k in 0..n {
            let a = ((k * 7919) % n) as f64;
            s.push(Chat { arrival_s: a, wait_s: 1.0, handle_s: 2.0, agent: (k % 3) as u32, group: 0 }).unwrap();
        }
        assert_eq!(s.runs.len(), 2, "two full buffers went to disk");
        let mut seen = Vec::with_capacity(n);
        s.sorted(|c| seen.push(c.arrival_s)).unwrap();
        assert_eq!(seen.len(), n);
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
    }
}
