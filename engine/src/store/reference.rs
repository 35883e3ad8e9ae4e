//! `distribution/reference`: parsing, normalisation and the familiar form of image references.

use thiserror::Error;

use crate::store::digest::{is_full_image_id, is_hex, SHA256_PREFIX};

pub const DEFAULT_DOMAIN: &str = "docker.io";
const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
const OFFICIAL_REPO_PREFIX: &str = "library/";
const NAME_TOTAL_LENGTH_MAX: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReferenceError {
    #[error("invalid reference format")]
    InvalidFormat,
    #[error("invalid reference format: repository name ({0}) must be lowercase")]
    UppercaseRemoteName(String),
    #[error("repository name must be lowercase")]
    NameContainsUppercase,
    #[error("repository name must have at least one component")]
    NameEmpty,
    #[error("repository name must not be more than 255 characters")]
    NameTooLong,
    #[error("invalid repository name ({0}), cannot specify 64-byte hexadecimal strings")]
    HexRepositoryName(String),
    #[error("invalid checksum digest length")]
    DigestLength,
    /// go-digest ErrDigestInvalidFormat: the grammar takes upper-case hex, digest.Parse does not.
    #[error("invalid checksum digest format")]
    DigestFormat,
    #[error("unsupported digest algorithm")]
    DigestAlgorithm,
}

/// A normalised named reference: `domain/path[:tag][@digest]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Named {
    pub domain: String,
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl Named {
    /// `domain/path`, the fully-qualified repository name.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    /// `name` followed by `:tag` and `@digest` when present.
    fn with_suffixes(&self, mut name: String) -> String {
        push_suffixes(&mut name, self.tag.as_deref(), self.digest.as_deref());
        name
    }

    /// The fully-qualified string, e.g. `docker.io/library/busybox:latest`.
    pub fn full(&self) -> String {
        self.with_suffixes(self.name())
    }

    /// `FamiliarName`: `docker.io/library/` and `docker.io/` dropped.
    pub fn familiar_name(&self) -> String {
        familiar_name_of(&self.name()).to_string()
    }

    /// `FamiliarString`: the familiar name plus tag and digest.
    pub fn familiar(&self) -> String {
        self.with_suffixes(self.familiar_name())
    }

    pub fn is_name_only(&self) -> bool {
        self.tag.is_none() && self.digest.is_none()
    }

    /// `TagNameOnly`: a bare name means `name:latest`.
    pub fn with_default_tag(mut self) -> Self {
        if self.is_name_only() {
            self.tag = Some("latest".to_string());
        }
        self
    }

    pub fn repository_only(&self) -> Named {
        Named { domain: self.domain.clone(), path: self.path.clone(), tag: None, digest: None }
    }

    /// Splits a fully-qualified string produced by [`Named::full`] (as the store keeps them)
    /// without validating it again; `None` when it is not in that shape.
    pub fn from_full(full: &str) -> Option<Named> {
        let (name_and_tag, digest) = match full.split_once('@') {
            Some((left, right)) => (left, Some(right.to_string())),
            None => (full, None),
        };
        let (name, tag) = split_tag(name_and_tag);
        let (domain, path) = name.split_once('/')?;
        if domain.is_empty() || path.is_empty() {
            return None;
        }
        Some(Named { domain: domain.to_string(), path: path.to_string(), tag: tag.map(str::to_string), digest })
    }

    /// Like [`Named::from_full`], but also checks that the string is a valid normalised reference.
    pub fn from_full_checked(full: &str) -> Option<Named> {
        let named = parse_normalized_named(full).ok()?;
        (named.full() == full).then_some(named)
    }
}

/// A stored (fully-qualified) reference split into borrowed parts, for the paths that touch
/// thousands of references (listings, prune): no allocation, no validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredRef<'a> {
    /// `domain/path`, as [`Named::name`].
    pub name: &'a str,
    /// As [`Named::familiar_name`].
    pub familiar_name: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

