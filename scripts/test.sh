#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suite, then the browser tests
# (installing Debian's chromium and the npm packages of tests/browser/ when missing).
# Ends with one line counting every test run: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked 2>&1 | tee -a "$log"
if [ -f tests/browser/package.json ]; then
  echo "== browser tests"
  bash tests/browser/run.sh 2>&1 | tee -a "$log"
fi

# cargo: "test result: ok. 82 passed; 0 failed; ..."; node --test: "# pass 12" / "# fail 0".
passed=$(awk '/^test result:/ {p += $4} /^# pass / {p += $3} END {print p + 0}' "$log")
failed=$(awk '/^test result:/ {f += $6} /^# fail / {f += $3} END {print f + 0}' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
