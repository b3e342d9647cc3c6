//! A shared byte sink for tests: what a logger or a recorder wrote, read back as text. Shared
//! with the `sma-tests` crate (`#[path]`), so that it is written once.
#![allow(dead_code)]

use std::io::Write;
use std::sync::{Arc, Mutex};

/// A shared buffer a writer (a `tracing_subscriber`, a `Recorder`) writes into.
#[derive(Clone, Default)]
pub(crate) struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    /// What was written.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("buffer")).into_owned()
    }
}