impl<'a> StoredRef<'a> {
    pub fn split(full: &'a str) -> StoredRef<'a> {
        let (name_and_tag, digest) = match full.split_once('@') {
            Some((left, digest)) => (left, Some(digest)),
            None => (full, None),
        };
        let (name, tag) = split_tag(name_and_tag);
        StoredRef { name, familiar_name: familiar_name_of(name), tag, digest }
    }

    /// As [`Named::familiar`].
    pub fn familiar(&self) -> String {
        let mut out = String::with_capacity(self.familiar_name.len() + 80);
        out.push_str(self.familiar_name);
        push_suffixes(&mut out, self.tag, self.digest);
        out
    }
}

/// `FamiliarName` of `domain/path`: `docker.io/library/` and `docker.io/` dropped.
fn familiar_name_of(name: &str) -> &str {
    match name.strip_prefix(DEFAULT_DOMAIN).and_then(|rest| rest.strip_prefix('/')) {
        Some(path) => match path.strip_prefix(OFFICIAL_REPO_PREFIX) {
            Some(official) if !official.contains('/') => official,
            _ => path,
        },
        None => name,
    }
}

fn push_suffixes(out: &mut String, tag: Option<&str>, digest: Option<&str>) {
    if let Some(tag) = tag {
        out.push(':');
        out.push_str(tag);
    }
    if let Some(digest) = digest {
        out.push('@');
        out.push_str(digest);
    }
}

/// What `ParseAnyReference` yields: an image ID (digest) or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyReference {
    Id(String),
    Named(Named),
}

impl AnyReference {
    /// The string Docker puts after `No such image: `.
    pub fn not_found_text(&self) -> String {
        match self {
            AnyReference::Id(id) => id.clone(),
            AnyReference::Named(named) => named.clone().with_default_tag().familiar(),
        }
    }
}

pub fn parse_any_reference(s: &str) -> Result<AnyReference, ReferenceError> {
    if s.len() == 64 && is_hex(s) {
        return Ok(AnyReference::Id(format!("{SHA256_PREFIX}{s}")));
    }
    if is_full_image_id(s) && s.starts_with(SHA256_PREFIX) {
        return Ok(AnyReference::Id(s.to_string()));
    }
    parse_normalized_named(s).map(AnyReference::Named)
}

/// `ParseNormalizedNamed`.
pub fn parse_normalized_named(s: &str) -> Result<Named, ReferenceError> {
    if s.len() == 64 && is_hex(s) {
        return Err(ReferenceError::HexRepositoryName(s.to_string()));
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote_name = remainder.split(':').next().unwrap_or("");
    if !crate::case::is_lower(remote_name) {
        return Err(ReferenceError::UppercaseRemoteName(remote_name.to_string()));
    }
    parse_qualified(&domain, &remainder)
}

fn split_docker_domain(s: &str) -> (String, String) {
    let (mut domain, mut remainder) = match s.find('/') {
        Some(i) => {
            let first = &s[..i];
            let looks_like_host = first.contains(['.', ':']) || first == "localhost" || !crate::case::is_lower(first);
            if looks_like_host {
                (first.to_string(), s[i + 1..].to_string())
            } else {
                (DEFAULT_DOMAIN.to_string(), s.to_string())
            }
        }
        None => (DEFAULT_DOMAIN.to_string(), s.to_string()),
    };
    if domain == LEGACY_DEFAULT_DOMAIN {
        domain = DEFAULT_DOMAIN.to_string();
    }
    if domain == DEFAULT_DOMAIN && !remainder.contains('/') {
        remainder = format!("{OFFICIAL_REPO_PREFIX}{remainder}");
    }
    (domain, remainder)
}

/// `reference.Parse` of `domain + "/" + remainder`, with the domain already split off.
fn parse_qualified(domain: &str, remainder: &str) -> Result<Named, ReferenceError> {
    let whole = format!("{domain}/{remainder}");
    let invalid = || {
        if whole.is_empty() {
            ReferenceError::NameEmpty
        } else if !crate::case::is_lower(&whole) && matches_grammar(&crate::case::to_lower(&whole)) {
            ReferenceError::NameContainsUppercase
        } else {
            ReferenceError::InvalidFormat
        }
    };
    let (name_and_tag, digest) = match remainder.split_once('@') {
        Some((left, right)) => (left, Some(right)),
        None => (remainder, None),
    };
    let (path, tag) = split_tag(name_and_tag);
    if !is_domain(domain) || !is_path(path) {
        return Err(invalid());
    }
    if let Some(tag) = tag {
        if !is_tag(tag) {
            return Err(invalid());
        }
    }
    let digest = match digest {
        Some(d) => {
            Some(validate_digest(d).map_err(|e| if e == ReferenceError::InvalidFormat { invalid() } else { e })?)
        }
        None => None,
    };
    if domain.len() + 1 + path.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong);
    }
    Ok(Named { domain: domain.to_string(), path: path.to_string(), tag: tag.map(str::to_string), digest })
}

