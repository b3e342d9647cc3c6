//! The log set-up of a function on Lambda: what `lambda_runtime`'s default subscriber does, the
//! same variables read the same way, without a regex engine. `lambda_runtime` filters with
//! `EnvFilter`, which links `regex-automata` (about 270 KB) for span-field patterns a Lambda
//! function's `RUST_LOG` does not use; `sma` filters with `Targets`, which reads the same
//! `target=level` lists.
//!
//! - `AWS_LAMBDA_LOG_LEVEL` (set by Lambda's advanced logging controls), else `RUST_LOG` read as
//!   one level, else INFO: the level of every target;
//! - `RUST_LOG` as directives (`warn,sma_core=debug`): when one reads, they replace that level,
//!   as with `EnvFilter`; one that does not read is skipped (a span or field filter, say);
//! - `AWS_LAMBDA_LOG_FORMAT=json`: one JSON object a line, as Lambda's JSON log format expects.

use lambda_runtime::tracing::subscriber;
use std::str::FromStr;
use subscriber::filter::{LevelFilter, Targets};
use subscriber::layer::SubscriberExt;
use subscriber::util::SubscriberInitExt;

/// Installs the subscriber, unless the function installed its own.
pub(super) fn init() {
    install(std::io::stdout);
}

/// Installs Lambda mode's subscriber, as the variables of the environment set it up, writing
/// to `writer`, unless a subscriber is set already. For the benchmarks, which measure an
/// invocation under it writing nowhere (`bench/src/bin/profile.rs`, `--lambda-logs`); a
/// function gets it from [`App::run`](crate::App::run).
///
/// ```
/// sma_core::__lambda_logs(std::io::sink);
/// tracing::info!("written nowhere");
/// ```
pub fn install<W>(writer: W)
where
    W: for<'w> subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let var = |name: &str| std::env::var(name).ok();
    let filter = filter(var("AWS_LAMBDA_LOG_LEVEL").as_deref(), var("RUST_LOG").as_deref());
    let json = var("AWS_LAMBDA_LOG_FORMAT").is_some_and(|f| f.eq_ignore_ascii_case("json"));
    let format = subscriber::fmt::layer().with_target(false).without_time().with_writer(writer);
    let registry = subscriber::registry().with(filter);
    // Fails only when a subscriber is already set: the function's own, which stays.
    let _ = if json {
        registry.with(format.json()).try_init()
    } else {
        registry.with(format).try_init()
    };
}

/// The filter the variables give (see the module documentation).
fn filter(aws_level: Option<&str>, rust_log: Option<&str>) -> Targets {
    let directives: Vec<&str> = rust_log
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty() && Targets::from_str(d).is_ok())
        .collect();
    match directives.is_empty() {
        true => {
            let level = aws_level.or(rust_log).and_then(|l| LevelFilter::from_str(l.trim()).ok());
            Targets::new().with_default(level.unwrap_or(LevelFilter::INFO))
        }
        false => Targets::from_str(&directives.join(",")).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_runtime::tracing::Level;

    fn enables(t: &Targets, target: &str, level: Level) -> bool {
        t.would_enable(target, &level)
    }

    #[test]
    fn the_variables_read_as_lambda_runtime_reads_them() {
        let default = filter(None, None);
        assert!(
            enables(&default, "my_fn", Level::INFO) && !enables(&default, "my_fn", Level::DEBUG)
        );
        let aws = filter(Some("DEBUG"), None);
        assert!(
            enables(&aws, "sma_core", Level::DEBUG) && !enables(&aws, "sma_core", Level::TRACE)
        );
        let level = filter(None, Some("warn"));
        assert!(!enables(&level, "my_fn", Level::INFO) && enables(&level, "my_fn", Level::WARN));
        let list = filter(Some("ERROR"), Some("warn,sma_core=debug"));
        assert!(enables(&list, "sma_core::runtime", Level::DEBUG));
        assert!(enables(&list, "my_fn", Level::WARN) && !enables(&list, "my_fn", Level::INFO));
        // A directive that does not read is skipped; none left: the level, else INFO.
        let skipped = filter(None, Some("sma_core[span{id=1}]=trace,info"));
        assert!(
            enables(&skipped, "my_fn", Level::INFO) && !enables(&skipped, "my_fn", Level::DEBUG)
        );
        // The invocation span (target: the module that makes it) off, the function's INFO on
        // (the README's advice for a function that does not want to pay for the span).
        let no_span = filter(None, Some("info,sma_core=warn"));
        assert!(!enables(&no_span, "sma_core::runtime::app::trace", Level::INFO));
        assert!(enables(&no_span, "sma_core::runtime::app::answer", Level::WARN));
        assert!(enables(&no_span, "my_fn", Level::INFO));
        let nonsense = filter(None, Some("=lolwut"));
        assert!(
            enables(&nonsense, "my_fn", Level::INFO) && !enables(&nonsense, "my_fn", Level::DEBUG)
        );
    }
}
