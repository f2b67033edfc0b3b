#!/usr/bin/env python3
"""Builds Parley's bundled emoji set (src-resources/emoji/) from emoji-datasource-google.

The app cannot use the system's colour emoji font (JavaFX on Linux renders none), so it draws
emoji from one sprite sheet of Noto Color Emoji images. This script is how that sheet and its
index were made; the build itself never needs npm or this script.

    cd /tmp && npm pack emoji-datasource-google@16.0.0 && tar xzf emoji-datasource-google-16.0.0.tgz
    python3 tools/emoji/generate.py /tmp/package

Inputs: package/emoji.json (MIT, Cal Henderson / iamcal) and
package/img/google/sheets-256/32.png (Noto Color Emoji images, Apache-2.0; 32 px cells with a
1 px border, 62 x 62 cells, quantised to 256 colours so the sheet stays about 1.5 MB). Every
emoji of this version has a Google image (checked below), so the sheet holds no fallback images
from other sets.

Output emoji-index.tsv, one emoji per line, in the dataset's sort order:
    sequences <TAB> sheet_x <TAB> sheet_y <TAB> category <TAB> short names <TAB> name
where sequences is the fully-qualified code point sequence (hex, '-' between code points)
followed by its other spellings (non-qualified), separated by spaces. Skin-tone variants get
their own line with an empty category: they are matched in text but not listed in the picker
(the picker offers the default tone). The "Component" category (skin tone and hair swatches) is
matched but not listed either.
"""
import json
import shutil
import sys
from pathlib import Path

VERSION = "16.0.0"
PICKER_CATEGORIES = [
    "Smileys & Emotion",
    "People & Body",
    "Animals & Nature",
    "Food & Drink",
    "Travel & Places",
    "Activities",
    "Objects",
    "Symbols",
    "Flags",
]


def main(package: Path, out: Path) -> None:
    data = json.loads((package / "emoji.json").read_text(encoding="utf-8"))
    if json.loads((package / "package.json").read_text())["version"] != VERSION:
        sys.exit(f"expected emoji-datasource-google {VERSION}")
    lines = []
    for e in sorted(data, key=lambda e: e["sort_order"]):
        assert e["has_img_google"], e["name"]
        category = e["category"] if e["category"] in PICKER_CATEGORIES else ""
        seqs = [e["unified"]] + [q for q in [e.get("non_qualified")] if q]
        lines.append(row(seqs, e["sheet_x"], e["sheet_y"], category, e["short_names"], e["name"]))
        for tone in (e.get("skin_variations") or {}).values():
            assert tone["has_img_google"], tone["unified"]
            seqs = [tone["unified"]] + [q for q in [tone.get("non_qualified")] if q]
            lines.append(row(seqs, tone["sheet_x"], tone["sheet_y"], "", [], e["name"]))
    out.mkdir(parents=True, exist_ok=True)
    (out / "emoji-index.tsv").write_text("".join(lines), encoding="utf-8")
    shutil.copyfile(package / "img/google/sheets-256/32.png", out / "emoji-32.png")
    print(f"{len(lines)} entries -> {out}")


def row(seqs, x, y, category, short_names, name):
    return "\t".join([" ".join(s.upper() for s in seqs), str(x), str(y), category,
                      ",".join(short_names), name.lower()]) + "\n"


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/package"), root / "src-resources/emoji")
