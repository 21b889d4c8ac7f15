"""``kis diff``: change records, the Polish Markdown summary and the git edge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.officers import change_summary as diff_markdown
from generator.officers import changes as diff
from generator.officers import git_revisions as gitrev
from generator.register.load import load_register
from tests.registers import (
    HEADERS,
    add_rows,
    certification,
    club,
    commit_all,
    commit_applicant,
    event,
    git,
    init_repo,
    make_register,
)

AS_OF = date(2026, 1, 31)


def rewrite(root: Path, slug: str, kind: str, rows: list[dict[str, str]]) -> None:
    """Replace a table's rows."""
    path = root / "wojewodztwa" / slug / f"{kind}.csv"
    path.write_text(",".join(HEADERS[kind]) + "\n", encoding="utf-8")
    add_rows(root, slug, kind, rows)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two registers: before and after a typical pull request in pomorskie."""
    base = make_register(tmp_path / "base", clubs=(), stories={})
    add_rows(base, "pomorskie", "kluby", [club("kolbudy"), club("pruszcz")])
    add_rows(
        base,
        "pomorskie",
        "zdarzenia",
        [*certification("kolbudy")[:3], event("pruszcz", "2024-02-01", "wniosek_zlozony")],
    )
    add_rows(base, "pomorskie", "uslugi", [{"klub_id": "kolbudy", "usluga": "poradnictwo_prawne"}])
    head = make_register(tmp_path / "head", clubs=(), stories={})
    add_rows(
        head,
        "pomorskie",
        "kluby",
        [club("kolbudy", telefon="+48 58 123 45 67"), club("pruszcz"), club("sopot")],
    )
    add_rows(
        head,
        "pomorskie",
        "zdarzenia",
        [
            *certification("kolbudy"),
            event("pruszcz", "2024-02-01", "wniosek_zlozony"),
            event("sopot", "2025-06-02", "wniosek_zlozony"),
        ],
    )
    add_rows(
        head,
        "pomorskie",
        "uslugi",
        [
            {"klub_id": "kolbudy", "usluga": "poradnictwo_prawne", "opis": "raz w tygodniu"},
            {"klub_id": "sopot", "usluga": "grupa_wsparcia"},
        ],
    )
    return base, head


def compare(base: Path, head: Path) -> diff.Changes:
    changed = diff.changed_files(gitrev.digests(base), gitrev.digests(head))
    return diff.compare(load_register(base), load_register(head), changed, AS_OF)


def render(changes: diff.Changes, head_problems: int = 0) -> str:
    return diff_markdown.summary_markdown(
        changes,
        diff_markdown.Side("origin/main", 0, "abc1234"),
        diff_markdown.Side("HEAD", head_problems, "def5678"),
    )


def test_records_cover_clubs_events_services_and_statuses(pair: tuple[Path, Path]) -> None:
    changes = compare(*pair)
    summary = {(r.kind, r.change, r.club_id) for r in changes.rows}
    assert summary == {
        ("kluby", "added", "sopot"),
        ("kluby", "changed", "kolbudy"),
        ("zdarzenia", "added", "kolbudy"),
        ("zdarzenia", "added", "sopot"),
        ("uslugi", "changed", "kolbudy"),
        ("uslugi", "added", "sopot"),
    }
    phone = next(r for r in changes.rows if r.kind == "kluby" and r.change == "changed")
    assert [(f.name, f.title, f.before, f.after) for f in phone.fields] == [
        ("telefon", "Telefon", "", "+48 58 123 45 67")
    ]
    added_events = [
        r.row["typ"] for r in changes.rows if r.kind == "zdarzenia" and r.club_id == "kolbudy"
    ]
    assert added_events == [
        "audyt_rozpoczety",
        "raport_audytu_sporzadzony",
        "raport_audytu_przekazany",
        "certyfikat_wydany",
    ]
    statuses = {s.club_id: (s.before and s.before.status, s.after.status) for s in changes.statuses}
    assert statuses == {
        "kolbudy": ("w_procedurze", "certyfikowany"),
        "sopot": (None, "w_procedurze"),
    }
    assert changes.touched == ("pomorskie",)
    assert changes.reference_files == ()


def test_markdown_summary_in_polish(pair: tuple[Path, Path]) -> None:
    text = render(compare(*pair))
    assert text.startswith("## Zmiany w rejestrze KIS\n")
    assert "`origin/main` (abc1234) → `HEAD` (def5678)" in text
    assert "✅ Rejestr po zmianie jest poprawny." in text
    assert "### Województwo pomorskie" in text
    assert "#### Nowe kluby\n\n- Klub Integracji Społecznej sopot (`sopot`), Kolbudy" in text
    assert "  - Telefon: (puste) → „+48 58 123 45 67”" in text
    assert (
        "- 2024-05-20 – Klub Integracji Społecznej kolbudy (`kolbudy`): wydanie certyfikatu "
        "KIS na 3 lata, nr KIS-22-2024-001"
    ) in text
    assert "  - Opis: (puste) → „raz w tygodniu”" in text
    assert (
        "| Klub Integracji Społecznej kolbudy (`kolbudy`) | w procedurze certyfikacji | "
        "certyfikowany, nr KIS-22-2024-001, ważność do 2027-05-19 |"
    ) in text
    assert "| nowy klub | w procedurze certyfikacji |" in text
    assert "[!WARNING]" not in text


def test_summary_is_deterministic(pair: tuple[Path, Path]) -> None:
    assert render(compare(*pair)) == render(compare(*pair))


def test_warns_about_several_voivodeships_and_reference_tables(pair: tuple[Path, Path]) -> None:
    base, head = pair
    add_rows(
        head,
        "slaskie",
        "kluby",
        [club("katowice", wojewodztwo="24", kod_pocztowy="40-001", miejscowosc="Katowice")],
    )
    add_rows(head, "slaskie", "zdarzenia", [event("katowice", "2025-01-10", "wniosek_zlozony")])
    statuses = head / "slowniki" / "statusy.csv"
    statuses.write_text(
        statuses.read_text(encoding="utf-8").replace(
            "Klub ma ważny certyfikat KIS.", "Klub ma ważny certyfikat."
        ),
        encoding="utf-8",
    )
    changes = compare(base, head)
    assert changes.touched == ("pomorskie", "slaskie")
    assert changes.reference_files == ("slowniki/statusy.csv",)
    text = render(changes)
    assert "> Ta zmiana obejmuje foldery kilku województw: pomorskie, śląskie." in text
    assert "`register/slowniki/statusy.csv`" in text
    assert text.index("### Województwo pomorskie") < text.index("### Województwo śląskie")


def test_removed_club_gets_a_hint_to_strike_it_off(pair: tuple[Path, Path]) -> None:
    base, head = pair
    rewrite(head, "pomorskie", "kluby", [club("kolbudy"), club("sopot")])
    text = render(compare(base, head))
    assert "#### Usunięte kluby\n\n- Klub Integracji Społecznej pruszcz (`pruszcz`)" in text
    assert "dopisz zdarzenie „wykreślenie klubu z rejestru”" in text


def test_strike_off_changes_status(pair: tuple[Path, Path]) -> None:
    base, _ = pair
    head = make_register(base.parent / "struck", clubs=(), stories={})
    add_rows(head, "pomorskie", "kluby", [club("kolbudy"), club("pruszcz")])
    add_rows(
        head,
        "pomorskie",
        "zdarzenia",
        [
            *certification("kolbudy")[:3],
            event("pruszcz", "2024-02-01", "wniosek_zlozony"),
            event("pruszcz", "2025-03-01", "klub_wykreslony", note="klub zakończył działalność"),
        ],
    )
    add_rows(head, "pomorskie", "uslugi", [{"klub_id": "kolbudy", "usluga": "poradnictwo_prawne"}])
    text = render(compare(base, head))
    assert (
        "- 2025-03-01 – Klub Integracji Społecznej pruszcz (`pruszcz`): wykreślenie klubu "
        "z rejestru (uwagi: klub zakończył działalność)"
    ) in text
    assert "| w procedurze certyfikacji | wykreślony z rejestru |" in text


def test_register_values_cannot_inject_markdown(pair: tuple[Path, Path]) -> None:
    base, head = pair
    rewrite(
        head,
        "pomorskie",
        "kluby",
        [
            club("kolbudy", nazwa="KIS ![x](https://tracker.example/p.png) | <script>"),
            club("pruszcz"),
        ],
    )
    text = render(compare(base, head))
    assert "![x](" not in text
    assert "<script>" not in text
    assert "KIS !\\[x\\](https:\u2060//tracker.example/p.png) \\| \\<script\\>" in text


def test_invalid_head_still_gives_a_summary(pair: tuple[Path, Path]) -> None:
    base, head = pair
    add_rows(head, "pomorskie", "zdarzenia", [event("sopot", "2025-13-40", "audyt_rozpoczety")])
    changes = compare(base, head)
    assert any(r.row.get("data") == "2025-13-40" for r in changes.rows)
    text = render(changes, head_problems=2)
    assert "❌ Rejestr po zmianie ma 2 problemy." in text
    assert "### Województwo pomorskie" in text


def test_unreadable_file_is_reported(pair: tuple[Path, Path]) -> None:
    base, head = pair
    path = head / "wojewodztwa" / "pomorskie" / "uslugi.csv"
    path.write_bytes(b"klub_id,usluga,opis\n\x98\x98\n")  # neither UTF-8 nor Windows-1250
    changes = compare(base, head)
    assert changes.unreadable == ("wojewodztwa/pomorskie/uslugi.csv",)
    assert (
        "Nie udało się w pełni odczytać pliku: `register/wojewodztwa/pomorskie/uslugi.csv`"
        in render(changes)
    )


def test_no_change(pair: tuple[Path, Path]) -> None:
    base, _ = pair
    text = render(compare(base, base))
    assert "Ta zmiana nie zmienia plików rejestru." in text
    assert "###" not in text


def test_long_lists_are_capped() -> None:
    rows = [
        diff.RowChange(
            "pomorskie", "uslugi", "added", {"klub_id": f"k{i}", "usluga": "poradnictwo_prawne"}
        )
        for i in range(diff_markdown.MAX_ITEMS + 5)
    ]
    labels = diff.Labels({"pomorskie": "pomorskie"}, {}, {}, {}, {})
    changes = diff.Changes(
        AS_OF, tuple(rows), (), ("wojewodztwa/pomorskie/uslugi.csv",), (), labels, ("pomorskie",)
    )
    text = render(changes)
    assert "- … i jeszcze 5" in text
    assert text.count("(usługa spoza katalogu)") == diff_markdown.MAX_ITEMS


# --- git ------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository: commit 1 with one club, commit 2 certifies it and adds a club."""
    repo = tmp_path / "repo"
    init_repo(repo)
    register = commit_applicant(repo)
    git(repo, "branch", "base")
    rewrite(register, "pomorskie", "zdarzenia", certification("kolbudy"))
    add_rows(register, "pomorskie", "kluby", [club("sopot")])
    add_rows(register, "pomorskie", "zdarzenia", [event("sopot", "2025-06-02", "wniosek_zlozony")])
    commit_all(repo, "head")
    return repo


