"""The ``{{convert}}`` template: a measure and its conversion, as Wikipedia shows them.

``convert|228|km`` -> "228 kilometres (142 mi)"; ``convert|2800|acre|adj=on`` ->
"2,800-acre (1,100 ha)"; ranges (``2|to|3|km``), measures in two units (``5|ft|10|in|cm`` ->
"5 ft 10 in (178 cm)"), feet and inches as output (``178|cm|ftin``), ``abbr=on/off``,
``disp=or/flip/output only/number``, ``sp=us``.  The converted value is rounded like
Wikipedia's Module:Convert: to the input's precision shifted by the order of magnitude of the
factor.  A measure in a unit not known here is shown as written, without its conversion (never
with the call's other arguments, a target unit or a precision, read as if they were text).
"""

from __future__ import annotations

import math

from .definitions import RANGE_WORDS, UNITS


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").replace("\u2212", "-").strip())
    except ValueError:
        return None


def _precision(text: str) -> int:
    """Decimal places of a written number (negative for trailing zeros: "2800" -> -2)."""
    text = text.replace(",", "").strip().lstrip("-+")
    if "." in text:
        return len(text.split(".", 1)[1])
    stripped = text.rstrip("0")
    return -(len(text) - len(stripped)) if stripped and text != "0" else 0


def _to_base(value: float, unit: str) -> float:
    if unit in ("F", "°F"):
        return (value - 32) * 5 / 9
    if unit == "K":
        return value - 273.15
    return value * UNITS[unit][4]


def _from_base(value: float, unit: str) -> float:
    if unit in ("F", "°F"):
        return value * 9 / 5 + 32
    if unit == "K":
        return value + 273.15
    return value / UNITS[unit][4]


def _format(value: float, places: int) -> str:
    if places > 0:
        text = f"{value:,.{places}f}"
    else:
        step = 10 ** (-places)
        text = f"{round(value / step) * step:,.0f}"
    return text.replace("-", "\u2212") if text.startswith("-") else text


def _convert_one(text: str, source: str, target: str, places: int | None) -> str:
    value = _number(text)
    if value is None:
        return text
    result = _from_base(_to_base(value, source), target)
    if places is None:
        places = _default_places(text, source, target, result)
    return _format(result, places)


def _default_places(text: str, source: str, target: str, result: float, whole: bool = False) -> int:
    """Module:Convert's default rounding: the input's precision shifted by the factor's
    order of magnitude, keeping at least two significant figures (`whole`: trailing zeros of
    the input count, as in the inches of "5 ft 10 in")."""
    precision = max(_precision(text), 0) if whole else _precision(text)
    if UNITS[source][3] == "T":
        places = max(precision, 0)  # temperatures: "20" is exact to the degree
    else:
        factor = UNITS[source][4] / UNITS[target][4]
        places = precision - round(math.log10(factor))
    if result:
        places = max(places, 1 - math.floor(math.log10(abs(result))))
    return min(places, 8)


def _pretty(text: str) -> str:
    value = _number(text)
    if value is None or abs(value) < 1000 and "," not in text:
        return "\u2212" + text[1:] if text.startswith("-") else text
    places = max(_precision(text), 0)
    return _format(value, places)


def render_convert(values: list[str], options: dict[str, str]) -> str:
    """The text of a ``{{convert}}`` call from its positional values and named options."""
    values = [v for v in values if v != ""]
    if not values:
        return ""
    numbers = [values[0]]
    rest = values[1:]
    separators: list[str] = []
    while len(rest) >= 2 and rest[0] in RANGE_WORDS and _number(rest[1]) is not None:
        separators.append(RANGE_WORDS[rest[0]])
        numbers.append(rest[1])
        rest = rest[2:]
    source = rest[0] if rest else ""
    if source not in UNITS:
        return _as_written(numbers, separators, source)
    if len(rest) >= 3 and not separators and _number(rest[1]) is not None \
            and UNITS.get(rest[2], ("",) * 4)[3] == UNITS[source][3]:
        return _render_compound(numbers[0], source, rest[1], rest[2], rest[3:], options)
    target = rest[1] if len(rest) > 1 and (rest[1] in UNITS or rest[1] == "ftin") else UNITS[source][5]
    # after the unit: the target unit then a precision, or a precision alone
    places_text = rest[2] if len(rest) > 2 and rest[1] == target else (rest[1] if len(rest) > 1 else "")
    places = int(places_text) if places_text.lstrip("-").isdigit() else None
    if target == "ftin" and UNITS[source][3] == "L":
        converted_text = _feet_and_inches(numbers[-1], source)
    else:
        if UNITS.get(target, ("",) * 4)[3] != UNITS[source][3]:
            target = UNITS[source][5]
        converted = [_convert_one(n, source, target, places) for n in numbers]
        converted_text = None
    shown = [_pretty(n) for n in numbers]
    us = options.get("sp", "") == "us"
    abbr = options.get("abbr", "")
    adjective = options.get("adj", "") in ("on", "yes")
    symbol_first = abbr in ("on", "yes", "in") or (UNITS[source][3] == "T" and abbr not in ("off", "no"))
    first = _joined(shown, separators) + _unit_text(source, shown[-1], symbol_first, adjective, us)
    if converted_text is not None:
        second = number_only = converted_text
    else:
        number_only = _joined(converted, separators)
        second = number_only + _unit_text(target, converted[-1], abbr not in ("off", "in", "no"), False, us)
    return _arrange(first, second, number_only, options.get("disp", ""))


