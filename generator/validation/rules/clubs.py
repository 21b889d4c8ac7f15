"""Club rows: folder, identifiers, contact data, coordinates."""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register import identifiers, opening_hours
from generator.register.load import RawRegister
from generator.validation.rules import Context, complete
from generator.validation.rules.voivodeship import code_text, misplaced, names, of_text

CONTACT_RULES = (
    ("regon", identifiers.regon_valid, "regon-checksum"),
    ("nip", identifiers.nip_valid, "nip-checksum"),
    ("telefon", identifiers.phone_valid, "phone-invalid"),
    ("email", identifiers.email_valid, "email-invalid"),
    ("www", identifiers.url_valid, "url-invalid"),
)


def _teryt_by_slug(raw: RawRegister) -> dict[str, str]:
    table = complete(raw, "wojewodztwa")
    return {r["slug"]: r["teryt"] for r in table.rows} if table else {}


def check_clubs(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    teryt_of = _teryt_by_slug(raw)
    known = names(raw)
    for table in raw.of_kind("kluby"):  # a repeated id: rules.club_ids
        expected = teryt_of.get(table.voivodeship or "")
        for row, line in zip(table.rows, table.lines, strict=True):
            if expected and row["wojewodztwo"] and row["wojewodztwo"] != expected:
                yield problem("club-folder-mismatch", table.display, line,
                              table.column("wojewodztwo"), "wojewodztwo",
                              value=row["wojewodztwo"], folder=table.voivodeship,
                              expected=expected, proposal=expected,
                              value_text=code_text(known, row["wojewodztwo"]),
                              expected_text=of_text(known, expected))
            for column, valid, code in CONTACT_RULES:
                value = row[column]
                if not value or not _shaped(column, value) or valid(value):
                    continue
                yield problem(code, table.display, line, table.column(column), column,
                              value=value)
            hours = row.get("godziny_otwarcia", "")
            if hours and (detail := opening_hours.valid(hours)):
                yield problem("opening-hours-invalid", table.display, line,
                              table.column("godziny_otwarcia"), "godziny_otwarcia",
                              value=hours, detail=detail)


def _shaped(column: str, value: str) -> bool:
    """Leave wrong lengths to the schema pattern, so one mistake gives one message."""
    if column == "regon":
        return value.isdigit() and len(value) in (9, 14)
    if column == "nip":
        return value.isdigit() and len(value) == 10
    return True


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def check_coordinates(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    from generator.geo import boundaries as geo

    voivodeships = complete(raw, "wojewodztwa")
    # the locative form serves „poza województwem …” and „w województwie …” alike
    names = ({r["teryt"]: r.get("nazwa_miejscownik") or r["nazwa"] for r in voivodeships.rows}
             if voivodeships else {})
    folder_teryt = _teryt_by_slug(raw)
    elsewhere = misplaced(raw, ctx)  # reported once, as club-voivodeship-elsewhere
    for table in raw.of_kind("kluby"):
        lat_col, lon_col = table.column("szerokosc"), table.column("dlugosc")
        for row, line in zip(table.rows, table.lines, strict=True):
            lat_text, lon_text = row["szerokosc"], row["dlugosc"]
            if bool(lat_text) != bool(lon_text):
                col = lon_col if lat_text else lat_col
                yield problem("coordinates-incomplete", table.display, line, col,
                              "dlugosc" if lat_text else "szerokosc")
                continue
            lat, lon = _float(lat_text), _float(lon_text)
            # the folder decides the voivodeship: a wrong code in the row is reported once, as
            # club-folder-mismatch, and not again as coordinates outside that other voivodeship
            teryt = folder_teryt.get(table.voivodeship or "") or row["wojewodztwo"]
            if (lat is None or lon is None or ctx.boundaries is None or teryt not in names
                    or (table.voivodeship or "", row["klub_id"]) in elsewhere):
                continue
            tolerance = geo.BOUNDARY_TOLERANCE_KM
            if geo.contains(ctx.boundaries, teryt, lat, lon, tolerance_km=tolerance):
                continue
            actual = geo.voivodeship_at(ctx.boundaries, lat, lon)
            found = (f" (leży w województwie {names[actual]})" if actual in names
                     else " (leży poza granicami Polski)")
            yield problem("coordinates-outside", table.display, line, lat_col, "szerokosc",
                          lat=lat_text, lon=lon_text, voivodeship=names[teryt], found=found)
