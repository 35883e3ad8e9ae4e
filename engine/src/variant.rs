//! Variants of the playground's world, for teachers: the same lesson on a different store, so
//! that answers cannot be copied between learners. Variant `n` renames every repository and
//! tag of the registry and the built-in scenarios, gives every image, layer and blob another
//! digest, and scales every layer size by one factor; nothing else changes, so what Docker
//! decides (which tag goes, which layer stays) is the same on every variant. Variant 0 is the
//! world as written.
//!
//! The registry of a variant is rebuilt from the catalogue's own texts, so pulls still verify
//! every digest; the book's images (whose IDs come from an older Docker and follow no formula)
//! take keyed hashes instead. [`Variant::rewrite`] carries a text written for variant 0 (a
//! lesson's brief, a command, a goal) over to variant `n` with the same tables.

use std::collections::BTreeMap;

use crate::registry::Registry;
use crate::rng::Rng;
use crate::store::digest::{chain_ids, sha256_of, SHA256_PREFIX};

/// Invented repository names, none of them a word the lessons use for something else.
const REPOSITORY_NAMES: &[&str] = &[
    "orca", "kestrel", "lynx", "heron", "marten", "puffin", "otter", "wren", "ibis", "tapir", "quokka", "civet",
    "dingo", "gecko", "koala", "lemur", "okapi", "raven", "shrike", "stoat", "tern", "vole", "walrus", "zebu", "bison",
    "crane", "egret", "ferret", "gannet", "hyrax", "jackal", "llama", "magpie", "newt", "osprey", "plover",
];

/// Release names for tags without digits (`bookworm`).
const CODENAMES: &[&str] = &["juniper", "saffron", "tundra", "mistral", "cobalt", "sequoia", "quartz", "meadow"];

/// Repository names the built-in scenarios create locally, renamed like the registry's.
const SCENARIO_LOCAL_NAMES: &[&str] = &["myubuntu", "app"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub number: u32,
    /// Familiar repository path (`ubuntu`, `myubuntu`) to its name on this variant.
    names: BTreeMap<String, String>,
    /// `repository:tag` to the tag on this variant; `latest` keeps its name (it is the default).
    tags: BTreeMap<String, String>,
    /// 64-hex digest (without `sha256:`) to its counterpart on this variant.
    ids: BTreeMap<String, String>,
    /// Layer sizes are multiplied by `scale_percent / 100`.
    scale_percent: u64,
    /// Container names to their counterparts (the book's `romantic_euler`).
    container_names: BTreeMap<String, String>,
    rng_seed: u64,
}

impl Variant {
    /// Variant `number` (0 is the world as written). Every table is derived from the number.
    pub fn new(number: u32) -> Variant {
        let key = sha256_of(format!("rmi-variant/{number}").as_bytes());
        let rng_seed = u64::from_str_radix(&key[SHA256_PREFIX.len()..SHA256_PREFIX.len() + 16], 16).unwrap_or(0);
        let mut variant = Variant {
            number,
            names: BTreeMap::new(),
            tags: BTreeMap::new(),
            ids: BTreeMap::new(),
            scale_percent: 100,
            container_names: BTreeMap::new(),
            rng_seed,
        };
        if number == 0 {
            return variant;
        }
        let mut rng = Rng::new(rng_seed);
        variant.scale_percent = 80 + rng.below(46) as u64;
        let catalogue = Registry::catalogue();
        let repositories = catalogue.repository_names();
        variant.add_local_names(repositories.iter().map(String::as_str).chain(SCENARIO_LOCAL_NAMES.iter().copied()));
        for repository in &repositories {
            for tag in catalogue.tags_of(repository) {
                variant.add_tag(repository, &tag);
            }
        }
        for (repository, tag) in crate::book::BOOK_TAGS {
            variant.add_tag(repository, tag);
        }
        for id in crate::book::book_ids() {
            variant.map_id(id);
        }
        variant.container_names.insert(crate::book::BOOK_CONTAINER_NAME.to_string(), rng.container_name(0));
        // The registry's digests, so that texts naming them can be rewritten before any pull.
        variant.transform_registry(catalogue);
        variant
    }

