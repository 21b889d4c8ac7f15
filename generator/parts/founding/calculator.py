"""The cost-of-inaction worksheet (kalkulator zaniechania): formulas as data, evaluated here.

The formulas, inputs, formats and verdict texts live in ``site_templates/pages/founding/
kalkulator.json``. This module evaluates them for the worked example printed on the page (no
JavaScript needed); ``static/kis-kalkulator.js`` evaluates the same JSON in the browser. Both
sides implement the same small expression language, tested for parity with node:

- an expression is a number, a name (an input, a constant or an earlier result) or a list
  ``[op, arg, ...]`` with ``op`` one of ``+ - * /`` (folded left to right) or ``ceil`` (one arg);
- a division by zero, or any missing operand, gives no value (``None`` / ``null``).

Numbers are formatted like ``Intl.NumberFormat('pl-PL')``: decimal comma, a no-break space between
thousands from five integer digits on (``1234,50`` but ``12 345,50``), half away from zero on the
shortest decimal form of the number.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.polish import NBSP, number
from generator.site.templating import TEMPLATES

SPEC_PATH = TEMPLATES / "pages" / "founding" / "kalkulator.json"
OPERATORS = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ "}
CEIL_SUFFIX = ", zaokrąglone w górę"
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

Expr = float | int | str | list[Any]
Values = dict[str, float | None]


class SpecError(ValueError):
    """The calculator's JSON is inconsistent (unknown name, operator or format)."""


