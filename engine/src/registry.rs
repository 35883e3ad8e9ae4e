//! The fictional registry `docker pull` talks to: the catalogue shipped as data, content
//! addressed and verified on every pull the way the daemon verifies what it downloads.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use thiserror::Error;

use crate::digest::sha256_of;
use crate::json::{self, DecodeError, FromJson, Value};
use crate::reference::{Named, DEFAULT_DOMAIN};
use crate::store::{HistoryEntry, RunConfig};
use crate::units::parse_rfc3339;

const CATALOGUE_JSON: &str = include_str!("../data/registry-catalogue.json");

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PullError {
    #[error(
        "pull access denied for {0}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
    )]
    AccessDenied(String),
    #[error("manifest for {0} not found: manifest unknown: manifest unknown")]
    ManifestUnknown(String),
    #[error("Get \"https://{0}/v2/\": dial tcp: lookup {1}: no such host")]
    NoSuchHost(String, String),
    #[error("Get \"https://{0}/v2/\": dial tcp {1}: connect: connection refused")]
    ConnectionRefused(String, String),
    #[error("manifest verification failed for digest {0}")]
    ManifestVerification(String),
    #[error("image config verification failed for digest {0}")]
    ConfigVerification(String),
    #[error("filesystem layer verification failed for digest {0}")]
    LayerVerification(String),
}

#[derive(Debug, Clone)]
struct RawBlob {
    diff_id: String,
    diff_size: u64,
}

crate::json_struct!(RawBlob { diff_id, diff_size });

/// The parts of an image manifest a pull reads: the config's digest and the layers' digests.
struct Manifest {
    config_digest: String,
    layer_digests: Vec<String>,
}

/// A manifest's pointer to a blob; only its digest matters here.
struct Descriptor {
    digest: String,
}

crate::json_struct!(Descriptor { digest });

impl FromJson for Manifest {
    fn from_json(v: &Value) -> Result<Manifest, DecodeError> {
        let config: Descriptor = v.field("config")?;
        let layers: Vec<Descriptor> = v.field("layers")?;
        Ok(Manifest {
            config_digest: config.digest,
            layer_digests: layers.into_iter().map(|layer| layer.digest).collect(),
        })
    }
}

/// One image of the catalogue: its manifest and config as the registry serves them (text, so
/// their digests can be checked).
struct CatalogueImage {
    manifest_digest: String,
    manifest: String,
    config: String,
}

crate::json_struct!(CatalogueImage { manifest_digest, manifest, config });

/// The parts of an image config a pull keeps; absent fields read as Go's zero values.
struct ConfigFile {
    architecture: String,
    os: String,
    created: String,
    author: String,
    run: RunConfig,
    history: Vec<RawHistory>,
    diff_ids: Vec<String>,
}

impl FromJson for ConfigFile {
    fn from_json(v: &Value) -> Result<ConfigFile, DecodeError> {
        let config: Value = v.field_or_default("config")?;
        let labels: BTreeMap<String, String> = config.field_or_default("Labels")?;
        let rootfs: Value = v.field_or_default("rootfs")?;
        Ok(ConfigFile {
            architecture: v.field_or_default("architecture")?,
            os: v.field_or_default("os")?,
            created: v.field_or_default("created")?,
            author: v.field_or_default("author")?,
            run: RunConfig {
                cmd: config.field_or_default("Cmd")?,
                entrypoint: config.field_or_default("Entrypoint")?,
                env: config.field_or_default("Env")?,
                labels: labels.into_iter().collect(),
                working_dir: config.field_or_default("WorkingDir")?,
            },
            history: v.field_or_default("history")?,
            diff_ids: rootfs.field("diff_ids")?,
        })
    }
}

struct RawHistory {
    created: String,
    created_by: String,
    comment: String,
    empty_layer: bool,
}

// Every field of a history entry may be absent (Go's zero value).
crate::json_struct!(RawHistory { ; default: created, created_by, comment, empty_layer });

