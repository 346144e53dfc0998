"""DOT and Mermaid: hostile names survive a re-parse and never become syntax."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from _strategies import HOSTILE as SHARED_HOSTILE
from _strategies import graphs
from _tools import need_program
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.graph import ActorGraph
from actorgraph.readwrite import write
from actorgraph.readwrite.dot import to_dot
from actorgraph.readwrite.mermaid import to_mermaid

HOSTILE = [
    "a:b", 'x"y', "line\nbreak", "<b>bold</b>", "graph", "node", "edge", "strict", "digraph",
    "subgraph", "back\\slash", "\\", "ends with \\", '\\"', "\\N \\G \\l", "هيئة تحرير الشام",
    "a -> b", "a -- b", "{x}", "[y]", "a;b", "// c", "/* c */", "# h", "'q'", "crlf\r\nx",
    "end", "A-->B", "|pipe|", "`tick`", "#quot;", "&amp;", "%% c", "</script><script>x</script>",
    "bell\x07", "nul\x00", "😀", "e\u0301", "A &amp; C", "x&y<z>", "&#13;", "%%{init: {}}%%",
    "a\\nb", "cr\rhere", "lone\r", "tab\there", " lead", "trail ", "a  b", "ls\u2028x",
]  # fmt: skip

names = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=15),
).filter(lambda s: s.strip() != "")


def visible(text: str) -> str:
    """What both writers promise to show: control pictures, each line break (LF, CR, CR LF) one."""
    out = []
    for c in text:
        o = ord(c)
        if o < 0x20 and c not in "\t\n\r":
            out.append(chr(0x2400 + o))
        elif o == 0x7F:
            out.append("\u2421")
        else:
            out.append(c)
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def graph_of(labels: list[str]) -> ActorGraph:
    G = ActorGraph(labels[0])
    for i, name in enumerate(labels):
        G.add_actor(f"graph{i}" if i % 2 else f"a:{i}", name=name)
    ids = [a.id for a in G.actors()]
    for i in range(1, len(ids)):
        G.add_relation(ids[i - 1], "attacks" if i % 2 else "consults", ids[i])
    return G


# --------------------------------------------------------------------------
# a small DOT lexer, following Graphviz's scanner
# --------------------------------------------------------------------------

TOKEN = re.compile(
    r"""(?P<ws>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/|^\#[^\n]*)|(?P<arrow>->|--)
    |(?P<punct>[{}\[\];,=:])|(?P<id>[A-Za-z_\x80-\uffff][A-Za-z_0-9\x80-\uffff]*)
    |(?P<num>-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))|(?P<q>")""",
    re.X | re.S | re.M,
)


def lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        m = TOKEN.match(text, i)
        assert m is not None, f"cannot lex at {text[i : i + 20]!r}"
        kind = m.lastgroup
        assert kind is not None
        if kind == "q":  # a quoted string: \" is a quote, \\ stays (for escString)
            j, buf = m.end(), []
            while text[j] != '"':
                if text[j] == "\\" and text[j + 1] in '"\\':
                    buf.append('"' if text[j + 1] == '"' else "\\\\")
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            out.append(("str", "".join(buf)))
            i = j + 1
            continue
        if kind not in ("ws", "comment"):
            out.append((kind, m.group()))
        i = m.end()
    return out


def esc_string(raw: str) -> str:
    """Graphviz's label escapes (\\\\ a backslash, \\n \\l \\r line breaks), then its entities."""
    out, i = [], 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            out.append({"n": "\n", "l": "\n", "r": "\r", "\\": "\\"}.get(nxt, nxt))
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return html.unescape("".join(out))


def dot_labels(text: str) -> tuple[dict[str, str], list[str]]:
    """Node id -> label, and the statement heads, from our own lexer."""
    tokens = lex(text)
    assert tokens[:3] == [("id", "digraph"), ("str", tokens[1][1]), ("punct", "{")]
    labels: dict[str, str] = {}
    heads: list[str] = []
    i = 3
    while tokens[i] != ("punct", "}"):
        head = [tokens[i]]
        i += 1
        while tokens[i] != ("punct", "["):
            head.append(tokens[i])
            i += 1
        heads.append(" ".join(v for _, v in head))
        attrs: dict[str, str] = {}
        i += 1
        while tokens[i] != ("punct", "]"):
            key, eq, value = tokens[i : i + 3]
            assert key[0] == "id" and eq == ("punct", "=") and value[0] == "str"
            attrs[key[1]] = value[1]
            i += 3
            if tokens[i] == ("punct", ","):
                i += 1
        i += 1
        assert tokens[i] == ("punct", ";")
        i += 1
        if len(head) == 1 and re.fullmatch(r"n\d+", head[0][1]):
            labels[head[0][1]] = esc_string(attrs["label"])
    assert i == len(tokens) - 1
    return labels, heads


