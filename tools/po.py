"""Add translations to a .po catalogue: `python tools/po.py AREA` reads msgid<TAB>msgstr lines on stdin.

Also `python tools/po.py --missing` lists the marked strings that have no Dutch yet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> None:
    from ln_tui.i18n import catalogue, parse_po

    if sys.argv[1] == "--missing":
        from test_i18n import marked_strings

        dutch = catalogue("nl")
        for msgid, where in marked_strings().items():
            if not dutch.get(msgid):
                print(f"{where}\t{quote(msgid)}")
        return
    path = ROOT / "ln_tui" / "locale" / "nl" / f"{sys.argv[1]}.po"
    existing = parse_po(path.read_text(encoding="utf-8")) if path.exists() else {}
    for line in sys.stdin:
        if "\t" in line:
            msgid, msgstr = line.rstrip("\n").split("\t", 1)
            existing[json.loads(msgid)] = json.loads(msgstr)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: nl_BE\\n"\n'
    body = "".join(f"\nmsgid {quote(k)}\nmsgstr {quote(v)}\n" for k, v in existing.items())
    path.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main()
