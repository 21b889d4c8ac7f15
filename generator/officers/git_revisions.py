"""The register at a git revision: the only module that runs git.

``kis diff`` compares the register folder at two revisions. Each revision is materialised into a
temporary folder with ``git archive`` and then read like any register on disk.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
import tempfile
from datetime import date
from pathlib import Path, PurePosixPath

from generator.officers import change_summary as diff_markdown
from generator.officers import changes as diff
from generator.officers.change_summary import Side
from generator.problems import Problem
from generator.register.load import RawRegister, load_register, walk_files


class GitError(Exception):
    """A git command failed; the message is Polish and says what to check."""


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("nie znaleziono programu git; zainstaluj go i spróbuj ponownie") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {args[0]} zakończył się błędem")
    return done.stdout


def locate(register: Path) -> tuple[Path, str]:
    """The repository's top folder and the register's path inside it (POSIX, no trailing /)."""
    folder = register if register.is_dir() else register.parent
    if not folder.is_dir():
        raise GitError(f"folder {register} nie istnieje")
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"folder {register} nie należy do repozytorium git") from None
    inside = register.resolve().relative_to(top.resolve())
    return top, inside.as_posix()


def commit_of(top: Path, rev: str) -> str:
    """Full commit id of ``rev``; a Polish error when it does not exist."""
    if rev.startswith("-"):
        raise GitError(f"„{rev}” nie jest nazwą wersji (gałęzi, znacznika ani commita)")
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(
            f"wersja „{rev}” nie istnieje w repozytorium; sprawdź nazwę gałęzi "
            "(np. origin/main) albo pobierz ją poleceniem git fetch"
        ) from None


def materialise(top: Path, commit: str, inside: str, dest: Path) -> Path:
    """Write the folder ``inside`` as it was at ``commit`` below ``dest``; return its path there.

    A revision without that folder gives an empty folder (everything counts as added).
    """
    target = dest.joinpath(*PurePosixPath(inside).parts)
    target.mkdir(parents=True, exist_ok=True)
    listed = _git(top, "ls-tree", "--name-only", commit, "--", inside)
    if not listed.strip():
        return target
    data = _git(top, "archive", "--format=tar", commit, "--", inside)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter=_without_links)
    return target


def _without_links(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """Regular files and folders only: a link in a revision (even an absolute one, or one to
    ``/dev/zero``) is left out, so that revision's register lacks that file (and says so)."""
    if not (member.isfile() or member.isdir()):
        return None
    return tarfile.data_filter(member, dest)


def clubs_at(register: Path, rev: str) -> dict[str, str]:
    """Club id -> its kluby.csv (relative to the register folder) at revision ``rev``."""
    from generator.validation.rules.club_ids import club_files

    top, inside = locate(register)
    with tempfile.TemporaryDirectory(prefix="kis-baza-") as tmp:
        root = materialise(top, commit_of(top, rev), inside, Path(tmp))
        return club_files(load_register(root))


def digests(root: Path) -> dict[str, str]:
    """SHA-256 of every file below ``root``, keyed by POSIX path relative to ``root``."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in walk_files(root)
    }


def _side(root: Path, as_of: date, label: str, commit: str, base: RawRegister | None = None,
          problems: list[Problem] | None = None) -> tuple[RawRegister, Side]:
    """The register in ``root`` and its side of the summary; validated unless ``problems``
    (its validation's result, e.g. from ``kis build --wynik-walidacji``) are given."""
    from generator.problems import blocking
    from generator.validation.rules.club_ids import club_files
    from generator.validation.validate import check_raw

    raw = load_register(root)
    if problems is None:
        problems = check_raw(raw, as_of, club_files(base) if base is not None else None)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return raw, Side(label, len(blocking(problems)), commit[:7], warnings)


def summary(register: Path, base: str, head: str | None, as_of: date,
            head_problems: list[Problem] | None = None) -> str:
    """Markdown summary of the register changes from ``base`` to ``head``.

    ``head`` None compares with the files on disk, like ``git diff BASE``. ``head_problems``,
    when given, are the head's validation result: the head is then not validated again.
    """
    top, inside = locate(register)
    with tempfile.TemporaryDirectory(prefix="kis-diff-") as tmp:
        base_commit = commit_of(top, base)
        base_root = materialise(top, base_commit, inside, Path(tmp) / "base")
        if head is None:
            head_root, head_label, head_commit = register, "pliki na dysku", ""
        else:
            head_commit = commit_of(top, head)
            head_root = materialise(top, head_commit, inside, Path(tmp) / "head")
            head_label = head
        old, old_side = _side(base_root, as_of, base, base_commit)
        new, new_side = _side(head_root, as_of, head_label, head_commit, base=old,
                              problems=head_problems)
        changed = diff.changed_files(digests(base_root), digests(head_root))
        changes = diff.compare(old, new, changed, as_of)
    return diff_markdown.summary_markdown(changes, old_side, new_side, prefix=inside)