@given(st.lists(names, min_size=1, max_size=6))
def test_dot_names_survive_our_lexer(labels: list[str]) -> None:
    G = graph_of(labels)
    found, heads = dot_labels(to_dot(G))
    assert found == {f"n{i}": visible(a.name) for i, a in enumerate(G.actors())}
    for head in heads:  # statements are only graph/node/edge defaults, opaque ids and arrows
        assert re.fullmatch(r"graph|node|edge|n\d+|n\d+ -> n\d+", head), head


@given(st.lists(names, min_size=1, max_size=5))
def test_dot_names_survive_pydot(labels: list[str]) -> None:
    pydot = pytest.importorskip("pydot")
    G = graph_of(labels)
    (parsed,) = pydot.graph_from_dot_data(to_dot(G))
    nodes = {
        n.get_name(): n for n in parsed.get_nodes() if n.get_name() not in ("graph", "node", "edge")
    }
    assert sorted(nodes) == sorted(f"n{i}" for i in range(len(G)))
    for i, a in enumerate(G.actors()):
        raw = nodes[f"n{i}"].get_attributes()["label"]
        assert raw.startswith('"') and raw.endswith('"')
        unquoted = re.sub(r'\\(["\\])', lambda m: "\\\\" if m.group(1) == "\\" else '"', raw[1:-1])
        assert esc_string(unquoted) == visible(a.name)
    assert len(parsed.get_edges()) == G.number_of_relations()


LONG = [
    "Hayʼat Tahrir al-Sham (Levant Liberation Committee) & allies",
    "هيئة تحرير الشام وهي تحالف من فصائل المعارضة السورية المسلحة",
    "Ministry of Defence of the Syrian Arab Republic\r\nDamascus 😀",
    "averyveryveryverylongwordwithoutanyspaceatallinit then more",
]


def graphviz_texts(dot: str, source: Path) -> dict[str, list[str]]:
    """Node or graph name -> the lines Graphviz draws, from its JSON output."""
    out = subprocess.run(
        [dot, "-Tjson", str(source)], capture_output=True, check=True, timeout=60
    ).stdout
    data = json.loads(out)
    texts = {"graph": [op["text"] for op in data.get("_ldraw_", []) if op["op"] == "T"]}
    for obj in data["objects"]:
        texts[obj["name"]] = [op["text"] for op in obj.get("_ldraw_", []) if op["op"] == "T"]
    return texts


def assert_wrapped(drawn: list[str], name: str) -> None:
    """``drawn`` shows ``name`` exactly: its lines, each long one wrapped at single spaces."""
    want = [ln for ln in visible(name).split("\n") if ln]  # an empty line draws nothing
    drawn = [ln for ln in drawn if ln]
    i = 0
    for line in want:
        got = [drawn[i]]
        i += 1
        while " ".join(got) != line:
            assert i < len(drawn) and len(" ".join(got)) < len(line), (drawn, name)
            got.append(drawn[i])
            i += 1
    assert i == len(drawn), (drawn, name)
    for ln in drawn:
        assert len(ln) <= 28 or " " not in ln, ln


def test_graphviz_draws_exactly_the_names(tmp_path: Path) -> None:
    """Rendered by Graphviz itself: every node shows its name, character for character."""
    dot = need_program("dot", "Debian: apt-get install graphviz")
    G = graph_of(HOSTILE + LONG + [n for n in SHARED_HOSTILE if n.strip()])
    p = tmp_path / "g.dot"
    write(G, p)
    texts = graphviz_texts(dot, p)
    for i, a in enumerate(G.actors()):
        assert_wrapped(texts[f"n{i}"], a.name)
    assert texts["graph"] == [visible(HOSTILE[0])]
    assert texts["n0"] == ["a:b"]
    by_name = {a.name: texts[f"n{i}"] for i, a in enumerate(G.actors())}
    assert by_name["A &amp; C"] == ["A &amp; C"]  # not "A & C"
    assert by_name["&#13;"] == ["&#13;"]  # not a carriage return
    assert by_name["cr\rhere"] == ["cr", "here"]  # a centred break, not a right-justified one
    assert by_name["\\N \\G \\l"] == ["\\N \\G \\l"]  # not the node's name, the graph's
    assert by_name[LONG[0]] == [
        "Hayʼat Tahrir al-Sham",
        "(Levant Liberation",
        "Committee) & allies",
    ]
    svg = subprocess.run([dot, "-Tsvg", str(p)], capture_output=True, check=True, timeout=60)
    assert "&lt;b&gt;bold&lt;/b&gt;" in svg.stdout.decode()


def test_dot_styling_follows_the_vocabulary() -> None:
    G = ActorGraph()
    for aid in "abcd":
        G.add_actor(aid)
    G.add_relation("a", "attacks", "b", start="2024-11-27", status="alleged")
    G.add_relation("a", "supports", "c", start="2015", end="2015")
    G.add_relation("a", "consults", "d")
    G.add_relation("a", "designates_terrorist", "b")
    edges = [ln for ln in to_dot(G).splitlines() if " -> " in ln]
    assert 'label="attacks\\n2024-11-27 – … (alleged)"' in edges[0]
    assert 'style="dashed"' in edges[0] and "dir=" not in edges[0]
    assert 'label="supports\\n2015"' in edges[1] and 'style="solid"' in edges[1]
    assert 'style="dotted", dir="none"' in edges[2]  # symmetric: no arrowheads
    assert 'style="dashed,bold"' in edges[3]
    assert to_dot(G, dates=False).count("2024") == 0


