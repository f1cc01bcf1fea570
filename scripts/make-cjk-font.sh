#!/usr/bin/env bash
# Regenerates assets/fonts/NotoSansSC-subset.otf: the Chinese font compiled
# into peakplan for charts and embedded in Chinese HTML reports.
#
# Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1, see
# assets/fonts/LICENSE-NotoSansCJK.txt), as shipped by Debian's
# `fonts-noto-cjk` (NotoSansCJK-Regular.ttc, face 2 is SC).
# Tool: fonttools' pyftsubset (`pip install fonttools`).
#
# The subset holds:
#   * printable ASCII, Latin-1 and the punctuation and symbols charts use;
#   * every character of the project's Rust sources outside ASCII (the
#     Chinese labels of reports and charts);
#   * the 3,755 first-level characters of GB 2312 (the common Chinese
#     characters), so that Chinese scenario names and descriptions render.
#
# Usage:  scripts/make-cjk-font.sh [path/to/NotoSansCJK-Regular.ttc]
# Needs:  python3 with fonttools; the .ttc (apt-get install fonts-noto-cjk).
# Rerun it when a new Chinese label uses a character outside the set; the
# test `the_cjk_font_covers_every_chinese_label` names any that is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
ttc="${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
[ -f "$ttc" ] || { echo "error: $ttc not found; apt-get install fonts-noto-cjk or pass its path" >&2; exit 1; }
out=assets/fonts/NotoSansSC-subset.otf
chars="$(mktemp)"
trap 'rm -f "$chars"' EXIT

python3 - "$chars" <<'PY'
import pathlib, sys
text = set()
for path in pathlib.Path("src").rglob("*.rs"):
    text.update(c for c in path.read_text(encoding="utf-8") if ord(c) > 0x7E)
# GB 2312 level 1: rows 0xB0-0xD7, cells 0xA1-0xFE (row 0xD7 ends at 0xF9).
for row in range(0xB0, 0xD8):
    for cell in range(0xA1, 0xFF):
        try:
            text.add(bytes([row, cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
text.update(chr(c) for c in range(0x20, 0x7F))
text.update(chr(c) for c in range(0xA0, 0x100))
text.update("–—‘’“”…·•−×≤≥±→←↑↓✔✘✓✗、。，；：？！（）《》【】「」％＋－")
pathlib.Path(sys.argv[1]).write_text("".join(sorted(text)), encoding="utf-8")
PY

pyftsubset "$ttc" --font-number=2 --text-file="$chars" --output-file="$out" \
    --layout-features='kern,liga,locl,vert' --no-hinting \
    --name-IDs='*' --name-languages='*' --drop-tables+=DSIG
echo "wrote $out ($(wc -c <"$out") bytes, $(wc -m <"$chars") characters)" >&2
