"""The data tables the template handlers read, kept apart from the code that reads them (as
mwparserfromhell keeps its tables in ``definitions.py``): language names, month names, the units
``{{convert}}`` knows, the groups of footnote lists, and how infobox fields are shown.

Namespace names (``File:``, ``Category:``...) are the source layer's: `reader.source.namespaces`.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------- languages and dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONATE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]

LANGUAGES = {
    "ar": "Arabic", "ary": "Moroccan Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "grc": "Ancient Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gd": "Scottish Gaelic", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian",
    "nb": "Norwegian Bokmål", "nn": "Norwegian Nynorsk", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sa": "Sanskrit", "sk": "Slovak", "sl": "Slovene", "sme": "Northern Sami",
    "se": "Northern Sami", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "yi": "Yiddish",
    "zh": "Chinese", "ang": "Old English", "non": "Old Norse", "sco": "Scots", "pa": "Punjabi", "ps": "Pashto",
    "bn": "Bengali", "hr": "Croatian", "mk": "Macedonian", "mt": "Maltese", "eu": "Basque", "gl": "Galician",
    "be": "Belarusian", "kk": "Kazakh", "mn": "Mongolian", "ms": "Malay", "tl": "Tagalog", "haw": "Hawaiian",
}


def language_name(code: str) -> str:
    """English name of a language code ("sv" -> "Swedish"); the code itself when unknown."""
    return LANGUAGES.get(code.strip().lower(), code.strip())


# ---------------------------------------------------------------------------- {{convert}}

# symbol -> (shown symbol, singular name, plural name, dimension, factor to base unit, default target)
UNITS: dict[str, tuple[str, str, str, str, float, str]] = {}


def _unit(keys: str, symbol: str, name: str, plural: str, dim: str, factor: float, default: str) -> None:
    for key in keys.split():
        UNITS[key] = (symbol, name, plural, dim, factor, default)


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

# The words between the numbers of a range ("2|to|3|km") and how each is shown.
RANGE_WORDS = {"-": "–", "–": "–", "to": " to ", "and": " and ", "or": " or ", "by": " by ", "x": " × ",
               "+/-": " ± ", "to(-)": " to ", "and(-)": " and "}


# ---------------------------------------------------------------------------- footnote lists

# {{notelist}} and its kin: the group each lists when no group= is given (markers [a], [i], [α]...).
LIST_GROUPS = {"notelist": "lower-alpha", "notelist-ua": "upper-alpha", "notelist-lr": "lower-roman",
               "notelist-ur": "upper-roman", "notelist-lg": "lower-greek", "efn list": "lower-alpha"}


# ---------------------------------------------------------------------------- infoboxes

# Fields an infobox row never shows: images, maps, sizes and other settings.
INFOBOX_SKIP_PREFIXES = ("image", "logo", "map", "alt", "caption", "coordinates", "pushpin", "flag", "shield",
                         "seal", "dot", "unit pref", "embed", "module", "signature", "bild", "karte", "static image",
                         "coa ", "latd", "latm", "lats", "latns", "longd", "longm", "longs", "longew")
INFOBOX_SKIP_SUFFIXES = ("size", "width", "alt", "style", "upright", "link", "class", "align", "caption", " res",
                         " pic", "image")
# A parameter name's last word, when a unit ("area_total_km2"): shown as "Area total (km²)".
UNIT_WORDS = {"km2": "km²", "sqmi": "sq mi", "sq mi": "sq mi", "sq km": "km²", "sq ft": "sq ft", "m": "m",
              "ft": "ft", "km": "km", "mi": "mi", "m2": "m²", "ha": "ha", "acre": "acres", "acres": "acres"}
ACRONYMS = {"utc", "dst", "gdp", "hdi", "mp", "mps", "mpp", "mpps", "nts", "gnbc", "iso", "fips", "gnis", "cma", "url"}