# --------------------------------------------------------------------------
# Mermaid
# --------------------------------------------------------------------------

NODE = re.compile(r'  n\d+\("([^"]*)"\)')
LINK = re.compile(r'  n\d+ (?:-->|---)\|"([^"]*)"\| n\d+')
ENTITY = {"quot": '"', "35": "#", "lt": "<", "gt": ">", "amp": "&", "96": "`", "124": "|",
          "37": "%", "92": "\\"}  # fmt: skip


def unmermaid(label: str) -> str:
    text = label.replace("<br>", "\n")
    return re.sub(r"#(\w+);", lambda m: ENTITY[m.group(1)], text)


@given(st.lists(names, min_size=1, max_size=6))
def test_mermaid_labels_are_escaped_and_decode_back(labels: list[str]) -> None:
    G = graph_of(labels)
    text = to_mermaid(G)
    lines = text.split("\n")
    assert lines[0] == "flowchart LR"
    node_lines = [ln for ln in lines if NODE.fullmatch(ln)]
    assert len(node_lines) == len(G)
    for ln, a in zip(node_lines, G.actors(), strict=True):
        m = NODE.fullmatch(ln)
        assert m is not None
        label = m.group(1)
        assert not re.search(r"[<>`|%\\]", label.replace("<br>", ""))
        assert unmermaid(label) == visible(a.name)
    assert sum(1 for ln in lines if LINK.fullmatch(ln)) == G.number_of_relations()
    for ln in lines[1:]:  # every line is one of the statements we write
        assert (
            NODE.fullmatch(ln)
            or LINK.fullmatch(ln)
            or re.fullmatch(r"  (classDef k\d+ fill:#\w+,stroke:#\w+,color:#\w+"
                            r"|class (n\d+,)*n\d+ k\d+|linkStyle \d+ [\w:#\-.,% ]+)", ln)
        ), ln  # fmt: skip


def test_mermaid_hostile_html_is_text(tmp_path: Path) -> None:
    G = ActorGraph()
    G.add_actor("x", name="</script><script>alert(1)</script>")
    G.add_actor("y", name='<img src=x onerror="alert(1)">')
    G.add_relation("x", "attacks", "y")
    text = to_mermaid(G, fenced=True)
    assert "<script" not in text and "<img" not in text
    assert text.startswith("```mermaid\nflowchart LR\n") and text.endswith("\n```")
    write(G, tmp_path / "g.mmd")
    assert (tmp_path / "g.mmd").read_text("utf-8") == to_mermaid(G) + "\n"


def test_mermaid_directives_comments_and_backslashes_are_text() -> None:
    """Mermaid finds ``%%{...}%%`` anywhere (quotes or not), ``%%`` comments and ``\\n`` breaks."""
    G = ActorGraph()
    G.add_actor("x", name="%%{init: {'theme': 'dark', 'themeCSS': 'svg {display:none}'}}%%")
    G.add_actor("y", name="a\\nb %% not a comment")
    G.add_relation("x", "attacks", "y")
    text = to_mermaid(G)
    assert "%" not in text and "\\" not in text
    labels = [m.group(1) for m in map(NODE.fullmatch, text.split("\n")) if m]
    assert [unmermaid(x).replace("\n", " ") for x in labels] == [a.name for a in G.actors()]


def test_mermaid_wraps_long_names_at_spaces() -> None:
    G = ActorGraph()
    for i, name in enumerate(LONG):
        G.add_actor(f"a{i}", name=name)
    labels = [m.group(1) for m in map(NODE.fullmatch, to_mermaid(G).split("\n")) if m]
    assert labels[0] == "Hayʼat Tahrir al-Sham<br>(Levant Liberation<br>Committee) #amp; allies"
    for label, a in zip(labels, G.actors(), strict=True):
        assert_wrapped(unmermaid(label).split("\n"), a.name)


@given(graphs())
def test_every_graph_of_the_shared_strategies_draws_its_names(G: ActorGraph) -> None:
    """The hostile graphs every writer is tested with: labels decode back in both languages."""
    found, heads = dot_labels(to_dot(G))
    for i, a in enumerate(G.actors()):
        assert_wrapped(found[f"n{i}"].split("\n"), a.name)
    for head in heads:
        assert re.fullmatch(r"graph|node|edge|n\d+|n\d+ -> n\d+", head), head
    labels = [m.group(1) for m in map(NODE.fullmatch, to_mermaid(G).split("\n")) if m]
    assert len(labels) == len(G)
    for label, a in zip(labels, G.actors(), strict=True):
        assert not re.search(r"[<>`|%\\\"]", label.replace("<br>", ""))
        assert_wrapped(unmermaid(label).split("\n"), a.name)
