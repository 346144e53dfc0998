"""One visual language for every actorgraph diagram: figures, GEXF/DOT/Mermaid and the HTML view.

Relations are drawn by *class*, from their vocabulary entry: cooperative (+1), hostile (-1),
structural (0) and designations (a hostile category of its own). Each class has a colour **and**
a line style, so the sign survives greyscale printing. Actor kinds have a fill colour **and** a
marker shape. Colours come from the Okabe–Ito palette, which stays distinguishable for the common
colour-vision deficiencies.

This module also holds the text helpers every diagram shares (wrapping names, relation labels,
the footnote of sources). It imports neither matplotlib nor the plotting and readwrite
packages, so the writers and the HTML view use it without loading matplotlib. The helpers
that depend on matplotlib (how it lays out right-to-left text, drawing on an Axes) live in
:mod:`actorgraph.plotting._style`.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Relation
    from .vocabulary import RelationType, Vocabulary

__all__ = [
    "CLASS_ORDER",
    "EDGE_STYLES",
    "HALO",
    "INK",
    "KIND_STYLES",
    "MUTED",
    "RTL_LANGUAGES",
    "SPARE_STYLES",
    "TRANSLATIONS",
    "EdgeStyle",
    "LegendEntry",
    "NodeStyle",
    "cited_sources",
    "class_patterns",
    "edge_class",
    "edge_style",
    "footnote_text",
    "is_rtl",
    "isolate",
    "kind_style",
    "legend_entries",
    "literal",
    "localized_label",
    "localized_name",
    "localized_status",
    "marker_scale",
    "relation_label",
    "translate",
    "type_styles",
    "wrap_lines",
]

#: Dark text and light halo used around labels.
INK = "#1a1a1a"
HALO = "#ffffff"
MUTED = "#5a5a5a"


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How one class of relation is drawn.

    Parameters
    ----------
    name : str
        The class (``"cooperative"``, ``"hostile"``, ``"structural"``, ``"designation"``).
    label : str
        Its legend heading.
    color : str
        Hex colour.
    linestyle : tuple
        A matplotlib dash pattern ``(offset, (on, off, ...))``; ``(0, ())`` is solid.
    width : float
        Line width in points.
    """

    name: str
    label: str
    color: str
    linestyle: tuple[float, tuple[float, ...]]
    width: float

    @property
    def dasharray(self) -> str:
        """The dash pattern as an SVG ``stroke-dasharray`` (for the HTML view).

        Examples
        --------
        >>> EDGE_STYLES["hostile"].dasharray
        '5 2.5'
        >>> EDGE_STYLES["cooperative"].dasharray
        ''
        """
        return " ".join(f"{x:g}" for x in self.linestyle[1])


EDGE_STYLES: dict[str, EdgeStyle] = {
    "cooperative": EdgeStyle("cooperative", "cooperative", "#0072B2", (0, ()), 1.8),
    "hostile": EdgeStyle("hostile", "hostile", "#D55E00", (0, (5, 2.5)), 1.8),
    "designation": EdgeStyle("designation", "designation", "#882255", (0, (7, 2, 1.5, 2)), 2.0),
    "structural": EdgeStyle("structural", "structural", "#6E6E6E", (0, (1.2, 1.8)), 1.6),
}

#: Legend order of the edge classes.
CLASS_ORDER = ("cooperative", "hostile", "designation", "structural")


def edge_class(rtype: RelationType) -> str:
    """The drawing class of a relation type: designation, cooperative, hostile or structural.

    Examples
    --------
    >>> from actorgraph import default_vocabulary
    >>> v = default_vocabulary()
    >>> [edge_class(v[t]) for t in ("supports", "attacks", "designates_terrorist", "leads")]
    ['cooperative', 'hostile', 'designation', 'structural']
    """
    if rtype.category == "designation":
        return "designation"
    if rtype.polarity > 0:
        return "cooperative"
    if rtype.polarity < 0:
        return "hostile"
    return "structural"


