"""The statistics as CSV files on /dane/statystyki/: one file per table, every scope in it.

UTF-8, comma-separated, a header row, CRLF line ends (as the other CSV files of /dane/). The
column ``zakres`` is ``polska`` or a voivodeship's slug. Durations are in days, with a dot.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.parts.statistics.figures import HORIZONS, KINDS, Figures, Spread
from generator.parts.statistics.sections import csv_path
from generator.register.model import Register

Row = Sequence[object]


@dataclass(frozen=True)
class CsvFile:
    name: str
    description: str  # for the /dane/ page, Polish
    header: tuple[str, ...]
    rows: Callable[[Register, Sequence[Figures]], Iterable[Row]]

    @property
    def path(self) -> str:
        return csv_path(self.name)


def _quarters(_: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    for f in all_figures:
        for q, n in f.quarterly:
            yield (f.scope.key, q.short, q.end.isoformat(), n)


def _years(_: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    for f in all_figures:
        for y in f.years:
            yield (f.scope.key, y.year, *(getattr(y, kind) for kind in KINDS))


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _spread(s: Spread | None) -> tuple[object, ...]:
    if s is None:
        return (0, "", "", "", "", "")
    return (s.n, _number(s.q1), _number(s.median), _number(s.q3), s.low, s.high)


def _stages(_: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    for f in all_figures:
        for s in f.stages:
            yield (f.scope.key, s.stage.key, s.stage.label, *_spread(s.spread))


def _open(register: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    national = all_figures[0]
    for c in national.open_cases:
        yield (c.club.id, register.voivodeship(c.club.voivodeship).slug, c.kind,
               c.since.isoformat(), c.days, c.last.type, c.last.date.isoformat())


def _expiring(register: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    for e in all_figures[0].expiring[HORIZONS[-1]]:
        yield (e.club.id, register.voivodeship(e.club.voivodeship).slug, e.number,
               e.valid_until.isoformat(), e.days, _bool(e.extension_started))


def _terms(register: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    for t in all_figures[0].term_ends:
        yield (t.club.id, register.voivodeship(t.club.voivodeship).slug, t.number,
               t.valid_until.isoformat(), _bool(t.requested_in_time), _bool(t.extended))


def _services(register: Register, all_figures: Sequence[Figures]) -> Iterable[Row]:
    for f in all_figures:
        for code, n in f.services:
            yield (f.scope.key, code, register.services[code].name, n)


def _bool(value: bool) -> str:
    return "true" if value else "false"


FILES = (
    CsvFile("certyfikowane-kwartalnie", "liczba klubów z ważnym certyfikatem na koniec każdego "
            "kwartału", ("zakres", "kwartal", "koniec_kwartalu", "certyfikowane_kluby"),
            _quarters),
    CsvFile("zdarzenia-rocznie", "certyfikaty wydane, przedłużone, odmowy, cofnięcia i "
            "odwołania w każdym roku",
            ("zakres", "rok", "wydane", "przedluzone", "odmowy", "cofniete",
             "odwolania_zlozone", "odwolania_uwzglednione", "odwolania_oddalone"), _years),
    CsvFile("czas-procedur", "czas etapów certyfikacji i przedłużenia w dniach: liczba "
            "przypadków, kwartyle, mediana, najkrótszy i najdłuższy",
            ("zakres", "etap", "etap_opis", "liczba", "kwartyl_dolny", "mediana",
             "kwartyl_gorny", "minimum", "maksimum"), _stages),
    CsvFile("sprawy-w-toku", "sprawy w toku: klub, rodzaj sprawy, od kiedy, ile dni, ostatnie "
            "zdarzenie", ("klub_id", "wojewodztwo", "rodzaj", "od", "dni",
                          "ostatnie_zdarzenie", "data_ostatniego_zdarzenia"), _open),
    CsvFile("wygasajace", f"certyfikaty wygasające w ciągu {HORIZONS[-1]} dni i czy "
            "zgłoszono ich przedłużenie", ("klub_id", "wojewodztwo", "numer_certyfikatu",
                                          "wazny_do", "dni", "przedluzenie_zgloszone"),
            _expiring),
    CsvFile("konce-waznosci", "certyfikaty, których ważność minęła: czy przedłużenie "
            "zgłoszono na czas i czy certyfikat przedłużono bez przerwy",
            ("klub_id", "wojewodztwo", "numer_certyfikatu", "wazny_do",
             "przedluzenie_zgloszone_na_czas", "przedluzony_bez_przerwy"), _terms),
    CsvFile("uslugi", "liczba certyfikowanych klubów prowadzących każdą usługę",
            ("zakres", "usluga", "usluga_nazwa", "kluby"), _services),
)  # fmt: skip


def csv_text(file: CsvFile, register: Register, all_figures: Sequence[Figures]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(file.header)
    writer.writerows(file.rows(register, all_figures))
    return out.getvalue()


def site_files(register: Register, all_figures: Sequence[Figures]) -> dict[str, str]:
    """Every CSV file; ``all_figures`` starts with the whole country."""
    return {f.path: csv_text(f, register, all_figures) for f in FILES}