fn matches_grammar(whole: &str) -> bool {
    match whole.split_once('/') {
        Some((domain, remainder)) => {
            let (name_and_tag, digest) = match remainder.split_once('@') {
                Some((l, r)) => (l, Some(r)),
                None => (remainder, None),
            };
            let (path, tag) = split_tag(name_and_tag);
            is_domain(domain)
                && is_path(path)
                && tag.is_none_or(is_tag)
                && digest.is_none_or(|d| validate_digest(d).is_ok())
        }
        None => false,
    }
}

fn split_tag(name_and_tag: &str) -> (&str, Option<&str>) {
    match name_and_tag.rfind(':') {
        Some(i) if !name_and_tag[i..].contains('/') => (&name_and_tag[..i], Some(&name_and_tag[i + 1..])),
        _ => (name_and_tag, None),
    }
}

fn is_domain(domain: &str) -> bool {
    let (host, port) = match domain.rfind(':') {
        Some(i) if !domain.ends_with(']') => (&domain[..i], Some(&domain[i + 1..])),
        _ => (domain, None),
    };
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    }
    !host.is_empty() && host.split('.').all(is_domain_component)
}

fn is_domain_component(c: &str) -> bool {
    let bytes = c.as_bytes();
    !bytes.is_empty()
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

fn is_path(path: &str) -> bool {
    !path.is_empty() && path.split('/').all(is_path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn is_path_component(c: &str) -> bool {
    let bytes = c.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let mut i = 0;
    let mut expect_alnum = true;
    while i < bytes.len() {
        if expect_alnum {
            if !alnum(bytes[i]) {
                return false;
            }
            while i < bytes.len() && alnum(bytes[i]) {
                i += 1;
            }
            expect_alnum = false;
        } else {
            let start = i;
            if bytes[i] == b'.' {
                i += 1;
            } else if bytes[i] == b'_' {
                i += 1;
                if i < bytes.len() && bytes[i] == b'_' {
                    i += 1;
                }
            } else if bytes[i] == b'-' {
                while i < bytes.len() && bytes[i] == b'-' {
                    i += 1;
                }
            } else {
                return false;
            }
            if i == start {
                return false;
            }
            expect_alnum = true;
        }
    }
    !expect_alnum
}

/// `[\w][\w.-]{0,127}`
fn is_tag(tag: &str) -> bool {
    let bytes = tag.as_bytes();
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(&bytes[0])
        && bytes[1..].iter().all(|b| word(b) || *b == b'.' || *b == b'-')
}

fn validate_digest(d: &str) -> Result<String, ReferenceError> {
    let (algorithm, hex) = d.split_once(':').ok_or(ReferenceError::InvalidFormat)?;
    let algorithm_ok = !algorithm.is_empty()
        && algorithm.as_bytes()[0].is_ascii_alphabetic()
        && algorithm.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_+.".contains(&b));
    if !algorithm_ok || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ReferenceError::InvalidFormat);
    }
    // go-digest Digest.Validate: an algorithm it does not know is "unsupported" only when it is
    // written as DigestRegexp's lower-case algorithm; then the length, then lower-case hex.
    let expected_len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ if algorithm
            .split(['.', '+', '_', '-'])
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())) =>
        {
            return Err(ReferenceError::DigestAlgorithm)
        }
        _ => return Err(ReferenceError::DigestFormat),
    };
    if hex.len() != expected_len {
        return Err(ReferenceError::DigestLength);
    }
    if hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(ReferenceError::DigestFormat);
    }
    Ok(d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_parts_agree_with_parsed_references() {
        let digest = "sha256:9b573dea4ac11909b136912d61d06d6253f7dbda7c98c3d746c53f08ea7394ea";
        for typed in [
            "busybox",
            "ubuntu:14.04",
            "user/app:v1",
            "docker.io/library/a/b:c",
            "localhost:5000/app:1",
            "docker.io.example.com/x:y",
            &format!("busybox@{digest}"),
            &format!("quay.io/org/app:tag@{digest}"),
        ] {
            let named = parse_normalized_named(typed).expect("valid").with_default_tag();
            let full = named.full();
            let stored = StoredRef::split(&full);
            assert_eq!(stored.familiar(), named.familiar(), "{typed}");
            assert_eq!(stored.familiar_name, named.familiar_name(), "{typed}");
            assert_eq!(stored.name, named.name(), "{typed}");
            assert_eq!(stored.tag, named.tag.as_deref(), "{typed}");
            assert_eq!(stored.digest, named.digest.as_deref(), "{typed}");
        }
    }

    fn familiar(s: &str) -> String {
        parse_normalized_named(s).unwrap().familiar()
    }

    #[test]
    fn normalises_like_distribution_reference() {
        assert_eq!(parse_normalized_named("busybox").unwrap().full(), "docker.io/library/busybox");
        assert_eq!(familiar("docker.io/library/busybox:latest"), "busybox:latest");
        assert_eq!(familiar("utest/docker:tag2"), "utest/docker:tag2");
        assert_eq!(familiar("utest:5000/docker:tag3"), "utest:5000/docker:tag3");
        assert_eq!(familiar("localhost:5000/tools/box:1.0"), "localhost:5000/tools/box:1.0");
        assert_eq!(familiar("index.docker.io/library/ubuntu"), "ubuntu");
        assert_eq!(familiar("127.0.0.1:5000/busybox"), "127.0.0.1:5000/busybox");
    }

    #[test]
    fn rejects_what_docker_rejects() {
        assert_eq!(
            parse_normalized_named("Foo").unwrap_err().to_string(),
            "invalid reference format: repository name (library/Foo) must be lowercase"
        );
        assert_eq!(parse_normalized_named("ubuntu:").unwrap_err(), ReferenceError::InvalidFormat);
        assert_eq!(parse_normalized_named("foo:bad:tag").unwrap_err(), ReferenceError::InvalidFormat);
        assert_eq!(parse_normalized_named("").unwrap_err(), ReferenceError::InvalidFormat);
        assert_eq!(parse_normalized_named("a b").unwrap_err(), ReferenceError::InvalidFormat);
        assert!(parse_normalized_named("foo__bar").is_ok());
        assert!(parse_normalized_named("foo___bar").is_err());
        assert!(parse_normalized_named("foo--bar.baz_q").is_ok());
        assert!(parse_normalized_named("-foo").is_err());
        assert_eq!(
            parse_normalized_named("alpine@sha256:0123456789abcdef0123456789abcdef0123").unwrap_err(),
            ReferenceError::DigestLength
        );
    }

    #[test]
    fn any_reference_detects_ids() {
        let hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(parse_any_reference(hex).unwrap(), AnyReference::Id(format!("sha256:{hex}")));
        assert_eq!(parse_any_reference("0123456789ab").unwrap().not_found_text(), "0123456789ab:latest");
    }
}
