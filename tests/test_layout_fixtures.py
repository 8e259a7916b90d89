"""Hand-built articles for the layout and pane tests (and a check that they are what we think)."""

from __future__ import annotations

from reader import model as m

S = m.Span

LEAD = (
    "North Koreans in Russia consist mainly of three groups: international students, guest workers, "
    "and defectors and refugees. A 2006 study by Kyung Hee University estimated their total population "
    "at roughly 10,000."
)
LONG_URL = "http://www.example.com/" + "x" * 150


def paragraph(*parts: str | tuple[str, int] | tuple[str, str]) -> m.Paragraph:
    """Text pieces; ("[n]", n) is a marker, (text, mark) a marked span."""
    spans = []
    for part in parts:
        if isinstance(part, str):
            spans.append(S(part))
        elif isinstance(part[1], int):
            spans.append(S(part[0], cite=part[1]))
        else:
            spans.append(S(part[0], frozenset({part[1]})))
    return m.Paragraph(tuple(spans))


def citation(number: int, text: str) -> m.Citation:
    return m.Citation(number, "web", (S(text),), fields=(("title", text),))


def demo_article() -> m.Article:
    """A small article with one of every block kind."""
    students = m.Section(
        3, "Students", "1.1",
        blocks=(
            paragraph("During the post-Korean War reconstruction period many students enrolled.", ("[2]", 2)),
            m.ListItem((S("first item with a rather long text that is going to wrap onto the next line"),)),
            m.ListItem((S("nested item"),), depth=2),
            m.ListItem((S("numbered item"),), kind="number", ordinal=1),
            m.Quote((S("A quotation long enough to wrap around the line at least once or twice, yes."),),
                    (S("Someone"),)),
            m.Preformatted("  code line 1\n\tindented"),
            m.Table(rows=((m.TableCell((S("Year"),), True), m.TableCell((S("Number"),), True)),
                          (m.TableCell((S("2006"),)), m.TableCell((S("10,000 people"), S("[1]", cite=1))))),
                    caption=(S("Population"),)),
            m.ImageCaption("Map.png", (S("A map of Russia"),)),
        ),
    )
    workers = m.Section(3, "Workers", "1.2", blocks=(paragraph("Workers came to fisheries on Sakhalin.", ("[3]", 3)),))
    history = m.Section(2, "Migration history", "1", blocks=(m.Hatnote((S("Main article: Koryo-saram"),)),),
                        children=(students, workers))
    refs = m.Section(2, "References", "2", blocks=(m.References(),))
    return m.Article(
        title="North Koreans in Russia",
        categories=("Asian Russian", "Ethnic groups in Russia", "Overseas Korean groups"),
        lead=(paragraph(LEAD, ("[1]", 1), " Text in ", ("bold", m.BOLD), " and ", ("link", m.LINK), "."),),
        sections=(history, refs),
        citations=(citation(1, "Lee, Jeanyoung (2006). Asia Culture Forum. Inha University."),
                   citation(2, "Lee Kwang-kyu (2000). Overseas Koreans. Seoul: Jimoondang."),
                   citation(3, "Ishikida, Miki (2005). Toward Peace.")),
    )


def long_article(sections: int = 40, paragraphs: int = 6) -> m.Article:
    """Many sections of several paragraphs, each with a marker: for scrolling and search tests."""
    body = []
    citations = []
    for s in range(1, sections + 1):
        blocks = []
        for p in range(paragraphs):
            n = len(citations) + 1
            citations.append(citation(n, f"Source number {n}."))
            blocks.append(paragraph(f"Section {s} paragraph {p}: " + LEAD, (f"[{n}]", n)))
        body.append(m.Section(2, f"Part {s}", str(s), blocks=tuple(blocks)))
    return m.Article("Long", lead=(paragraph("The lead paragraph."),), sections=tuple(body),
                     citations=tuple(citations))


def test_fixtures_are_consistent() -> None:
    article = demo_article()
    assert [s.number for s in article.walk()] == ["1", "1.1", "1.2", "2"]
    assert article.citation(3) is not None
    assert len(list(long_article(3, 2).walk())) == 3
