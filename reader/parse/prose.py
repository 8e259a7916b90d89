"""Prose templates that compute their text: dates, "as of", coordinates, URLs, fractions.

Each function is a template handler (a row of the table in `templates`): it takes an `Args` and
appends spans; the conversions of ``{{convert}}`` live in `convert.py`.
"""

from __future__ import annotations

import calendar
import datetime

from ..model import LINK, ListItem, Span
from .convert import render_convert
from .definitions import MONATE, MONTHS
from .templates_base import Args


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _month_name(value: str) -> str:
    number = _int(value)
    if number and 1 <= number <= 12:
        return MONTHS[number - 1]
    return value.strip()


def format_ymd(year: str, month: str = "", day: str = "", dmy: bool = False) -> str:
    """"2006", "5", "3" -> "May 3, 2006" (or "3 May 2006" with `dmy`)."""
    month_name = _month_name(month) if month else ""
    day_number = str(_int(day)) if _int(day) else day.strip()
    if month_name and day_number:
        return f"{day_number} {month_name} {year}".strip() if dmy else f"{month_name} {day_number}, {year}".strip(", ")
    return " ".join(part for part in (month_name, year) if part)


def as_of(a: Args) -> None:
    """``{{As of|2006|5}}`` -> "As of May 2006"."""
    if a.text("alt"):
        a.add(a.text("alt"))
        return
    lead = "as of" if a.text("lc").lower() in ("y", "yes", "on") else "As of"
    if a.text("since").lower() in ("y", "yes"):
        lead = "since" if lead == "as of" else "Since"
    when = format_ymd(a.text(1), a.text(2), a.text(3), dmy=a.text("df").lower() in ("y", "yes"))
    a.add(f"{lead} {when}".rstrip())


def _split_iso(value: str) -> tuple[str, str, str]:
    parts = value.strip().split("-")
    if len(parts) >= 2 and parts[0].isdigit():
        return parts[0], parts[1], parts[2] if len(parts) > 2 else ""
    return "", "", ""


def date(a: Args) -> None:
    """``{{date|2006-11-23}}`` -> "23 November 2006" (format from the second parameter)."""
    value = a.text(1)
    year, month, day = _split_iso(value)
    style = a.text(2).lower()
    if not year:
        a.add(value)
        return
    if style == "iso":
        a.add(value)
    elif style == "mdy":
        a.add(format_ymd(year, month, day))
    else:
        a.add(format_ymd(year, month, day, dmy=True))


def dts(a: Args) -> None:
    """``{{dts|2006|5|3}}`` (sortable date): the date, month-first."""
    parts = [a.text(i) for i in range(1, 4)]
    if parts[0] and "-" in parts[0] and not parts[1]:
        parts = list(_split_iso(parts[0]))
    dmy = a.text("format").lower() == "dmy"
    a.add(format_ymd(parts[0], parts[1], parts[2], dmy=dmy).strip(", ").strip())


def format_date_de(a: Args) -> None:
    """``{{FormatDate|2002-09-23}}`` (German) -> "23. September 2002"."""
    year, month, day = _split_iso(a.text(1))
    number = _int(month)
    if not year or not number or not 1 <= number <= 12:
        a.add(a.text(1))
        return
    day_part = f"{int(day)}.\u00a0" if _int(day) else ""
    a.add(f"{day_part}{MONATE[number - 1]} {year}")


def _age(year: int, month: int, day: int, until: datetime.date) -> int:
    return until.year - year - ((until.month, until.day) < (month, day))


def _ymd(a: Args, start: int = 1) -> tuple[str, str, str]:
    values = [v for v in (a.text(i) for i in range(start, start + 3))]
    if values[0] and "-" in values[0] and not values[1]:
        return _split_iso(values[0])
    return values[0], values[1], values[2]


def birth_date(a: Args) -> None:
    """``{{birth date|1968|7|21}}`` -> "July 21, 1968" (also start, end and film dates)."""
    _birth_date(a, with_age=False)


def birth_date_and_age(a: Args) -> None:
    """``{{birth date and age|1968|7|21}}`` -> "July 21, 1968 (age 58)"."""
    _birth_date(a, with_age=True)


def _birth_date(a: Args, with_age: bool) -> None:
    year, month, day = _ymd(a)
    dmy = any(a.text(k).lower() in ("y", "yes") for k in ("df", "dmy"))
    a.add(format_ymd(year, month, day, dmy=dmy))
    if with_age and _int(year):
        today = datetime.date.today()
        age_years = _age(int(year), _int(month) or 1, _int(day) or 1, today)
        a.add(f" (age\u00a0{age_years})")


def death_date_and_age(a: Args) -> None:
    """``{{death date and age|2009|6|25|1958|8|29}}`` -> "June 25, 2009 (aged 50)"."""
    year, month, day = _ymd(a)
    born = _ymd(a, 4)
    dmy = any(a.text(k).lower() in ("y", "yes") for k in ("df", "dmy"))
    a.add(format_ymd(year, month, day, dmy=dmy))
    if _int(year) and _int(born[0]):
        end = datetime.date(int(year), min(max(_int(month) or 1, 1), 12), min(max(_int(day) or 1, 1), 28))
        a.add(f" (aged\u00a0{_age(int(born[0]), _int(born[1]) or 1, _int(born[2]) or 1, end)})")