    /// Names repositories a lesson creates itself (`docker tag busybox mybox:1`), in a stable
    /// order. A name that contains a renamed one keeps its shape (`myubuntu` → `myorca`).
    pub fn add_local_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        if self.number == 0 {
            return;
        }
        // In a stable order, shorter names first (they may sit inside longer ones). Sets and maps
        // here are filled by `insert`, not `collect`: collecting sorts, and a sort compiled for
        // one more element type costs the page kilobytes.
        let mut new_names: Vec<&str> = Vec::new();
        for name in names {
            if !self.names.contains_key(name) && !new_names.contains(&name) {
                new_names.push(name);
            }
        }
        let longest = new_names.iter().map(|n| n.len()).max().unwrap_or(0);
        let by_length: Vec<&str> =
            (1..=longest).flat_map(|len| new_names.iter().copied().filter(move |n| n.len() == len)).collect();
        for name in by_length {
            let inner =
                self.names.iter().filter(|(old, _)| name.contains(old.as_str())).max_by_key(|(old, _)| old.len());
            let renamed = match inner {
                Some((old, new)) => name.replacen(old.as_str(), new, 1),
                None => {
                    let mut rng = Rng::new(self.rng_seed ^ seed_of(name));
                    let start = rng.below(REPOSITORY_NAMES.len());
                    let free = (0..REPOSITORY_NAMES.len())
                        .map(|i| REPOSITORY_NAMES[(start + i) % REPOSITORY_NAMES.len()])
                        .find(|candidate| !self.names.values().any(|taken| taken == candidate));
                    match free {
                        Some(candidate) => candidate.to_string(),
                        None => format!("{}{}", REPOSITORY_NAMES[start], self.names.len()),
                    }
                }
            };
            self.names.insert(name.to_string(), renamed);
        }
    }

    fn add_tag(&mut self, repository: &str, tag: &str) {
        let key = format!("{repository}:{tag}");
        if tag == "latest" || self.tags.contains_key(&key) {
            return;
        }
        let mut rng = Rng::new(self.rng_seed ^ seed_of(repository) ^ seed_of(tag).rotate_left(17));
        loop {
            let candidate = retag(tag, &mut rng);
            let taken =
                self.tags.iter().any(|(old, new)| old.starts_with(&format!("{repository}:")) && *new == candidate);
            if candidate != tag && candidate != "latest" && !taken {
                self.tags.insert(key, candidate);
                return;
            }
        }
    }

    /// The digest `id` (`sha256:` + hex, or bare hex) has on this variant: from the tables, or a
    /// keyed hash for one the tables do not know.
    pub fn id(&self, id: &str) -> String {
        let (prefix, hex) = match id.strip_prefix(SHA256_PREFIX) {
            Some(hex) => (SHA256_PREFIX, hex),
            None => ("", id),
        };
        if self.number == 0 {
            return id.to_string();
        }
        match self.ids.get(hex) {
            Some(mapped) => format!("{prefix}{mapped}"),
            None => format!("{prefix}{}", &sha256_of(format!("rmi-variant/{}/{hex}", self.number).as_bytes())[7..]),
        }
    }

    /// As [`Variant::id`], remembering the pair so that texts naming `id` are rewritten too.
    fn map_id(&mut self, id: &str) -> String {
        let mapped = self.id(id);
        if self.number != 0 {
            let old = id.strip_prefix(SHA256_PREFIX).unwrap_or(id);
            let new = mapped.strip_prefix(SHA256_PREFIX).unwrap_or(&mapped);
            self.ids.insert(old.to_string(), new.to_string());
        }
        mapped
    }

    /// A reference written for variant 0 (`ubuntu:14.04`, `myubuntu:latest`) on this variant.
    pub fn reference(&self, familiar: &str) -> String {
        self.rewrite(familiar)
    }

    /// Whether `id` (`sha256:` + hex) is a digest of this variant's world: its registry's or the
    /// book's. Images committed in a session are not: their IDs depend on when.
    pub fn knows(&self, id: &str) -> bool {
        let hex = id.strip_prefix(SHA256_PREFIX).unwrap_or(id);
        if self.number == 0 {
            return crate::book::book_ids().iter().any(|b| b.ends_with(hex)) || self.catalogue_knows(hex);
        }
        self.ids.values().any(|new| new == hex)
    }

    fn catalogue_knows(&self, hex: &str) -> bool {
        let catalogue = Registry::catalogue();
        catalogue.manifests.keys().any(|digest| {
            catalogue.fetch(digest).is_ok_and(|image| {
                let diffs: Vec<String> = image.layers.iter().map(|l| l.diff_id.clone()).collect();
                image.image_id.ends_with(hex) || chain_ids(&diffs).iter().any(|c| c.ends_with(hex))
            })
        })
    }

    pub fn container_name(&self, name: &str) -> String {
        self.container_names.get(name).cloned().unwrap_or_else(|| name.to_string())
    }

    /// A layer size on this variant.
    pub fn scale(&self, bytes: u64) -> u64 {
        // Layer sizes stay far below 2^64 / 200, so the product cannot overflow.
        bytes.saturating_mul(self.scale_percent).saturating_add(50) / 100
    }

    /// The seed a fresh start of a lesson step uses on this variant (container IDs and names).
    pub fn seed(&self, seed: u64) -> u64 {
        if self.number == 0 {
            seed
        } else {
            seed ^ self.rng_seed
        }
    }

    /// The daemon's world on this variant (its registry built once here).
    pub fn world(&self) -> crate::daemon::World {
        let registry = (self.number != 0).then(|| std::sync::Arc::new(self.registry()));
        crate::daemon::World::new(self.number, registry)
    }

    /// The registry of this variant: the catalogue's repositories renamed, its configs and
    /// manifests rewritten with the new digests (so pulls verify them as before), layer sizes
    /// scaled.
    pub fn registry(&self) -> Registry {
        let mut scratch = self.clone();
        scratch.transform_registry(Registry::catalogue())
    }

    fn transform_registry(&mut self, catalogue: &Registry) -> Registry {
        let mut blobs = BTreeMap::new();
        for (digest, blob) in &catalogue.blobs {
            let mut blob = blob.clone();
            blob.diff_id = self.map_id(&blob.diff_id);
            blob.diff_size = self.scale(blob.diff_size);
            blobs.insert(self.map_id(digest), blob);
        }
        let mut manifests = BTreeMap::new();
        for (digest, (manifest, config)) in &catalogue.manifests {
            let Ok(image) = catalogue.fetch(digest) else { continue };
            let mut new_config = config.clone();
            let mut new_manifest = manifest.clone();
            for layer in &image.layers {
                new_config = new_config.replace(&layer.diff_id, &self.map_id(&layer.diff_id));
                new_manifest = new_manifest.replace(&layer.blob, &self.map_id(&layer.blob));
            }
            let old_diffs: Vec<String> = image.layers.iter().map(|l| l.diff_id.clone()).collect();
            let new_diffs: Vec<String> = old_diffs.iter().map(|d| self.map_id(d)).collect();
            for (old, new) in chain_ids(&old_diffs).into_iter().zip(chain_ids(&new_diffs)) {
                self.ids.insert(old[7..].to_string(), new[7..].to_string());
            }
            let config_digest = sha256_of(new_config.as_bytes());
            self.ids.insert(image.image_id[7..].to_string(), config_digest[7..].to_string());
            new_manifest = new_manifest.replace(&image.image_id, &config_digest);
            let manifest_digest = sha256_of(new_manifest.as_bytes());
            self.ids.insert(digest[7..].to_string(), manifest_digest[7..].to_string());
            manifests.insert(manifest_digest, (new_manifest, new_config));
        }
        let mut repositories = BTreeMap::new();
        for (repository, tags) in &catalogue.repositories {
            let mut renamed = BTreeMap::new();
            for (tag, digest) in tags {
                renamed.insert(self.tag(repository, tag), self.map_id(digest));
            }
            repositories.insert(self.names.get(repository).cloned().unwrap_or_else(|| repository.clone()), renamed);
        }
        Registry { repositories, manifests, blobs }
    }

    fn tag(&self, repository: &str, tag: &str) -> String {
        self.tags.get(&format!("{repository}:{tag}")).cloned().unwrap_or_else(|| tag.to_string())
    }

    /// Carries a text written for variant 0 over to this one, in one pass: repository names
    /// (with their tags), digests and ID prefixes of six hex digits or more that name a known
    /// object, container names, and sizes written with a unit (`150 MB`, `423,008,080 bytes`).
    pub fn rewrite(&self, text: &str) -> String {
        if self.number == 0 {
            return text.to_string();
        }
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let boundary_before = i == 0 || !is_word_byte(bytes[i - 1]) && bytes[i - 1] != b'.';
            if boundary_before {
                if let Some((consumed, replacement)) =
                    self.hex_at(&text[i..]).or_else(|| self.name_at(&text[i..])).or_else(|| self.size_at(&text[i..]))
                {
                    out.push_str(&replacement);
                    i += consumed;
                    continue;
                }
            }
            let Some(c) = text[i..].chars().next() else { break };
            out.push(c);
            i += c.len_utf8();
            // Skip the rest of a word so that names are only matched at its start.
            while is_word_byte(bytes[i - 1]) && i < text.len() && is_word_byte(bytes[i]) {
                out.push(bytes[i] as char);
                i += 1;
            }
        }
        out
    }

    fn hex_at(&self, text: &str) -> Option<(usize, String)> {
        let run = text.bytes().take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b)).count();
        if run < 6 || text.as_bytes().get(run).is_some_and(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let prefix = &text[..run];
        let mut matches = self.ids.range(prefix.to_string()..).take_while(|(old, _)| old.starts_with(prefix));
        let (_, first) = matches.next()?;
        let new = &first[..run.min(first.len())];
        if matches.any(|(_, other)| !other.starts_with(new)) {
            return None;
        }
        Some((run, new.to_string()))
    }

    fn name_at(&self, text: &str) -> Option<(usize, String)> {
        let ends_word = |end: usize| {
            let bytes = text.as_bytes();
            match bytes.get(end) {
                None => true,
                Some(b'.') => bytes.get(end + 1).is_none_or(|b| !b.is_ascii_alphanumeric()),
                Some(&b) => !is_word_byte(b),
            }
        };
        let tagged =
            self.tags.iter().filter(|(written, _)| text.starts_with(written.as_str()) && ends_word(written.len()));
        let tagged = tagged.map(|(written, new_tag)| {
            let repository = written.split_once(':').map_or(written.as_str(), |(r, _)| r);
            let name = self.names.get(repository).map_or(repository, String::as_str);
            (written.len(), format!("{name}:{new_tag}"))
        });
        let bare = self
            .names
            .iter()
            .filter(|(old, _)| text.starts_with(old.as_str()) && ends_word(old.len()))
            .map(|(old, new)| (old.len(), new.clone()));
        let containers = self
            .container_names
            .iter()
            .filter(|(old, _)| text.starts_with(old.as_str()) && ends_word(old.len()))
            .map(|(old, new)| (old.len(), new.clone()));
        tagged.chain(bare).chain(containers).max_by_key(|(len, _)| *len)
    }

    /// `150 MB`, `11.6 MB`, `150,000,000 bytes` / `字节`: the number scaled, written alike.
    fn size_at(&self, text: &str) -> Option<(usize, String)> {
        let number_len = text.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
        let number = text[..number_len].trim_end_matches(['.', ',']);
        if number.is_empty() || !number.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        let rest = &text[number.len()..];
        let spaced = rest.strip_prefix(' ').unwrap_or(rest);
        let unit = ["bytes", "字节", "kB", "MB", "GB"].into_iter().find(|u| {
            spaced.starts_with(u) && spaced.as_bytes().get(u.len()).is_none_or(|b| !b.is_ascii_alphanumeric())
        })?;
        let consumed = number.len() + (rest.len() - spaced.len()) + unit.len();
        let written = &text[number.len()..consumed];
        if number.contains(',') || unit == "bytes" || unit == "字节" {
            let value: u64 = number.replace(',', "").parse().ok()?;
            let scaled = self.scale(value);
            let digits = if number.contains(',') { group_thousands(scaled) } else { scaled.to_string() };
            return Some((consumed, format!("{digits}{written}")));
        }
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
        let value: f64 = number.parse().ok()?;
        let scaled = value * self.scale_percent as f64 / 100.0;
        Some((consumed, format!("{scaled:.decimals$}{written}")))
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A tag of the same shape: every run of digits another number of as many digits (no leading
/// zero), letters kept; a tag without digits becomes a release name.
fn retag(tag: &str, rng: &mut Rng) -> String {
    if !tag.bytes().any(|b| b.is_ascii_digit()) {
        return CODENAMES[rng.below(CODENAMES.len())].to_string();
    }
    let mut out = String::new();
    let mut digits = 0;
    for c in tag.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits += 1;
            continue;
        }
        if digits > 0 {
            let low = if digits == 1 { 0 } else { 10u64.pow(digits - 1) };
            let span = 10u64.pow(digits) - low;
            out.push_str(&(low + rng.next_u64() % span).to_string());
            digits = 0;
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::reference::parse_normalized_named;

    #[test]
    fn variant_zero_is_the_world_as_written() {
        let zero = Variant::new(0);
        let text = "docker rmi ubuntu:14.04 # 8f1bd21bd25c, 150 MB";
        assert_eq!(zero.rewrite(text), text);
        assert_eq!(zero.scale(1234), 1234);
    }

    #[test]
    fn every_name_tag_digest_and_size_changes_consistently() {
        let one = Variant::new(1);
        let text = one.rewrite("docker rmi ubuntu:14.04 myubuntu:latest 8f1bd21bd25c romantic_euler: 150 MB");
        assert!(!text.contains("ubuntu") && !text.contains("14.04") && !text.contains("8f1bd21bd25c"), "{text}");
        assert!(!text.contains("romantic_euler") && !text.contains("150 MB"), "{text}");
        // The same word is renamed the same way everywhere, and a name inside a word is not.
        let again = one.rewrite("ubuntu:14.04 is ubuntu's tag; subuntu and ubuntu_x are not ubuntu");
        let name = &one.names["ubuntu"];
        assert!(again.starts_with(&format!("{name}:")), "{again}");
        assert!(again.contains(" subuntu ") && again.contains(" ubuntu_x "), "{again}");
        assert!(again.ends_with(&format!("not {name}")), "{again}");
        assert_ne!(Variant::new(2).rewrite("ubuntu:14.04"), one.rewrite("ubuntu:14.04"));
    }

    #[test]
    fn the_variant_registry_serves_the_renamed_images_verified() {
        let one = Variant::new(1);
        let registry = one.registry();
        let renamed = parse_normalized_named(&one.rewrite("alpine:3.19")).expect("a valid reference");
        let digest = registry.resolve(&renamed).expect("the renamed tag resolves");
        let image = registry.fetch(&digest).expect("the rewritten manifest and config verify");
        let original = Registry::catalogue();
        let base = original.fetch(&original.resolve(&parse_normalized_named("alpine:3.19").unwrap()).unwrap()).unwrap();
        assert_eq!(format!("sha256:{}", one.rewrite(&base.image_id[7..])), image.image_id);
        assert_eq!(image.layers[0].diff_size, one.scale(base.layers[0].diff_size));
        assert!(registry.resolve(&parse_normalized_named("alpine:3.19").unwrap()).is_err());
    }

    #[test]
    fn sizes_keep_their_written_form() {
        let v = Variant { scale_percent: 110, ..Variant::new(3) };
        assert_eq!(v.rewrite("free 150 MB, then 11.6 MB"), "free 165 MB, then 12.8 MB");
        assert_eq!(
            v.rewrite("at most 423,008,080 bytes (至多 1,000 字节)"),
            "at most 465,308,888 bytes (至多 1,100 字节)"
        );
    }
}
