"""The figures as page sections: a title, a few sentences, a chart and its data tables (pure).

The same sections make the HTML pages, the yearly report's PDF and (through the tables) say
what the CSV files hold. Cells are text, or a :class:`Link` to a page of the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from generator.parts.statistics import charts
from generator.parts.statistics.figures import (
    HORIZONS,
    STAGES,
    Figures,
    Spread,
    Stage,
    StageSpread,
    YearCounts,
)
from generator.polish import count, date_pl, number, plural, short_date
from generator.register.model import Club, Register

CSV_DIR = "dane/statystyki"


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # relative to the site root


Cell = str | Link


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # the first cell of a row heads it (th scope="row")
    empty: str = "Brak danych."


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: tuple[str, ...] = ()
    chart: charts.Chart | None = None
    caption: str = ""
    legend: tuple[tuple[int, str], ...] | None = None  # charts.legend
    tables: tuple[Table, ...] = ()
    csv: tuple[str, ...] = ()  # the CSV files (docs paths) with these figures
    notes: tuple[str, ...] = field(default=())  # sentences after the tables


def csv_path(name: str) -> str:
    return f"{CSV_DIR}/{name}.csv"


def days(value: float) -> str:
    """Days with a Polish decimal comma: ``12``, ``12,5``."""
    return number(value, 0, 2)


def club_link(club: Club) -> Link:
    return Link(club.name, f"kluby/{club.id}/")


def year_label(year: int, day: date) -> str:
    """„2026 (do 22 listopada)” for the year still under way, else „2025”."""
    if year == day.year and (day.month, day.day) != (12, 31):
        return f"{year} (do {date_pl(day).rsplit(' ', 1)[0]})"
    return str(year)


def has(verb_one: str, verb_few: str, n: int) -> str:
    return plural(n, verb_one, verb_few, verb_one)


# --- the statistics page ------------------------------------------------------------------


def quarterly(f: Figures, prefix: str = "") -> Section:
    qs = f.quarterly
    many_years = len({q.year for q, _ in qs}) > 8
    ticks = []
    for i, (q, _) in enumerate(qs):
        if len(qs) <= 6:  # a year or so: every quarter („II 2024”)
            ticks.append(f"{q.name.split()[0]} {q.year}")
            continue
        show = q.number == 1 and (not many_years or q.year % 2 == 0)
        ticks.append(str(q.year) if show or (i == 0 and q.number in (2, 3)) else "")
    title = "Certyfikowane kluby na koniec kwartału"
    chart = charts.columns(f"{prefix}kwartaly-wykres", title, ticks,
                           charts.series([("certyfikowane kluby", [n for _, n in qs])]))
    table = Table(f"{prefix}kwartaly-tabela", f"{title} – {f.scope.name}",
                  ("Kwartał", "Ostatni dzień kwartału", "Certyfikowane kluby"),
                  tuple((q.name, short_date(q.end), str(n)) for q, n in qs),
                  empty="Żaden kwartał nie zakończył się jeszcze od pierwszego zdarzenia.")
    registers = "rejestru wojewody" if f.scope.voivodeship else "rejestrów wojewodów"
    text = (
        f"Na dzień {date_pl(f.day)} ważny certyfikat {has('ma', 'mają', f.certified)} "
        f"{count(f.certified, 'klub')} spośród {f.clubs} "
        f"{plural(f.clubs, 'klubu', 'klubów', 'klubów')} wpisanych do {registers}."
        if f.clubs else f"Na dzień {date_pl(f.day)} w rejestrze wojewody nie ma żadnego klubu.",
    )
    return Section(f"{prefix}kwartaly", title, text, chart if qs else None,
                   f"{title}: {f.scope.name}, od pierwszego zdarzenia w rejestrze.",
                   None, (table,), (csv_path("certyfikowane-kwartalnie"),))


YEAR_SERIES = (("wydane", "issued"), ("przedłużone", "extended"), ("odmowy", "refused"),
               ("cofnięte", "withdrawn"))
APPEAL_SERIES = (("złożone", "appeals_filed"), ("uwzględnione", "appeals_upheld"),
                 ("oddalone", "appeals_dismissed"))


def yearly(f: Figures, prefix: str = "") -> Section:
    title = "Certyfikaty w kolejnych latach"
    return _year_section(f"{prefix}lata", title, f, YEAR_SERIES, "Certyfikaty",
                         ("Wydane certyfikaty obejmują też certyfikaty wpisane z datą wydania "
                          "sprzed prowadzenia rejestru. Odmowy to odrzucenie wniosku z przyczyn "
                          "formalnych, odmowa wydania i odmowa przedłużenia certyfikatu.",),
                         csv_path("zdarzenia-rocznie"))


def appeals(f: Figures, prefix: str = "") -> Section:
    text = (f"Odwołania w toku na dzień {date_pl(f.day)}: {f.appeals_pending}.",)
    return _year_section(f"{prefix}odwolania", "Odwołania i ich rozstrzygnięcia", f,
                         APPEAL_SERIES, "Odwołania", text, csv_path("zdarzenia-rocznie"))


def _year_section(sid: str, title: str, f: Figures, names: Sequence[tuple[str, str]],
                  head: str, text: tuple[str, ...], csv: str) -> Section:
    years: tuple[YearCounts, ...] = f.years
    data = charts.series([(n, [getattr(y, attr) for y in years]) for n, attr in names])
    ticks = [str(y.year) if len(years) <= 8 or y.year % 2 == 0 else "" for y in years]
    drawn = any(v for s in data for v in s.values)  # no chart of nothing but zeros
    chart = charts.columns(f"{sid}-wykres", title, ticks, data) if drawn else None
    table = Table(f"{sid}-tabela", f"{title} – {f.scope.name}",
                  ("Rok", *(f"{head}: {n}" for n, _ in names)),
                  tuple((year_label(y.year, f.day), *(str(getattr(y, a)) for _, a in names))
                        for y in years))
    return Section(sid, title, text, chart, f"{title}: {f.scope.name}, liczba w roku.",
                   charts.legend(data) if drawn else None, (table,), (csv,))


SPREAD_HEAD = ("Etap", "Liczba przypadków", "Kwartyl dolny", "Mediana", "Kwartyl górny",
               "Najkrócej", "Najdłużej")


def spread_cells(s: Spread | None) -> tuple[str, ...]:
    if s is None:
        return ("0", "–", "–", "–", "–", "–")
    return (str(s.n), days(s.q1), days(s.median), days(s.q3), str(s.low), str(s.high))


def durations(f: Figures, extension: bool, prefix: str = "",
              others: Sequence[Figures] = ()) -> Section:
    """How long each stage took (in days), from every completed stage up to the day."""
    rows = [s for s in f.stages if s.stage.extension == extension]
    sid = f"{prefix}{'czas-przedluzenia' if extension else 'czas-certyfikacji'}"
    title = "Czas przedłużenia certyfikatu" if extension else "Czas certyfikacji"
    chart = charts.ranges(f"{sid}-wykres", f"{title} w dniach",
                          [(_short(s.stage), s.spread) for s in rows]
                          ) if any(s.spread for s in rows) else None
    tables = [Table(f"{sid}-tabela", f"{title} w dniach – {f.scope.name}", SPREAD_HEAD,
                    tuple((s.stage.label, *spread_cells(s.spread)) for s in rows))]
    if others:
        stages = [s for s in STAGES if s.extension == extension]
        tables.append(Table(
            f"{sid}-wojewodztwa", f"{title}: mediana w dniach (w nawiasie liczba przypadków) "
            "według województw", ("Województwo", *(_short(s) for s in stages)),
            tuple((_voivodeship(o),
                   *(_median_cell(_spread_of(o.stages, s)) for s in stages)) for o in others),
        ))  # fmt: skip
    text = (
        "Mediana to wartość środkowa: połowa spraw trwała krócej, połowa dłużej. Połowa spraw "
        "mieści się między kwartylem dolnym a górnym (na wykresie – prostokąt; kreska to "
        "mediana, linia – od najkrótszej do najdłuższej sprawy).",
    )
    return Section(sid, title, text, chart, f"{title}: {f.scope.name}, dni na każdym etapie.",
                   None, tuple(tables), (csv_path("czas-procedur"),))


def _voivodeship(f: Figures) -> Link:
    """A voivodeship's statistics page, by the voivodeship's name (the column says the rest)."""
    name = f.scope.voivodeship.name if f.scope.voivodeship else f.scope.name
    return Link(name, f"statystyki/{f.scope.key}/")


def _short(stage: Stage) -> str:
    return stage.label[:1].upper() + stage.label[1:]


def _spread_of(found: Sequence[StageSpread], stage: Stage) -> Spread | None:
    return next(s.spread for s in found if s.stage.key == stage.key)


def _median_cell(s: Spread | None) -> str:
    return "–" if s is None else f"{days(s.median)} ({s.n})"


def open_cases(f: Figures, register: Register, prefix: str = "",
               others: Sequence[Figures] = ()) -> Section:
    buckets = f.open_buckets()
    title = "Sprawy w toku"
    chart = charts.bars(f"{prefix}w-toku-wykres", f"{title} według czasu trwania",
                        buckets) if f.open_cases else None
    tables = [Table(f"{prefix}w-toku-przedzialy", f"{title} według czasu trwania – "
                    f"{f.scope.name}", ("Sprawa trwa", "Liczba spraw"),
                    tuple((label, str(n)) for label, n in buckets))]
    if others:
        tables.append(Table(
            f"{prefix}w-toku-wojewodztwa", f"{title} według województw",
            ("Województwo", "Liczba spraw", "Mediana dni", "Najdłużej (dni)"),
            tuple((_voivodeship(o), str(len(o.open_cases)),
                   *((days(s.median), str(s.high)) if (s := o.open_spread()) else ("–", "–")))
                  for o in others),
        ))  # fmt: skip
    else:
        tables.append(Table(
            f"{prefix}w-toku-lista", f"{title} – {f.scope.name}",
            ("Klub", "Rodzaj sprawy", "Od", "Dni", "Ostatnie zdarzenie"),
            tuple((club_link(c.club), c.kind, short_date(c.since), str(c.days),
                   f"{register.event_types[c.last.type].name}, {short_date(c.last.date)}")
                  for c in f.open_cases),
            empty="",  # the section's text says so
        ))  # fmt: skip
    n = len(f.open_cases)
    text = (
        f"Na dzień {date_pl(f.day)} w toku {plural(n, 'jest', 'są', 'jest')} {n} "
        f"{plural(n, 'sprawa', 'sprawy', 'spraw')}. Sprawa to certyfikacja lub odwołanie "
        "(liczone od złożenia wniosku) albo przedłużenie (od zgłoszenia przedłużenia)."
        if n else f"Na dzień {date_pl(f.day)} nie ma spraw w toku.",
    )
    return Section(f"{prefix}w-toku", title, text, chart, f"{title}: {f.scope.name}, "
                   "liczba spraw według tego, jak długo trwają.", None, tuple(tables),
                   (csv_path("sprawy-w-toku"),))


def expiring(f: Figures, prefix: str = "", others: Sequence[Figures] = ()) -> Section:
    title = "Certyfikaty wygasające"
    rows = []
    for h in HORIZONS:
        found = f.expiring[h]
        started = sum(1 for e in found if e.extension_started)
        rows.append((f"w ciągu {h} dni", str(len(found)), str(started), str(len(found) - started)))
    head = ("Wygasa", "Certyfikaty", "Przedłużenie zgłoszone", "Przedłużenie niezgłoszone")
    tables = [Table(f"{prefix}wygasajace-tabela", f"{title} po dniu {date_pl(f.day)} – "
                    f"{f.scope.name}", head, tuple(rows))]
    if others:
        tables.append(Table(
            f"{prefix}wygasajace-wojewodztwa", f"{title} w ciągu {HORIZONS[-1]} dni według "
            "województw", ("Województwo", *head[1:]),
            tuple((_voivodeship(o),
                   str(len(e := o.expiring[HORIZONS[-1]])),
                   str(k := sum(1 for x in e if x.extension_started)), str(len(e) - k))
                  for o in others),
        ))  # fmt: skip
    else:
        tables.append(Table(
            f"{prefix}wygasajace-lista", f"{title} w ciągu {HORIZONS[-1]} dni – {f.scope.name}",
            ("Klub", "Numer certyfikatu", "Ważny do", "Zostało dni", "Przedłużenie zgłoszone"),
            tuple((club_link(e.club), e.number, short_date(e.valid_until), str(e.days),
                   "tak" if e.extension_started else "nie") for e in f.expiring[HORIZONS[-1]]),
            empty=f"Żaden certyfikat nie wygasa w ciągu {HORIZONS[-1]} dni.",
        ))  # fmt: skip
    tables.append(term_table(f, f"{prefix}konce-waznosci"))
    text = ("Przedłużenie jest zgłoszone na czas, gdy zgłoszenie przedłużenia wpłynęło "
            "najpóźniej w ostatnim dniu ważności certyfikatu.",)
    return Section(f"{prefix}wygasajace", title, text, None, "", None, tuple(tables),
                   (csv_path("wygasajace"), csv_path("konce-waznosci")))


def term_table(f: Figures, tid: str, year: int | None = None) -> Table:
    by_year: dict[int, list[int]] = {}
    for t in f.term_ends:
        if year is None or t.valid_until.year == year:
            row = by_year.setdefault(t.valid_until.year, [0, 0, 0])
            row[0] += 1
            row[1] += t.requested_in_time
            row[2] += t.extended
    return Table(
        tid, f"Certyfikaty, których ważność minęła – {f.scope.name}",
        ("Rok końca ważności", "Certyfikaty", "Przedłużenie zgłoszone na czas",
         "Przedłużone bez przerwy"),
        tuple((year_label(y, f.day), *(str(v) for v in row)) for y, row in sorted(by_year.items())),
        empty="Ważność żadnego certyfikatu jeszcze nie minęła.",
    )  # fmt: skip


def services(f: Figures, register: Register, prefix: str = "",
             others: Sequence[Figures] = ()) -> Section:
    title = "Usługi certyfikowanych klubów"
    rows = [(register.services[code].name, n) for code, n in f.services]
    rows.sort(key=lambda r: -r[1])
    chart = charts.bars(f"{prefix}uslugi-wykres", title, rows)
    tables = [Table(f"{prefix}uslugi-tabela", f"{title} – {f.scope.name}",
                    ("Usługa", "Certyfikowane kluby"), tuple((n, str(v)) for n, v in rows))]
    if others:
        names = {code: register.services[code].name for code, _ in f.services}
        tables.append(Table(
            f"{prefix}uslugi-wojewodztwa", f"{title} według województw",
            ("Usługa", *(o.scope.voivodeship.name for o in others if o.scope.voivodeship)),
            tuple((names[code], *(str(dict(o.services)[code]) for o in others))
                  for code, _ in f.services),
        ))  # fmt: skip
    clubs = plural(f.certified, "certyfikowanego klubu", "certyfikowanych klubów",
                   "certyfikowanych klubów")
    text = (f"Ile spośród {f.certified} {clubs} prowadzi każdą usługę z katalogu usług "
            "(według danych klubów w rejestrze)." if f.certified else
            f"Na dzień {date_pl(f.day)} żaden klub nie ma ważnego certyfikatu.",)
    return Section(f"{prefix}uslugi", title, text, chart if f.certified else None,
                   f"{title}: {f.scope.name}, liczba klubów z ważnym certyfikatem.", None,
                   tuple(tables), (csv_path("uslugi"),))


def overview(national: Figures, others: Sequence[Figures]) -> Section:
    rows = tuple(
        (_voivodeship(o) if o.scope.voivodeship else
         "Cała Polska", str(o.clubs), str(o.certified), str(len(o.open_cases)),
         str(len(o.expiring[HORIZONS[0]])))
        for o in (*others, national)
    )
    table = Table("wojewodztwa-tabela", f"Województwa na dzień {date_pl(national.day)}",
                  ("Województwo", "Kluby w rejestrze", "Certyfikowane kluby", "Sprawy w toku",
                   f"Wygasa w ciągu {HORIZONS[0]} dni"), rows)
    return Section("wojewodztwa", "Województwa", (), None, "", None, (table,))


METHOD = (
    "Wszystkie liczby wylicza generator strony ze zdarzeń wpisanych do rejestru, na dzień "
    "podany na stronie; późniejszych zdarzeń nie bierze pod uwagę. Status klubu w danym dniu "
    "ustala ta sama reguła co na stronach klubów: certyfikat jest ważny 3 lata od dnia wydania "
    "lub przedłużenia (certyfikat wydany 29 lutego jest ważny do 27 lutego), chyba że został "
    "wcześniej cofnięty albo klub wykreślono.",
    "Czas etapu to liczba dni między dwoma zdarzeniami tej samej procedury. Odmowa, "
    "odrzucenie wniosku, odwołanie, cofnięcie certyfikatu i wykreślenie kończą procedurę: "
    "czas po nich nie wlicza się do żadnego etapu. Mediana i kwartyle są liczone metodą "
    "włączającą (jak funkcja KWARTYL.PRZEDZ.ZAMK w arkuszu kalkulacyjnym).",
    "Rok, w którym liczy się zdarzenie, to rok jego daty. Usługi klubów pochodzą z bieżących "
    "danych rejestru: rejestr nie zapisuje, od kiedy klub prowadzi daną usługę.",
)


def method() -> Section:
    return Section("metoda", "Jak liczymy", METHOD)
