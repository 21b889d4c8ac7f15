"""Small registers and git repositories for the tests of ``kis diff`` and ``kis zgloszenie``.

The registers reuse the shipped descriptor, schemas and reference tables, with empty
voivodeship tables, so the tests never depend on the demo data.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

from tests.site_support import schema_fields

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "register"
KINDS = ("kluby", "zdarzenia", "uslugi")
HEADERS = {kind: schema_fields(kind) for kind in KINDS}


def slugs() -> list[str]:
    with (SHIPPED / "slowniki" / "wojewodztwa.csv").open(encoding="utf-8") as f:
        return [row["slug"] for row in csv.DictReader(f)]


def make_register(root: Path) -> Path:
    """A valid register with no clubs at ``root`` (created)."""
    root.mkdir(parents=True)
    shutil.copy(SHIPPED / "datapackage.yaml", root / "datapackage.yaml")
    for folder in ("schematy", "slowniki", "granice"):
        shutil.copytree(SHIPPED / folder, root / folder)
    for slug in slugs():
        folder = root / "wojewodztwa" / slug
        folder.mkdir(parents=True)
        for kind in KINDS:
            (folder / f"{kind}.csv").write_text(",".join(HEADERS[kind]) + "\n", encoding="utf-8")
    return root


def csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def add_rows(root: Path, slug: str, kind: str, rows: list[dict[str, str]]) -> None:
    path = root / "wojewodztwa" / slug / f"{kind}.csv"
    with path.open("a", encoding="utf-8") as f:
        for row in rows:
            f.write(csv_line([row.get(column, "") for column in HEADERS[kind]]))


def club(club_id: str, **values: str) -> dict[str, str]:
    """A valid club row of pomorskie; keyword arguments override columns."""
    row = {
        "klub_id": club_id,
        "nazwa": f"Klub Integracji Społecznej {club_id}",
        "wojewodztwo": "22",
        "podmiot_nazwa": "Gminny Ośrodek Pomocy Społecznej w Kolbudach",
        "podmiot_typ": "ops",
        "adres": "ul. Wybickiego 31",
        "kod_pocztowy": "83-050",
        "miejscowosc": "Kolbudy",
        "data_wpisu": "2021-03-15",
    }
    row.update(values)
    return row


def event(club_id: str, day: str, kind: str, number: str = "", note: str = "") -> dict[str, str]:
    return {
        "klub_id": club_id,
        "data": day,
        "typ": kind,
        "numer_certyfikatu": number,
        "uwagi": note,
    }


def certification(club_id: str, number: str = "KIS-22-2024-001") -> list[dict[str, str]]:
    """The full path from application to certificate (issued 2024-05-20)."""
    return [
        event(club_id, "2024-01-10", "wniosek_zlozony"),
        event(club_id, "2024-01-20", "wniosek_dopuszczony"),
        event(club_id, "2024-02-05", "ocena_pozytywna"),
        event(club_id, "2024-03-01", "audyt_rozpoczety"),
        event(club_id, "2024-03-20", "raport_audytu_sporzadzony"),
        event(club_id, "2024-04-02", "raport_audytu_przekazany"),
        event(club_id, "2024-05-20", "certyfikat_wydany", number),
    ]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def init_repo(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")
