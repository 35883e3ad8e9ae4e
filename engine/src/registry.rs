//! The fictional registry `docker pull` talks to: the catalogue shipped as data, content
//! addressed and verified on every pull the way the daemon verifies what it downloads.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use thiserror::Error;

use crate::store::digest::sha256_of;
use crate::store::reference::{Named, DEFAULT_DOMAIN};
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

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RawBlob {
    pub(crate) diff_id: String,
    pub(crate) diff_size: u64,
}

/// The parts of an image manifest a pull reads: the config's digest and the layers' digests.
#[derive(Deserialize)]
struct Manifest {
    config: Descriptor,
    layers: Vec<Descriptor>,
}

/// A manifest's pointer to a blob; only its digest matters here.
#[derive(Deserialize)]
struct Descriptor {
    digest: String,
}

/// One image of the catalogue: its manifest and config as the registry serves them (text, so
/// their digests can be checked).
#[derive(Deserialize)]
struct CatalogueImage {
    manifest_digest: String,
    manifest: String,
    config: String,
}

/// The catalogue file (`registry-catalogue.json`); fields the engine does not need are ignored.
#[derive(Deserialize)]
struct Catalogue {
    repositories: BTreeMap<String, BTreeMap<String, String>>,
    images: Vec<CatalogueImage>,
    blobs: BTreeMap<String, RawBlob>,
}

/// The parts of an image config a pull keeps; absent fields read as Go's zero values.
#[derive(Deserialize)]
struct ConfigFile {
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    created: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    config: ContainerConfig,
    #[serde(default)]
    history: Vec<RawHistory>,
    rootfs: RootFs,
}

/// `config` of an image config (Go's `container.Config`), as far as the model uses it.
#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
struct ContainerConfig {
    cmd: Option<Vec<String>>,
    entrypoint: Option<Vec<String>>,
    env: Option<Vec<String>>,
    labels: Option<BTreeMap<String, String>>,
    working_dir: Option<String>,
}

#[derive(Deserialize)]
struct RootFs {
    diff_ids: Vec<String>,
}

// Every field of a history entry may be absent (Go's zero value).
#[derive(Deserialize)]
#[serde(default)]
#[derive(Default)]
struct RawHistory {
    created: String,
    created_by: String,
    comment: String,
    empty_layer: bool,
}

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

/// A registry's content: repositories (tag → manifest digest), manifests with their configs (as
/// text, so their digests can be checked), layer blobs. A lesson variant builds its own
/// (`variant.rs`).
pub struct Registry {
    pub(crate) repositories: BTreeMap<String, BTreeMap<String, String>>,
    pub(crate) manifests: BTreeMap<String, (String, String)>,
    pub(crate) blobs: BTreeMap<String, RawBlob>,
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

    pub fn from_json(text: &str) -> Result<Registry, serde_json::Error> {
        let catalogue: Catalogue = serde_json::from_str(text)?;
        let manifests =
            catalogue.images.into_iter().map(|image| (image.manifest_digest, (image.manifest, image.config))).collect();
        Ok(Registry { repositories: catalogue.repositories, manifests, blobs: catalogue.blobs })
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
        let manifest: Manifest = serde_json::from_str(manifest_text)
            .map_err(|_| PullError::ManifestVerification(manifest_digest.to_string()))?;
        let layer_digests: Vec<String> = manifest.layers.into_iter().map(|layer| layer.digest).collect();
        let config_digest = manifest.config.digest;
        if sha256_of(config_text.as_bytes()) != config_digest {
            return Err(PullError::ConfigVerification(config_digest));
        }
        let config = serde_json::from_str::<ConfigFile>(config_text)
            .ok()
            .filter(|c| c.rootfs.diff_ids.len() == layer_digests.len());
        let Some(config) = config else {
            return Err(PullError::ConfigVerification(config_digest));
        };
        let mut layers = Vec::with_capacity(layer_digests.len());
        for (blob_digest, diff_id) in layer_digests.iter().zip(&config.rootfs.diff_ids) {
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
            config: RunConfig {
                cmd: config.config.cmd.unwrap_or_default(),
                entrypoint: config.config.entrypoint.unwrap_or_default(),
                env: config.config.env.unwrap_or_default(),
                labels: config.config.labels.unwrap_or_default().into_iter().collect(),
                working_dir: config.config.working_dir.unwrap_or_default(),
                ..RunConfig::default()
            },
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
    use crate::store::digest::chain_ids;
    use crate::store::reference::parse_normalized_named;

    #[test]
    fn every_catalogue_manifest_verifies_and_chain_ids_match() {
        let registry = Registry::catalogue();
        let raw: serde_json::Value = serde_json::from_str(CATALOGUE_JSON).unwrap();
        let images = raw["images"].as_array().unwrap();
        assert!(!images.is_empty());
        for image in images {
            let pulled = registry.fetch(image["manifest_digest"].as_str().unwrap()).unwrap();
            assert_eq!(pulled.image_id, image["image_id"]);
            let diffs: Vec<String> = pulled.layers.iter().map(|l| l.diff_id.clone()).collect();
            assert_eq!(serde_json::json!(chain_ids(&diffs)), image["chain_ids"]);
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
