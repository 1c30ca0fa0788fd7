#!/usr/bin/env bash
# Installs the build tools Fengqiao needs, each at the version it needs, and says what it does.
# Safe to run again: a tool already at the right version is left alone.
#
# Versions (see README "Toolchain"): cargo-leptos 0.3.10 (0.3.11 fails on rustc 1.95);
# wasm-bindgen-cli must equal the wasm-bindgen crate pinned in Cargo.toml; wasm-opt comes from
# npm binaryen 132 (Debian's binaryen 108 emits wasm that fails to hydrate).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
TOOLS="$PWD/.tools"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

version_of() { "$@" 2>/dev/null | head -n1 || true; }

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) is needed: install it with rustup from your distribution first." >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target (a few seconds)…"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "Adding the $component component…"
    rustup component add "$component"
  fi
done

if [[ "$(version_of cargo-leptos --version)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]]; then
  say "Installing cargo-leptos $CARGO_LEPTOS_VERSION from crates.io (takes 15–25 minutes on 2 cores; progress follows)…"
  cargo install --locked "cargo-leptos@$CARGO_LEPTOS_VERSION"
fi

if [[ "$(version_of wasm-bindgen --version)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 4 minutes)…"
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [[ "$(version_of "$TOOLS/node_modules/.bin/wasm-opt" --version)" != "wasm-opt version ${BINARYEN_VERSION%%.*}"* ]]; then
  if ! command -v npm >/dev/null; then
    echo "npm is needed for wasm-opt (binaryen): install Node.js 20 or newer first." >&2
    exit 1
  fi
  say "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/…"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION"
fi

say "Build tools ready: $(cargo-leptos --version), $(wasm-bindgen --version), $("$TOOLS/node_modules/.bin/wasm-opt" --version)"