def run_diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args, "--as-of", AS_OF.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_compares_two_revisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_diff(capsys, "base", "HEAD", "--register", str(repo / "register"))
    assert (code, err) == (0, "")
    assert "`base` (" in out and "→ `HEAD` (" in out
    assert "- Klub Integracji Społecznej sopot (`sopot`), Kolbudy" in out
    assert "| w procedurze certyfikacji | certyfikowany, nr KIS-22-2024-001" in out


def test_cli_without_head_uses_files_on_disk(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = repo / "register"
    add_rows(register, "pomorskie", "uslugi", [{"klub_id": "sopot", "usluga": "grupa_wsparcia"}])
    code, out, _ = run_diff(capsys, "HEAD", "--register", str(register))
    assert code == 0
    assert "→ pliki na dysku." in out
    assert (
        "#### Nowe usługi klubów\n\n- Klub Integracji Społecznej sopot (`sopot`): "
        "samopomocowe grupy wsparcia" in out
    )
    assert "Nowe kluby" not in out


def test_cli_revision_without_register_counts_all_as_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "fresh"
    init_repo(repo)
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    commit_all(repo, "empty")
    register = commit_applicant(repo, "register")
    code, out, _ = run_diff(capsys, "HEAD~1", "HEAD", "--register", str(register))
    assert code == 0
    assert "#### Nowe kluby\n\n- Klub Integracji Społecznej kolbudy (`kolbudy`)" in out
    assert "⚠️ Rejestr przed zmianą miał 1 problem." in out


def test_cli_unknown_revision_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_diff(capsys, "nie-ma-takiej", "HEAD", "--register", str(repo / "register"))
    assert (code, out) == (2, "")
    assert "wersja „nie-ma-takiej” nie istnieje w repozytorium" in err


def test_cli_outside_git_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = make_register(tmp_path / "register", clubs=(), stories={})
    code, _, err = run_diff(capsys, "HEAD", "--register", str(register))
    assert code == 2
    assert "nie należy do repozytorium git" in err


def test_paths_in_code_spans_are_not_escaped_and_voivodeships_in_teryt_order(
    pair: tuple[Path, Path],
) -> None:
    base, head = pair
    for slug, teryt, town in (("lodzkie", "10", "Łódź"), ("lubelskie", "06", "Lublin")):
        add_rows(head, slug, "kluby", [club(f"k-{slug}", wojewodztwo=teryt, miejscowosc=town)])
    operators = head / "slowniki" / "typy_podmiotow.csv"
    operators.write_text(
        operators.read_text(encoding="utf-8").replace("inny podmiot", "inny"), encoding="utf-8"
    )
    text = render(compare(base, head))
    assert "`register/slowniki/typy_podmiotow.csv`" in text
    assert "kilku województw: lubelskie, łódzkie, pomorskie." in text
    assert text.index("### Województwo lubelskie") < text.index("### Województwo łódzkie")


def test_revoked_certificate_shows_no_validity_end(pair: tuple[Path, Path]) -> None:
    base, head = pair
    rewrite(
        head,
        "pomorskie",
        "zdarzenia",
        [
            *certification("kolbudy"),
            event("kolbudy", "2025-09-01", "certyfikat_cofniety"),
            event("pruszcz", "2024-02-01", "wniosek_zlozony"),
        ],
    )
    text = render(compare(base, head))
    assert ("| w procedurze certyfikacji | certyfikat cofnięty, nr KIS-22-2024-001 |") in text


def test_warnings_are_listed_for_the_reviewer_and_do_not_count_as_problems(
    pair: tuple[Path, Path],
) -> None:
    base, head = pair
    rewrite(head, "pomorskie", "kluby", [club("kolbudy", telefon="+48 58 123 45 67"),
                                         club("pruszcz"), club("sopot", adres="do uzupełnienia")])
    _, side = gitrev._side(head, AS_OF, "HEAD", "def5678abc")
    assert side.problems == 0
    assert [w.code for w in side.warnings] == ["value-placeholder"]
    text = diff_markdown.summary_markdown(compare(base, head),
                                diff_markdown.Side("origin/main", 0, "abc1234"), side)
    assert "✅ Rejestr po zmianie jest poprawny." in text
    assert "🔎 Do sprawdzenia przed scaleniem (1 uwaga; nie blokuje zmiany):" in text
    assert "`register/wojewodztwa/pomorskie/kluby.csv:" in text or "kluby.csv:" in text
    assert "do uzupełnienia" in text


def test_values_equal_as_typed_are_no_change_and_the_rewrite_is_noted_once(
    tmp_path: Path,
) -> None:
    """An Excel save + `kis popraw` drops trailing zeros: 49.6900 → 49.69 is the same number."""
    base = make_register(tmp_path / "base", clubs=(), stories={})
    head = make_register(tmp_path / "head", clubs=(), stories={})
    add_rows(base, "pomorskie", "kluby", [
        club("kolbudy", szerokosc="49.6900", dlugosc="18.6000"),
        club("pruszcz", szerokosc="54.2600", dlugosc="18.6400"),
        club("sopot", szerokosc="54.4400", dlugosc="18.5600"),
    ])
    add_rows(head, "pomorskie", "kluby", [
        club("kolbudy", szerokosc="49.69", dlugosc="18.6"),
        club("pruszcz", szerokosc="54.26", dlugosc="18.64"),
        club("sopot", szerokosc="54.45", dlugosc="18.56"),  # a real change among the rewrites
    ])
    changes = compare(base, head)
    assert [(r.club_id, [(f.name, f.before, f.after) for f in r.fields]) for r in changes.rows] \
        == [("sopot", [("szerokosc", "54.4400", "54.45")])]
    [note] = changes.rewritten
    assert (note.path, note.types, note.before, note.after) == (
        "wojewodztwa/pomorskie/kluby.csv", ("number",), "49.6900", "49.69")
    text = render(changes)
    assert "49.6900” → „49.69”" not in text and "pruszcz (`pruszcz`)" not in text
    assert "  - Szerokość geograficzna: „54.4400” → „54.45”" in text
    assert text.count("zapis liczb") == 1
    assert (
        "`register/wojewodztwa/pomorskie/kluby.csv`: zapis liczb zmieniony "
        "(np. 49.6900 → 49.69), wartości bez zmian."
    ) in text


def test_a_rewrite_alone_says_the_data_did_not_change(tmp_path: Path) -> None:
    base = make_register(tmp_path / "base", clubs=(), stories={})
    head = make_register(tmp_path / "head", clubs=(), stories={})
    add_rows(base, "pomorskie", "kluby", [club("kolbudy", szerokosc="54.3810")])
    add_rows(head, "pomorskie", "kluby", [club("kolbudy", szerokosc="54.381")])
    changes = compare(base, head)
    assert changes.rows == () and changes.statuses == ()
    text = render(changes)
    assert "### Województwo pomorskie" in text
    assert "zapis liczb zmieniony (np. 54.3810 → 54.381), wartości bez zmian." in text


@pytest.mark.parametrize(("a", "b", "kind", "equal"), [
    ("49.6900", "49.69", "number", True),
    ("18.0", "18", "number", True),
    ("0.1", "0.10000000000000001", "number", False),  # equal as floats, not as decimals
    ("54.381", "54.3811", "number", False),
    ("49,69", "49.69", "number", False),  # not a number: compared as written
    ("49_69", "4969", "number", False),
    ("NaN", "NaN", "number", True),  # same text
    ("7", "07", "integer", True),
    ("2021-03-15", "2021-03-15", "date", True),
    ("2021-03-15", "2021-03-16", "date", False),
    ("083", "83", "string", False),  # a code: its zeros matter
])
def test_cells_compare_as_their_schema_types_them(a: str, b: str, kind: str, equal: bool) -> None:
    assert (a == b or diff.typed(a, kind) == diff.typed(b, kind)) is equal


def test_field_types_come_from_the_table_schemas(tmp_path: Path) -> None:
    raw = load_register(make_register(tmp_path / "r", clubs=(), stories={}))
    types = diff._types(raw.table("kluby-pomorskie"), None)
    assert types["szerokosc"] == types["dlugosc"] == "number"
    assert types["data_wpisu"] == "date" and types["krs"] == "string"