def edge_style(rtype: RelationType) -> EdgeStyle:
    """The :class:`EdgeStyle` a relation type is drawn with.

    Examples
    --------
    >>> from actorgraph import default_vocabulary
    >>> edge_style(default_vocabulary()["attacks"]).color
    '#D55E00'
    """
    return EDGE_STYLES[edge_class(rtype)]


#: Dash patterns each class can tell its types apart with, the class's own pattern first.
#: A class whose drawn types fit keeps one pattern per type; one with more types than
#: patterns is drawn in its own pattern and listed as one legend entry.
CLASS_PATTERNS: dict[str, tuple[tuple[float, tuple[float, ...]], ...]] = {
    "cooperative": ((0, ()), (0, (9, 1.8)), (0, (4, 1.5, 1, 1.5)), (0, (1.4, 1.4))),
    "hostile": (
        (0, (5, 2.5)),
        (0, (2, 1.6)),
        (0, (9, 2, 2, 2)),
        (0, (5, 1.5, 1, 1.5, 1, 1.5)),
        (0, (11, 3.5)),
    ),
    "designation": ((0, (7, 2, 1.5, 2)), (0, (7, 2, 1.5, 2, 1.5, 2))),
    "structural": ((0, (1.2, 1.8)), (0, (4, 1.8, 1.2, 1.8)), (0, (0.6, 3.2))),
}


def class_patterns(cls: str) -> tuple[tuple[float, tuple[float, ...]], ...]:
    """The dash patterns of a relation class, its own first.

    Examples
    --------
    >>> class_patterns("hostile")[0] == EDGE_STYLES["hostile"].linestyle
    True
    """
    return CLASS_PATTERNS.get(cls, (EDGE_STYLES[cls].linestyle,))


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One relation entry of a legend: a style and the relation types drawn in it.

    Attributes
    ----------
    style : EdgeStyle
        Colour, dash pattern and width of the entry's line.
    types : tuple of str
        The relation type ids the entry stands for (several when a class has more types
        than patterns).
    label : str
        The text: the type's label (with ``→`` when directed), or the class name followed
        by the labels of its types.
    """

    style: EdgeStyle
    types: tuple[str, ...]
    label: str


def _class_members(vocabulary: Vocabulary, types: Iterable[str]) -> dict[str, list[str]]:
    """The types of each class, in the order the vocabulary declares them."""
    rank = {t.id: k for k, t in enumerate(vocabulary)}
    members: dict[str, list[str]] = {c: [] for c in CLASS_ORDER}
    for t in sorted(set(types), key=lambda t: rank.get(t, len(rank))):
        members[edge_class(vocabulary[t])].append(t)
    return members


def type_styles(vocabulary: Vocabulary, types: Iterable[str]) -> dict[str, EdgeStyle]:
    """The style each of ``types`` is drawn with, so that the legend tells them apart.

    Every type of a class whose types all fit its patterns (the hostile class: opposes,
    attacks, fights, sanctions, condemns) keeps one pattern in every figure. Otherwise the
    types drawn get one pattern each when they fit, or all the class's own pattern (and one
    grouped legend entry, see :func:`legend_entries`).

    Examples
    --------
    >>> from actorgraph import default_vocabulary
    >>> v = default_vocabulary()
    >>> s = type_styles(v, ["attacks", "fights", "leads", "commands"])
    >>> s["attacks"].linestyle != s["fights"].linestyle, s["attacks"].color == s["fights"].color
    (True, True)
    """
    out: dict[str, EdgeStyle] = {}
    for cls, drawn in _class_members(vocabulary, types).items():
        base, patterns = EDGE_STYLES[cls], class_patterns(cls)
        everyone = [t.id for t in vocabulary if edge_class(t) == cls]
        if len(everyone) <= len(patterns):
            order = everyone
        elif len(drawn) <= len(patterns):
            order = drawn
        else:
            order = []
        for t in drawn:
            k = order.index(t) if t in order else 0
            out[t] = EdgeStyle(base.name, base.label, base.color, patterns[k], base.width)
    return out


def legend_entries(
    vocabulary: Vocabulary,
    types: Iterable[str],
    *,
    labels: dict[str, str] | None = None,
    classes: dict[str, str] | None = None,
) -> list[LegendEntry]:
    """The relation entries of a legend: one per style drawn, in class order.

    Types that share a style (a class with more types drawn than patterns) make one entry,
    ``"structural: commands, leads, …"``, so no two entries look alike.

    Parameters
    ----------
    vocabulary : Vocabulary
        Where the types are declared.
    types : iterable of str
        The relation types drawn.
    labels : dict of str to str, optional
        Type id -> the text to show (a translated label); default the vocabulary's label.
    classes : dict of str to str, optional
        Class -> the name a grouped entry starts with; default the class's name.

    Returns
    -------
    list of LegendEntry
        Cooperative, hostile, designation, structural; within a class, vocabulary order.

    Examples
    --------
    >>> from actorgraph import default_vocabulary
    >>> v = default_vocabulary()
    >>> for e in legend_entries(v, ["supports", "attacks", "leads", "commands", "controls",
    ...                             "member_of", "part_of"]):
    ...     print(e.label)
    supports →
    attacks →
    structural: is a member of, is part of, leads, commands, controls
    """
    styles = type_styles(vocabulary, types)
    entries: list[LegendEntry] = []
    for cls, drawn in _class_members(vocabulary, types).items():
        groups: dict[tuple[float, tuple[float, ...]], list[str]] = {}
        for t in drawn:
            groups.setdefault(styles[t].linestyle, []).append(t)

        def text(t: str) -> str:
            return (labels or {}).get(t) or vocabulary[t].label

        for members in groups.values():
            if len(members) == 1:
                t = members[0]
                label = text(t) + (" →" if vocabulary[t].directed else "")
            else:
                label = f"{(classes or {}).get(cls, cls)}: " + ", ".join(map(text, members))
            entries.append(LegendEntry(styles[members[0]], tuple(members), label))
    return entries


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How one kind of actor is drawn: fill colour, marker and legend label."""

    kind: str
    label: str
    color: str
    marker: str


