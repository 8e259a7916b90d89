"""Template handlers that render running text: languages and pronunciation, ships, people and
places written the German way, external sites, successions, patents and laws, and the families of
English Wikipedia's small text templates: dashes and separators around text (``{{snds|x}}``),
spaces (``{{spaces|3}}``), font and style wrappers that show their text and let their looks go
(``{{font|text=x}}``, ``{{font color|red|x}}``), and ``{{sic}}``.  A template of these families
that showed nothing ran the words around it together ("one{{mdashb}}two" read "onetwo"); one that
showed its settings printed a colour name ("{{font color|red|Red text}}" read "red Red text").

Each handler is a row (or the maker of rows) of the table in `templates`; the simplest rows
(fixed text, a tag, the first parameter) are made by `templates_base`."""

from __future__ import annotations

from ..model import SUP, TAG
from .definitions import MONATE, language_name
from .templates_base import ITAL, Args, Handler, render_each


def lang_prefixed(a: Args) -> None:
    """``{{lang-sv|Helsingfors}}`` -> "Swedish: Helsingfors" (the language from the name)."""
    _in_language(a, language_name(a.name.removeprefix("lang-")))


def _in_language(a: Args, language: str) -> None:
    a.add(f"{language}: ")
    a.emit(a.pos(1) or a.named.get("text"), ITAL)
    if a.pos(2):
        a.add(", ")
        a.emit(a.pos(2), ITAL)
    if a.pos(3):
        a.add(", \u201c")
        a.emit(a.pos(3))
        a.add("\u201d")


def ipa_in(language: str) -> Handler:
    """``{{IPA-sv|ˈhəlsɪŋfɔʂ|pron}}`` -> "Swedish pronunciation: [ˈhəlsɪŋfɔʂ]"."""
    def handler(a: Args) -> None:
        _ipa(a, language)
    return handler


def ipa_prefixed(a: Args) -> None:
    """``{{IPA-xx|...}}`` for a language without a row of its own: the language from the name."""
    _ipa(a, language_name(a.name.removeprefix("ipa-")))


def _ipa(a: Args, language: str) -> None:
    label = a.text(2)
    prefix = "" if label == "" and a.pos(2) is not None else f"{language} pronunciation: "
    if label and label.lower() != "pron":
        prefix = label + ": " if label.lower() not in ("lang", "local") else f"{language}: "
    a.add(prefix + "[" + a.text(1) + "]")


def ipac(a: Args) -> None:
    """``{{IPAc-en|ˈ|p|æ|k}}`` -> "/ˈpæk/", its labels (``lang``, ``pron``, ``us``...) as words before."""
    parts = [a.r.text(code).strip() for code in a.positional]
    labels = {"lang": "English pronunciation: ", "pron": "pronounced ", "us": "US: ", "uk": "UK: ",
              "local": "locally ", "ipa": "", "also": "also "}
    prefix = ""
    while parts and parts[0].lower() in labels:
        prefix += labels[parts.pop(0).lower()]
    a.add(prefix + "/" + "".join(parts) + "/")


def nihongo(a: Args) -> None:
    """``{{nihongo|Tokyo Tower|東京タワー|Tōkyō tawā}}`` -> "Tokyo Tower (東京タワー, Tōkyō tawā)"."""
    english, kanji, romaji = a.pos(1), a.text(2), a.text(3)
    extra = [a.text(4), a.text(5)]
    if english is not None and a.r.text(english).strip():
        a.emit(english)
        a.add(" ")
    inside = ", ".join(p for p in (kanji, romaji) if p)
    inside += "".join(", " + e for e in extra if e)
    if inside:
        a.add(f"({inside})")


def ship(a: Args) -> None:
    """``{{Ship|SM|U-27|Germany}}`` -> "SM U-27 (Germany)": prefix, italic name, then what follows."""
    prefix, name, tail = a.text(1), a.pos(2), a.text(3)
    if prefix:
        a.add(prefix + " ")
    a.emit(name, ITAL)
    if tail and a.text(4) not in ("2", "3") and a.text(4) != "1":
        a.add(f" ({tail})")


