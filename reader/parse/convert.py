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

# symbol -> (shown symbol, singular name, plural name, dimension, factor to base unit, default target)
_UNITS: dict[str, tuple[str, str, str, str, float, str]] = {}


def _unit(keys: str, symbol: str, name: str, plural: str, dim: str, factor: float, default: str) -> None:
    for key in keys.split():
        _UNITS[key] = (symbol, name, plural, dim, factor, default)


_unit("km", "km", "kilometre", "kilometres", "L", 1000, "mi")
_unit("m", "m", "metre", "metres", "L", 1, "ft")
_unit("cm", "cm", "centimetre", "centimetres", "L", 0.01, "in")
_unit("mm", "mm", "millimetre", "millimetres", "L", 0.001, "in")
_unit("mi", "mi", "mile", "miles", "L", 1609.344, "km")
_unit("ft", "ft", "foot", "feet", "L", 0.3048, "m")
_unit("in", "in", "inch", "inches", "L", 0.0254, "mm")
_unit("yd", "yd", "yard", "yards", "L", 0.9144, "m")
_unit("nmi", "nmi", "nautical mile", "nautical miles", "L", 1852, "km")
_unit("km2 sqkm km²", "km2", "square kilometre", "square kilometres", "A", 1e6, "sqmi")
_unit("m2 m²", "m2", "square metre", "square metres", "A", 1, "sqft")
_unit("ha", "ha", "hectare", "hectares", "A", 1e4, "acre")
_unit("acre acres", "acres", "acre", "acres", "A", 4046.8564224, "ha")
_unit("sqmi mi2 mi²", "sq mi", "square mile", "square miles", "A", 2589988.110336, "km2")
_unit("sqft ft2 ft²", "sq ft", "square foot", "square feet", "A", 0.09290304, "m2")
_unit("kg", "kg", "kilogram", "kilograms", "M", 1, "lb")
_unit("g", "g", "gram", "grams", "M", 0.001, "oz")
_unit("t tonne", "t", "tonne", "tonnes", "M", 1000, "LT")
_unit("lb", "lb", "pound", "pounds", "M", 0.45359237, "kg")
_unit("oz", "oz", "ounce", "ounces", "M", 0.028349523125, "g")
_unit("LT", "long tons", "long ton", "long tons", "M", 1016.0469088, "t")
_unit("ST", "short tons", "short ton", "short tons", "M", 907.18474, "t")
_unit("st", "st", "stone", "stone", "M", 6.35029318, "kg")
_unit("l L", "L", "litre", "litres", "V", 0.001, "impgal")
_unit("m3", "m3", "cubic metre", "cubic metres", "V", 1, "cuft")
_unit("cuft ft3", "cu ft", "cubic foot", "cubic feet", "V", 0.028316846592, "m3")
_unit("USgal", "US gal", "US gallon", "US gallons", "V", 0.003785411784, "L")
_unit("impgal", "imp gal", "imperial gallon", "imperial gallons", "V", 0.00454609, "L")
_unit("km/h kph", "km/h", "kilometre per hour", "kilometres per hour", "S", 1 / 3.6, "mph")
_unit("mph", "mph", "mile per hour", "miles per hour", "S", 0.44704, "km/h")
_unit("m/s", "m/s", "metre per second", "metres per second", "S", 1, "ft/s")
_unit("ft/s", "ft/s", "foot per second", "feet per second", "S", 0.3048, "m/s")
_unit("kn knot knots", "kn", "knot", "knots", "S", 0.514444, "km/h")
_unit("kW", "kW", "kilowatt", "kilowatts", "P", 1000, "hp")
_unit("hp", "hp", "horsepower", "horsepower", "P", 745.69987, "kW")
_unit("W", "W", "watt", "watts", "P", 1, "hp")
_unit("MW", "MW", "megawatt", "megawatts", "P", 1e6, "hp")
_unit("psi", "psi", "pound per square inch", "pounds per square inch", "Pr", 6894.757, "kPa")
_unit("kPa", "kPa", "kilopascal", "kilopascals", "Pr", 1000, "psi")
_unit("/km2 PD/km2", "/km2", "per square kilometre", "per square kilometre", "D", 1e-6, "/sqmi")
_unit("/sqmi PD/sqmi", "/sq mi", "per square mile", "per square mile", "D", 1 / 2589988.110336, "/km2")
_unit("N", "N", "newton", "newtons", "F", 1, "lbf")
_unit("kN", "kN", "kilonewton", "kilonewtons", "F", 1000, "lbf")
_unit("lbf", "lbf", "pound-force", "pounds-force", "F", 4.4482216152605, "kN")
_unit("C °C", "°C", "degree Celsius", "degrees Celsius", "T", 1, "F")
_unit("F °F", "°F", "degree Fahrenheit", "degrees Fahrenheit", "T", 1, "C")
_unit("K", "K", "kelvin", "kelvins", "T", 1, "C")