@dataclass(frozen=True)
class Row:
    """One result of the worked example, ready for the page."""

    id: str
    label: str
    note: str
    words: str  # "roczny koszt… = liczba osób × …"
    numbers: str  # "60 × 800,00 zł × 12 = 576 000,00 zł"
    value: str  # "576 000,00 zł"


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """Read and check the calculator's JSON."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    check_spec(spec)
    return spec


def check_spec(spec: dict[str, Any]) -> None:
    """Raise :class:`SpecError` unless every name, operator, format and placeholder is known."""
    formats = spec["formats"]
    known: set[str] = set()
    for item in spec["inputs"]:
        _need(item["format"] in formats, f"unknown format {item['format']!r}")
        _need(item["id"] not in known, f"duplicate name {item['id']!r}")
        known.add(item["id"])
    for item in spec["constants"]:
        _need(item["id"] not in known, f"duplicate name {item['id']!r}")
        known.add(item["id"])
    for item in spec["results"]:
        _need(item["format"] in formats, f"unknown format {item['format']!r}")
        _check_expr(item["expr"], known)
        _need(item["id"] not in known, f"duplicate name {item['id']!r}")
        known.add(item["id"])
    verdict = spec["verdict"]
    _need(verdict["result"] in known, f"unknown verdict result {verdict['result']!r}")
    for text in [*(verdict[k] for k in ("positive", "zero", "negative", "missing")),
                 *verdict["more"]]:
        for name in PLACEHOLDER.findall(text):
            _need(name in known, f"unknown placeholder {{{name}}}")


def _check_expr(expr: Expr, known: set[str]) -> None:
    if isinstance(expr, bool):
        raise SpecError("a boolean is not a number")
    if isinstance(expr, int | float):
        return
    if isinstance(expr, str):
        _need(expr in known, f"unknown name {expr!r} (names must be defined before use)")
        return
    _need(isinstance(expr, list) and len(expr) >= 2, f"bad expression {expr!r}")
    op, args = expr[0], expr[1:]
    _need(op in OPERATORS or op == "ceil", f"unknown operator {op!r}")
    _need(op != "ceil" or len(args) == 1, "ceil takes one argument")
    for arg in args:
        _check_expr(arg, known)


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise SpecError(message)


# --- evaluation -------------------------------------------------------------------------------


def defaults(spec: dict[str, Any]) -> dict[str, float]:
    return {item["id"]: float(item["default"]) for item in spec["inputs"]}


def evaluate(spec: dict[str, Any], inputs: dict[str, float | None]) -> Values:
    """Every input, constant and result by name; ``None`` where there is no value."""
    values: Values = {}
    for item in spec["inputs"]:
        raw = inputs.get(item["id"])
        values[item["id"]] = None if raw is None else float(raw)
    for item in spec["constants"]:
        values[item["id"]] = float(item["value"])
    for item in spec["results"]:
        values[item["id"]] = calc(item["expr"], values)
    return values


def calc(expr: Expr, values: Values) -> float | None:
    if isinstance(expr, int | float):
        return float(expr)
    if isinstance(expr, str):
        return values[expr]
    op, *rest = expr
    args = [calc(arg, values) for arg in rest]
    if any(a is None for a in args):
        return None
    nums: list[float] = [a for a in args if a is not None]
    if op == "ceil":
        return float(math.ceil(nums[0]))
    total = nums[0]
    for x in nums[1:]:
        if op == "+":
            total = total + x
        elif op == "-":
            total = total - x
        elif op == "*":
            total = total * x
        else:
            if x == 0:
                return None
            total = total / x
    return total


# --- reading what people type -----------------------------------------------------------------


def read_number(spec: dict[str, Any], item: dict[str, Any], text: str) -> tuple[float | None, str]:
    """The number typed into input ``item`` and "" – or None and the message to show beside it.

    Reads Polish writing as ``spec["reading"]`` describes it (``kis-kalkulator.js`` does the
    same): „800,50”, „1 200”, „150 000 zł”, also with no-break or thin spaces. A dot followed by
    exactly three digits („1.200”) may be a thousands separator: it is refused, never guessed.
    """
    rules = spec["reading"]
    messages = rules["messages"]
    rest = text.strip()
    if not rest:
        return None, messages["empty"]
    for unit in sorted(rules["units"], key=len, reverse=True):
        if rest.lower().endswith(unit):
            rest = rest[: -len(unit)].rstrip()
            break
    negative = bool(rest) and rest[0] in rules["minus"]
    if negative:
        rest = rest[1:].lstrip()
    spaces = re.escape(rules["spaces"])
    decimal = re.escape("".join(rules["decimal"]))
    match = re.fullmatch(
        f"([0-9]{{1,3}}(?:[{spaces}][0-9]{{3}})+|[0-9]+)(?:([{decimal}])([0-9]+))?", rest
    )
    if match is None:
        return None, messages["unreadable"]
    whole = re.sub(f"[{spaces}]", "", match.group(1))
    mark, fraction = match.group(2) or "", match.group(3) or ""
    if mark == "." and len(fraction) == 3 and whole == match.group(1):
        thousands = float(whole + fraction)
        decimal_value = float(f"{whole}.{fraction}")
        return None, _message(messages["ambiguous"], tysiace=number(thousands, 0, 3),
                              ulamek=number(decimal_value, 0, 3))
    value = float(f"{whole}.{fraction or '0'}")
    value = -value if negative else value
    low = "min" in item and value < item["min"]
    high = "max" in item and value > item["max"]
    bounds = {"min": number(item.get("min", 0), 0, 2),
              "max": number(item.get("max", 0), 0, 2)}
    if (low or high) and "min" in item and "max" in item:
        return None, _message(messages["range"], **bounds)
    if low:
        return None, _message(messages["low"], **bounds)
    if high:
        return None, _message(messages["high"], **bounds)
    if item.get("step") == "1" and value != math.floor(value):
        return None, messages["integer"]
    return value, ""


def _message(template: str, **values: str) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


# --- formatting -------------------------------------------------------------------------------


def format_value(spec: dict[str, Any], x: float | None, fmt: str) -> str:
    if x is None:
        return str(spec["empty"])
    f = spec["formats"][fmt]
    return number(x, f["min"], f["max"]) + f["suffix"]


def with_unit(x: float, unit: str) -> str:
    """„800 zł”, „60 osób”, „30%”: a number and its unit as written in Polish text."""
    return number(x, 0, 2) + (unit if unit == "%" else NBSP + unit)


def _formats_by_name(spec: dict[str, Any]) -> dict[str, str | None]:
    named: dict[str, str | None] = {i["id"]: i["format"] for i in spec["inputs"]}
    named |= {r["id"]: r["format"] for r in spec["results"]}
    named |= {c["id"]: None for c in spec["constants"]}
    return named


def _named(spec: dict[str, Any], values: Values, name: str) -> str:
    """The value of ``name`` in its format (constants as plain numbers)."""
    fmt = _formats_by_name(spec)[name]
    if fmt is not None:
        return format_value(spec, values[name], fmt)
    value = values[name]
    return str(spec["empty"]) if value is None else number(value, 0, 2)


def substitute(spec: dict[str, Any], values: Values, expr: Expr, nested: bool = False) -> str:
    """The expression with every name replaced by its formatted value."""
    def leaf(x: str | float | int) -> str:
        return _named(spec, values, x) if isinstance(x, str) else number(float(x), 0, 2)

    return _render(expr, nested, leaf)


def words(spec: dict[str, Any], expr: Expr, nested: bool = False) -> str:
    """The expression with every name replaced by its short description."""
    shorts = {i["id"]: i["short"] for key in ("inputs", "constants", "results")
              for i in spec[key]}

    def leaf(x: str | float | int) -> str:
        return shorts[x] if isinstance(x, str) else number(float(x), 0, 2)

    return _render(expr, nested, leaf)


def _render(expr: Expr, nested: bool, leaf: Any) -> str:
    if not isinstance(expr, list):
        return str(leaf(expr))
    op, *rest = expr
    if op == "ceil":
        text = _render(rest[0], False, leaf) + CEIL_SUFFIX
    else:
        text = OPERATORS[op].join(_render(arg, True, leaf) for arg in rest)
    return f"({text})" if nested else text


def verdict(spec: dict[str, Any], values: Values) -> str:
    """The sentences under the results: which cost is higher, with the numbers filled in.

    Each sentence of ``more`` is added only when every value it names exists.
    """
    v = spec["verdict"]
    key_value = values[v["result"]]
    if any(values[i["id"]] is None for i in spec["inputs"]) or key_value is None:
        return _fill(spec, values, v["missing"])
    if key_value > 0:
        main = v["positive"]
    elif key_value < 0:
        main = v["negative"]
    else:
        main = v["zero"]
    more = [t for t in v["more"] if all(values[n] is not None for n in PLACEHOLDER.findall(t))]
    return " ".join(_fill(spec, values, t) for t in [main, *more])


def _fill(spec: dict[str, Any], values: Values, template: str) -> str:
    return PLACEHOLDER.sub(lambda m: _named(spec, values, m.group(1)), template)


def worked_example(spec: dict[str, Any], inputs: dict[str, float | None] | None = None
                   ) -> tuple[list[Row], str]:
    """The rows of the results table and the verdict for ``inputs`` (default: the defaults)."""
    values = evaluate(spec, defaults(spec) if inputs is None else inputs)
    rows = [Row(id=r["id"], label=r["label"], note=r["note"],
                words=f"{r['label']} = {words(spec, r['expr'])}",
                numbers=f"{substitute(spec, values, r['expr'])} = "
                        f"{format_value(spec, values[r['id']], r['format'])}",
                value=format_value(spec, values[r["id"]], r["format"]))
            for r in spec["results"]]
    return rows, verdict(spec, values)
