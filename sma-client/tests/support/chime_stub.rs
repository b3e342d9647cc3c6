//! A Chime SDK Voice API stub on 127.0.0.1: it records each request and answers every one with
//! the same status and JSON body. Shared by `sma-client` and `sma-examples` (included by path).
#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// The requests received so far: method, path, JSON body.
pub(crate) type Received = Arc<Mutex<Vec<(String, String, Value)>>>;

/// Serves on a free loopback port; answers `status` with `body` (an error status with the
/// `x-amzn-errortype` header the SDK reads).
pub(crate) async fn serve(status: u16, body: Value) -> (std::net::SocketAddr, Received) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let received: Received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (log, body) = (log.clone(), body.clone());
            tokio::spawn(async move {
                let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                    let (log, body) = (log.clone(), body.clone());
                    async move {
                        let (method, path) =
                            (req.method().to_string(), req.uri().path().to_owned());
                        let bytes = req.into_body().collect().await?.to_bytes();
                        let sent = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                        log.lock().expect("log").push((method, path, sent));
                        let mut answer = Response::builder()
                            .status(status)
                            .header("content-type", "application/json");
                        if status >= 400 {
                            answer = answer.header("x-amzn-errortype", "BadRequestException");
                        }
                        Ok::<_, hyper::Error>(
                            answer.body(Full::new(Bytes::from(body.to_string()))).expect("answer"),
                        )
                    }
                });
                let io = TokioIo::new(stream);
                let _ =
                    hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
            });
        }
    });
    (address, received)
}