KIND_STYLES: dict[str, NodeStyle] = {
    s.kind: s
    for s in (
        NodeStyle("state", "state", "#56B4E9", "s"),
        NodeStyle("government", "government", "#009E73", "D"),
        NodeStyle("ministry", "ministry", "#8FD3BF", "p"),
        NodeStyle("military", "military", "#F0E442", "v"),
        NodeStyle("armed_group", "armed group", "#E69F00", "^"),
        NodeStyle("organization", "organization", "#CC79A7", "h"),
        NodeStyle("person", "person", "#D9D9D9", "o"),
        NodeStyle("media", "media", "#B39DDB", "H"),
        NodeStyle("location", "location", "#C9E4A6", "P"),
    )
}

SPARE_STYLES = [
    ("#A6CEE3", "8"),
    ("#FDBF6F", "d"),
    ("#FB9A99", "X"),
    ("#B2DF8A", "<"),
    ("#CAB2D6", ">"),
]


def kind_style(kind: str | None) -> NodeStyle:
    """The :class:`NodeStyle` of an actor kind (any kind, known or not; deterministic).

    Examples
    --------
    >>> kind_style("state").marker, kind_style(None).label
    ('s', 'unspecified')
    >>> kind_style("tribe") == kind_style("tribe")
    True
    """
    if kind is None:
        return NodeStyle("", "unspecified", "#EFEFEF", "o")
    style = KIND_STYLES.get(kind)
    if style is not None:
        return style
    color, marker = SPARE_STYLES[sum(map(ord, kind)) % len(SPARE_STYLES)]
    return NodeStyle(kind, kind.replace("_", " "), color, marker)


# -- text ------------------------------------------------------------------------------------

_RTL = {"R", "AL", "AN"}


