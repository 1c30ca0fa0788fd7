//! Cross-site request forgery: a request that changes something (any method but GET, HEAD,
//! OPTIONS) must come from this site's own pages. A browser says where a request comes from —
//! `Sec-Fetch-Site` in every current browser, `Origin` (or `Referer`) in older ones — and a
//! request from another site, or from another port of this host (`same-site`), is refused with
//! 403 before it reaches a handler. A request with none of these headers comes from no browser,
//! so it carries no cookie a visited page could abuse, and passes (the sync clients, scripts).

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_only(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || from_this_site(req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "cross-origin request refused");
    crate::api_error::ApiError::new(
        StatusCode::FORBIDDEN,
        "cross_origin",
        None,
        app::i18n::api::CROSS_ORIGIN,
    )
    .into_response()
}

/// Whether the browser (if it is one) says the request comes from this site's own pages.
fn from_this_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        // `none`: the person typed the address or used a bookmark.
        return matches!(site, "same-origin" | "none");
    }
    let Some(host) = text(header::HOST) else {
        return false;
    };
    match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => authority(origin) == Some(host),
        (None, Some(referer)) => authority(referer) == Some(host),
        (None, None) => true,
    }
}

/// `host:port` of an absolute http(s) URL; `None` for anything else (`null`, a relative path).
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn only_this_sites_pages_may_change_things() {
        let own = [("host", "fq.example:3000")];
        assert!(from_this_site(&headers(&[
            own[0],
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(
            !from_this_site(&headers(&[own[0], ("sec-fetch-site", "same-site")])),
            "another port"
        );
        assert!(!from_this_site(&headers(&[
            own[0],
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(from_this_site(&headers(&[
            own[0],
            ("origin", "http://fq.example:3000")
        ])));
        assert!(!from_this_site(&headers(&[
            own[0],
            ("origin", "http://fq.example:4000")
        ])));
        assert!(!from_this_site(&headers(&[own[0], ("origin", "null")])));
        assert!(from_this_site(&headers(&[
            own[0],
            ("referer", "https://fq.example:3000/admin?x=1")
        ])));
        assert!(!from_this_site(&headers(&[
            own[0],
            ("referer", "https://evil.example/fq.example:3000")
        ])));
        assert!(
            from_this_site(&headers(&own)),
            "no browser, no ambient cookie to abuse"
        );
    }
}
