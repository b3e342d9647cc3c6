//! A Lambda Runtime API on loopback, for tests that run a function binary through the real
//! `lambda_runtime` loop: it hands out queued events on `/next` (holding the poll while there
//! are none, as Lambda does) and records what the function posts back, and when.
//!
//! Shared by `sma-tests` and `sma-examples` (which includes this file by path).
#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::collections::VecDeque;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};

/// What the function posted for an invocation.
#[derive(Debug)]
pub(crate) enum Posted {
    /// `POST /invocation/{id}/response`.
    #[allow(missing_docs)]
    Response { id: String, body: Vec<u8>, at: Instant },
    /// `POST /invocation/{id}/error` (or anything else).
    Error { id: String, body: String },
}

impl Posted {
    /// The request id it was posted for.
    pub(crate) fn id(&self) -> &str {
        match self {
            Posted::Response { id, .. } | Posted::Error { id, .. } => id,
        }
    }
}

struct State {
    /// The base path in front of every request path (`/.rt`, as `cargo lambda watch` uses).
    base: String,
    queue: Mutex<VecDeque<(String, Vec<u8>)>>,
    ready: Notify,
    posted: mpsc::UnboundedSender<Posted>,
    deadline_ms: u64,
}

/// The stub API; [`RuntimeApi::address`] goes into `AWS_LAMBDA_RUNTIME_API`.
pub(crate) struct RuntimeApi {
    state: Arc<State>,
    posted: mpsc::UnboundedReceiver<Posted>,
    address: String,
}

impl RuntimeApi {
    /// Listens on a free loopback port; each invocation gets `deadline` to run.
    pub(crate) async fn start(deadline: Duration) -> Self {
        Self::start_at(deadline, "").await
    }

    /// Like [`RuntimeApi::start`], serving under a base path (`/.rt`): the address is then
    /// `http://127.0.0.1:port/.rt`, the form `cargo lambda watch` sets.
    pub(crate) async fn start_at(deadline: Duration, base: &str) -> Self {
        let (tx, posted) = mpsc::unbounded_channel();
        let state = Arc::new(State {
            base: base.to_owned(),
            queue: Mutex::new(VecDeque::new()),
            ready: Notify::new(),
            posted: tx,
            deadline_ms: deadline.as_millis() as u64,
        });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let address = match base {
            "" => listener.local_addr().expect("address").to_string(),
            base => format!("http://{}{base}", listener.local_addr().expect("address")),
        };
        let server = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { break };
                let state = server.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| serve(state.clone(), req));
                    let _ =
                        http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        RuntimeApi { state, posted, address }
    }

    /// `host:port`.
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    /// Queues an invocation.
    pub(crate) fn invoke(&self, id: &str, event: impl Into<Vec<u8>>) {
        self.state.queue.lock().expect("queue").push_back((id.to_owned(), event.into()));
        self.state.ready.notify_waiters();
    }

    /// The next thing the function posts, if it posts within `wait`.
    pub(crate) async fn next_post(&mut self, wait: Duration) -> Option<Posted> {
        tokio::time::timeout(wait, self.posted.recv()).await.ok().flatten()
    }

    /// Starts `binary` as a Lambda function against this API, its logs (JSON lines) on a pipe.
    pub(crate) fn start_function(&self, binary: &str, envs: &[(&str, &str)]) -> Function {
        let mut cmd = Command::new(binary);
        cmd.env("AWS_LAMBDA_RUNTIME_API", &self.address)
            .env("AWS_LAMBDA_FUNCTION_NAME", "probe")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .env_remove("RUST_LOG")
            .env_remove("AWS_LAMBDA_LOG_LEVEL")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        Function(Some(cmd.spawn().expect("start the function")))
    }
}

/// A running function; killed on drop.
pub(crate) struct Function(Option<Child>);

impl Function {
    /// Stops the function and returns what it wrote: (stdout, stderr).
    pub(crate) fn stop(mut self) -> (String, String) {
        let mut child = self.0.take().expect("running");
        let _ = child.kill();
        let out = child.wait_with_output().expect("the function's output");
        (String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

async fn serve(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let full = req.uri().path().to_owned();
    let path = full.strip_prefix(state.base.as_str()).unwrap_or("/outside-the-base").to_owned();
    let method = req.method().clone();
    let body = req.into_body().collect().await?.to_bytes();
    if method == Method::GET && path == "/2018-06-01/runtime/invocation/next" {
        loop {
            let next = state.queue.lock().expect("queue").pop_front();
            if let Some((id, event)) = next {
                let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock");
                let deadline = now.as_millis() as u64 + state.deadline_ms;
                let response = Response::builder()
                    .header("lambda-runtime-aws-request-id", &id)
                    .header("lambda-runtime-invocation-id", format!("inv-{id}"))
                    .header("lambda-runtime-deadline-ms", deadline.to_string())
                    .header(
                        "lambda-runtime-invoked-function-arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:probe",
                    )
                    .header("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000")
                    .body(Full::new(Bytes::from(event)))
                    .expect("response");
                return Ok(response);
            }
            state.ready.notified().await;
        }
    }
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let posted = match parts.as_slice() {
        ["2018-06-01", "runtime", "invocation", id, "response"] => {
            Posted::Response { id: (*id).to_owned(), body: body.to_vec(), at: Instant::now() }
        }
        ["2018-06-01", "runtime", "invocation", id, _] => Posted::Error {
            id: (*id).to_owned(),
            body: String::from_utf8_lossy(&body).into_owned(),
        },
        _ => Posted::Error { id: full.clone(), body: String::from_utf8_lossy(&body).into_owned() },
    };
    let _ = state.posted.send(posted);
    Ok(Response::builder()
        .status(StatusCode::ACCEPTED)
        .body(Full::new(Bytes::new()))
        .expect("response"))
}
