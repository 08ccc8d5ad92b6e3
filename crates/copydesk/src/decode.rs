//! Bytes to text: gzip, byte-order marks, declared charsets, detection.
//!
//! Order of trust: BOM, then a charset the caller got from HTTP, then the
//! page's `<meta charset>` (prescanned in the first 8 KiB), then strict UTF-8,
//! then `chardetng` on a prefix. A page that declares a legacy charset but is
//! valid UTF-8 with non-ASCII bytes is read as UTF-8 (a lying declaration is
//! far more common than a legacy page that happens to be valid UTF-8).

use crate::Error;
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// Decoded input and how it was decoded. Input that is already valid UTF-8
/// (most pages) is borrowed, not copied.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    /// Malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
    pub warnings: Vec<String>,
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Decompresses gzip data (every member of a multi-member stream), reading
/// at most `limit` bytes of output. A truncated or corrupt stream yields what
/// was decoded, with a warning, when that is not empty.
pub fn gunzip(bytes: &[u8], limit: usize) -> Result<(Vec<u8>, Option<String>), Error> {
    let cap = limit.saturating_add(1);
    let mut out = Vec::with_capacity(output_size_hint(bytes, limit));
    let result = inflate_members(bytes, cap, &mut out);
    out.truncate(cap);
    match result {
        Ok(()) if out.len() > limit => Err(Error::TooLarge {
            size: out.len(),
            limit,
        }),
        Ok(()) => Ok((out, None)),
        Err(e) if !out.is_empty() => Ok((
            out,
            Some(format!(
                "gzip stream ended early ({e}); used the part that decoded"
            )),
        )),
        Err(e) => Err(Error::Gzip(e)),
    }
}

/// Inflates the gzip members of `input` one after another into `out`,
/// stopping once `out` holds `cap` bytes. The inflater writes straight into
/// the vector's spare capacity (a `Read`-based copy would first zero it).
fn inflate_members(mut input: &[u8], cap: usize, out: &mut Vec<u8>) -> Result<(), String> {
    use flate2::{Decompress, FlushDecompress, Status};
    const MIN_GROWTH: usize = 32 * 1024;
    loop {
        let mut z = Decompress::new_gzip(15);
        loop {
            if out.len() >= cap {
                return Ok(());
            }
            if out.len() == out.capacity() {
                let grow = out.capacity().max(MIN_GROWTH).min(cap - out.len());
                out.reserve_exact(grow);
            }
            let (in_before, out_before) = (z.total_in(), out.len());
            let status = z
                .decompress_vec(input, out, FlushDecompress::None)
                .map_err(|e| e.to_string())?;
            let used = usize::try_from(z.total_in() - in_before).unwrap_or(input.len());
            input = input.get(used..).unwrap_or(&[]);
            match status {
                Status::StreamEnd => break,
                // No progress on either side: the input ran out mid-stream.
                Status::Ok | Status::BufError if used == 0 && out.len() == out_before => {
                    return Err("unexpected end of gzip stream".to_string());
                }
                Status::Ok | Status::BufError => {}
            }
        }
        if input.is_empty() {
            return Ok(());
        }
    }
}

/// Capacity to reserve for the output of [`gunzip`]: the size the gzip
/// trailer records (plus room for `read_to_end`'s end probe), so the output
/// is not regrown and copied several times. The trailer is only a hint (it
/// can lie, and covers only the last member): it is capped by `limit` and by
/// a generous ratio to the input, and growth takes over when it is short.
fn output_size_hint(bytes: &[u8], limit: usize) -> usize {
    const MAX_RATIO: usize = 64;
    let Some(trailer) = bytes
        .len()
        .checked_sub(4)
        .and_then(|start| bytes.get(start..))
        .and_then(|t| <[u8; 4]>::try_from(t).ok())
    else {
        return 0;
    };
    let recorded = u32::from_le_bytes(trailer) as usize;
    recorded
        .saturating_add(64)
        .min(limit.saturating_add(1))
        .min(bytes.len().saturating_mul(MAX_RATIO).max(1 << 16))
}

/// Decodes `bytes` as HTML or text. `http_charset` is a charset label from
/// a transport header, if any.
pub fn decode<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(bytes.get(bom_len..).unwrap_or(&[]), enc, Vec::new());
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| prescan_meta_charset(bytes));
    if let Some(enc) = declared {
        // UTF-16 cannot be declared in-band; treat such labels as UTF-8.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            enc
        };
        if let (true, Some(text)) = (enc != UTF_8 && !bytes.is_ascii(), utf8) {
            let warn = format!(
                "declared charset {} but the bytes are valid UTF-8; read as UTF-8",
                enc.name()
            );
            return valid_utf8(text, vec![warn]);
        }
        if let (true, Some(text)) = (enc == UTF_8, utf8) {
            return valid_utf8(text, Vec::new());
        }
        return finish(bytes, enc, Vec::new());
    }
    if let Some(text) = utf8 {
        return valid_utf8(text, Vec::new());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let prefix = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    detector.feed(prefix, prefix.len() == bytes.len());
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    finish(bytes, enc, Vec::new())
}

/// Text already checked to be UTF-8: no second validation pass, no copy.
fn valid_utf8(text: &str, warnings: Vec<String>) -> Decoded<'_> {
    Decoded {
        text: Cow::Borrowed(text),
        encoding: UTF_8,
        had_errors: false,
        warnings,
    }
}

