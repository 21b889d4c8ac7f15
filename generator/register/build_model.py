"""Turn raw tables that passed validation into the typed model (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import replace
from datetime import date
from functools import partial

from generator.register import model as m
from generator.register.descriptor import category_labels
from generator.register.load import RawRegister
from generator.register.stories import split_front_matter


def _opt(value: str) -> str | None:
    return value or None


def _num(value: str) -> float | None:
    return float(value) if value else None


def voivodeship(r: dict[str, str]) -> m.Voivodeship:
    """One row of ``slowniki/wojewodztwa.csv``."""
    return m.Voivodeship(
        r["teryt"], r["nazwa"], r["slug"], r["jednostka_certyfikujaca"],
        r["jednostka_certyfikujaca_adres"], r["jednostka_audytu"], r["jednostka_audytu_adres"],
        genitive=r["nazwa_dopelniacz"], locative=r["nazwa_miejscownik"],
        postal_prefixes=tuple(r.get("kody_pocztowe", "").split()),
    )


def build_register(raw: RawRegister) -> m.Register:
    """Build the model; assumes ``raw`` is valid (see :mod:`generator.validation.validate`)."""
    rows = partial(_rows, raw)
    voivodeships = tuple(
        voivodeship(r) for r in sorted(rows("wojewodztwa"), key=lambda r: r["teryt"])
    )
    appeal = rows("jednostka-odwolawcza")[0]
    clubs = _clubs(raw, [v.slug for v in voivodeships])
    return m.Register(
        example_data=bool(raw.descriptor.get("dane_przykladowe", False)),
        voivodeships=voivodeships,
        appeal_unit=m.AppealUnit(appeal["nazwa"], appeal["adres"], appeal["www"]),
        operator_types={r["kod"]: m.OperatorType(r["kod"], r["nazwa"], r["opis"])
                        for r in rows("typy-podmiotow")},
        services={r["kod"]: m.Service(r["kod"], r["grupa"], r["nazwa"], r["opis"])
                  for r in rows("katalog-uslug")},
        criterion_groups=tuple(m.CriterionGroup(r["kod"], r["zakres"], r["nazwa"], r["opis"])
                               for r in rows("grupy-kryteriow")),
        criteria=tuple(m.Criterion(r["kod"], r["grupa"], r["nazwa"], r["poziom_wymagany"],
                                   r["objasnienie"], _opt(r["usluga"]))
                       for r in rows("kryteria")),
        event_types={r["kod"]: m.EventType(r["kod"], r["nazwa"], r["etap"], r["opis"],
                                            tuple(r["dozwolone_po"].split()),
                                            r["wymaga_numeru"] == "tak")
                     for r in rows("typy-zdarzen")},
        statuses={r["kod"]: m.StatusDef(r["kod"], r["nazwa"], r["opis"])
                  for r in rows("statusy")},
        clubs=tuple(clubs),
        stories=tuple(sorted((_story(s.slug, s.text) for s in raw.stories),
                             key=lambda s: (s.date, s.slug), reverse=True)),
        access_labels=_access_labels(raw),
    )


def with_folders(before: m.Register, was: RawRegister, raw: RawRegister,
                 slugs: Collection[str]) -> m.Register:
    """``before`` (the model of ``was``) with the clubs of the voivodeship folders ``slugs`` read
    again from ``raw``: the model :func:`build_register` makes of ``raw`` when only tables of
    those folders differ from ``was`` (``raw`` valid: a folder's events and services are of its
    own clubs, and a club id is used once)."""
    gone = {r["klub_id"] for slug in slugs for r in _rows(was, f"kluby-{slug}")}
    kept = [c for c in before.clubs if c.id not in gone]
    folders = [v.slug for v in before.voivodeships if v.slug in slugs]
    return replace(before, clubs=tuple(_sorted(kept + _clubs(raw, folders))))


def _rows(raw: RawRegister, resource: str) -> list[dict[str, str]]:
    table = raw.table(resource)
    return table.rows if table else []


def _clubs(raw: RawRegister, slugs: list[str]) -> list[m.Club]:
    """The clubs of the voivodeship folders ``slugs``, with their events and services, sorted."""
    events: dict[str, list[m.Event]] = defaultdict(list)
    services: dict[str, list[m.ClubService]] = defaultdict(list)
    clubs: list[m.Club] = []
    for slug in slugs:
        for r in _rows(raw, f"zdarzenia-{slug}"):
            events[r["klub_id"]].append(m.Event(r["klub_id"], date.fromisoformat(r["data"]),
                                                r["typ"], _opt(r["numer_certyfikatu"]),
                                                _opt(r["uwagi"])))
        for r in _rows(raw, f"uslugi-{slug}"):
            services[r["klub_id"]].append(m.ClubService(r["usluga"], _opt(r["opis"])))
        for r in _rows(raw, f"kluby-{slug}"):
            clubs.append(_club(r, events, services))
    return _sorted(clubs)


def _sorted(clubs: list[m.Club]) -> list[m.Club]:
    return sorted(clubs, key=lambda c: (c.voivodeship, c.id))


def _access_labels(raw: RawRegister) -> dict[str, str]:
    """The labels of ``dostepnosc`` codes, from the field's categories in ``kluby.yaml``."""
    for table in raw.of_kind("kluby"):
        for fld in table.schema.get("fields", []):
            if fld.get("name") == "dostepnosc":
                return category_labels(fld)
    return {}


def _club(r: dict[str, str], events: dict[str, list[m.Event]],
          services: dict[str, list[m.ClubService]]) -> m.Club:
    ordered = sorted(events.get(r["klub_id"], []), key=lambda e: e.date)
    return m.Club(
        id=r["klub_id"], name=r["nazwa"], voivodeship=r["wojewodztwo"],
        operator_name=r["podmiot_nazwa"], operator_type=r["podmiot_typ"],
        krs=_opt(r["krs"]), regon=_opt(r["regon"]), nip=_opt(r["nip"]),
        address=r["adres"], postal_code=r["kod_pocztowy"], town=r["miejscowosc"],
        phone=_opt(r["telefon"]), email=_opt(r["email"]), www=_opt(r["www"]),
        lat=_num(r["szerokosc"]), lon=_num(r["dlugosc"]),
        entry_date=date.fromisoformat(r["data_wpisu"]), entry_number=_opt(r["numer_wpisu"]),
        events=tuple(ordered),
        services=tuple(sorted(services.get(r["klub_id"], []), key=lambda s: s.service)),
        opening_hours=_opt(r.get("godziny_otwarcia", "")),
        access=_opt(r.get("dostepnosc", "")), access_note=_opt(r.get("dostepnosc_opis", "")),
    )


def _story(slug: str, text: str) -> m.Story:
    front, body, _ = split_front_matter(text)
    day = front["data"]
    return m.Story(
        slug=slug,
        title=str(front["tytul"]),
        club_id=str(front["klub"]),
        services=tuple(str(s) for s in front["uslugi"]),
        date=day if isinstance(day, date) else date.fromisoformat(str(day)),
        summary=str(front["streszczenie"]),
        body_markdown=body,
    )
