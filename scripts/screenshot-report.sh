#!/usr/bin/env bash
# Screenshot of the HTML report of the built-in Double 11 scenario.
#
# 1. Installs Debian's chromium if it is missing (apt-get; needs root or sudo).
#    A Chinese report (`--lang zh`) embeds its own font: none is installed.
# 2. Runs `peakplan simulate` on the built-in default scenario into a
#    temporary folder (charts, report.html, JSON, CSV).
# 3. Opens report.html in headless Chromium with console logging on, and
#    fails if the page logged anything to its console (no script runs in the
#    report, and its Content-Security-Policy forbids fetching anything, so
#    any console message means a script error or a blocked network request),
#    or if the page did not load (the DOM must hold the answer section).
# 4. Saves the screenshot as docs/report.png (the README's picture).
#
# Usage:   scripts/screenshot-report.sh [extra `simulate` flags, e.g. --lang zh]
# Env:     OUT_PNG    screenshot path          (default docs/report.png)
#          CHROMIUM   browser command          (default chromium)
#          KEEP=1     keep the temporary folder and print its path
set -euo pipefail

cd "$(dirname "$0")/.."
out_png="${OUT_PNG:-docs/report.png}"
chromium="${CHROMIUM:-chromium}"

install() {
    echo "installing $* ..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update
    $sudo apt-get install -y "$@"
}
command -v "$chromium" >/dev/null 2>&1 || install chromium

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then
    echo "keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

echo "simulating the default scenario ..." >&2
cargo run --quiet -- simulate --quiet --out "$work/report" "$@" >/dev/null
html="$work/report/report.html"
[ -s "$html" ] || { echo "error: $html was not written" >&2; exit 1; }

# Everything that keeps a fresh headless browser quiet and offline.
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars
    --disable-extensions --disable-default-apps --mute-audio
    --user-data-dir="$work/profile")

echo "loading the report in headless chromium ..." >&2
"$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
    --dump-dom "file://$html" >"$work/dom.html" 2>"$work/console.log" || true
if grep -E "CONSOLE|Uncaught|Refused to" "$work/console.log"; then
    echo "error: the report logged console messages (above)" >&2
    exit 1
fi
grep -q 'id="answer"' "$work/dom.html" || {
    echo "error: the report did not load in chromium; its log:" >&2
    cat "$work/console.log" >&2
    exit 1
}

mkdir -p "$(dirname "$out_png")"
"$chromium" "${flags[@]}" --screenshot="$work/shot.png" --window-size=1280,2400 \
    "file://$html" 2>"$work/screenshot.log" || true
[ -s "$work/shot.png" ] || { echo "error: no screenshot; log:" >&2; cat "$work/screenshot.log" >&2; exit 1; }
mv "$work/shot.png" "$out_png"
echo "no console errors; screenshot written to $out_png" >&2
