//! Reading a database's write-ahead log before SQLite does, to tell damage from a crash: SQLite
//! silently drops every frame from the first one whose checksum fails, so a damaged frame in
//! the middle of the log would lose the commits after it without a word.

use std::path::Path;

/// Size of the WAL file header and of each frame header.
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

/// Describes the damage when a frame of the current log fails its checksum although a later
/// frame of the same log commits a transaction (a crash only ever tears the uncommitted tail).
pub(crate) fn damage(wal: &Path) -> Option<String> {
    let bytes = std::fs::read(wal).ok()?;
    if bytes.len() < WAL_HEADER {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let magic = be(&bytes[0..4]);
    let big_endian = match magic {
        0x377f_0682 => false,
        0x377f_0683 => true,
        _ => return None,
    };
    let page_size = be(&bytes[8..12]) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return None;
    }
    let salt = &bytes[16..24];
    let mut sum = checksum(big_endian, &bytes[0..24], (0, 0))?;
    if (sum.0, sum.1) != (be(&bytes[24..28]), be(&bytes[28..32])) {
        // A damaged header: SQLite ignores the whole log.
        return Some("the header of its write-ahead log is damaged".into());
    }
    let mut first_bad: Option<usize> = None;
    let mut offset = WAL_HEADER;
    let mut frame = 0usize;
    while offset + FRAME_HEADER + page_size <= bytes.len() {
        frame += 1;
        let header = &bytes[offset..offset + FRAME_HEADER];
        let page = &bytes[offset + FRAME_HEADER..offset + FRAME_HEADER + page_size];
        offset += FRAME_HEADER + page_size;
        if &header[8..16] != salt {
            // A frame left from an earlier generation of the log: the log ends here.
            break;
        }
        let commits = be(&header[4..8]) != 0;
        match first_bad {
            Some(bad) if commits => {
                return Some(format!(
                    "frame {bad} of its write-ahead log is damaged; committed changes after it would be lost"
                ));
            }
            Some(_) => continue,
            None => {}
        }
        let next = checksum(big_endian, &header[0..8], sum).and_then(|s| checksum(big_endian, page, s))?;
        if (next.0, next.1) == (be(&header[16..20]), be(&header[20..24])) {
            sum = next;
        } else {
            first_bad = Some(frame);
        }
    }
    None
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `start`.
fn checksum(big_endian: bool, data: &[u8], start: (u32, u32)) -> Option<(u32, u32)> {
    if !data.len().is_multiple_of(8) {
        return None;
    }
    let word = |b: &[u8]| {
        let b = [b[0], b[1], b[2], b[3]];
        if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    };
    let (mut s0, mut s1) = start;
    for chunk in data.chunks_exact(8) {
        s0 = s0.wrapping_add(word(&chunk[0..4])).wrapping_add(s1);
        s1 = s1.wrapping_add(word(&chunk[4..8])).wrapping_add(s0);
    }
    Some((s0, s1))
}
