//! The headers every answer carries (issue 14): the browser must not guess types (`nosniff`),
//! no other site may frame a page (`DENY`, against clickjacking), a link out tells the other
//! site nothing of the page it came from (`same-origin`), and an answer that may carry personal
//! data — every page and every `/api/` answer — is kept in no browser or proxy cache
//! (`no-store`). The built files keep their own long caching (`static_files`), and the offline
//! copies live in the service worker's cache, which these headers do not govern. Served over
//! HTTPS (`FQ_HTTPS`), every cookie is sent `Secure` and browsers are told to keep to HTTPS.
//!
//! Every page carries a Content-Security-Policy: scripts run only with this response's nonce
//! (the hydration script and the service worker's registration carry it; Leptos puts it there
//! from [`CspNonce`]) or when loaded by such a script (`'strict-dynamic'`: the wasm's glue and
//! its lazily loaded chunks); the wasm may compile (`'wasm-unsafe-eval'`); no inline style, no
//! plug-in, no framing, no form posted elsewhere. Injected markup therefore cannot run.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// This response's script nonce, for the page's renderer (`crate::http::router`).
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    /// 128 random bits, hex: a CSP nonce may hold these characters.
    fn new() -> CspNonce {
        let mut bytes = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        CspNonce(hex::encode(bytes))
    }
}

/// The policy of a page served with `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

pub async fn protective_headers(
    State(https): State<bool>,
    mut req: Request,
    next: Next,
) -> Response {
    let personal = req.uri().path().starts_with("/api/");
    let nonce = CspNonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut response = next.run(req).await;
    let page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if personal || page {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if page {
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce.0)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    if https {
        secure_cookies(headers);
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Marks every cookie the answer sets `Secure`: the browser then sends it over HTTPS only.
fn secure_cookies(headers: &mut axum::http::HeaderMap) {
    let cookies: Vec<HeaderValue> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| {
            let text = value.to_str().ok()?;
            let marked = text
                .split(';')
                .any(|part| part.trim().eq_ignore_ascii_case("secure"));
            if marked {
                Some(value.clone())
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).ok()
            }
        })
        .collect();
    headers.remove(header::SET_COOKIE);
    for cookie in cookies {
        headers.append(header::SET_COOKIE, cookie);
    }
}
