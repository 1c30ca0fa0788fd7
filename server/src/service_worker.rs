//! Serves `/sw.js`: the service worker script with this build's id written in, so every deploy
//! gets its own offline cache (STYLE.md, service-worker pitfalls 1 and 3).

use axum::http::header;
use axum::response::IntoResponse;
use sha2::{Digest, Sha256};
use std::path::Path;

const TEMPLATE: &str = include_str!("service_worker.js");

/// The build id: a hash of the files the browser runs. Changes whenever any of them does.
pub fn build_id(site_root: &str, pkg_dir: &str, output_name: &str) -> String {
    let mut hasher = Sha256::new();
    for ext in ["js", "wasm", "css"] {
        let path = Path::new(site_root)
            .join(pkg_dir)
            .join(format!("{output_name}.{ext}"));
        match std::fs::read(&path) {
            Ok(bytes) => hasher.update(&bytes),
            Err(_) => hasher.update(b"missing"),
        }
    }
    hasher.update(TEMPLATE.as_bytes());
    hex::encode(&hasher.finalize()[..8])
}

pub fn script(build_id: &str) -> String {
    TEMPLATE.replace("__BUILD__", build_id)
}

/// The handler: never cached by the browser's HTTP cache, so a new worker is found at once.
pub fn response(script: &str) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/javascript; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        script.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_id_changes_with_the_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
        let root = dir.path().to_str().unwrap();
        std::fs::write(dir.path().join("pkg/app.wasm"), b"one").unwrap();
        let first = build_id(root, "pkg", "app");
        std::fs::write(dir.path().join("pkg/app.wasm"), b"two").unwrap();
        assert_ne!(first, build_id(root, "pkg", "app"));
        assert!(script(&first).contains(&first));
        assert!(!script(&first).contains("__BUILD__"));
    }
}
