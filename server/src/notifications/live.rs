//! Live delivery to open browsers: when a transaction that told users something commits, their
//! server-sent-event streams wake and send the new unread count, so a cadre sees a new case
//! appear without reloading. One process: a broadcast channel. (Several instances would relay
//! through PostgreSQL LISTEN/NOTIFY; not built yet.)

use tokio::sync::broadcast;

/// Wakes the live streams of users who were just told something.
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<i64>,
}

impl Default for Live {
    fn default() -> Live {
        // A stream that falls this far behind re-reads its count anyway (see `sync::live`).
        let (sender, _) = broadcast::channel(1024);
        Live { sender }
    }
}

impl Live {
    /// Call after the commit: a stream woken earlier could read the count before the change.
    pub fn wake(&self, user_ids: &[i64]) {
        for id in user_ids {
            // No stream open is fine: they will see it in the inbox or on their next sync.
            let _ = self.sender.send(*id);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.sender.subscribe()
    }
}
