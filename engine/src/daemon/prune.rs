//! `ContainersPrune` (moby `daemon/prune.go`): `docker container prune`.

use crate::daemon::Daemon;
use crate::store::ContainerId;

impl Daemon {
    /// `ContainersPrune`: every container that is not running, newest first. What it removed
    /// are its events; it returns the bytes reclaimed (the containers' RW layers).
    pub fn containers_prune(&mut self, labels: &[(String, Option<String>)]) -> u64 {
        let mut stopped: Vec<(i64, ContainerId, u64)> = self
            .store
            .containers
            .values()
            .filter(|c| !c.is_running() && crate::daemon::filters::labels_match(&c.labels, labels))
            .map(|c| (c.created, c.id.clone(), c.size_rw))
            .collect();
        crate::sorting::sort_by(&mut stopped, |a, b| b.cmp(a));
        let mut reclaimed = 0;
        for (_, id, size) in stopped {
            self.remove_container_record(&id);
            reclaimed += size;
        }
        reclaimed
    }
}