def _arrange(first: str, second: str, number_only: str, disp: str) -> str:
    """The measure and its conversion, placed as ``disp`` asks."""
    if disp in ("output only",):
        return second
    if disp in ("number", "output number only"):
        return number_only
    if disp == "or":
        return f"{first} or {second}"
    if disp == "flip":
        return f"{second} ({first})"
    if disp in ("table", "tablecen", "x"):
        return f"{first} {second}"
    return f"{first} ({second})"


def _render_compound(big: str, big_unit: str, small: str, small_unit: str, rest: list[str],
                     options: dict[str, str]) -> str:
    """``5|ft|10|in|cm`` -> "5 ft 10 in (178 cm)": a measure in two units, converted as one."""
    total = _number(big)
    part = _number(small)
    if total is None or part is None:
        return _as_written([big], [], big_unit)
    base = _to_base(total, big_unit) + _to_base(part, small_unit)
    target = rest[0] if rest and rest[0] in UNITS and UNITS[rest[0]][3] == UNITS[small_unit][3] \
        else UNITS[big_unit][5]
    result = _from_base(base, target)
    if len(rest) > 1 and rest[1].lstrip("-").isdigit():
        places = int(rest[1])
    else:  # the smaller unit's whole number is the measure's precision ("10 in" is to the inch)
        places = _default_places(str(int(part)) if part == int(part) else small, small_unit, target, result,
                                 whole=True)
    converted = _format(result, places)
    first = f"{_pretty(big)}\u00a0{UNITS[big_unit][0]} {_pretty(small)}\u00a0{UNITS[small_unit][0]}"
    second = converted + _unit_text(target, converted, options.get("abbr", "") not in ("off", "in", "no"), False,
                                    options.get("sp", "") == "us")
    return _arrange(first, second, converted, options.get("disp", ""))


def _feet_and_inches(text: str, source: str) -> str:
    """A length as feet and whole inches ("5 ft 10 in"), or as written when not a number."""
    value = _number(text)
    if value is None:
        return text
    inches = round(_to_base(value, source) / 0.0254)
    feet, inches = divmod(inches, 12)
    return f"{feet}\u00a0ft {inches}\u00a0in" if feet else f"{inches}\u00a0in"


def _as_written(numbers: list[str], separators: list[str], unit: str) -> str:
    """A measure in a unit not known here: its numbers and the unit as written, nothing else."""
    unit = unit.replace("2", "\u00b2") if unit.endswith("2") and not unit[:-1].isdigit() else unit
    return _joined([_pretty(n) for n in numbers], separators) + (" " + unit if unit else "")


def _joined(numbers: list[str], separators: list[str]) -> str:
    text = numbers[0]
    for separator, number in zip(separators, numbers[1:], strict=False):
        text += separator + number
    return text


def _unit_text(unit: str, number: str, abbreviate: bool, adjective: bool, us: bool) -> str:
    symbol, name, plural = UNITS[unit][0], UNITS[unit][1], UNITS[unit][2]
    if us:
        name, plural = name.replace("metre", "meter").replace("litre", "liter"), \
            plural.replace("metre", "meter").replace("litre", "liter")
    if symbol.endswith("km2") or symbol == "m2":
        symbol = symbol[:-1] + "\u00b2"
    if symbol == "m3":
        symbol = "m\u00b3"
    if symbol.startswith("/"):
        return symbol  # a density: "16,494/km²", as Wikipedia shows it whatever abbr says
    if abbreviate:
        return ("-" if adjective else "\u00a0") + symbol
    if adjective:
        return "-" + name
    value = _number(number)
    return " " + (name if value is not None and abs(value) == 1 else plural)
