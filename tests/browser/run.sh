#!/usr/bin/env bash
# Browser tests: builds the browser and HTTP API fixture sites with errdocs, then drives
# them in headless Chromium (tests in site.test.js and api.test.js, run by node's
# built-in test runner).
#
# On a fresh Debian machine, as root, it first installs what is missing: Debian's
# `chromium` package (only when /usr/bin/chromium is absent; npm never downloads a
# browser) and the npm packages pinned in package-lock.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "== installing node and npm"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci (tests/browser)"
  # --ignore-scripts: no install script runs, so nothing can fetch a browser.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
fi

echo "== building the browser fixture site"
(cd "$repo" && cargo build --locked --quiet)
errdocs="${CARGO_TARGET_DIR:-$repo/target}/debug/errdocs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$errdocs" build --root "$repo/tests/fixtures/browser" --output "$work/root" --base-url / >/dev/null
"$errdocs" build --root "$repo/tests/fixtures/browser" --output "$work/docs" --base-url /docs/ >/dev/null
"$errdocs" build --root "$repo/tests/fixtures/http-api" --output "$work/api" --base-url / >/dev/null
"$errdocs" build --root "$repo/tests/fixtures/multilingual" --output "$work/languages" --base-url /docs/ >/dev/null
echo "== errdocs init, then build, as a new user does"
mkdir "$work/new"
(cd "$work/new" && CI=1 "$errdocs" init acme --title "Acme API errors" --product "Acme API" >/dev/null \
  && cd acme && "$errdocs" check --deny-warnings && "$errdocs" build --output "$work/init" >/dev/null)

echo "== node --test (headless Chromium)"
# The timeouts (here and in support.js) only stop a hang: minutes, never a judgement
# of speed.
SITE_DIR="$work/root" SUBPATH_SITE_DIR="$work/docs" INIT_SITE_DIR="$work/init" API_SITE_DIR="$work/api" \
  LANGUAGES_SITE_DIR="$work/languages" \
  node --test --test-concurrency=1 --test-timeout=300000 site.test.js init.test.js api.test.js languages.test.js
