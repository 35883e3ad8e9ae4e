//! Persistent maps keyed by content IDs.
//!
//! Image IDs and ChainIDs are `sha256:` and 64 hex digits. The maps key them by the first 128
//! bits of the digest held inline, so a lookup compares integers instead of following a pointer
//! to a 71-byte string (which at 10,000 images was most of the cost of a prune). The store only
//! ever holds canonical IDs (`Store::verify` refuses others), and two canonical IDs that share
//! their first 128 bits are as unlikely as a SHA-256 collision.

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The map key of a content ID: its digest's first 32 hex digits as a number (so key order is
/// the IDs' order); for a string that is not 64 digits long (with or without `sha256:`), a
/// hash of it.
// Two words rather than a `u128`: 8-byte alignment keeps the maps' entries at 32 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IdKey(u64, u64);

impl IdKey {
    pub fn of(id: &str) -> IdKey {
        let hex = id.strip_prefix("sha256:").unwrap_or(id).as_bytes();
        if hex.len() != 64 {
            return IdKey::hashed(id);
        }
        // The digits are not validated here: this runs for every lookup, and the store holds
        // only canonical IDs (`Store::verify`). A malformed 64-character string may share a key
        // with a stored ID, so `IdMap::get` compares the whole ID; the `*_by_key` methods and
        // the store's indexes take keys of stored, canonical IDs only.
        let word = |at: usize| {
            let bytes: [u8; 8] = hex[at..at + 8].try_into().unwrap_or([0; 8]);
            u64::from(hex_word(u64::from_be_bytes(bytes)))
        };
        IdKey(word(0) << 32 | word(8), word(16) << 32 | word(24))
    }

    /// FNV-1a over the whole string, twice with different offsets: 128 bits, so a key for a
    /// string that is not an ID (a lookup of a typo, say) matches a stored ID only by chance.
    fn hashed(id: &str) -> IdKey {
        let fnv = |mut hash: u64| {
            for &b in id.as_bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            hash
        };
        IdKey(fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4))
    }
}

/// Eight ASCII hex digits (big-endian in `word`) as a 32-bit number, eight at once.
fn hex_word(word: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // '0'..'9' are 0x30..0x39 and 'a'..'f' 0x61..0x66: the low nibble, plus 9 for letters.
    let nibbles = (word & (ONES * 0x0f)) + ((word >> 6) & ONES) * 9;
    // Pack eight nibbles (one per byte) into 32 bits.
    let pairs = ((nibbles >> 4) | nibbles) & 0x00ff_00ff_00ff_00ff;
    let quads = ((pairs >> 8) | pairs) & 0x0000_ffff_0000_ffff;
    ((quads >> 16) | quads) as u32
}

/// Whether `id` is `sha256:` followed by 64 lowercase hex digits.
pub fn is_canonical_digest_id(id: &str) -> bool {
    id.strip_prefix("sha256:").is_some_and(|hex| hex.len() == 64 && crate::store::digest::is_hex(hex))
}

/// The key is already uniformly random: one of its words is the hash.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        // The key's second word (the last one hashed) is random enough on its own.
        self.0 = value;
    }
}

/// A persistent map from content IDs to derived data (the store's indexes).
pub type KeyMap<V> = imbl::GenericHashMap<IdKey, V, BuildHasherDefault<KeyHasher>, imbl::shared_ptr::DefaultSharedPtr>;

/// A record the store keeps under its own ID.
pub trait Keyed {
    fn key_id(&self) -> &str;
}

/// A persistent map of records keyed by their own content ID. Cloning is O(1); values sit
/// behind `Arc` so a write copies tree nodes of pointers, never records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap<V> {
    map: KeyMap<Arc<V>>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap { map: KeyMap::default() }
    }
}

impl<V: Keyed + Clone> IdMap<V> {
    /// The record stored under exactly this ID (with or without `sha256:`). The key holds only
    /// 128 bits of the digest, so the whole ID is compared: a string that shares its first 32
    /// hex digits with a stored ID (typed by a user, say) finds nothing.
    pub fn get(&self, id: &str) -> Option<&Arc<V>> {
        self.get_by_key(IdKey::of(id)).filter(|value| same_id(value.key_id(), id))
    }

    /// The stored record for writing (`Arc::make_mut` copies it only if history shares it).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Arc<V>> {
        self.get_mut_by_key(IdKey::of(id)).filter(|value| same_id(value.key_id(), id))
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Inserts a record under its own ID, replacing one with the same ID.
    pub fn insert(&mut self, value: Arc<V>) -> Option<Arc<V>> {
        self.map.insert(IdKey::of(value.key_id()), value)
    }

