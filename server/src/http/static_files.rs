//! The build's files (`/pkg/*`): served precompressed — Brotli at its highest quality and gzip
//! at level 9, made once per build — because every byte is paid for on a 3G phone. A client
//! that accepts neither gets the plain file.

use axum::http::{header, HeaderValue};
use axum::Router;
use std::io::Write;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

const COMPRESSIBLE: [&str; 3] = ["js", "wasm", "css"];

/// `/pkg` served from `site_root/pkg_dir`. The names carry no hash, so browsers revalidate
/// (`no-cache` with Last-Modified); the service worker keeps the offline copy.
pub fn pkg_router<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let dir = Path::new(site_root).join(pkg_dir);
    let service = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service(&format!("/{pkg_dir}"), service)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

/// Writes `.br` and `.gz` beside each build file that lacks them or has changed since. Runs in
/// the background at start-up: until it finishes, the compression layer compresses on the fly.
pub fn precompress(site_root: &str, pkg_dir: &str) {
    let dir = Path::new(site_root).join(pkg_dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if compressible {
            if let Err(error) = precompress_file(&path) {
                tracing::warn!(%error, file = %path.display(), "could not precompress");
            }
        }
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn is_fresh(source: &Path, derived: &Path) -> bool {
    match (
        std::fs::metadata(source).and_then(|m| m.modified()),
        std::fs::metadata(derived).and_then(|m| m.modified()),
    ) {
        (Ok(source), Ok(derived)) => derived >= source,
        _ => false,
    }
}

fn precompress_file(path: &Path) -> std::io::Result<()> {
    let bytes = std::fs::read(path)?;
    let br = sibling(path, ".br");
    if !is_fresh(path, &br) {
        let mut out = Vec::with_capacity(bytes.len() / 3);
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params)?;
        write_atomically(&br, &out)?;
    }
    let gz = sibling(path, ".gz");
    if !is_fresh(path, &gz) {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&bytes)?;
        write_atomically(&gz, &encoder.finish()?)?;
    }
    Ok(())
}

/// Another instance may be serving the same folder: never let it see half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = sibling(path, &format!(".tmp{}", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_files_get_smaller_brotli_and_gzip_twins() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
        let wasm = dir.path().join("pkg/app.wasm");
        std::fs::write(&wasm, "fengqiao ".repeat(10_000)).unwrap();
        std::fs::write(dir.path().join("pkg/readme.txt"), "not a build file").unwrap();
        precompress(dir.path().to_str().unwrap(), "pkg");
        let size = |p: &str| std::fs::metadata(dir.path().join(p)).map(|m| m.len()).ok();
        assert!(size("pkg/app.wasm.br").unwrap() < 1_000);
        assert!(size("pkg/app.wasm.gz").unwrap() < 1_000);
        assert_eq!(size("pkg/readme.txt.br"), None);
    }
}
