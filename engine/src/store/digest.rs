//! Content addressing as Docker does it: `sha256:` + hex, ChainIDs, short IDs.

use sha2::{Digest as _, Sha256};

pub const SHA256_PREFIX: &str = "sha256:";

/// The digest Docker gives an empty tar stream; a commit with this DiffID adds no layer.
pub const EMPTY_LAYER_DIFF_ID: &str = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

pub fn sha256_of(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut out = String::with_capacity(71);
    out.push_str(SHA256_PREFIX);
    for byte in hash {
        out.push(hex_digit(byte >> 4));
        out.push(hex_digit(byte & 0xf));
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// chain(1) = diff(1); chain(n) = sha256(chain(n-1) + " " + diff(n)).
pub fn chain_id(parent_chain: Option<&str>, diff_id: &str) -> String {
    match parent_chain {
        None => diff_id.to_string(),
        Some(parent) => sha256_of(format!("{parent} {diff_id}").as_bytes()),
    }
}

pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(diff_ids.len());
    for diff in diff_ids {
        let next = chain_id(out.last().map(String::as_str), diff);
        out.push(next);
    }
    out
}

/// `stringid.TruncateID`: drop everything up to the first `:`, keep 12 characters.
pub fn short_id(id: &str) -> &str {
    let hex = id.split_once(':').map_or(id, |(_, rest)| rest);
    if hex.len() >= 12 && hex.is_char_boundary(12) {
        return &hex[..12];
    }
    let end = hex.char_indices().nth(12).map_or(hex.len(), |(i, _)| i);
    &hex[..end]
}

pub fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A bare 64-hex string or `sha256:` + 64 hex.
pub fn is_full_image_id(s: &str) -> bool {
    let hex = s.strip_prefix(SHA256_PREFIX).unwrap_or(s);
    hex.len() == 64 && is_hex(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_id_of_catalogue_ubuntu_matches_registry_table() {
        let diffs = vec![
            "sha256:892c80e16c5bd21b10048fd3a31db3018cd7ea627217198a502eaea10a1a6ddd".to_string(),
            "sha256:4017a0a5c33917b842e3e3d2fec79e4f6c789e2f8e81ce74d55c95422528f612".to_string(),
        ];
        let chains = chain_ids(&diffs);
        assert_eq!(chains[0], diffs[0]);
        assert_eq!(chains[1], "sha256:0dc798c1e129f4013eeb358aaf7cc439c114d58a79d8161cdeef702772d42753");
    }

    #[test]
    fn empty_tar_digest_is_the_sha256_of_1024_zero_bytes() {
        assert_eq!(sha256_of(&[0u8; 1024]), EMPTY_LAYER_DIFF_ID);
    }

    #[test]
    fn short_id_drops_algorithm() {
        assert_eq!(short_id("sha256:f2a60fc7f4d8504f2fc8"), "f2a60fc7f4d8");
        assert_eq!(short_id("abc"), "abc");
    }
}