fn finish<'a>(bytes: &'a [u8], enc: &'static Encoding, mut warnings: Vec<String>) -> Decoded<'a> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!(
            "invalid {} byte sequences were replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text,
        encoding: enc,
        had_errors,
        warnings,
    }
}

/// Finds `<meta charset=...>` or `<meta http-equiv=content-type content="...charset=...">`
/// in the first 8 KiB, by a byte scan.
fn prescan_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    let finder = memchr::memmem::Finder::new(b"charset");
    for pos in finder.find_iter(head) {
        // Only inside a <meta ...> tag: look back for "<meta" before any '>'.
        let before = head.get(pos.saturating_sub(300)..pos).unwrap_or(&[]);
        let lt = memchr::memrchr(b'<', before)?;
        let tag_start = before.get(lt..).unwrap_or(&[]);
        if memchr::memchr(b'>', tag_start).is_some()
            || !tag_start
                .get(..5)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"<meta"))
        {
            continue;
        }
        let after = head.get(pos + 7..).unwrap_or(&[]);
        let mut i = 0;
        while after.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if after.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while after
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while after
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = after.get(start..i).and_then(Encoding::for_label) {
            return Some(enc);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(b"\xEF\xBB\xBF<p>caf\xC3\xA9</p>", Some("latin1"));
        assert_eq!(d.text, "<p>café</p>");
    }

    #[test]
    fn meta_charset_is_used() {
        let d = decode(b"<meta charset=\"windows-1252\"><p>caf\xE9</p>", None);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert!(d.text.contains("café"));
    }

    #[test]
    fn http_equiv_charset_is_used() {
        let d = decode(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>\xF0\xD2\xC9</p>",
            None,
        );
        assert_eq!(d.encoding.name(), "KOI8-R");
        assert!(d.text.contains("При"));
    }

    #[test]
    fn lying_latin1_declaration_on_utf8_bytes_reads_utf8() {
        let d = decode("<meta charset=iso-8859-1><p>Grüße</p>".as_bytes(), None);
        assert!(d.text.contains("Grüße"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let text = "<p>Der Bürgermeister äußerte sich über die Straßenbahn und die Gebühren für Übernachtungen.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes, None);
        assert!(d.text.contains("Bürgermeister"), "{}", d.text);
        assert!(!d.had_errors);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let d = decode(b"<meta charset=utf-8>ok \xFF\xFE bad", None);
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.had_errors);
    }

    #[test]
    fn gzip_round_trip_and_truncation() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let body = "<p>hello</p>".repeat(1000);
        enc.write_all(body.as_bytes()).unwrap_or_default();
        let gz = enc.finish().unwrap_or_default();
        assert!(is_gzip(&gz));
        let (out, warn) = gunzip(&gz, 1 << 20).unwrap_or_default();
        assert_eq!(out, body.as_bytes());
        assert!(warn.is_none());
        assert!(matches!(gunzip(&gz, 100), Err(Error::TooLarge { .. })));
        let cut = gz.get(..gz.len() / 2).unwrap_or(&[]);
        match gunzip(cut, 1 << 20) {
            Ok((partial, Some(_))) => assert!(!partial.is_empty() && partial.len() < body.len()),
            Err(Error::Gzip(_)) => {}
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            gunzip(&[0x1f, 0x8b, 1, 2, 3], 100),
            Err(Error::Gzip(_))
        ));
    }

    #[test]
    fn gzip_members_are_joined_and_the_limit_holds() {
        use std::io::Write;
        let member = |s: &str| {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(s.as_bytes()).unwrap_or_default();
            enc.finish().unwrap_or_default()
        };
        let mut two = member("<p>one</p>");
        two.extend(member("<p>two</p>"));
        let (out, warn) = gunzip(&two, 1 << 20).unwrap_or_default();
        assert_eq!(out, b"<p>one</p><p>two</p>");
        assert!(warn.is_none());
        assert!(matches!(gunzip(&two, 20), Ok((ref o, None)) if o.len() == 20));
        assert!(matches!(
            gunzip(&two, 19),
            Err(Error::TooLarge {
                size: 20,
                limit: 19
            })
        ));
        // Junk after a member: the member is kept, with a warning.
        let mut junk = member("<p>one</p>");
        junk.extend_from_slice(b"not gzip");
        let (out, warn) = gunzip(&junk, 1 << 20).unwrap_or_default();
        assert_eq!(out, b"<p>one</p>");
        assert!(warn.is_some());
        // Output far beyond the size hint (capped by the ratio) still grows.
        let big = "x".repeat(300_000);
        let gz = member(&big);
        assert!(output_size_hint(&gz, usize::MAX) < big.len());
        let (out, warn) = gunzip(&gz, 1 << 20).unwrap_or_default();
        assert_eq!(out.len(), big.len());
        assert!(warn.is_none());
    }

    #[test]
    fn size_hint_trusts_the_trailer_only_within_bounds() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&[b'a'; 10_000]).unwrap_or_default();
        let gz = enc.finish().unwrap_or_default();
        let hint = output_size_hint(&gz, 1 << 20);
        assert!((10_000..10_100).contains(&hint), "{hint}");
        // Capped by the limit...
        assert_eq!(output_size_hint(&gz, 100), 101);
        // ...and a lying trailer on a tiny input cannot reserve gigabytes.
        let liar = [0x1f, 0x8b, 8, 0, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(output_size_hint(&liar, usize::MAX), 1 << 16);
        assert_eq!(output_size_hint(&[1, 2], 1000), 0);
    }
}