def is_rtl(text: str) -> bool:
    """Whether ``text`` has right-to-left letters (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text)


def literal(text: str) -> str:
    """``text`` with its dollar signs escaped, so matplotlib draws it as written.

    Names, titles and quotes come from data; ``"a $x$ b"`` would otherwise be typeset as
    mathematics and ``"$\\frac{$"`` would make drawing fail.

    Examples
    --------
    >>> print(literal("US$ 5"))
    US\\$ 5
    """
    return text.replace("$", "\\$")


def isolate(name: str) -> str:
    """A name ready to be embedded in a sentence: right-to-left names are bidi-isolated.

    Without the isolate, the bidi algorithm would move the surrounding words (``"with …"``,
    an arrow and a second name) around a right-to-left name.

    Examples
    --------
    >>> isolate("Russia"), isolate("حلب")
    ('Russia', '\u2068حلب\u2069')
    """
    return f"\u2068{name}\u2069" if is_rtl(name) else name


def wrap_lines(text: str, width: int = 16, max_lines: int = 3) -> list[str]:
    """A long name cut on word boundaries into at most ``max_lines`` lines (logical order).

    Examples
    --------
    >>> wrap_lines("Hayʼat Tahrir al-Sham")
    ['Hayʼat Tahrir', 'al-Sham']
    >>> wrap_lines("a b c d e f", width=1, max_lines=2)
    ['a', 'b…']
    """
    if len(text) <= width:
        return [text]
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines or [text]


def relation_label(rel: Relation, vocabulary: Vocabulary) -> str:
    """The label drawn on a relation: its type's label, and its status unless confirmed.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> relation_label(G.relation("russian-forces-attacks-hts"), G.vocabulary)
    'attacks (alleged)'
    """
    text = vocabulary[rel.type].label
    if rel.status in ("alleged", "disputed"):
        text += f" ({rel.status})"
    return text


def marker_scale(degree: Any, top: float) -> Any:
    """Marker area factor for an actor with ``degree`` relations when the most has ``top``.

    Markers grow mildly with connectedness (0.75 to 1.35 times the base area), in every
    figure and in the HTML view. Works on numbers and on numpy arrays.

    Examples
    --------
    >>> marker_scale(0, 4), marker_scale(4, 4)
    (0.75, 1.35)
    """
    return 0.75 + 0.6 * (degree / max(float(top), 1.0)) ** 0.5


# -- shared annotations ----------------------------------------------------------------------


def cited_sources(relations: Iterable[Relation]) -> list[str]:
    """One line per document cited by ``relations`` (quotes left out), in first-cited order.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> [line[:60] for line in cited_sources(G.relations())]
    ['The Epoch Times, “Syrian Government Forces Regrouping After ']
    """
    seen: dict[str, None] = {}
    for rel in relations:
        for src in rel.sources:
            doc = src.document
            parts = [p for p in (doc.publisher, f"“{doc.title}”" if doc.title else None) if p]
            text = ", ".join(parts) or (doc.url or "")
            if doc.date is not None:
                text += f" ({doc.date})"
            if text:
                seen.setdefault(text, None)
    return list(seen)


def footnote_text(
    relations: Iterable[Relation], *, at: object = None, width: int = 110, max_sources: int = 4
) -> str:
    """The footnote of a figure: the as-of date, then the sources its relations cite.

    Examples
    --------
    >>> import actorgraph as ag
    >>> G = ag.datasets.load("aleppo-2024")
    >>> print(footnote_text(G.relations(), at="2024-11-30", width=60))
    As of 2024-11-30. Source: The Epoch Times, “Syrian
    Government Forces Regrouping After Surprise Attack on
    Aleppo” (2024-11-30).
    """
    docs = cited_sources(relations)
    parts = []
    if at is not None:
        parts.append(f"As of {at}.")
    if docs:
        shown = docs[:max_sources]
        more = len(docs) - len(shown)
        label = "Source:" if len(docs) == 1 else "Sources:"
        listing = "; ".join(shown) + (f"; and {more} more" if more else "")
        parts.append(f"{label} {listing}.")
    return literal("\n".join(textwrap.wrap(" ".join(parts), width=width)))


# -- other languages -------------------------------------------------------------------------

#: Languages written right to left: figures in them are mirrored (title on the right).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps"})

#: The words a figure draws, per language: ``type:<id>`` (the default vocabulary's labels),
#: ``kind:<kind>``, ``class:<class>``, ``status:<status>`` and ``word:<legend word>``.
TRANSLATIONS: dict[str, dict[str, str]] = {
    "ar": {
        "type:supports": "يدعم",
        "type:allied_with": "متحالف مع",
        "type:cooperates_with": "يتعاون مع",
        "type:funds": "يموّل",
        "type:arms": "يسلّح",
        "type:trains": "يدرّب",
        "type:hosts": "يستضيف",
        "type:opposes": "يعارض",
        "type:attacks": "يهاجم",
        "type:fights": "يقاتل",
        "type:sanctions": "يفرض عقوبات على",
        "type:condemns": "يدين",
        "type:designates_terrorist": "يصنّف منظمة إرهابية",
        "type:member_of": "عضو في",
        "type:part_of": "جزء من",
        "type:leads": "يقود",
        "type:commands": "يقود عسكرياً",
        "type:represents": "يمثّل",
        "type:affiliated_with": "مرتبط بـ",
        "type:controls": "يسيطر على",
        "type:formed_from": "تشكّل من",
        "type:successor_of": "خلف لـ",
        "type:splinter_of": "انشق عن",
        "type:consults": "يتشاور مع",
        "type:negotiates_with": "يفاوض",
        "status:alleged": "مزعوم",
        "status:disputed": "متنازع عليه",
        "class:cooperative": "تعاون",
        "class:hostile": "عداء",
        "class:designation": "تصنيف",
        "class:structural": "علاقات بنيوية",
        "kind:state": "دولة",
        "kind:government": "حكومة",
        "kind:ministry": "وزارة",
        "kind:military": "قوات عسكرية",
        "kind:armed_group": "جماعة مسلحة",
        "kind:organization": "منظمة",
        "kind:person": "شخص",
        "kind:media": "وسيلة إعلام",
        "kind:location": "مكان",
        "kind:": "غير محدد",
        "word:Relations": "العلاقات",
        "word:Actors": "الأطراف",
        "word:Line width": "سماكة الخط",
        "word:event": "حدث",
        "word:events": "أحداث",
    }
}


def translate(key: str, lang: str | None, default: str) -> str:
    """The word ``key`` in ``lang`` (see :data:`TRANSLATIONS`), or ``default``.

    Examples
    --------
    >>> translate("word:Actors", "ar", "Actors"), translate("word:Actors", None, "Actors")
    ('الأطراف', 'Actors')
    """
    if lang is None:
        return default
    return TRANSLATIONS.get(lang, {}).get(key, default)


def localized_name(actor: Any, lang: str | None) -> str:
    """An actor's name in ``lang``: its ``names`` attribute (``{"ar": ...}``), else its name.

    Examples
    --------
    >>> from actorgraph import Actor
    >>> a = Actor("aleppo", name="Aleppo", attrs={"names": {"ar": "حلب"}})
    >>> localized_name(a, "ar"), localized_name(a, "fr"), localized_name(a, None)
    ('حلب', 'Aleppo', 'Aleppo')
    """
    names = actor.attrs.get("names") if lang is not None else None
    if isinstance(names, dict) and isinstance(names.get(lang), str) and names[lang].strip():
        return str(names[lang])
    return str(actor.name)


def localized_label(rtype: RelationType, lang: str | None) -> str:
    """A relation type's label in ``lang``, else its label as declared.

    Examples
    --------
    >>> from actorgraph import default_vocabulary
    >>> localized_label(default_vocabulary()["attacks"], "ar")
    'يهاجم'
    """
    return translate(f"type:{rtype.id}", lang, rtype.label)


def localized_status(status: str, lang: str | None) -> str:
    """A claim status (``alleged``, ``disputed``) in ``lang``.

    Examples
    --------
    >>> localized_status("alleged", None)
    'alleged'
    """
    return translate(f"status:{status}", lang, status)
