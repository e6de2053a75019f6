//! Bounded pools for the CPU-heavy work a request can start: claim extraction and password
//! hashing. Each runs on tokio's blocking threads (never on the async workers that serve every
//! other request), at most as many at once as the machine has cores, with a short queue behind
//! them; past the queue a request is answered "busy, retry later" instead of piling up threads
//! and memory (argon2 takes 19 MiB per hash: 40 parallel sign-ins once took the server from
//! 67 MB to 736 MB).

use std::sync::Arc;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;

/// A pool of `running` slots with `queue` places to wait in.
pub struct Gate {
    slots: Arc<Semaphore>,
    /// Running plus waiting.
    inside: Arc<AtomicUsize>,
    capacity: usize,
    /// How long a refused caller is told to wait, in seconds.
    retry_after: u64,
}

/// The pool and its queue are full: try again in `retry_after` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the server is busy; try again in {retry_after} s")]
pub struct Busy {
    pub retry_after: u64,
}

/// A place in a gate, taken at once (so a burst is refused at the door, not after queueing);
/// it is given back when the work ends or the ticket is dropped.
pub struct Ticket {
    slots: Arc<Semaphore>,
    inside: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.inside.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Gate {
    /// `running` slots (at least one) and `queue` places to wait.
    pub fn new(running: usize, queue: usize, retry_after: u64) -> Self {
        let running = running.max(1);
        Gate {
            slots: Arc::new(Semaphore::new(running)),
            inside: Arc::new(AtomicUsize::new(0)),
            capacity: running + queue,
            retry_after,
        }
    }

    /// Takes a place, running or waiting, or refuses when every place is taken.
    ///
    /// # Errors
    /// `Busy` when the pool and its queue are full.
    pub fn enter(&self) -> Result<Ticket, Busy> {
        let taken = self
            .inside
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.capacity).then_some(n + 1)
            });
        match taken {
            Ok(_) => Ok(Ticket {
                slots: self.slots.clone(),
                inside: self.inside.clone(),
            }),
            Err(_) => Err(Busy {
                retry_after: self.retry_after,
            }),
        }
    }

    /// Runs `work` on a blocking thread once a slot is free.
    ///
    /// # Errors
    /// `Busy` when the pool and its queue are full; the work's panic is resumed.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let ticket = self.enter()?;
        Ok(ticket.run(work).await)
    }

    /// How many calls are running or waiting now.
    pub fn inside(&self) -> usize {
        self.inside.load(Ordering::Acquire)
    }
}

impl Ticket {
    /// Waits for a slot, then runs `work` on a blocking thread.
    pub async fn run<T: Send + 'static>(self, work: impl FnOnce() -> T + Send + 'static) -> T {
        // The semaphore is never closed, so acquiring only waits.
        let permit = self.slots.clone().acquire_owned().await;
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await;
        drop(self);
        match joined {
            Ok(v) => v,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

/// Claim extraction (ingest, "Extract again", the extraction API): one per core, and a queue
/// of four per core (an ingest of a 2 MB article takes well under a second).
pub fn extraction() -> &'static Gate {
    static GATE: LazyLock<Gate> = LazyLock::new(|| Gate::new(cores(), 4 * cores(), 2));
    &GATE
}

/// Password hashing and checking (argon2id, 19 MiB and tens of milliseconds each): one per
/// core, and a queue of eight per core for a newsroom signing in at nine o'clock.
pub fn hashing() -> &'static Gate {
    static GATE: LazyLock<Gate> = LazyLock::new(|| Gate::new(cores(), 8 * cores(), 1));
    &GATE
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn never_runs_more_than_its_slots_and_refuses_past_its_queue() {
        let gate = Arc::new(Gate::new(2, 1, 3));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (release, gate_open) = mpsc::channel::<()>();
        let gate_open = Arc::new(std::sync::Mutex::new(gate_open));
        let mut handles = Vec::new();
        for _ in 0..3 {
            let ticket = gate.enter().expect("a place");
            let (running, most, gate_open) = (running.clone(), most.clone(), gate_open.clone());
            handles.push(tokio::spawn(ticket.run(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let _ = gate_open.lock().map(|rx| rx.recv());
                running.fetch_sub(1, Ordering::SeqCst);
            })));
        }
        // Two running, one waiting: the fourth is refused at once, with when to come back.
        assert_eq!(gate.inside(), 3);
        assert_eq!(gate.enter().err(), Some(Busy { retry_after: 3 }));
        for _ in 0..3 {
            release.send(()).expect("release");
        }
        for h in handles {
            h.await.expect("joined");
        }
        assert!(most.load(Ordering::SeqCst) <= 2, "at most two ran at once");
        assert_eq!(gate.inside(), 0, "every place was given back");
        assert_eq!(gate.run(|| 7).await, Ok(7));
    }
}