def ship_prefix(prefix: str) -> Handler:
    """``{{SMS|Emden}}`` -> "SMS Emden", the name italic (a pennant or year after it in parentheses)."""
    def handler(a: Args) -> None:
        a.add(prefix + " ")
        a.emit(a.pos(1), ITAL)
        if a.text(2) and a.text(3) not in ("1", "2"):
            a.add(f" ({a.text(2)})")
    return handler


def titled_list(a: Args) -> None:
    """``{{Collapsible list|title=Members|a|b}}``: its title, then its items, a line each."""
    title = a.named.get("title")
    if title is not None and a.r.text(title).strip():
        a.emit(title)
        a.add("\n")
    render_each(a, "\n")


def rp(a: Args) -> None:
    """``{{rp|189}}`` -> ":189", superscript after a footnote marker."""
    pages = a.text(1) or a.text("page") or a.text("pages") or a.text("p")
    if pages:
        a.add(":" + pages, frozenset({SUP}))


def sortname(a: Args) -> None:
    """``{{sortname|The|Grand Budapest Hotel|dab=film}}`` -> "The Grand Budapest Hotel": the two
    name parts (the others say how to sort)."""
    render_each(a, " ", a.positional[:2])


def icon_language(a: Args) -> None:
    """``{{fr icon}}`` -> "(in French)"."""
    code = a.name.removesuffix(" icon")
    if len(code) > 4:  # not a language code: the generic rule (see `templates`)
        render_each(a, " ")
        return
    a.add(f"(in {language_name(code.split(' ', 1)[0])})")


def zh(a: Args) -> None:
    """German ``{{zh|v=huǒ hú 火狐|b=Feuerfuchs}}`` -> "huǒ hú 火狐 ‚Feuerfuchs‘"."""
    a.emit(a.named.get("v") or a.named.get("t") or a.named.get("s") or a.pos(1))
    meaning = a.text("b")
    if meaning:
        a.add(f" \u201a{meaning}\u2018")


def datum(a: Args) -> None:
    """German ``{{Datum|25|08|2017}}`` -> "25. August 2017"."""
    day, month, year = a.text(1), a.text(2), a.text(3)
    number = int(month) if month.isdigit() and 1 <= int(month) <= 12 else 0
    a.add(f"{int(day)}. {MONATE[number - 1]} {year}" if number and day.isdigit() else " ".join((day, month, year)))


def english_de(a: Args) -> None:
    """German ``{{enS|word}}`` -> "englisch word", the word italic."""
    a.add("englisch ")
    a.emit(a.pos(1), ITAL)


def at_site(site: str, name_index: int = 2) -> Handler:
    """External-link templates (``{{IMDb name|0604517|Britt Morgan}}``) -> "Britt Morgan at IMDb"."""
    def handler(a: Args) -> None:
        name = a.text("name") or a.text("title") or a.text(name_index)
        a.add(f"{name} at {site}" if name else site)
    return handler


def height(a: Args) -> None:
    """``{{height|m=1.77}}`` -> "1.77 m (5 ft 10 in)"; ``{{height|ft=5|in=10}}`` -> "5 ft 10 in"."""
    meters = a.text("m") or a.text("meter") or a.text("meters")
    if meters:
        a.add(render_height(meters))
        return
    feet, inches = a.text("ft") or a.text("feet"), a.text("in") or a.text("inch") or "0"
    if feet:
        a.add(f"{feet}\u00a0ft {inches}\u00a0in")


def render_height(meters: str) -> str:
    """"1.77" -> "1.77 m (5 ft 10 in)"."""
    try:
        total = float(meters) / 0.0254
    except ValueError:
        return meters + "\u00a0m"
    feet, inches = divmod(round(total), 12)
    return f"{meters}\u00a0m ({feet}\u00a0ft {inches}\u00a0in)"


