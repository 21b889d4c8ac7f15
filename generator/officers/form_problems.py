"""Problems in the form's own words: field labels and event names, never columns or codes (pure).

A problem of the form path carries where it is in ``Problem.field`` (the form label, or empty for
the register as a whole) and, for the events text area, the line in ``params["item"]``.
``params["where"]`` says whose data it concerns: "form" (what the issue asks to write),
"history" (the club's rows already in the register) or "register" (anything else).
"""

from __future__ import annotations

from generator.messages import CATALOGUE, SEVERITY
from generator.polish import plural
from generator.problems import Problem

LIMIT = 160  # characters of one typed value quoted in a message
TYPED = ("value", "key")  # parameters that quote what the officer typed

# validation code -> its wording for the form; codes not listed read well as they are
VARIANTS = {
    "cell-required": "form-cell-required",
    "cell-type-date": "form-bad-date",
    "cell-type-number": "form-cell-number",
    "cell-pattern": "form-cell-pattern",
    "cell-range": "form-cell-range",
    "cell-length": "form-cell-length",
    "cell-too-long": "form-cell-too-long",
    "text-not-nfc": "form-text-not-nfc",
    "text-control": "form-text-control",
    "coordinates-incomplete": "form-coordinates-incomplete",
    "coordinates-outside": "form-coordinates-outside",
    "event-before-entry": "form-event-before-entry",
    "certificate-number-missing": "form-certificate-number-missing",
    "certificate-number-duplicate": "form-certificate-number-duplicate",
    "key-duplicate": "form-key-duplicate",
    "club-id-duplicate": "form-club-exists",
    "value-placeholder": "form-value-placeholder",
    "club-duplicate": "form-club-duplicate",
    "entry-number-duplicate": "form-entry-number-duplicate",
    "postal-code-voivodeship": "form-postal-code-voivodeship",
    "club-name-cis": "form-club-name-cis",
    "club-voivodeship-elsewhere": "form-club-voivodeship-elsewhere",
}
# form code -> (parameter, the catalogue variant used when that parameter is not empty)
VARIANT_WHEN = {
    "form-value-placeholder": ("optional", "form-value-placeholder-optional"),
}
# parameters that hold one event type code, or a comma-separated list of them
EVENT_PARAMS = ("event", "previous")
EVENT_LIST_PARAMS = ("allowed",)


def translate(
    found: Problem,
    *,
    source: str,
    label: str,
    labels: dict[str, str],
    event_names: dict[str, str],
    where: str,
    item: int = 0,
    line: int = 0,
) -> Problem:
    """``found`` (a problem of the register) reworded for the form.

    ``labels`` maps column names to form labels (for parameters such as the coordinates' names).
    """
    params = dict(found.params)
    for key in EVENT_PARAMS:
        if key in params and params[key] in event_names:
            params[key] = event_names[params[key]]
    for key in EVENT_LIST_PARAMS:
        if key in params and any(c.strip() in event_names for c in params[key].split(",")):
            params[key] = ", ".join(
                f"„{event_names.get(c.strip(), c.strip())}”" for c in params[key].split(",")
            )
    params.pop("field", None)
    params["label"] = label
    params.setdefault("description", label)
    params.setdefault("lat_label", labels.get("szerokosc", "szerokość"))
    params.setdefault("lon_label", labels.get("dlugosc", "długość"))
    params.update(where=where, item=str(item) if item else "")
    if str(params.get("length", "")).isdigit():
        n = int(str(params["length"]))
        params["characters"] = f"{n} {plural(n, 'znak', 'znaki', 'znaków')}"
    code = VARIANTS.get(found.code, found.code)
    selector, variant = VARIANT_WHEN.get(code, ("", ""))
    if selector and params.get(selector):
        code = variant
    if code == "form-club-exists":
        params.setdefault("voivodeship", params.get("other", ""))
    # the severity is the register's: a warning stays a warning
    return _build(code, source, line, label, found.severity, params)


def form_problem(
    code: str, *, source: str, label: str = "", item: int = 0, line: int = 0, **params: object
) -> Problem:
    """A problem of the issue itself (the answers cannot be read or do not fit together)."""
    text = {**params, "where": "form", "item": str(item) if item else ""}
    return _build(code, source, line, label, SEVERITY.get(code, "error"), text)


def _build(
    code: str, source: str, line: int, label: str, severity: str, params: dict[str, object]
) -> Problem:
    """A problem from the catalogue; lists of names are never cut, typed values are."""
    text = {k: inner_quotes(_bounded(str(v))) if k in TYPED else str(v) for k, v in params.items()}
    text.pop("field", None)
    text.setdefault("label", label)
    message, hint = CATALOGUE[code]
    return Problem(
        path=source,
        line=line,
        column=0,
        code=code,
        message=message.format(field=label, **text),
        hint=hint.format(field=label, **text),
        field=label,
        severity=severity,
        params=text,
    )


def inner_quotes(value: str) -> str:
    """``value`` ready to be put in „…”: its own „…” become «…» (Polish quotes within quotes)."""
    return value.replace("„", "«").replace("”", "»")


def _bounded(value: str) -> str:
    value = "".join(ch if ch.isprintable() else " " for ch in value)
    return value if len(value) <= LIMIT else value[: LIMIT - 1] + "…"


def place(p: Problem) -> str:
    """Where the officer finds the problem, in the form's words, e.g. "Zdarzenia, wiersz 2"."""
    where = p.params.get("where", "form")
    if where == "history":
        return "historia klubu w rejestrze"
    if where == "register" or not p.field:
        return "zgłoszenie" if where == "form" else "rejestr"
    item = p.params.get("item", "")
    return f"pole „{p.field}”, wiersz {item}" if item else f"pole „{p.field}”"
