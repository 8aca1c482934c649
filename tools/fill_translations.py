"""Fill unfinished entries of a Qt .ts file from a JSON {source: translation} file.

Usage:
  python tools/fill_translations.py resources/i18n/livehelper_vi.ts NEW.json
  python tools/fill_translations.py --dump resources/i18n/livehelper_vi.ts > KNOWN.json

``--dump`` writes every finished translation: `bash livehelper.sh i18n` dumps before
lupdate and fills after, so a text that moved to another class (another translation
context) keeps its translation. Entries not in the JSON stay unfinished (the
translation test lists them).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def finished(ts_path: str) -> dict[str, str]:
    known: dict[str, str] = {}
    for message in ET.parse(ts_path).getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        if source and translation is not None and translation.get("type") is None:
            known.setdefault(source, translation.text or "")
    return known


def fill(ts_path: str, json_path: str) -> int:
    with open(json_path, encoding="utf-8") as handle:
        wanted: dict[str, str] = json.load(handle)
    tree = ET.parse(ts_path)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in wanted:
            translation.text = wanted[source]
            del translation.attrib["type"]
            filled += 1
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    print(f"{filled} translations filled")
    return 0


def main(args: list[str]) -> int:
    if args[:1] == ["--dump"]:
        json.dump(finished(args[1]), sys.stdout, ensure_ascii=False, indent=1)
        return 0
    return fill(*args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
