//! Serves `/sw.js`: the service worker script with this build's id written in, so every deploy
//! gets its own offline cache (STYLE.md, service-worker pitfalls 1 and 3).

use axum::http::header;
use axum::response::IntoResponse;
use sha2::{Digest, Sha256};
use std::path::Path;

const TEMPLATE: &str = include_str!("service_worker.js");

/// The files of one build: those the browser needs to start (the app's JS, wasm and CSS, and
/// with `cargo leptos build --split` the split loader `__wasm_split*.js`), and the lazily loaded
/// pages' chunks, which the worker also keeps so that every page opens offline.
pub struct Build {
    /// A hash of every build file (chunks included): changes whenever any of them does.
    pub id: String,
    /// The boot files, as `/pkg/...` paths.
    pub boot_files: Vec<String>,
    /// The lazily loaded chunks, as `/pkg/...` paths.
    pub lazy_files: Vec<String>,
}

impl Build {
    pub fn scan(site_root: &str, pkg_dir: &str, output_name: &str) -> Build {
        let dir = Path::new(site_root).join(pkg_dir);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".js") || n.ends_with(".wasm") || n.ends_with(".css"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let mut hasher = Sha256::new();
        for name in &names {
            hasher.update(name.as_bytes());
            match std::fs::read(dir.join(name)) {
                Ok(bytes) => hasher.update(&bytes),
                Err(_) => hasher.update(b"missing"),
            }
        }
        hasher.update(TEMPLATE.as_bytes());
        let is_boot =
            |n: &str| n.starts_with(&format!("{output_name}.")) || n.starts_with("__wasm_split");
        let path = |n: &String| format!("/{pkg_dir}/{n}");
        let (boot, lazy): (Vec<&String>, Vec<&String>) = names.iter().partition(|n| is_boot(n));
        Build {
            id: hex::encode(&hasher.finalize()[..8]),
            boot_files: boot.into_iter().map(path).collect(),
            lazy_files: lazy
                .into_iter()
                .filter(|n| n.ends_with(".wasm"))
                .map(path)
                .collect(),
        }
    }

    /// `/sw.js` for this build.
    pub fn script(&self) -> String {
        let list = |files: &[String]| serde_json::to_string(files).unwrap_or_else(|_| "[]".into());
        TEMPLATE
            .replace("__BUILD__", &self.id)
            .replace("__BOOT_FILES__", &list(&self.boot_files))
            .replace("__LAZY_FILES__", &list(&self.lazy_files))
    }
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
    fn the_build_id_changes_with_any_file_and_boot_files_are_told_from_chunks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
        let root = dir.path().to_str().unwrap();
        for (name, bytes) in [
            ("app.js", "js"),
            ("app.wasm", "one"),
            ("app.css", "css"),
            ("__wasm_split.abc.js", "loader"),
            ("chunk_1.wasm", "chunk"),
        ] {
            std::fs::write(dir.path().join("pkg").join(name), bytes).unwrap();
        }
        let first = Build::scan(root, "pkg", "app");
        assert_eq!(
            first.boot_files,
            vec![
                "/pkg/__wasm_split.abc.js",
                "/pkg/app.css",
                "/pkg/app.js",
                "/pkg/app.wasm"
            ]
        );
        assert_eq!(first.lazy_files, vec!["/pkg/chunk_1.wasm"]);
        std::fs::write(dir.path().join("pkg/chunk_1.wasm"), b"two").unwrap();
        let second = Build::scan(root, "pkg", "app");
        assert_ne!(first.id, second.id, "a chunk changed: a new build");
        let script = second.script();
        assert!(script.contains(&second.id));
        assert!(script.contains("\"/pkg/app.wasm\""));
        assert!(script.contains("\"/pkg/chunk_1.wasm\""));
        assert!(
            !script.contains("__BUILD__")
                && !script.contains("__BOOT_FILES__")
                && !script.contains("__LAZY_FILES__")
        );
    }
}
