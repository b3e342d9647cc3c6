//! The deadline of a handler that blocks its thread.
//!
//! The guard around a handler ([`super::guard`]) stops waiting at the deadline, but only if
//! its thread is free to notice: a handler that blocks it (a synchronous SDK call,
//! `std::thread::sleep`) on the current-thread runtime holds the timer too, and its answer
//! would go out late. The watchdog is a thread of its own: armed for each invocation (as many at
//! once as the runtime serves concurrently), it answers with the failure policy through the
//! Lambda Runtime API itself when an invocation's deadline passes, and the late answer is then
//! dropped.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// What the watchdog does when an armed invocation is still running at its deadline: gets the
/// failure answer's bytes and posts them.
pub(crate) type Fire = Box<dyn FnOnce() + Send>;

/// One watchdog thread, armed for every invocation in progress, each with its own deadline.
#[derive(Clone)]
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
}

struct Shared {
    /// The invocations in progress (a handful: the runtime's concurrency).
    armed: Mutex<Vec<Armed>>,
    wake: Condvar,
    /// The thread, spawned at the first arming (not at start-up, which Lambda bills): whether
    /// it runs.
    thread: OnceLock<bool>,
}

struct Armed {
    id: u64,
    deadline: Instant,
    fire: Fire,
}

/// The watchdog armed for one invocation; [`Arming::disarm`] when the answer is ready. Dropped
/// without a disarm (the invocation was abandoned), it is disarmed all the same.
pub(crate) struct Arming {
    shared: Arc<Shared>,
    id: u64,
}

impl Watchdog {
    /// A watchdog whose thread starts when it is first armed.
    pub(crate) fn new() -> Self {
        let shared =
            Shared { armed: Mutex::new(Vec::new()), wake: Condvar::new(), thread: OnceLock::new() };
        Watchdog { shared: Arc::new(shared) }
    }

    /// Arms the watchdog for one more invocation: `fire` runs at `deadline` unless the returned
    /// arming is disarmed first. Other armings are not touched. The first arming starts the thread; should that fail, the invocation goes on
    /// without it (the guard still holds the deadline of a handler that does not block).
    pub(crate) fn arm(&self, deadline: Instant, fire: Fire) -> Arming {
        self.shared.thread.get_or_init(|| {
            let thread = self.shared.clone();
            let spawned = std::thread::Builder::new()
                .name("sma-watchdog".into())
                .spawn(move || thread.run());
            if let Err(e) = &spawned {
                tracing::error!(error = %e, "cannot start the watchdog thread; a handler that blocks its thread may answer late");
            }
            spawned.is_ok()
        });
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.shared.lock().push(Armed { id, deadline, fire });
        self.shared.wake.notify_one();
        Arming { shared: self.shared.clone(), id }
    }
}

impl Arming {
    /// Takes the invocation back from the watchdog: `true` if it had not fired (the caller
    /// answers), `false` if the watchdog already answered (the caller's answer is late and must
    /// not be sent).
    pub(crate) fn disarm(self) -> bool {
        self.shared.take(self.id)
    }
}

impl Drop for Arming {
    fn drop(&mut self) {
        self.shared.take(self.id);
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Vec<Armed>> {
        // A panic while holding the lock leaves nothing half-written: carry on.
        self.armed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Removes the arming `id`: whether it was still armed.
    fn take(&self, id: u64) -> bool {
        let mut armed = self.lock();
        match armed.iter().position(|a| a.id == id) {
            Some(i) => {
                armed.swap_remove(i);
                true
            }
            None => false,
        }
    }

    fn run(&self) {
        let mut armed = self.lock();
        loop {
            let now = Instant::now();
            armed = match armed.iter().map(|a| a.deadline).min() {
                None => self.wake.wait(armed).unwrap_or_else(PoisonError::into_inner),
                Some(deadline) if deadline > now => self
                    .wake
                    .wait_timeout(armed, deadline - now)
                    .map(|(guard, _)| guard)
                    .unwrap_or_else(|e| e.into_inner().0),
                Some(_) => {
                    let (due, waiting): (Vec<_>, Vec<_>) =
                        std::mem::take(&mut *armed).into_iter().partition(|a| a.deadline <= now);
                    *armed = waiting;
                    drop(armed);
                    for a in due {
                        (a.fire)();
                    }
                    self.lock()
                }
            };
        }
    }
}

/// When the watchdog acts: after the guard's own deadline (`budget` from `started`), half the
/// margin later, so that a handler that does not block is always stopped by its guard first.
pub(crate) fn deadline(started: Instant, budget: Duration, margin: Duration) -> Instant {
    started + budget + margin / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn fires_once_at_the_deadline_unless_disarmed() {
        let dog = Watchdog::new();
        assert!(dog.shared.thread.get().is_none(), "no thread before the first arming");
        let fired = Arc::new(AtomicUsize::new(0));
        let count = |fired: &Arc<AtomicUsize>| -> Fire {
            let fired = fired.clone();
            Box::new(move || {
                fired.fetch_add(1, Ordering::SeqCst);
            })
        };
        let soon = Instant::now() + Duration::from_millis(50);
        // Disarmed in time: nothing fires.
        let arming = dog.arm(soon, count(&fired));
        assert_eq!(dog.shared.thread.get(), Some(&true), "started by the first arming");
        assert!(arming.disarm());
        std::thread::sleep(Duration::from_millis(150));
        assert_eq!(fired.load(Ordering::SeqCst), 0);
        // Not disarmed: fires once, and the late disarm says so.
        let arming = dog.arm(Instant::now() + Duration::from_millis(50), count(&fired));
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(fired.load(Ordering::SeqCst), 1);
        assert!(!arming.disarm());
        // Armings are independent: each fires at its own deadline, or is disarmed on its own.
        let later = dog.arm(Instant::now() + Duration::from_secs(60), count(&fired));
        let sooner = dog.arm(Instant::now() + Duration::from_millis(50), count(&fired));
        let soonest = dog.arm(Instant::now() + Duration::from_millis(20), count(&fired));
        assert!(soonest.disarm());
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(fired.load(Ordering::SeqCst), 2, "the sooner one fired, alone");
        assert!(!sooner.disarm());
        assert!(later.disarm(), "the later one is still armed");
        // An arming dropped without a disarm never fires.
        drop(dog.arm(Instant::now() + Duration::from_millis(20), count(&fired)));
        std::thread::sleep(Duration::from_millis(150));
        assert_eq!(fired.load(Ordering::SeqCst), 2);
    }
}
