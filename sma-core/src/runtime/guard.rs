//! The guard around a handler: its own task (so that a panic is caught) and a deadline.

use crate::contract::response::Response;
use crate::dispatch::handler::HandlerError;
use crate::dispatch::private::HandlerFuture;
use std::time::{Duration, SystemTime};

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

/// Runs a handler's future on its own task so that a panic is caught, and stops waiting at the
/// budget.
pub(crate) async fn run_guarded(
    future: HandlerFuture,
    budget: Duration,
) -> Result<Response, HandlerError> {
    let task = tokio::spawn(future);
    let abort = task.abort_handle();
    match tokio::time::timeout(budget, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => Err(HandlerError::Panicked(panic_message(join))),
        Err(_) => {
            abort.abort();
            Err(HandlerError::TimedOut(budget))
        }
    }
}

fn panic_message(join: tokio::task::JoinError) -> String {
    if !join.is_panic() {
        return join.to_string();
    }
    let payload = join.into_panic();
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
