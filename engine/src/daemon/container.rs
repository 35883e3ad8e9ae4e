//! `GetContainer` (moby `daemon/container.go`): a container by full ID, name or unique prefix.

use std::sync::Arc;

use crate::daemon::{ContainerError, Daemon};
use crate::store::ContainerId;

impl Daemon {
    /// `GetContainer`: full ID, then exact name, then a unique ID prefix.
    pub fn get_container(&self, arg: &str) -> Result<ContainerId, ContainerError> {
        if let Some((id, _)) = self.store.containers.get_key_value(arg) {
            return Ok(id.clone());
        }
        if let Some(c) = self.store.container_by_name(arg.strip_prefix('/').unwrap_or(arg)) {
            return Ok(c.id.clone());
        }
        if arg.is_empty() {
            return Err(ContainerError::NotFound(arg.to_string()));
        }
        let mut matches = self
            .store
            .containers
            .range(Arc::<str>::from(arg)..)
            .take_while(|(id, _)| id.starts_with(arg))
            .map(|(id, _)| id.clone());
        match (matches.next(), matches.next()) {
            (Some(id), None) => Ok(id),
            (Some(_), Some(_)) => Err(ContainerError::Ambiguous(arg.to_string())),
            _ => Err(ContainerError::NotFound(arg.to_string())),
        }
    }
}
