//! Graceful shutdown. On SIGTERM or SIGINT the server stops accepting
//! connections and lets in-flight requests finish (actix's graceful stop);
//! then [`Shutdown::trigger`] tells the background loops (outbox worker,
//! jobs worker, scheduler) to stop at their next safe point — between two
//! drains, between two jobs — and the process waits for them, bounded by
//! [`WORKER_GRACE`], before it exits 0.
//!
//! A loop holds a [`Stop`]: it checks [`Stop::is_stopping`] before starting
//! a unit of work and sleeps with [`Stop::sleep`], which returns early
//! when the stop comes.

use std::time::Duration;

use tokio::sync::watch;

/// How long the process waits for its loops to reach a safe point.
pub const WORKER_GRACE: Duration = Duration::from_secs(60);

/// The sending side, kept by the application.
#[derive(Debug)]
pub struct Shutdown {
    tx: watch::Sender<bool>,
}

/// The receiving side, handed to every background loop.
#[derive(Debug, Clone)]
pub struct Stop {
    rx: watch::Receiver<bool>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown::new()
    }
}

impl Shutdown {
    pub fn new() -> Shutdown {
        let (tx, _) = watch::channel(false);
        Shutdown { tx }
    }

    /// A receiver for one loop.
    pub fn stop(&self) -> Stop {
        Stop {
            rx: self.tx.subscribe(),
        }
    }

    /// Asks every loop to stop at its next safe point.
    pub fn trigger(&self) {
        self.tx.send_replace(true);
    }
}

impl Stop {
    /// A receiver that never fires (for callers without a shutdown, e.g. tests).
    pub fn never() -> Stop {
        let (tx, rx) = watch::channel(false);
        // Keep the sender alive for the life of the process: a dropped
        // sender must not read as a stop.
        std::mem::forget(tx);
        Stop { rx }
    }

    /// True once the stop has been asked for.
    pub fn is_stopping(&self) -> bool {
        *self.rx.borrow()
    }

    /// Resolves when the stop is asked for (at once if it already was).
    pub async fn wait(&mut self) {
        while !*self.rx.borrow_and_update() {
            if self.rx.changed().await.is_err() {
                // Sender gone without a stop: never resolves.
                std::future::pending::<()>().await;
            }
        }
    }

    /// Sleeps `d`, or less if the stop comes; returns true if stopping.
    pub async fn sleep(&mut self, d: Duration) -> bool {
        tokio::select! {
            _ = tokio::time::sleep(d) => self.is_stopping(),
            _ = self.wait() => true,
        }
    }
}

/// Resolves on the first SIGTERM or SIGINT (Ctrl-C).
pub async fn signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        match (term, int) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => tracing::info!("SIGTERM received: graceful shutdown"),
                    _ = int.recv() => tracing::info!("SIGINT received: graceful shutdown"),
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("Ctrl-C received: graceful shutdown");
    }
}

/// Waits (at most [`WORKER_GRACE`]) for the loops' tasks to end.
pub async fn join_workers(handles: Vec<tokio::task::JoinHandle<()>>) {
    let all = async {
        for h in handles {
            let _ = h.await;
        }
    };
    if tokio::time::timeout(WORKER_GRACE, all).await.is_err() {
        tracing::warn!("background loops did not stop in time");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_stop_wakes_a_sleeping_loop() {
        let s = Shutdown::new();
        let mut stop = s.stop();
        assert!(!stop.is_stopping());
        let t = tokio::spawn(async move { stop.sleep(Duration::from_secs(600)).await });
        s.trigger();
        assert!(tokio::time::timeout(Duration::from_secs(5), t)
            .await
            .expect("woken")
            .expect("joined"));
        assert!(!Stop::never().is_stopping());
    }
}
