//! Helpers shared by the fuzz targets: a scratch folder per process (the
//! batch readers take paths) and gzip framing of fuzzed bytes (so that the
//! readers behind a gzip member are reached, not only the gzip checks).
#![allow(dead_code)]

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::PathBuf;

/// A folder of this process's own (in /dev/shm when there is one), emptied.
pub fn scratch(target: &str) -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("copydesk-fuzz-{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// One gzip member holding `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

/// `data` cut before each occurrence of `marker` (after the first byte),
/// each piece gzipped as its own member, as WARC.gz files hold one record
/// a member.
pub fn gzip_members(data: &[u8], marker: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 1;
    while i + marker.len() <= data.len() {
        if data[i..].starts_with(marker) {
            out.extend(gzip(&data[start..i]));
            start = i;
        }
        i += 1;
    }
    out.extend(gzip(&data[start..]));
    out
}

/// Shapes `data` for a gzip reader, by the low bits of `mode`: 0 as it is,
/// 1 one member, 2 a member per piece cut at `marker`, 3 members then cut
/// or flipped by `damage` (the byte after the mode byte).
pub fn shape(mode: u8, damage: u8, data: &[u8], marker: &[u8]) -> (Vec<u8>, bool) {
    match mode & 3 {
        0 => (data.to_vec(), false),
        1 => (gzip(data), true),
        2 => (gzip_members(data, marker), true),
        _ => {
            let mut z = gzip_members(data, marker);
            let n = z.len();
            if damage & 0x80 == 0 {
                z.truncate(n.saturating_sub(usize::from(damage) + 1));
            } else if n > 0 {
                let at = (usize::from(damage & 0x7f) * 7919) % n;
                z[at] ^= 0x5a;
            }
            (z, true)
        }
    }
}
