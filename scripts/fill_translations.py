#!/usr/bin/env python3
"""Writes the Japanese strings of translations/ja_strings.py into sdxl-studio_ja.ts (after
`cmake --build build --target update_translations` or lupdate has added new source strings),
and marks the English .ts as finished (its translations are the source text). Exits 1 and
lists what is missing if a source string has no Japanese yet."""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "translations"))
from ja_strings import JA  # noqa: E402

missing = []
for name, table in (("sdxl-studio_ja.ts", JA), ("sdxl-studio_en.ts", None)):
    path = os.path.join(HERE, "..", "translations", name)
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        translation.attrib.pop("type", None)
        text = source if table is None else table.get(source)
        if text is None:
            missing.append(source)
            translation.set("type", "unfinished")
            continue
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            form = ET.SubElement(translation, "numerusform")
            form.text = text
        else:
            translation.text = text
    tree.write(path, encoding="utf-8", xml_declaration=True)
if missing:
    print("no Japanese yet for:\n  " + "\n  ".join(missing))
    sys.exit(1)
print("translations complete")