_RANGE = {"-": "–", "–": "–", "to": " to ", "and": " and ", "or": " or ", "by": " by ", "x": " × ",
          "+/-": " ± ", "to(-)": " to ", "and(-)": " and "}


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
    return value * _UNITS[unit][4]


def _from_base(value: float, unit: str) -> float:
    if unit in ("F", "°F"):
        return value * 9 / 5 + 32
    if unit == "K":
        return value + 273.15
    return value / _UNITS[unit][4]


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
    if _UNITS[source][3] == "T":
        places = max(precision, 0)  # temperatures: "20" is exact to the degree
    else:
        factor = _UNITS[source][4] / _UNITS[target][4]
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
    while len(rest) >= 2 and rest[0] in _RANGE and _number(rest[1]) is not None:
        separators.append(_RANGE[rest[0]])
        numbers.append(rest[1])
        rest = rest[2:]
    source = rest[0] if rest else ""
    if source not in _UNITS:
        return _as_written(numbers, separators, source)
    if len(rest) >= 3 and not separators and _number(rest[1]) is not None \
            and _UNITS.get(rest[2], ("",) * 4)[3] == _UNITS[source][3]:
        return _render_compound(numbers[0], source, rest[1], rest[2], rest[3:], options)
    target = rest[1] if len(rest) > 1 and (rest[1] in _UNITS or rest[1] == "ftin") else _UNITS[source][5]
    # after the unit: the target unit then a precision, or a precision alone
    places_text = rest[2] if len(rest) > 2 and rest[1] == target else (rest[1] if len(rest) > 1 else "")
    places = int(places_text) if places_text.lstrip("-").isdigit() else None
    if target == "ftin" and _UNITS[source][3] == "L":
        converted_text = _feet_and_inches(numbers[-1], source)
    else:
        if _UNITS.get(target, ("",) * 4)[3] != _UNITS[source][3]:
            target = _UNITS[source][5]
        converted = [_convert_one(n, source, target, places) for n in numbers]
        converted_text = None
    shown = [_pretty(n) for n in numbers]
    us = options.get("sp", "") == "us"
    abbr = options.get("abbr", "")
    adjective = options.get("adj", "") in ("on", "yes")
    symbol_first = abbr in ("on", "yes", "in") or (_UNITS[source][3] == "T" and abbr not in ("off", "no"))
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
    target = rest[0] if rest and rest[0] in _UNITS and _UNITS[rest[0]][3] == _UNITS[small_unit][3] \
        else _UNITS[big_unit][5]
    result = _from_base(base, target)
    if len(rest) > 1 and rest[1].lstrip("-").isdigit():
        places = int(rest[1])
    else:  # the smaller unit's whole number is the measure's precision ("10 in" is to the inch)
        places = _default_places(str(int(part)) if part == int(part) else small, small_unit, target, result,
                                 whole=True)
    converted = _format(result, places)
    first = f"{_pretty(big)}\u00a0{_UNITS[big_unit][0]} {_pretty(small)}\u00a0{_UNITS[small_unit][0]}"
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
    for separator, number in zip(separators, numbers[1:]):
        text += separator + number
    return text


def _unit_text(unit: str, number: str, abbreviate: bool, adjective: bool, us: bool) -> str:
    symbol, name, plural = _UNITS[unit][0], _UNITS[unit][1], _UNITS[unit][2]
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
