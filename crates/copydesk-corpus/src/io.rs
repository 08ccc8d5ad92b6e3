//! Small reading helpers: a position-counting reader and bounded line reads.

use std::io::{self, BufRead, Read};

/// A `BufRead` that counts the bytes consumed from it.
pub struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> Self {
        Counting { inner, pos: 0 }
    }

    /// Bytes consumed so far.
    pub fn pos(&self) -> u64 {
        self.pos
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// A `BufRead` that can append a block of known length to a vector,
/// possibly without going through its buffer.
pub trait ReadBlock: BufRead {
    /// Appends up to `len` bytes (fewer only at the end of input) to `out`;
    /// returns how many.
    fn read_block(&mut self, len: u64, out: &mut Vec<u8>) -> io::Result<u64>
    where
        Self: Sized,
    {
        out.reserve(usize::try_from(len).unwrap_or(0).min(1 << 20));
        let n = Read::take(&mut *self, len).read_to_end(out)?;
        Ok(n as u64)
    }
}

impl<R: Read> ReadBlock for io::BufReader<R> {}

impl<R: ReadBlock> ReadBlock for &mut R {
    fn read_block(&mut self, len: u64, out: &mut Vec<u8>) -> io::Result<u64> {
        (**self).read_block(len, out)
    }
}

impl ReadBlock for &[u8] {}

impl<R: ReadBlock> ReadBlock for Counting<R> {
    fn read_block(&mut self, len: u64, out: &mut Vec<u8>) -> io::Result<u64> {
        let n = self.inner.read_block(len, out)?;
        self.pos += n;
        Ok(n)
    }
}

/// What [`read_line_bounded`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Bytes consumed, including the newline; 0 at the end of input.
    pub consumed: u64,
    /// Whether the line was longer than the limit (the rest was discarded).
    pub overflow: bool,
    /// Whether the line ended with `\n` (false at an end of input).
    pub terminated: bool,
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `limit` bytes
/// and discarding the rest of a longer line. Memory stays bounded whatever
/// the line length.
pub fn read_line_bounded<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    let mut line = Line {
        consumed: 0,
        overflow: false,
        terminated: false,
    };
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(line);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        let keep = take.min(room);
        if keep < take {
            line.overflow = true;
        }
        buf.extend_from_slice(chunk.get(..keep).unwrap_or(&[]));
        r.consume(take);
        line.consumed += take as u64;
        if done {
            line.terminated = true;
            return Ok(line);
        }
    }
}

/// Reads and drops `n` bytes; returns how many there were.
pub fn skip<R: Read + ?Sized>(r: &mut R, n: u64) -> io::Result<u64> {
    io::copy(&mut r.take(n), &mut io::sink())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() {
        let data = b"short\nthis one is long\nlast";
        let mut r = Counting::new(&data[..]);
        let mut buf = Vec::new();
        let l = read_line_bounded(&mut r, &mut buf, 8).unwrap();
        assert_eq!(buf, b"short\n");
        assert!(!l.overflow && l.terminated);
        buf.clear();
        let l = read_line_bounded(&mut r, &mut buf, 8).unwrap();
        assert_eq!(buf, b"this one");
        assert!(l.overflow && l.terminated);
        assert_eq!(r.pos(), 23);
        buf.clear();
        let l = read_line_bounded(&mut r, &mut buf, 8).unwrap();
        assert_eq!(buf, b"last");
        assert!(!l.terminated);
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap().consumed, 0);
    }
}
