#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suite, `errdocs fmt --check` on the
# shipped records, then the browser tests
# (installing Debian's chromium and the npm packages of tests/browser/ when missing).
# Ends with one line counting every test run: "N passed, N failed, N skipped".
#
# A test that cannot run its real check here (say, no way to mount a small disk) says so
# on a line starting with "errdocs-test-skipped:" and is counted as skipped, not passed;
# so are ignored Rust tests and skipped browser tests. Any failure, or a suite that did
# not run to its end, makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked 2>&1 | tee -a "$log" || status=1
echo "== errdocs fmt --check (the shipped records are formatted)"
cargo run --quiet --locked -- fmt --check || status=1
if [ -f tests/browser/package.json ]; then
  echo "== browser tests"
  bash tests/browser/run.sh 2>&1 | tee -a "$log" || status=1
fi

# cargo: "test result: ok. 82 passed; 0 failed; 1 ignored; ..."; node --test: "# pass 12",
# "# fail 0", "# cancelled 0", "# skipped 0", "# todo 0".
summary=$(awk '
  /^test result:/ { p += $4; f += $6; s += $8 }
  /^# pass /      { p += $3 }
  /^# fail /      { f += $3 }
  /^# cancelled / { f += $3 }
  /^# skipped /   { s += $3 }
  /^# todo /      { s += $3 }
  index($0, "errdocs-test-skipped:") == 1 { print > "/dev/stderr"; p -= 1; s += 1 }
  END { print p + 0, f + 0, s + 0 }
' "$log")
read -r passed failed skipped <<<"$summary"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
