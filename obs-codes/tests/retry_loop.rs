//! A complete retry loop as a client writes one: backon (a retry library from crates.io)
//! with exponential back-off, `ObsError::is_retryable` as the predicate and
//! `ObsError::retry_after` as the delay when the server gives one, against a scripted
//! OBS stand-in on 127.0.0.1. The server answers a fixed list of responses, one per
//! connection, and stops by itself (after its list, or after 10 s without a client).
//!
//! The sleeper records each delay instead of waiting it out, so the test takes no
//! seconds; a real client passes `tokio::time::sleep` or backon's own sleepers.

use backon::{ExponentialBuilder, Retryable, Sleeper};
use obs_codes::{ObsError, ObsErrorCode, RetryClass};
use std::fmt::Write as _;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long the server waits for a client, and a client for the server.
const PATIENCE: Duration = Duration::from_secs(10);

/// A scripted server on 127.0.0.1: the `n`th connection gets `script[n]`. Returns its
/// address and a handle that yields the request lines it read.
fn serve(script: Vec<String>) -> (SocketAddr, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    listener.set_nonblocking(true).expect("non-blocking accept");
    let handle = std::thread::spawn(move || {
        let mut requests = Vec::new();
        for response in script {
            let started = Instant::now();
            let mut stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        if started.elapsed() > PATIENCE {
                            return requests;
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(e) => panic!("accept: {e}"),
                }
            };
            stream.set_nonblocking(false).expect("blocking stream");
            stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
            requests.push(
                read_head(&mut stream)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            );
            stream
                .write_all(response.as_bytes())
                .expect("write response");
        }
        requests
    });
    (address, handle)
}

/// The request's head, up to the empty line (at most 64 KiB).
fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 << 10 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// A response as the server sends it.
fn response(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        write!(text, "{name}: {value}\r\n").unwrap();
    }
    write!(text, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    text
}

/// The client: one GET over a fresh connection; a 2xx gives the body, anything else an
/// `ObsError` read from the status, headers and body.
fn get(address: SocketAddr, path: &str) -> Result<Vec<u8>, ObsError> {
    let mut stream = TcpStream::connect_timeout(&address, PATIENCE).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("receive");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(&str, &str)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim(), value.trim()))
        .collect();
    if (200..300).contains(&status) {
        Ok(body.to_vec())
    } else {
        Err(ObsError::from_parts(status, headers, body))
    }
}

/// A sleeper that records the delays it is asked for.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Duration>>>);

impl Sleeper for Recorder {
    type Sleep = std::future::Ready<()>;

    fn sleep(&self, delay: Duration) -> Self::Sleep {
        self.0.lock().expect("not poisoned").push(delay);
        std::future::ready(())
    }
}

impl Recorder {
    fn delays(&self) -> Vec<Duration> {
        self.0.lock().expect("not poisoned").clone()
    }
}

/// Runs a future whose every step is ready at once (no I/O reactor here).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the retry loop never finished");
}

/// The retry loop under test: at most `times` retries, 100 ms doubling, the server's
/// `Retry-After` when it asks for longer.
fn fetch_with_retries(
    address: SocketAddr,
    times: usize,
    sleeper: &Recorder,
) -> Result<Vec<u8>, ObsError> {
    let backoff = ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(100))
        .with_max_times(times);
    block_on(
        (|| async { get(address, "/photos/cat.jpg") })
            .retry(backoff)
            .sleep(sleeper.clone())
            .when(ObsError::is_retryable)
            .adjust(|error: &ObsError, backoff: Option<Duration>| {
                let backoff = backoff?;
                Some(
                    error
                        .retry_after()
                        .map_or(backoff, |wait| wait.max(backoff)),
                )
            }),
    )
}

#[test]
fn retries_throttled_and_transient_errors_as_the_server_asks() {
    let slow_down =
        "<Error><Code>SlowDown</Code><Message>Reduce your request frequency.</Message></Error>";
    let internal = "<Error><Code>InternalError</Code><Message>Retry later.</Message></Error>";
    let (address, server) = serve(vec![
        response(
            "503 Service Unavailable",
            &[("Retry-After", "2")],
            slow_down,
        ),
        response(
            "500 Internal Server Error",
            &[
                ("Date", "Wed, 01 Jul 2015 04:20:51 GMT"),
                ("Retry-After", "Wed, 01 Jul 2015 04:20:54 GMT"),
            ],
            internal,
        ),
        response("200 OK", &[], "meow"),
    ]);
    let sleeper = Recorder::default();
    let body = fetch_with_retries(address, 4, &sleeper).expect("the third try succeeds");
    assert_eq!(body, b"meow");
    // The server's waits, not the back-off's 100 and 200 ms.
    assert_eq!(
        sleeper.delays(),
        [Duration::from_secs(2), Duration::from_secs(3)]
    );
    let requests = server.join().expect("the server ends");
    assert_eq!(requests, ["GET /photos/cat.jpg HTTP/1.1"; 3]);
}

#[test]
fn stops_at_once_on_an_error_that_retrying_repeats() {
    let (address, server) = serve(vec![response(
        "404 Not Found",
        &[("x-obs-request-id", "R404")],
        "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>",
    )]);
    let sleeper = Recorder::default();
    let error = fetch_with_retries(address, 4, &sleeper).expect_err("not found");
    assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
    assert_eq!(error.retry_class(), RetryClass::NotRetryable);
    assert_eq!(sleeper.delays(), []);
    assert_eq!(server.join().expect("the server ends").len(), 1);
    // Into an application's error chain, and back.
    let chained: anyhow::Error = error.into();
    assert_eq!(
        chained
            .downcast_ref::<ObsError>()
            .and_then(ObsError::request_id),
        Some("R404")
    );
}

#[test]
fn gives_up_after_the_last_retry_with_the_last_error() {
    let busy = "<Error><Code>ServiceUnavailable</Code></Error>";
    let (address, server) = serve(vec![
        response("503 Service Unavailable", &[], busy),
        response("503 Service Unavailable", &[], busy),
        response("520 Origin Error", &[("x-obs-request-id", "last")], ""),
    ]);
    let sleeper = Recorder::default();
    let error = fetch_with_retries(address, 2, &sleeper).expect_err("still failing");
    // The last answer, a bare 520: retried like any 5xx but 501 and 505.
    assert_eq!(error.status(), 520);
    assert_eq!(error.request_id(), Some("last"));
    assert!(error.is_retryable());
    // No Retry-After: the back-off's own delays (computed in floating point by backon).
    let millis: Vec<u128> = sleeper.delays().iter().map(Duration::as_millis).collect();
    assert_eq!(millis, [100, 200]);
    assert_eq!(server.join().expect("the server ends").len(), 3);
}