    pub fn remove(&mut self, id: &str) -> Option<Arc<V>> {
        self.get(id)?;
        self.remove_by_key(IdKey::of(id))
    }

    pub fn get_by_key(&self, key: IdKey) -> Option<&Arc<V>> {
        self.map.get(&key)
    }

    pub fn get_mut_by_key(&mut self, key: IdKey) -> Option<&mut Arc<V>> {
        self.map.get_mut(&key)
    }

    pub fn remove_by_key(&mut self, key: IdKey) -> Option<Arc<V>> {
        self.map.remove(&key)
    }

    pub fn values(&self) -> impl Iterator<Item = &Arc<V>> {
        self.map.values()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether both are copies of one map with no write since (false says nothing).
    pub fn ptr_eq(&self, other: &Self) -> bool {
        self.map.ptr_eq(&other.map)
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Whether a stored ID and a looked-up one name the same content (`sha256:` optional in the
/// looked-up one).
fn same_id(stored: &str, wanted: &str) -> bool {
    stored == wanted || stored.strip_prefix("sha256:") == Some(wanted)
}

/// Saved as an object from each record's ID to the record (the stored format since version 1),
/// in ID order so that equal stores save to equal text.
impl<V: Keyed + Clone + Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut records: Vec<&Arc<V>> = self.map.values().collect();
        records.sort_unstable_by(|a, b| a.key_id().cmp(b.key_id()));
        let mut map = serializer.serialize_map(Some(records.len()))?;
        for record in records {
            map.serialize_entry(record.key_id(), &**record)?;
        }
        map.end()
    }
}

/// Refuses a record filed under another ID and an ID given twice.
impl<'de, V: Keyed + Clone + Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Records<V>(std::marker::PhantomData<V>);
        impl<'de, V: Keyed + Clone + Deserialize<'de>> Visitor<'de> for Records<V> {
            type Value = IdMap<V>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object from content IDs to records")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<IdMap<V>, A::Error> {
                use serde::de::Error;
                let mut out = IdMap::default();
                while let Some((key, value)) = entries.next_entry::<String, V>()? {
                    if key != value.key_id() {
                        return Err(A::Error::custom(format!("{} is stored under key {key}", value.key_id())));
                    }
                    if out.insert(Arc::new(value)).is_some() {
                        return Err(A::Error::custom(format!("{key} is stored twice")));
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Records(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct Record(String);

    impl Keyed for Record {
        fn key_id(&self) -> &str {
            &self.0
        }
    }

    /// The key holds 128 of the digest's 256 bits: a lookup of another ID with the same first
    /// 32 hex digits must find nothing, not the stored record.
    #[test]
    fn lookups_compare_the_whole_id() {
        let stored = format!("sha256:{}{}", "ab".repeat(16), "0".repeat(32));
        let twin = format!("sha256:{}{}", "ab".repeat(16), "f".repeat(32));
        let mut map = IdMap::default();
        map.insert(Arc::new(Record(stored.clone())));
        assert_eq!(IdKey::of(&twin), IdKey::of(&stored), "the twin shares the key");
        assert!(map.get(&twin).is_none());
        assert!(!map.contains_key(&twin));
        assert!(map.get_mut(&twin).is_none());
        assert!(map.remove(&twin).is_none());
        assert_eq!(map.len(), 1, "removing the twin left the record alone");
        assert!(map.get(&stored).is_some());
        assert!(map.get(&stored["sha256:".len()..]).is_some(), "the bare hex names it too");
    }

    #[test]
    fn keys_follow_the_digest_and_keep_its_order() {
        let low = format!("sha256:{}", "0".repeat(63) + "1");
        let high = format!("sha256:{}", "f".repeat(64));
        assert!(IdKey::of(&low) < IdKey::of(&high));
        assert_eq!(IdKey::of(&high), IdKey::of(&"f".repeat(64)));
        assert_ne!(IdKey::of("sha256:busybox"), IdKey::of(&high));
        assert!(is_canonical_digest_id(&low));
        assert!(!is_canonical_digest_id(&low.to_uppercase()));
        assert!(!is_canonical_digest_id("sha256:abc"));
        let id = "sha256:0123456789abcdeffedcba9876543210aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        assert_eq!(IdKey::of(id), IdKey(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210));
        assert_eq!(IdKey::of("sha256:short"), IdKey::hashed("sha256:short"));
    }
}
