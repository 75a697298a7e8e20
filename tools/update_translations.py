"""Refresh the translation catalogues from the GUI sources and compile them.

    python tools/update_translations.py            update resources/i18n/*.ts, build the .qm
    python tools/update_translations.py --check    change nothing; fail if anything is stale

Steps, for every ``resources/i18n/deriv_desktop_<lang>.ts``:

1. ``pyside6-lupdate`` scans ``deriv_desktop/gui`` (and any other module importing its ``tr``,
   i.e. the composition root ``deriv_desktop/app.py``) with ``tr`` aliased to
   ``QCoreApplication.translate`` (see ``deriv_desktop/gui/strings.py``) and merges new strings
   into the catalogue; strings that left the code are dropped.
2. A second, exact pass reads every ``tr(...)`` call with Python's own parser and corrects what
   lupdate's Python support gets wrong: it reads ``//`` as the start of a C++ comment (so a call
   with a floor division on its line is skipped) and it never marks a call that passes a count
   as plural, and even strips the plural forms of an existing translation. Such strings are
   added back, made plural, and their earlier translations restored.
3. ``pyside6-lrelease`` compiles the ``.qm`` the application loads.

It exits with status 1 when a string is unfinished, when a translation drops or invents a
``%1``/``%n`` placeholder or a keyboard accelerator, or (``--check``) when the files in the
repository are not what this tool would write. Location comments are left out so the
catalogue changes only when the text does.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "deriv_desktop" / "gui"
I18N = ROOT / "resources" / "i18n"
CATALOGUE = "deriv_desktop"
TR_ALIAS = "translate+=tr,tr=NO_TR"
#: Plural forms Qt uses per target language (Qt's numerus rules).
PLURAL_FORMS = {"fr": 2, "en": 2, "de": 2, "es": 2}

Key = tuple[str, str, str | None]  # context, source text, disambiguation


# ----------------------------------------------------------------------------- source strings
@dataclass(frozen=True)
class SourceString:
    key: Key
    plural: bool
    where: str


class NotExtractable(ValueError):
    """A ``tr()`` call whose context or text is not a literal, so no tool can extract it."""


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def strings_in(path: Path, root: Path = ROOT) -> list[SourceString]:
    """Every ``tr(context, text[, disambiguation[, n]])`` call in ``path``."""
    found: list[SourceString] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id != "tr":
            continue
        where = f"{path.relative_to(root)}:{node.lineno}"
        if len(node.args) < 2 or node.keywords:
            raise NotExtractable(f"{where}: tr() needs positional (context, text) arguments")
        context, text = _literal(node.args[0]), _literal(node.args[1])
        if context is None or text is None:
            raise NotExtractable(f"{where}: tr() must be called with literal strings")
        disambiguation: str | None = None
        if len(node.args) > 2:
            third = node.args[2]
            if not (isinstance(third, ast.Constant) and third.value is None):
                disambiguation = _literal(third)
                if disambiguation is None:
                    raise NotExtractable(f"{where}: the disambiguation must be a literal")
        plural = len(node.args) > 3
        found.append(SourceString((context, text, disambiguation), plural, where))
    return found


TR_IMPORT = "from deriv_desktop.gui.strings import"


def gui_sources(root: Path = ROOT) -> list[Path]:
    """The GUI package, plus modules outside it that use its ``tr`` (the composition root)."""
    package = root / "deriv_desktop"
    gui = package / "gui"
    found = []
    for path in sorted(package.rglob("*.py")):
        inside = gui in path.parents
        if inside or TR_IMPORT in path.read_text(encoding="utf-8"):
            found.append(path)
    return found


def source_strings(root: Path = ROOT) -> dict[Key, SourceString]:
    out: dict[Key, SourceString] = {}
    for path in gui_sources(root):
        for item in strings_in(path, root):
            known = out.get(item.key)
            if known is None or (item.plural and not known.plural):
                out[item.key] = item
    return out


# ----------------------------------------------------------------------------- catalogue model
def message_key(context: str, message: ET.Element) -> Key:
    comment = message.find("comment")
    disambiguation = comment.text if comment is not None else None
    return (context, message.findtext("source") or "", disambiguation)


def forms_of(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    if message.get("numerus") == "yes":
        return [f.text or "" for f in translation.findall("numerusform")]
    return [translation.text or ""]


def is_finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = forms_of(message)
    return bool(forms) and all(f.strip() for f in forms)


def read_catalogue(path: Path) -> ET.ElementTree[ET.Element]:
    return ET.parse(path)  # noqa: S314 - our own catalogue from the repository


def iter_messages(tree: ET.ElementTree[ET.Element]) -> Iterable[tuple[str, ET.Element]]:
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            yield name, message


def write_catalogue(tree: ET.ElementTree[ET.Element], path: Path) -> None:
    root = tree.getroot()
    contexts = sorted(root.findall("context"), key=lambda c: c.findtext("name") or "")
    for context in root.findall("context"):
        root.remove(context)
    for context in contexts:
        root.append(context)
        # Messages in a fixed order too: lupdate does not always find the same strings (the
        # ones it misses are added at the end of their context by ``repair``), and its order
        # would make two runs over the same sources write different files.
        messages = context.findall("message")
        for message in messages:
            context.remove(message)
        for message in sorted(
            messages, key=lambda m: (m.findtext("source") or "", m.findtext("comment") or "")
        ):
            context.append(message)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


# ----------------------------------------------------------------------------- tools
def qt_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = shutil.which(name) or (str(beside) if beside.exists() else None)
    if found is None:
        raise SystemExit(f"{name} was not found (it comes with PySide6)")
    return found


def run_lupdate(ts: Path, language: str, sources: list[Path]) -> None:
    command = [
        qt_tool("pyside6-lupdate"),
        "-silent",
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en",
        "-target-language",
        language,
        "-tr-function-alias",
        TR_ALIAS,
        *(str(p) for p in sources),
        "-ts",
        str(ts),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    noise = "Removed plural forms"  # lupdate's own numerus damage, repaired below
    if done.returncode != 0:
        raise SystemExit(f"lupdate failed:\n{done.stdout}{done.stderr}")
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip() and noise not in line and "If this sounds wrong" not in line:
            print(f"  lupdate: {line}")


def run_lrelease(ts: Path, qm: Path) -> None:
    command = [qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0 or not qm.is_file():
        raise SystemExit(f"lrelease failed:\n{done.stdout}{done.stderr}")


# ----------------------------------------------------------------------------- repair
def _set_forms(message: ET.Element, forms: list[str], finished: bool, plural: bool) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    for child in list(translation):
        translation.remove(child)
    translation.attrib.clear()
    translation.text = None
    if plural:
        message.set("numerus", "yes")
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        message.attrib.pop("numerus", None)
        translation.text = forms[0] if forms else ""
    if not finished:
        translation.set("type", "unfinished")


def repair(
    tree: ET.ElementTree[ET.Element],
    previous: dict[Key, tuple[list[str], bool]],
    wanted: dict[Key, SourceString],
    plural_forms: int,
) -> list[str]:
    """Apply step 2 of the module docstring; returns what was corrected."""
    notes: list[str] = []
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.findall("context")}
    present: set[Key] = set()
    for context_name, message in iter_messages(tree):
        key = message_key(context_name, message)
        present.add(key)
        item = wanted.get(key)
        if item is None or not item.plural:
            continue
        old_forms, old_finished = previous.get(key, ([], False))
        if message.get("numerus") == "yes" and len(forms_of(message)) == plural_forms:
            continue
        forms = old_forms if len(old_forms) == plural_forms else []
        if not forms:
            seed = (old_forms or forms_of(message) or [""])[0]
            forms = [seed] * plural_forms
        finished = old_finished and len(old_forms) == plural_forms
        _set_forms(message, forms, finished, plural=True)
        notes.append(f"plural restored: {item.where} {key[1]!r}")
    for key, item in wanted.items():
        if key in present:
            continue
        context = contexts.get(key[0])
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = key[0]
            contexts[key[0]] = context
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = key[1]
        if key[2] is not None:
            ET.SubElement(message, "comment").text = key[2]
        old_forms, old_finished = previous.get(key, ([], False))
        count = plural_forms if item.plural else 1
        forms = old_forms if len(old_forms) == count else [""] * count
        _set_forms(message, forms, old_finished and len(old_forms) == count, item.plural)
        notes.append(f"missed by lupdate, added: {item.where} {key[1]!r}")
    return notes


# ----------------------------------------------------------------------------- checks
def placeholders(text: str) -> list[str]:
    """``%1``…``%99`` and ``%n`` occurrences, sorted (order may change in a translation)."""
    out: list[str] = []
    i = 0
    while i < len(text) - 1:
        if text[i] == "%":
            j = i + 1
            while j < len(text) and text[j].isdigit():
                j += 1
            if j > i + 1:
                out.append(text[i:j])
                i = j
                continue
            if text[j] == "n":
                out.append("%n")
                i = j + 1
                continue
        i += 1
    return sorted(set(out))


def accelerators(text: str) -> int:
    """Number of ``&x`` keyboard accelerators (``&&`` is a literal ampersand)."""
    return text.replace("&&", "").count("&") if "&" in text else 0


def problems_in(tree: ET.ElementTree[ET.Element]) -> tuple[list[str], list[str]]:
    """(unfinished strings, translations that break placeholders or accelerators)."""
    unfinished: list[str] = []
    broken: list[str] = []
    for context, message in iter_messages(tree):
        source = message.findtext("source") or ""
        label = f"[{context}] {source!r}"
        if not is_finished(message):
            unfinished.append(label)
            continue
        for form in forms_of(message):
            if placeholders(form) != placeholders(source):
                broken.append(f"{label}: placeholders {placeholders(form)} in {form!r}")
            if accelerators(form) != accelerators(source):
                broken.append(f"{label}: accelerator count differs in {form!r}")
    return unfinished, broken


# ----------------------------------------------------------------------------- driver
def language_of(ts: Path) -> str:
    return ts.stem.removeprefix(f"{CATALOGUE}_")


def update_one(ts: Path, qm: Path, wanted: dict[Key, SourceString]) -> tuple[int, list[str]]:
    """Update ``ts`` in place and compile ``qm``; returns (message count, failures)."""
    language = language_of(ts)
    previous = {
        message_key(c, m): (forms_of(m), is_finished(m))
        for c, m in iter_messages(read_catalogue(ts))
    }
    run_lupdate(ts, language, gui_sources())
    tree = read_catalogue(ts)
    notes = repair(tree, previous, wanted, PLURAL_FORMS.get(language, 2))
    plurals = [n for n in notes if n.startswith("plural")]
    if plurals:
        print(f"  plural forms kept for {len(plurals)} string(s) lupdate reads as singular")
    for note in notes:
        if not note.startswith("plural"):
            print(f"  {note}")
    write_catalogue(tree, ts)
    run_lrelease(ts, qm)
    unfinished, broken = problems_in(tree)
    failures = [f"unfinished: {u}" for u in unfinished] + [f"broken: {b}" for b in broken]
    return sum(1 for _ in iter_messages(tree)), failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail if the files are stale"
    )
    parser.add_argument(
        "--add-language", metavar="LANG", help="start a new catalogue, e.g. --add-language de"
    )
    args = parser.parse_args(argv)
    if args.add_language:
        new = I18N / f"{CATALOGUE}_{args.add_language}.ts"
        if not new.exists():
            I18N.mkdir(parents=True, exist_ok=True)
            root = ET.Element("TS", version="2.1", language=args.add_language, sourcelanguage="en")
            write_catalogue(ET.ElementTree(root), new)
    try:
        wanted = source_strings()
    except NotExtractable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    catalogues = sorted(I18N.glob(f"{CATALOGUE}_*.ts"))
    if not catalogues:
        print(f"error: no catalogues in {I18N}", file=sys.stderr)
        return 1
    status = 0
    with tempfile.TemporaryDirectory(prefix="i18n-") as scratch:
        for ts in catalogues:
            qm = ts.with_suffix(".qm")
            work_ts, work_qm = (ts, qm)
            if args.check:
                work_ts, work_qm = Path(scratch) / ts.name, Path(scratch) / qm.name
                shutil.copyfile(ts, work_ts)
            print(f"{ts.relative_to(ROOT)}:")
            count, failures = update_one(work_ts, work_qm, wanted)
            if args.check:
                if not filecmp.cmp(ts, work_ts, shallow=False):
                    failures.append(f"{ts.name} is out of date with the sources")
                if not qm.is_file() or not filecmp.cmp(qm, work_qm, shallow=False):
                    failures.append(f"{qm.name} is not compiled from the current {ts.name}")
            for failure in failures:
                print(f"  {failure}", file=sys.stderr)
            done = count - sum(1 for f in failures if f.startswith("unfinished"))
            print(f"  {done}/{count} translated" + ("" if failures else ", all good"))
            status = status or (1 if failures else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
