//! The IVR binary served by the real `lambda_runtime` loop, against a local Lambda Runtime API
//! on loopback: it polls `/next`, answers each event on `/response`, and keeps serving.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::collections::VecDeque;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};

/// What the function posted back.
#[derive(Debug)]
enum Posted {
    Response(String, Value),
    Error(String, String),
}

struct RuntimeApi {
    queue: Mutex<VecDeque<(String, Vec<u8>)>>,
    ready: Notify,
    posted: mpsc::UnboundedSender<Posted>,
}

async fn serve(
    api: Arc<RuntimeApi>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    let body = req.into_body().collect().await?.to_bytes();
    if method == Method::GET && path == "/2018-06-01/runtime/invocation/next" {
        loop {
            let next = api.queue.lock().expect("queue").pop_front();
            if let Some((id, event)) = next {
                let deadline =
                    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis()
                        + 30_000;
                let response = Response::builder()
                    .header("lambda-runtime-aws-request-id", id)
                    .header("lambda-runtime-deadline-ms", deadline.to_string())
                    .header(
                        "lambda-runtime-invoked-function-arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:ivr",
                    )
                    .header("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000")
                    .body(Full::new(Bytes::from(event)))
                    .expect("response");
                return Ok(response);
            }
            // No event left: hold the poll, as Lambda does between invocations.
            api.ready.notified().await;
        }
    }
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if let ["2018-06-01", "runtime", "invocation", id, kind] = parts.as_slice() {
        let id = (*id).to_owned();
        let posted = match *kind {
            "response" => {
                Posted::Response(id, serde_json::from_slice(&body).unwrap_or(Value::Null))
            }
            _ => Posted::Error(id, String::from_utf8_lossy(&body).into_owned()),
        };
        let _ = api.posted.send(posted);
    } else {
        let _ = api.posted.send(Posted::Error(path, String::from_utf8_lossy(&body).into_owned()));
    }
    Ok(Response::builder()
        .status(StatusCode::ACCEPTED)
        .body(Full::new(Bytes::new()))
        .expect("response"))
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn event(name: &str) -> Vec<u8> {
    let path = format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ivr_answers_through_the_lambda_runtime_loop() {
    let (posted_tx, mut posted) = mpsc::unbounded_channel();
    let api = Arc::new(RuntimeApi {
        queue: Mutex::new(VecDeque::new()),
        ready: Notify::new(),
        posted: posted_tx,
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let address = listener.local_addr().expect("address");
    let server_api = api.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { break };
            let api = server_api.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| serve(api.clone(), req));
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });

    let _child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_ivr"))
            .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", "ivr")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("SALES_NUMBER", "+12065550100")
            .env_remove("CALLER_ID")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the ivr binary"),
    );

    let cases = [
        ("req-1", "new_inbound_call.json"),
        ("req-2", "menu_pressed_2.json"),
        ("req-3", "hangup_leg_b.json"),
        ("req-4", "menu_pressed_1.json"),
    ];
    let mut answers = Vec::new();
    for (id, file) in cases {
        api.queue.lock().expect("queue").push_back((id.to_owned(), event(file)));
        api.ready.notify_waiters();
        let answer = tokio::time::timeout(Duration::from_secs(60), posted.recv())
            .await
            .expect("the function answered in time")
            .expect("an answer");
        match answer {
            Posted::Response(got, body) => {
                assert_eq!(got, id, "answers come back on the invocation's request id");
                answers.push(body);
            }
            Posted::Error(got, body) => panic!("{got}: the function reported an error: {body}"),
        }
    }

    // NEW_INBOUND_CALL: greeting and the menu, on LEG-A.
    let greet = &answers[0]["Actions"];
    assert_eq!(greet[0]["Type"], "Speak");
    assert_eq!(greet[1]["Type"], "SpeakAndGetDigits");
    assert_eq!(greet[1]["Parameters"]["CallId"], "3c9e1f2a-6b7d-4c8e-a5f0-1d2e3f4a5b6c");
    assert_eq!(greet[1]["Parameters"]["InputDigitsRegex"], "^[0-2]$");
    // ACTION_SUCCESSFUL with "2": support hours, then hang up.
    let support = &answers[1]["Actions"];
    assert!(support[0]["Parameters"]["Text"].as_str().is_some_and(|t| t.contains("Support")));
    assert_eq!(support[1]["Type"], "Hangup");
    // HANGUP of LEG-B on a bridged call: LEG-A is hung up too.
    let hangup = &answers[2]["Actions"];
    assert_eq!(hangup.as_array().map(Vec::len), Some(1));
    assert_eq!(hangup[0]["Type"], "Hangup");
    assert_eq!(hangup[0]["Parameters"]["CallId"], "3c9e1f2a-6b7d-4c8e-a5f0-1d2e3f4a5b6c");
    // ACTION_SUCCESSFUL with "1": bridge to sales.
    let bridge = &answers[3]["Actions"];
    assert_eq!(bridge[1]["Type"], "CallAndBridge");
    assert_eq!(bridge[1]["Parameters"]["Endpoints"][0]["Uri"], "+12065550100");
}
