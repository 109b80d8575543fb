#!/usr/bin/env bash
# The report in a real browser (issue 15): installs Debian's chromium when it is missing, makes
# the report of the fixture letters with the release build, loads it headless and checks it
# (tests/browser/report.py: no console message or error, the data parses, the screenshot is not
# blank, the page prints). The screenshot and the print are left in target/browser/.
#
#   bash tests/browser/run.sh [IMR]     IMR: the imr binary (default target/release/imr)
set -euo pipefail
cd "$(dirname "$0")/../.."
imr="${1:-${CARGO_TARGET_DIR:-target}/release/imr}"
out="${CARGO_TARGET_DIR:-target}/browser"

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium ..."
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

mkdir -p "$out/one"
# Letters with errors and unreadable PDFs are among the fixtures: status 1 or 2 is expected.
"$imr" report --no-progress --title "imr fixtures" -o "$out/report.html" tests/fixtures || true
python3 tests/browser/report.py "$(command -v chromium)" "$out/report.html" "$out"
# One letter: every chart of one group (plotters cannot lay out an axis of one segment).
"$imr" report --no-progress -o "$out/one/report.html" tests/fixtures/corpus/CM16-0213037.pypdf.txt
python3 tests/browser/report.py "$(command -v chromium)" "$out/one/report.html" "$out/one"
