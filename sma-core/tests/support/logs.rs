//! A log sink for tests: what a tracing subscriber wrote, as text.
#![allow(dead_code)]

pub(crate) use super::buffer::Buffer;

impl Buffer {
    /// A subscriber writing plain text into this buffer, at INFO and above.
    pub(crate) fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || writer.clone())
            .finish()
    }
}
