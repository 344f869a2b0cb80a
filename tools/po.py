"""Add translations to a .po catalogue: `python tools/po.py AREA` reads msgid<TAB>msgstr lines on stdin.

Each side is a JSON string; for a plural, msgstr is a JSON list of the two Dutch forms (the
English plural comes from the code's `ngettext` / `Nn_`). Translators' comments and flags in
the catalogue are kept (polib writes it).

Also `python tools/po.py --missing` lists the marked strings that have no Dutch yet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from ln_tui.i18n_catalogues import add_translations, marked_strings, translated

    if sys.argv[1] == "--missing":
        dutch = translated("nl")
        for msgid, mark in marked_strings().items():
            if msgid not in dutch:
                print(f"{mark.where}\t{json.dumps(msgid, ensure_ascii=False)}")
        return
    path = ROOT / "ln_tui" / "locale" / "nl" / f"{sys.argv[1]}.po"
    pairs = []
    for line in sys.stdin:
        if "\t" in line:
            msgid, msgstr = line.rstrip("\n").split("\t", 1)
            pairs.append((json.loads(msgid), json.loads(msgstr)))
    add_translations(path, pairs)


if __name__ == "__main__":
    main()
