//! The Runtime API's address, and the one request `sma` sends it itself: the watchdog's answer
//! for a handler that blocks its thread past the deadline, posted from the watchdog's thread
//! while the async runtime is held (everything else goes through `lambda_runtime`'s client).

/// Where the Runtime API is: `AWS_LAMBDA_RUNTIME_API`, read the way `lambda_runtime` reads it.
/// Lambda sets `host:port` (`127.0.0.1:9001`); `cargo lambda watch` and other emulators may add
/// `http://` and a base path (`http://127.0.0.1:9000/.rt`), which `lambda_runtime` puts in front
/// of every request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuntimeApi {
    /// `host:port`, for the connection and the `Host` header.
    authority: String,
    /// The base path, without a trailing `/` (empty for none).
    base_path: String,
}

impl RuntimeApi {
    /// Reads `host:port`, `http://host:port` or either with a base path.
    pub(crate) fn parse(api: &str) -> Result<Self, String> {
        let trimmed = api.trim();
        let rest = match trimmed.split_once("://") {
            None => trimmed,
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some((scheme, _)) => {
                return Err(format!(
                    "the scheme {scheme:?} is not http (the Runtime API speaks plain HTTP)"
                ));
            }
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let host_char = |b: u8| b.is_ascii_alphanumeric() || b"-._:[]".contains(&b);
        if authority.is_empty() || !authority.bytes().all(host_char) {
            return Err("it names no host:port".into());
        }
        let path_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~/".contains(&b);
        if !path.bytes().all(path_char) {
            return Err("its path has characters a request path cannot take".into());
        }
        Ok(RuntimeApi {
            authority: authority.to_owned(),
            base_path: path.trim_end_matches('/').to_owned(),
        })
    }
}

/// Posts `answer` for `request_id` to the Runtime API from the watchdog thread: plain HTTP/1.1
/// on the address Lambda gives, as `lambda_runtime` does.
pub(super) fn post_response(
    api: &RuntimeApi,
    request_id: &str,
    invocation_id: Option<&str>,
    answer: &[u8],
) {
    use std::io::{Read, Write};
    let safe = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if !safe(request_id) || !invocation_id.is_none_or(safe) {
        tracing::error!("cannot post the failure answer: unexpected characters in the request id");
        return;
    }
    let RuntimeApi { authority, base_path } = api;
    let timeout = Some(std::time::Duration::from_secs(2));
    let sent = std::net::TcpStream::connect(authority.as_str()).and_then(|mut stream| {
        stream.set_write_timeout(timeout)?;
        stream.set_read_timeout(timeout)?;
        let id_header = invocation_id
            .map(|id| format!("Lambda-Runtime-Invocation-Id: {id}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "POST {base_path}/2018-06-01/runtime/invocation/{request_id}/response HTTP/1.1\r\nHost: {authority}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n{id_header}\
             Connection: close\r\n\r\n",
            answer.len()
        )?;
        stream.write_all(answer)?;
        let mut status = [0u8; 12];
        stream.read_exact(&mut status)?;
        Ok(String::from_utf8_lossy(&status[9..12]).into_owned())
    });
    match sent {
        Ok(status) if status.starts_with('2') => {}
        Ok(status) => tracing::error!(%status, "the Runtime API refused the failure answer"),
        Err(e) => tracing::error!(error = %e, "cannot post the failure answer"),
    }
}

#[cfg(test)]
mod tests {
    use super::RuntimeApi;

    #[test]
    fn the_runtime_api_address_forms_lambda_and_cargo_lambda_set() {
        let api = |s: &str| RuntimeApi::parse(s).map(|a| (a.authority, a.base_path));
        let plain = |a: &str, p: &str| Ok((a.to_owned(), p.to_owned()));
        assert_eq!(api("127.0.0.1:9001"), plain("127.0.0.1:9001", ""));
        assert_eq!(api("http://127.0.0.1:9000/.rt"), plain("127.0.0.1:9000", "/.rt"));
        assert_eq!(api("HTTP://localhost:9000/.rt/"), plain("localhost:9000", "/.rt"));
        assert_eq!(api("[::1]:9001"), plain("[::1]:9001", ""));
        assert!(api("https://127.0.0.1:9001").is_err());
        assert!(api("").is_err());
        assert!(api("127.0.0.1:9001/a b").is_err());
        assert!(api("http://user@host:1").is_err());
    }
}
