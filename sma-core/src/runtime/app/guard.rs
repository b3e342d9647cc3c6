//! The guard around a handler: a panic is caught and the deadline holds, on the task that
//! serves the invocation.

use crate::contract::response::Response;
use crate::dispatch::handler::HandlerError;
use crate::dispatch::handler::HandlerFuture;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

/// How long the handler may run: the sooner of `timeout` and the Lambda deadline (epoch
/// milliseconds, 0 when unknown), less `margin`.
pub(crate) fn budget(timeout: Duration, lambda_deadline_ms: u64, margin: Duration) -> Duration {
    let mut budget = timeout;
    if lambda_deadline_ms > 0 {
        let deadline = SystemTime::UNIX_EPOCH + Duration::from_millis(lambda_deadline_ms);
        let left = deadline.duration_since(SystemTime::now()).unwrap_or_default();
        budget = budget.min(left);
    }
    budget.saturating_sub(margin)
}

thread_local! {
    /// How many handler calls or polls are on this thread's stack (see [`in_handler`]).
    static IN_HANDLER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether this thread is running handler code now: the panic hook of Lambda mode keeps a
/// handler's message (which may hold call data) off stderr, and only a handler's.
pub(crate) fn in_handler() -> bool {
    IN_HANDLER.with(|n| n.get() > 0)
}

/// Runs `f` as handler code (see [`in_handler`]).
fn as_handler<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            IN_HANDLER.with(|n| n.set(n.get().saturating_sub(1)));
        }
    }
    IN_HANDLER.with(|n| n.set(n.get() + 1));
    let _leave = Leave;
    std::panic::catch_unwind(AssertUnwindSafe(f))
}

/// Runs a handler's future in place, catching a panic (in its first call or any later poll),
/// and stops waiting at the budget. A handler that answers on its first poll (most do) costs
/// no task and no timer: the timer is armed only once the handler waits.
pub(crate) fn run_guarded(call: impl FnOnce() -> HandlerFuture, budget: Duration) -> Guarded {
    let started = Instant::now();
    match as_handler(call) {
        Ok(future) => Guarded { state: State::Running(future), started, budget, timer: None },
        Err(payload) => {
            Guarded { state: State::Panicked(panic_message(payload)), started, budget, timer: None }
        }
    }
}

/// The future of [`run_guarded`].
pub(crate) struct Guarded {
    state: State,
    started: Instant,
    budget: Duration,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

enum State {
    Running(HandlerFuture),
    Panicked(String),
    Done,
}

impl Future for Guarded {
    type Output = Result<Response, HandlerError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let future = match &mut this.state {
            State::Running(future) => future,
            State::Panicked(message) => {
                let message = std::mem::take(message);
                this.state = State::Done;
                return Poll::Ready(Err(HandlerError::Panicked(message)));
            }
            State::Done => return Poll::Pending,
        };
        match as_handler(|| future.as_mut().poll(cx)) {
            Ok(Poll::Ready(result)) => {
                this.state = State::Done;
                return Poll::Ready(result);
            }
            Ok(Poll::Pending) => {}
            Err(payload) => {
                // Dropping the future may panic again: contain that too.
                let state = std::mem::replace(&mut this.state, State::Done);
                let _ = std::panic::catch_unwind(AssertUnwindSafe(move || drop(state)));
                return Poll::Ready(Err(HandlerError::Panicked(panic_message(payload))));
            }
        }
        let deadline = tokio::time::Instant::from_std(this.started + this.budget);
        let timer = this.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                this.state = State::Done;
                Poll::Ready(Err(HandlerError::TimedOut(this.budget)))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with a non-string payload".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_takes_the_sooner_deadline() {
        let margin = Duration::from_millis(500);
        assert_eq!(budget(Duration::from_secs(20), 0, margin), Duration::from_millis(19_500));
        let in_two_s = SystemTime::now() + Duration::from_secs(2);
        let ms = in_two_s.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() as u64;
        let b = budget(Duration::from_secs(20), ms, margin);
        assert!(b <= Duration::from_millis(1_500) && b > Duration::from_millis(1_000), "{b:?}");
    }
}
