"""Build test registers: the project's reference tables + tests/data/base + a fixture's edits."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
REGISTER = PROJECT / "register"
BASE = Path(__file__).resolve().parent / "data" / "base"
BAD = Path(__file__).resolve().parent / "bad"
SHARED_PARTS = ("datapackage.yaml", "schematy", "slowniki", "granice")


def make_base(dest: Path) -> Path:
    """A small valid register: 3 clubs in two voivodeships, empty files elsewhere."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SHARED_PARTS:
        src = REGISTER / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    shutil.copytree(BASE, dest, dirs_exist_ok=True)
    return dest


def apply_edit(root: Path, edit: dict[str, Any]) -> None:
    """Apply one edit of a fixture (see tests/bad/README.md)."""
    path = root / edit["file"]
    if "replace" in edit:
        old, new = edit["replace"]
        text = path.read_text(encoding="utf-8")
        count = edit.get("count", 1)
        assert text.count(old) >= count, f"{edit['file']}: {old!r} not found {count}×"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    elif "write" in edit:
        path.write_text(edit["write"], encoding="utf-8")
    elif "write_bytes_hex" in edit:
        path.write_bytes(bytes.fromhex(edit["write_bytes_hex"]))
    elif "append" in edit:
        with path.open("a", encoding="utf-8") as f:
            f.write(edit["append"])
    elif edit.get("delete"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    elif edit.get("semicolons"):
        path.write_bytes(path.read_bytes().replace(b",", b";"))
    elif "encode" in edit:
        path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encode"]))
    elif edit.get("bom"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    elif edit.get("crlf"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    elif "grow_mb" in edit:
        line = b"radom-centrum,grupa_wsparcia," + b"x" * 200 + b"\n"
        with path.open("ab") as f:
            f.write(line * (edit["grow_mb"] * 1024 * 1024 // len(line) + 1))
    elif "drop_resource" in edit:
        desc = yaml.safe_load(path.read_text(encoding="utf-8"))
        desc["resources"] = [r for r in desc["resources"] if r["name"] != edit["drop_resource"]]
        path.write_text(yaml.safe_dump(desc, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    elif "truncate_after" in edit:
        text = path.read_text(encoding="utf-8")
        marker = edit["truncate_after"]
        path.write_text(text[: text.index(marker) + len(marker)], encoding="utf-8")
    elif "rename" in edit:
        path.rename(root / edit["rename"])
    elif "symlink" in edit:  # the file becomes a link to ``symlink`` (e.g. /etc/passwd)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(edit["symlink"])
    else:
        raise ValueError(f"unknown edit {edit}")


def fixture_names() -> list[str]:
    return sorted(p.stem for p in BAD.glob("*.yaml"))


def load_fixture(name: str) -> dict[str, Any]:
    return yaml.safe_load((BAD / f"{name}.yaml").read_text(encoding="utf-8"))


def commit_all(root: Path) -> None:
    """Make ``root`` a git repository whose one commit holds its files as they are."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "baza")


def make_bad(dest: Path, name: str) -> Path:
    make_base(dest)
    fixture = load_fixture(name)
    if fixture.get("git"):  # the base register is the pull request's base (kis validate --baza)
        commit_all(dest.parent)  # the register is a folder of the repository, as in the project
    for edit in fixture["zmiany"]:
        apply_edit(dest, edit)
    return dest
