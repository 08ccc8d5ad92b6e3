//! One gzip member, inflated on demand from a buffered reader, with a
//! decompressor reused from member to member.
//!
//! `flate2::bufread::GzDecoder` sets up a new inflate state for every
//! member and, being a plain `Read`, makes `read_to_end` zero a record's
//! block before inflating into it. [`Member`] keeps one raw-deflate
//! [`Decompress`] and a small header buffer per thread, and inflates a
//! record's block straight into the block's spare capacity
//! ([`ReadBlock::read_block`]). The gzip header, the CRC-32 and the length
//! in the trailer are checked as `GzDecoder` checks them: a bad header or
//! checksum is `InvalidData` (an entry of kind `corrupt`), input that ends
//! inside the member is `UnexpectedEof` (`truncated`).

use crate::io::ReadBlock;
use flate2::{Crc, Decompress, FlushDecompress, Status};
use std::cell::RefCell;
use std::io::{self, BufRead, Read};

/// Inflated bytes buffered for header lines (a record's block bypasses
/// the buffer): a WARC header block and an HTTP status line fit.
const SMALL: usize = 1 << 10;

/// A thread's reusable inflate state and header buffer.
pub struct Inflater {
    d: Decompress,
    buf: Box<[u8]>,
}

impl Inflater {
    fn new() -> Self {
        Inflater {
            d: Decompress::new(false),
            buf: vec![0u8; SMALL].into_boxed_slice(),
        }
    }
}

thread_local! {
    static INFLATER: RefCell<Option<Inflater>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's [`Inflater`] (a fresh one if it is in use).
pub fn with_inflater<T>(f: impl FnOnce(&mut Inflater) -> T) -> T {
    let taken = INFLATER.with(|c| c.try_borrow_mut().ok().and_then(|mut o| o.take()));
    let mut inf = taken.unwrap_or_else(Inflater::new);
    let out = f(&mut inf);
    INFLATER.with(|c| {
        if let Ok(mut o) = c.try_borrow_mut() {
            *o = Some(inf);
        }
    });
    out
}

fn corrupt(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

fn early_end() -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "input ends inside a gzip member",
    )
}

/// Reads up to and including the next 0 byte, keeping nothing.
fn skip_zero_terminated<R: BufRead>(r: &mut R) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Err(early_end());
        }
        match memchr::memchr(0, buf) {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// Reads and checks a gzip member header (RFC 1952).
fn header<R: BufRead>(r: &mut R) -> io::Result<()> {
    let mut fixed = [0u8; 10];
    r.read_exact(&mut fixed)?;
    let [0x1f, 0x8b, 8, flags, ..] = fixed else {
        return Err(corrupt("invalid gzip header"));
    };
    if flags & 0xe0 != 0 {
        return Err(corrupt("invalid gzip header (reserved flags)"));
    }
    if flags & 0x04 != 0 {
        let mut xlen = [0u8; 2];
        r.read_exact(&mut xlen)?;
        let n = u64::from(u16::from_le_bytes(xlen));
        if io::copy(&mut Read::take(&mut *r, n), &mut io::sink())? != n {
            return Err(early_end());
        }
    }
    // File name, comment: zero-terminated.
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            skip_zero_terminated(r)?;
        }
    }
    if flags & 0x02 != 0 {
        let mut crc16 = [0u8; 2];
        r.read_exact(&mut crc16)?;
    }
    Ok(())
}

/// One gzip member of `outer`, inflated as it is read. Reading ends (0
/// bytes) at the member's end, with `outer` just past its trailer.
pub struct Member<'a, R: BufRead> {
    outer: &'a mut R,
    inf: &'a mut Inflater,
    crc: Crc,
    /// Inflated bytes `buf[pos..filled]` not yet read.
    pos: usize,
    filled: usize,
    done: bool,
}

impl<'a, R: BufRead> Member<'a, R> {
    /// Reads the member's header from `outer`.
    pub fn new(outer: &'a mut R, inf: &'a mut Inflater) -> io::Result<Self> {
        header(outer)?;
        inf.d.reset(false);
        Ok(Member {
            outer,
            inf,
            crc: Crc::new(),
            pos: 0,
            filled: 0,
            done: false,
        })
    }

    /// One inflate step into `out` (not empty) or, with `out` `None`, into
    /// `vec`'s spare capacity; returns the bytes produced (0: the member
    /// ended).
    fn step(&mut self, mut out: Option<&mut [u8]>, vec: &mut Vec<u8>) -> io::Result<usize> {
        loop {
            if self.done {
                return Ok(0);
            }
            let input = self.outer.fill_buf()?;
            let eof = input.is_empty();
            let d = &mut self.inf.d;
            let (in0, out0) = (d.total_in(), d.total_out());
            let start = vec.len();
            let status = match out {
                Some(ref mut o) => d.decompress(input, o, FlushDecompress::None),
                None => d.decompress_vec(input, vec, FlushDecompress::None),
            }
            .map_err(|e| corrupt(&format!("corrupt deflate stream: {e}")))?;
            let consumed = usize::try_from(d.total_in() - in0).unwrap_or(usize::MAX);
            let produced = usize::try_from(d.total_out() - out0).unwrap_or(0);
            self.outer.consume(consumed);
            match &out {
                Some(o) => self.crc.update(o.get(..produced).unwrap_or(&[])),
                None => self.crc.update(vec.get(start..).unwrap_or(&[])),
            }
            if status == Status::StreamEnd {
                self.trailer()?;
                return Ok(produced);
            }
            if produced > 0 {
                return Ok(produced);
            }
            if eof {
                return Err(early_end());
            }
            if consumed == 0 {
                return Err(corrupt("corrupt deflate stream: no progress"));
            }
        }
    }

