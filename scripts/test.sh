#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suite, then the browser tests
# (installing Debian's chromium and the npm packages of tests/browser/ when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked
if [ -f tests/browser/package.json ]; then
  echo "== browser tests"
  bash tests/browser/run.sh
fi