def legend(a: Args) -> None:
    """``{{legend|#f00|Label}}`` -> "■ Label" (the colour let go)."""
    a.add("\u25a0 ")
    a.emit(a.pos(2))


def succession(prefix: str, key: str) -> Handler:
    """``{{s-bef|before=X}}`` -> "Preceded by X" (`key` names the parameter, else the first)."""
    def handler(a: Args) -> None:
        a.add(prefix)
        a.emit(a.named.get(key) or a.pos(1))
    return handler


def succession_title(a: Args) -> None:
    """``{{s-ttl|title=King|years=1900–1910}}`` -> "King (1900–1910)"."""
    a.emit(a.named.get("title") or a.pos(1))
    years = a.text("years")
    if years:
        a.add(f" ({years})")


def succession_box(a: Args) -> None:
    """``{{succession box|before=A|title=T|after=B}}`` -> "Preceded by A — T — Succeeded by B"."""
    a.add("Preceded by ")
    a.emit(a.named.get("before"))
    a.add(" \u2014 ")
    a.emit(a.named.get("title"))
    if a.text("years"):
        a.add(f" ({a.text('years')})")
    a.add(" \u2014 Succeeded by ")
    a.emit(a.named.get("after"))


def numbered(label: str) -> Handler:
    """``{{US patent|5255452}}`` -> "U.S. Patent 5,255,452": a label and a number, grouped."""
    def handler(a: Args) -> None:
        number = a.text(1).strip()
        a.add(label + (f"{int(number):,}" if number.isdigit() else number))
    return handler


def public_law(a: Args) -> None:
    """``{{USPL|106|26}}`` -> "Pub.L. 106–26" (a United States public law: congress, number)."""
    congress, number = a.text(1).strip(), a.text(2).strip()
    a.add(f"Pub.L. {congress}\u2013{number}" if number else f"Pub.L. {congress}")


# ---------------------------------------------------------------------------- families

def around(before: str, after: str) -> Handler:
    """``{{snds|text}}`` -> " – text – ": the text between two fixed strings."""
    def handler(a: Args) -> None:
        a.add(before)
        a.emit(a.pos(1) or a.named.get("text"))
        a.add(after)
    return handler


def spaces(character: str) -> Handler:
    """``{{spaces|3}}``: that many spaces (one without a count)."""
    def handler(a: Args) -> None:
        count = a.text(1)
        a.add(character * (min(int(count), 20) if count.isdigit() else 1))
    return handler


def styled(extra: frozenset[str] = frozenset()) -> Handler:
    """A style wrapper: its text (``text=`` or the first parameter), the style let go."""
    def handler(a: Args) -> None:
        a.emit(a.named.get("text") or a.named.get("1") or a.pos(1), extra)
    return handler


def last_of(count: int) -> Handler:
    """A wrapper whose first parameters are settings (``{{font color|red|text}}``,
    ``{{font color|red|yellow|text}}``, ``{{resize|90%|text}}``): its last one, up to `count`."""
    def handler(a: Args) -> None:
        text = a.named.get("text")
        if text is None:
            present = [code for code in a.positional[:count] if a.r.text(code).strip()]
            text = present[-1] if present else None
        a.emit(text)
    return handler


def sic(a: Args) -> None:
    """``{{sic|Teh}}`` -> "Teh [sic]"; ``{{sic|?|Teh}}`` -> "Teh [sic?]"; ``hide=y`` shows the word only."""
    doubt = a.text(1) == "?"
    if doubt:
        a = a.drop(1)
    for code in a.positional:
        a.emit(code)
    if a.text("hide").lower() in ("y", "yes", "true", "1"):
        return
    a.add((" " if a.positional else "") + ("[sic?]" if doubt else "[sic]"), frozenset({TAG}))
