#!/usr/bin/env python3
"""Keep ``yimatong_plugin/i18n/yimatong_zh_CN.ts`` in step with the source strings.

Extracts, from every ``.py`` under ``yimatong_plugin/``:
  * ``tr("literal")`` / ``self.tr("literal")`` / ``tr_noop("literal")`` calls, and
  * string constants assigned to ``DISPLAY_NAME``, ``GROUP_NAME`` and ``HELP`` (Processing
    algorithm class constants translated by the algorithm base class),
and from every ``.ui`` file the translatable ``<string>`` properties (context: the form class).

Usage:
  scripts/i18n.py update   rewrite the .ts: new strings added (unfinished), translations kept,
                           strings gone from the sources dropped
  scripts/i18n.py add F.json  merge translations from a JSON object {"English": "中文", …}
                           (context ``yimatong``; use "Form::English" keys for .ui forms)
  scripts/i18n.py check    exit 1 if the .ts is not current, a tr() call has a non-literal
                           argument, or a message has no translation
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "yimatong_plugin"
TS_PATH = PLUGIN / "i18n" / "yimatong_zh_CN.ts"
CONTEXT = "yimatong"
CONSTANT_NAMES = {"DISPLAY_NAME", "GROUP_NAME", "HELP"}
TR_FUNCS = {"tr", "tr_noop"}


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_python(path: Path, errors: list[str]) -> list[tuple[str, str, int]]:
    """(context, source, line) for each translatable string in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    rel = path.relative_to(ROOT)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in TR_FUNCS and node.args:
            text = _literal(node.args[0])
            if text is not None:
                found.append((CONTEXT, text, node.lineno))
            elif not (
                # the base class translates its own class constants
                isinstance(node.args[0], ast.Attribute) and node.args[0].attr.isupper()
            ):
                errors.append(
                    f"{rel}:{node.lineno}: tr() needs a literal string (format after translating)"
                )
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any(n in CONSTANT_NAMES for n in names):
                value = node.value
                text = _literal(value)
                if text is None and isinstance(value, ast.JoinedStr):
                    errors.append(f"{rel}:{node.lineno}: {names[0]} must not be an f-string")
                if text:
                    found.append((CONTEXT, text, node.lineno))
    return found


def extract_ui(path: Path) -> list[tuple[str, str, int]]:
    tree = ET.parse(path)
    root = tree.getroot()
    cls = root.findtext("class") or path.stem
    found = []
    for string in root.iter("string"):
        if string.get("notr") == "true" or not (string.text or "").strip():
            continue
        found.append((cls, string.text, 0))
    return found


def extract_all(errors: list[str]) -> dict[tuple[str, str], list[str]]:
    messages: dict[tuple[str, str], list[str]] = {}
    for path in sorted(PLUGIN.rglob("*.py")):
        for context, text, line in extract_python(path, errors):
            messages.setdefault((context, text), []).append(f"{path.relative_to(PLUGIN)}:{line}")
    for path in sorted(PLUGIN.rglob("*.ui")):
        for context, text, _ in extract_ui(path):
            messages.setdefault((context, text), []).append(str(path.relative_to(PLUGIN)))
    return messages


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    translations = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            if source is not None and text:
                translations[(name, source)] = text
    return translations


def render_ts(messages: dict, translations: dict) -> str:
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    by_context: dict[str, list[str]] = {}
    for context, source in messages:
        by_context.setdefault(context, []).append(source)
    for context in sorted(by_context):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for source in sorted(set(by_context[context])):
            msg = ET.SubElement(ctx, "message")
            for loc in messages[(context, source)][:1]:
                filename, _, line = loc.partition(":")
                attrs = {"filename": "../" + filename}
                if line:
                    attrs["line"] = line
                ET.SubElement(msg, "location", attrs)
            ET.SubElement(msg, "source").text = source
            translated = translations.get((context, source))
            tr_el = ET.SubElement(msg, "translation")
            if translated:
                tr_el.text = translated
            else:
                tr_el.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def main(argv: list[str]) -> int:
    mode = argv[1] if len(argv) > 1 else "update"
    errors: list[str] = []
    messages = extract_all(errors)
    translations = read_ts(TS_PATH)
    rendered = render_ts(messages, translations)
    missing = sorted(s for (c, s) in messages if (c, s) not in translations)
    if mode == "update":
        TS_PATH.parent.mkdir(parents=True, exist_ok=True)
        TS_PATH.write_text(rendered, encoding="utf-8")
        print(f"{TS_PATH.relative_to(ROOT)}: {len(messages)} messages, {len(missing)} untranslated")
        for text in missing:
            print("  untranslated:", text[:100].replace("\n", " "))
        for error in errors:
            print("ERROR", error)
        return 1 if errors else 0
    if mode == "add":
        import json

        extra = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        for key, value in extra.items():
            context, sep, source = key.partition("::")
            if not sep:
                context, source = CONTEXT, key
            translations[(context, source)] = value
        TS_PATH.write_text(render_ts(messages, translations), encoding="utf-8")
        left = sorted(s for (c, s) in messages if (c, s) not in translations)
        print(f"merged {len(extra)}; {len(left)} untranslated")
        for text in left:
            print("  untranslated:", text[:100].replace("\n", " "))
        return 0
    if mode == "check":
        current = TS_PATH.read_text(encoding="utf-8") if TS_PATH.exists() else ""
        ok = True
        for error in errors:
            print("ERROR", error)
            ok = False
        if current != rendered:
            print(f"{TS_PATH.relative_to(ROOT)} is not current: run `make ts`")
            ok = False
        for text in missing:
            print("untranslated:", text[:100].replace("\n", " "))
            ok = False
        return 0 if ok else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
