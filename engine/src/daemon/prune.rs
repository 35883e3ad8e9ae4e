//! `ContainersPrune` (moby `daemon/prune.go`): `docker container prune`.

use crate::daemon::{filters, Daemon};
use crate::store::ContainerId;

impl Daemon {
    /// `ContainersPrune`: every container that is not running, created no later than `until`,
    /// with the labels asked for, newest first. What it removed are its events; it returns the
    /// bytes reclaimed (the containers' RW layers).
    pub fn containers_prune(&mut self, filters: &[(String, String)]) -> Result<u64, String> {
        filters::validate(filters, &["label", "label!", "until"])?;
        let until = filters::prune_until(filters, self.now)?;
        let mut stopped: Vec<(i64, ContainerId, u64)> = self
            .store
            .containers
            .values()
            .filter(|c| !c.is_running())
            .filter(|c| until.is_none_or(|until| c.created <= until))
            .filter(|c| filters::prune_labels_match(filters, &c.labels))
            .map(|c| (c.created, c.id.clone(), c.size_rw))
            .collect();
        crate::sorting::sort_by(&mut stopped, |a, b| b.cmp(a));
        let mut reclaimed = 0;
        for (_, id, size) in stopped {
            self.remove_container_record(&id);
            reclaimed += size;
        }
        Ok(reclaimed)
    }
}