def _date(year: int, month: int, day: int) -> datetime.date:
    """A date from numbers that may be out of range (month 13, 31 February): the nearest one."""
    year = min(max(year, 1), 9999)
    month = min(max(month, 1), 12)
    return datetime.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))


def age(a: Args) -> None:
    """``{{age|1958|8|29}}`` -> years since then; ``{{age|1958|8|29|2009|6|25}}`` -> years from the
    first date to the second (50)."""
    year, month, day = _ymd(a)
    end_year, end_month, end_day = _ymd(a, 4)
    until = datetime.date.today()
    if _int(end_year):
        until = _date(int(end_year), _int(end_month) or 12, _int(end_day) or 31)
    if _int(year):
        a.add(str(_age(int(year), _int(month) or 1, _int(day) or 1, until)))


def coord(a: Args) -> None:
    """``{{coord|31|43|11.6|N|110|04|13.6|W}}`` -> "31°43′11.6″N 110°04′13.6″W"."""
    values = [a.r.text(code).strip() for code in a.positional]
    values = [v for v in values if v and ":" not in v and "=" not in v]
    text = _dms(values)
    a.add(text or " ".join(values))


def _dms(values: list[str]) -> str:
    """Degrees, minutes and seconds with hemispheres, or two signed decimal degrees."""
    for index, value in enumerate(values):
        if value.upper() in ("N", "S"):
            lat, rest = values[:index + 1], values[index + 1:]
            lon = rest[: next((i + 1 for i, v in enumerate(rest) if v.upper() in ("E", "W")), len(rest))]
            return f"{_angle(lat)} {_angle(lon)}".strip()
    if len(values) >= 2:
        try:
            north, east = float(values[0]), float(values[1])
        except ValueError:
            return ""
        return f"{abs(north):g}°{'N' if north >= 0 else 'S'} {abs(east):g}°{'E' if east >= 0 else 'W'}"
    return ""


def _angle(parts: list[str]) -> str:
    if not parts:
        return ""
    hemisphere = parts[-1] if parts[-1].upper() in ("N", "S", "E", "W") else ""
    numbers = parts[:-1] if hemisphere else parts
    symbols = ["°", "′", "″"]
    return "".join(f"{n}{symbols[i]}" for i, n in enumerate(numbers[:3])) + hemisphere.upper()


def frac(a: Args) -> None:
    """``{{frac|1|2}}`` -> "1⁄2"; ``{{frac|3|1|2}}`` -> "3 1⁄2"."""
    parts = [a.text(i) for i in range(1, 4) if a.text(i)]
    if len(parts) == 3:
        a.add(f"{parts[0]}\u00a0{parts[1]}\u2044{parts[2]}")
    elif len(parts) == 2:
        a.add(f"{parts[0]}\u2044{parts[1]}")
    elif parts:
        a.add(f"1\u2044{parts[0]}")


def url(a: Args) -> None:
    """``{{URL|example.com|Label}}``: the label (or the address without its scheme), linked."""
    address = a.text(1)
    if not address:
        return
    target = address if "//" in address else "http://" + address
    shown = a.text(2) or address.split("//", 1)[-1].rstrip("/")
    a.add(shown, frozenset({LINK}), target)


def official_website(a: Args) -> None:
    """``{{official website|http://...}}`` -> "Official website", linked."""
    address = a.text(1) or a.text("url")
    a.add(a.text(2) or a.text("name") or "Official website", frozenset({LINK}) if address else frozenset(),
          address or None)


def webarchive(a: Args) -> None:
    """``{{webarchive|url=...|date=...}}`` -> "Archived 2016-01-28 at the Wayback Machine"."""
    address = a.text("url") or a.text(1)
    when = a.text("date") or a.text(2)
    a.add(" Archived" + (f" {when}" if when else "") + " at the Wayback Machine", frozenset({LINK}) if address else
          frozenset(), address or None)


def fs_player(a: Args) -> ListItem | None:
    """``{{Fs player|no=1|nat=Scotland|name=[[Kevin Cuthbert]]|pos=GK}}``: one squad line."""
    spans: list[Span] = []
    number, position, nation = a.text("no"), a.text("pos"), a.text("nat")
    if number:
        spans.append(Span(f"{number}. "))
    spans.extend(a.r.spans(a.named.get("name")))
    details = ", ".join(p for p in (position, nation) if p)
    if details:
        spans.append(Span(f" ({details})"))
    other = a.text("other")
    if other:
        spans.append(Span(f" {other}"))
    if a.top:
        return ListItem(tuple(spans))
    a.out.append(Span(" "))
    a.out.extend(spans)
    return None


def convert(a: Args) -> None:
    """``{{convert|228|km}}`` -> "228 kilometres (142 mi)"."""
    values = [a.r.text(code).strip() for code in a.positional]
    options = {key: a.r.text(code).strip() for key, code in a.named.items()}
    a.add(render_convert(values, options))
