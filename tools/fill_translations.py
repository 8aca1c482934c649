"""Fill unfinished entries of a Qt .ts file from a JSON {source: translation} file.

Usage: python tools/fill_translations.py resources/i18n/livehelper_vi.ts NEW.json
Then run `bash livehelper.sh i18n` to compile. Entries not in the JSON stay unfinished
(the translation test lists them).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, json_path: str) -> int:
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


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