/// One layer as a pull downloads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledLayer {
    pub blob: String,
    pub diff_id: String,
    pub diff_size: u64,
}

/// A verified image as a pull receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledImage {
    pub manifest_digest: String,
    pub image_id: String,
    pub created: i64,
    pub architecture: String,
    pub os: String,
    pub author: String,
    pub config: RunConfig,
    pub history: Vec<HistoryEntry>,
    pub layers: Vec<PulledLayer>,
}

pub struct Registry {
    repositories: BTreeMap<String, BTreeMap<String, String>>,
    manifests: BTreeMap<String, (String, String)>,
    blobs: BTreeMap<String, RawBlob>,
}

impl Registry {
    /// The catalogue compiled into the engine, parsed once.
    pub fn catalogue() -> &'static Registry {
        static CATALOGUE: OnceLock<Registry> = OnceLock::new();
        CATALOGUE.get_or_init(|| {
            Registry::from_json(CATALOGUE_JSON).unwrap_or_else(|_| Registry {
                repositories: BTreeMap::new(),
                manifests: BTreeMap::new(),
                blobs: BTreeMap::new(),
            })
        })
    }

    pub fn from_json(text: &str) -> Result<Registry, DecodeError> {
        let raw = json::parse(text).map_err(|e| DecodeError::new(e.to_string()))?;
        let images: Vec<CatalogueImage> = raw.field("images")?;
        let mut manifests = BTreeMap::new();
        for image in images {
            manifests.insert(image.manifest_digest, (image.manifest, image.config));
        }
        Ok(Registry { repositories: raw.field("repositories")?, manifests, blobs: raw.field("blobs")? })
    }

    /// Repository paths as `docker pull` completion offers them (`busybox`, `ubuntu:14.04`…).
    pub fn repository_names(&self) -> Vec<String> {
        self.repositories.keys().cloned().collect()
    }

    pub fn tags_of(&self, familiar_repo: &str) -> Vec<String> {
        self.repositories.get(familiar_repo).map(|t| t.keys().cloned().collect()).unwrap_or_default()
    }

    fn repository_for(&self, named: &Named) -> Result<&BTreeMap<String, String>, PullError> {
        if named.domain != DEFAULT_DOMAIN {
            // No other registry exists here: loopback refuses, any other name does not resolve.
            let (host, port) = named.domain.rsplit_once(':').unwrap_or((&named.domain, "443"));
            let loopback = host == "localhost" || host.starts_with("127.") || host == "[::1]";
            if loopback {
                let ip = if host == "localhost" { "127.0.0.1" } else { host };
                return Err(PullError::ConnectionRefused(named.domain.clone(), format!("{ip}:{port}")));
            }
            return Err(PullError::NoSuchHost(named.domain.clone(), host.to_string()));
        }
        let repo = named.path.strip_prefix("library/").unwrap_or(&named.path);
        self.repositories
            .get(repo)
            .filter(|_| named.path.starts_with("library/"))
            .ok_or_else(|| PullError::AccessDenied(named.familiar_name()))
    }

    /// The manifest digest a tag or digest reference resolves to.
    pub fn resolve(&self, named: &Named) -> Result<String, PullError> {
        let tags = self.repository_for(named)?;
        if let Some(digest) = &named.digest {
            return if tags.values().any(|d| d == digest) {
                Ok(digest.clone())
            } else {
                Err(PullError::ManifestUnknown(named.familiar()))
            };
        }
        let tag = named.tag.clone().unwrap_or_else(|| "latest".to_string());
        tags.get(&tag).cloned().ok_or_else(|| PullError::ManifestUnknown(format!("{}:{tag}", named.familiar_name())))
    }

    /// Every tag of a repository (sorted), for `pull -a`.
    pub fn all_tags(&self, named: &Named) -> Result<Vec<String>, PullError> {
        Ok(self.repository_for(named)?.keys().cloned().collect())
    }

    /// Downloads and verifies one manifest, its config and its layer list.
    pub fn fetch(&self, manifest_digest: &str) -> Result<PulledImage, PullError> {
        let (manifest_text, config_text) = self
            .manifests
            .get(manifest_digest)
            .ok_or_else(|| PullError::ManifestVerification(manifest_digest.to_string()))?;
        if sha256_of(manifest_text.as_bytes()) != manifest_digest {
            return Err(PullError::ManifestVerification(manifest_digest.to_string()));
        }
        let manifest = json::parse(manifest_text)
            .ok()
            .and_then(|v| Manifest::from_json(&v).ok())
            .ok_or_else(|| PullError::ManifestVerification(manifest_digest.to_string()))?;
        let config_digest = manifest.config_digest;
        if sha256_of(config_text.as_bytes()) != config_digest {
            return Err(PullError::ConfigVerification(config_digest));
        }
        let config = json::parse(config_text)
            .ok()
            .and_then(|v| ConfigFile::from_json(&v).ok())
            .filter(|c| c.diff_ids.len() == manifest.layer_digests.len());
        let Some(config) = config else {
            return Err(PullError::ConfigVerification(config_digest));
        };
        let mut layers = Vec::with_capacity(manifest.layer_digests.len());
        for (blob_digest, diff_id) in manifest.layer_digests.iter().zip(&config.diff_ids) {
            let blob = self
                .blobs
                .get(blob_digest)
                .filter(|b| &b.diff_id == diff_id)
                .ok_or_else(|| PullError::LayerVerification(blob_digest.clone()))?;
            layers.push(PulledLayer { blob: blob_digest.clone(), diff_id: diff_id.clone(), diff_size: blob.diff_size });
        }
        let created = parse_rfc3339(&config.created).unwrap_or(0);
        Ok(PulledImage {
            manifest_digest: manifest_digest.to_string(),
            image_id: config_digest,
            created,
            architecture: config.architecture,
            os: config.os,
            author: config.author,
            config: config.run,
            history: config
                .history
                .into_iter()
                .map(|h| HistoryEntry {
                    created: parse_rfc3339(&h.created).unwrap_or(created),
                    created_by: h.created_by,
                    comment: h.comment,
                    empty_layer: h.empty_layer,
                })
                .collect(),
            layers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::chain_ids;
    use crate::reference::parse_normalized_named;

    #[test]
    fn every_catalogue_manifest_verifies_and_chain_ids_match() {
        let registry = Registry::catalogue();
        let raw = json::parse(CATALOGUE_JSON).unwrap();
        for image in raw.field::<Vec<Value>>("images").unwrap() {
            let pulled = registry.fetch(&image.field::<String>("manifest_digest").unwrap()).unwrap();
            assert_eq!(pulled.image_id, image.field::<String>("image_id").unwrap());
            let diffs: Vec<String> = pulled.layers.iter().map(|l| l.diff_id.clone()).collect();
            assert_eq!(chain_ids(&diffs), image.field::<Vec<String>>("chain_ids").unwrap());
        }
    }

    #[test]
    fn tampered_manifest_is_rejected() {
        let tampered = CATALOGUE_JSON.replacen("\\\"size\\\":526", "\\\"size\\\":527", 1);
        let registry = Registry::from_json(&tampered).unwrap();
        let busybox = parse_normalized_named("busybox").unwrap();
        let digest = registry.resolve(&busybox).unwrap();
        assert_eq!(registry.fetch(&digest), Err(PullError::ManifestVerification(digest)));
    }

    #[test]
    fn unknown_repository_and_tag_errors() {
        let registry = Registry::catalogue();
        let nosuch = parse_normalized_named("nosuch").unwrap();
        assert_eq!(
            registry.resolve(&nosuch).unwrap_err().to_string(),
            "pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
        );
        let alpine = parse_normalized_named("alpine:9.99").unwrap();
        assert_eq!(
            registry.resolve(&alpine).unwrap_err().to_string(),
            "manifest for alpine:9.99 not found: manifest unknown: manifest unknown"
        );
    }
}
