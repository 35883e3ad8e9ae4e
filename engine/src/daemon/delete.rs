//! `ContainerRm` (moby `daemon/delete.go`): `docker rm`.

use std::sync::Arc;

use crate::daemon::{ContainerError, Daemon};
use crate::outcome::Event;
use crate::store::{ContainerId, ContainerState};

impl Daemon {
    pub fn remove_container(&mut self, id: &ContainerId, force: bool) -> Result<(), ContainerError> {
        let Some(container) = self.store.containers.get(id) else {
            return Err(ContainerError::NotFound(id.to_string()));
        };
        if container.is_running() {
            if !force {
                return Err(ContainerError::RemoveRunning(container.name.clone()));
            }
            let id = id.clone();
            let now = self.now;
            if let Some(c) = self.store.containers.get_mut(&id).map(Arc::make_mut) {
                c.state = ContainerState::Exited(137);
                c.finished_at = Some(now);
            }
        }
        self.remove_container_record(id);
        Ok(())
    }

    /// Releases the RW layer; image layers it was the last holder of vanish without a word.
    pub(super) fn remove_container_record(&mut self, id: &ContainerId) {
        let (removed, freed) = self.store.remove_container(id);
        if removed.is_some() {
            self.emit(Event::ContainerRemoved { container: id.to_string() });
            for layer in freed {
                self.emit(Event::LayerDeleted { layer: layer.chain_id.clone(), diff_size: layer.diff_size });
            }
        }
    }
}