    /// Checks the trailer: CRC-32 and length (mod 2^32) of the member.
    fn trailer(&mut self) -> io::Result<()> {
        self.done = true;
        let mut t = [0u8; 8];
        self.outer.read_exact(&mut t)?;
        let [c0, c1, c2, c3, n0, n1, n2, n3] = t;
        if u32::from_le_bytes([c0, c1, c2, c3]) != self.crc.sum() {
            return Err(corrupt(
                "corrupt gzip stream does not have a matching checksum",
            ));
        }
        if u32::from_le_bytes([n0, n1, n2, n3]) != self.crc.amount() {
            return Err(corrupt("gzip length in the trailer does not match"));
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Member<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), avail.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Member<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.filled {
            let mut buf = std::mem::take(&mut self.inf.buf);
            let r = self.step(Some(&mut buf), &mut Vec::new());
            self.inf.buf = buf;
            self.filled = r?;
            self.pos = 0;
        }
        Ok(self.inf.buf.get(self.pos..self.filled).unwrap_or(&[]))
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.filled);
    }
}

impl<R: BufRead> ReadBlock for Member<'_, R> {
    fn read_block(&mut self, len: u64, out: &mut Vec<u8>) -> io::Result<u64> {
        let want = usize::try_from(len).unwrap_or(usize::MAX);
        let first = out.len();
        let target = first.saturating_add(want);
        // What the header buffer already holds.
        let buffered = self.inf.buf.get(self.pos..self.filled).unwrap_or(&[]);
        let n = buffered.len().min(want);
        out.extend_from_slice(buffered.get(..n).unwrap_or(&[]));
        self.pos += n;
        while out.len() < target {
            let room = target - out.len();
            if out.capacity() == out.len() {
                // Room for the whole block when it is small; otherwise
                // growth by doubling (a block's length is only claimed).
                out.reserve_exact(room.min(out.len().max(1 << 20)));
            }
            let produced = if out.capacity() - out.len() <= room {
                // Inflate into the spare capacity: nothing is zeroed.
                self.step(None, out)?
            } else {
                // More capacity than the block needs: inflating into it
                // would run past the block.
                let start = out.len();
                out.resize(target, 0);
                let r = match out.get_mut(start..) {
                    Some(dst) => self.step(Some(dst), &mut Vec::new()),
                    None => Ok(0),
                };
                let got = *r.as_ref().unwrap_or(&0);
                out.truncate(start + got);
                r?
            };
            if produced == 0 {
                break;
            }
        }
        Ok((out.len() - first) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn inflate_all(bytes: &[u8], block: u64) -> io::Result<(Vec<u8>, usize)> {
        let mut r = bytes;
        let mut inf = Inflater::new();
        let mut m = Member::new(&mut r, &mut inf)?;
        let mut head = Vec::new();
        m.read_until(b'\n', &mut head)?;
        m.read_block(block, &mut head)?;
        m.read_to_end(&mut head)?;
        Ok((head, r.len()))
    }

    #[test]
    fn members_inflate_and_stop_at_their_end() {
        let data: Vec<u8> = (0..50_000u32)
            .flat_map(|i| format!("line {i} {}\n", i * 7919 % 1000).into_bytes())
            .collect();
        let mut two = gz(&data);
        let second = gz(b"next member");
        two.extend_from_slice(&second);
        for block in [0u64, 5, 3000, 100_000, u64::MAX] {
            let (out, rest) = inflate_all(&two, block).unwrap();
            assert_eq!(out, data, "block {block}");
            assert_eq!(rest, second.len());
        }
    }

    #[test]
    fn bad_members_are_corrupt_or_truncated() {
        let data = b"hello gzip member, hello again".repeat(100);
        let good = gz(&data);
        // Cut short: truncated.
        let cut = &good[..good.len() - 20];
        let e = inflate_all(cut, 10_000).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof, "{e}");
        // A wrong checksum: corrupt.
        let mut bad = good.clone();
        let n = bad.len();
        bad[n - 8] ^= 1;
        let e = inflate_all(&bad, 10_000).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData, "{e}");
        // Not gzip at all.
        let e = inflate_all(b"plain text, not a gzip member", 10).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData, "{e}");
        // Garbage after a good header.
        let mut garbage = good[..10].to_vec();
        garbage.extend_from_slice(&[0xff; 64]);
        let e = inflate_all(&garbage, 10_000).unwrap_err();
        assert!(
            matches!(
                e.kind(),
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
            ),
            "{e}"
        );
    }

    #[test]
    fn optional_header_fields_are_skipped() {
        let data = b"with a name and a comment".to_vec();
        let mut e = flate2::GzBuilder::new()
            .filename("page.html")
            .comment("a comment")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), Compression::default());
        e.write_all(&data).unwrap();
        let bytes = e.finish().unwrap();
        let (out, rest) = inflate_all(&bytes, 4).unwrap();
        assert_eq!(out, data);
        assert_eq!(rest, 0);
    }
}
