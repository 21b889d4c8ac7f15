"""Tests of the synthetic register generator (generator/synthetic.py)."""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from pathlib import Path
from random import Random

import frictionless
import pytest

from generator.register.model import Event
from generator.register.status import ISSUING_EVENTS, STATUS_CODES, standing
from tests.register_invariants import problems, read
from tests.synthetic import (
    PROJECT,
    main,
    nip_check,
    random_nip,
    random_regon,
    regon_check,
    write_register,
)
from tests.synthetic.events import AS_OF, LAST_EVENT, SCENARIOS, history, status_of
from tests.synthetic.geo import contains, load_boundaries

SOURCE = PROJECT / "register"


@pytest.fixture(scope="module")
def register200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("synthetic") / "register"
    write_register(dest, 200, seed=7)
    return dest


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_passes_frictionless(register200: Path) -> None:
    report = frictionless.Package(str(register200 / "datapackage.yaml")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])[:10]


def test_same_arguments_give_identical_bytes(register200: Path, tmp_path: Path) -> None:
    write_register(tmp_path / "again", 200, seed=7)
    assert files(tmp_path / "again") == files(register200)


def test_other_seed_gives_other_data(register200: Path, tmp_path: Path) -> None:
    write_register(tmp_path / "other", 200, seed=8)
    path = "wojewodztwa/pomorskie/kluby.csv"
    assert files(tmp_path / "other")[path] != files(register200)[path]


def test_every_status_present(register200: Path) -> None:
    counts = Counter(s.status for s in read(register200).standings().values())
    assert set(counts) == set(STATUS_CODES)
    assert counts["certyfikowany"] > 200 * 0.4


def test_invariants_hold(register200: Path) -> None:
    assert problems(register200) == []


def test_clubs_spread_over_all_voivodeships(register200: Path) -> None:
    data = read(register200)
    per_folder = Counter(data.slug_of.values())
    assert len(per_folder) == 16
    assert set(per_folder.values()) <= {12, 13}
    assert len(data.stories) == 200 // 25


def test_copies_reference_files(register200: Path) -> None:
    for name in ("datapackage.yaml", "slowniki/typy_zdarzen.csv", "granice/wojewodztwa.geojson"):
        assert (register200 / name).read_bytes() == (SOURCE / name).read_bytes()


def test_sixteen_clubs_cover_every_status(tmp_path: Path) -> None:
    write_register(tmp_path / "r", 16, seed=1)
    statuses = {s.status for s in read(tmp_path / "r").standings().values()}
    assert statuses == set(STATUS_CODES)


def test_zero_clubs_writes_headers_only(tmp_path: Path) -> None:
    write_register(tmp_path / "r", 0)
    text = (tmp_path / "r" / "wojewodztwa" / "opolskie" / "zdarzenia.csv").read_text("utf-8")
    assert text == "klub_id,data,typ,numer_certyfikatu,uwagi\n"


def test_rewriting_replaces_old_clubs(tmp_path: Path) -> None:
    write_register(tmp_path / "r", 100)
    write_register(tmp_path / "r", 30)
    assert len(read(tmp_path / "r").clubs) == 30
    assert len(list((tmp_path / "r" / "dobre-praktyki").glob("*.md"))) == 30 // 25


def test_refuses_a_folder_that_is_not_a_register(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    with pytest.raises(FileExistsError):
        write_register(tmp_path, 10)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "r"), "--clubs", "20", "--seed", "2"]) == 0
    assert "20 clubs" in capsys.readouterr().out
    with (tmp_path / "r" / "wojewodztwa" / "pomorskie" / "kluby.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 1


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_scenario_gives_its_status_with_allowed_transitions(scenario: str) -> None:
    allowed = {}
    with (SOURCE / "slowniki" / "typy_zdarzen.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            allowed[row["kod"]] = set(row["dozwolone_po"].split())
    rng = Random(scenario)
    for _ in range(200):
        steps = history(scenario, rng)
        events = [Event("k", s.date, s.type, "KIS-22-2024-001" if s.type in ISSUING_EVENTS
                        else None) for s in steps]
        assert standing(events, AS_OF).status == status_of(scenario), steps
        assert [s.date for s in steps] == sorted(s.date for s in steps), steps
        assert not steps or steps[-1].date <= LAST_EVENT  # never_applied: no events
        types = ["start", *(s.type for s in steps)]
        assert all(prev in allowed[cur] for prev, cur in itertools.pairwise(types))


def test_check_digits() -> None:
    assert regon_check("12345678") == 5  # 123456785 is a valid REGON
    assert nip_check("123456321") == 8  # 1234563218 is a valid NIP
    rng = Random(0)
    for _ in range(500):
        regon, nip = random_regon(rng), random_nip(rng)
        assert regon_check(regon[:8]) == int(regon[8])
        assert nip_check(nip[:9]) == int(nip[9])


def test_point_in_polygon_knows_the_voivodeships() -> None:
    rings = load_boundaries(SOURCE / "granice" / "wojewodztwa.geojson")
    gdansk = (18.6466, 54.3520)
    assert contains(rings["22"], *gdansk)
    assert not contains(rings["02"], *gdansk)
    assert sum(contains(r, 21.0122, 52.2297) for r in rings.values()) == 1  # Warszawa
