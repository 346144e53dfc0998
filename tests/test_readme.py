"""The README's shortest path from install to a first diagram of one's own data works."""

from __future__ import annotations

import colorsys
import re
import struct
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

import actorgraph as ag
from actorgraph.cli import main
from actorgraph.plotting import drawing_of

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _yaml_block() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    assert len(blocks) == 1, "the README has one YAML example"
    return blocks[0]


def test_readme_yaml_validates_and_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "my-conflict.yaml"
    doc.write_text(_yaml_block(), encoding="utf-8")
    assert main(["validate", str(doc)]) == 0
    out = tmp_path / "my-conflict.png"
    assert main(["draw", str(doc), "-o", str(out)]) == 0
    G = ag.read(doc)
    assert (len(G), G.number_of_relations()) == (4, 3)
    assert [r.actor.id for r in ag.designators(G, "HTS")] == ["usa"]
    image = plt.imread(out)
    assert image.shape[0] > 300 and image[..., :3].std() > 0.05
    capsys.readouterr()


def test_readme_commands_name_only_real_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    code = "\n".join(re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.DOTALL))
    used = set(re.findall(r"^actorgraph (\w+)", code, flags=re.MULTILINE))
    assert {"draw", "validate", "convert", "import", "diff", "balance"} <= used
    for command in sorted(used):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0, command
        assert "usage: actorgraph " + command in capsys.readouterr().out


# What the README says the main figure shows: each class of relation, its line and colour.
README_STYLES = {
    "cooperative": ("solid", "blue"),
    "hostile": ("dashed", "vermilion"),
    "designation": ("dash-dotted", "wine"),
    "structural": ("dotted", "grey"),
}
IMAGE = Path(__file__).parents[1] / "docs" / "images" / "aleppo.png"


def _flat(text: str) -> str:
    """Text without its whitespace: wrapped lines compare equal to the text as written."""
    return "".join(text.split())


def _colour_name(colour: Any) -> str:
    """The colour's name in the README's words, from its hue (not its exact value)."""
    r, g, b, _ = to_rgba(colour)
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    hue *= 360
    if saturation < 0.15:
        return "grey"
    if 190 <= hue <= 250:
        return "blue"
    if 10 <= hue <= 32 and lightness >= 0.3:
        return "vermilion"
    if 300 <= hue <= 350 and lightness < 0.45:
        return "wine"
    return f"unnamed {to_hex(colour)}"


def _dash_name(pattern: Any) -> str:
    """A line collection's ``(offset, dashes)`` in words (the ratios only: any line width)."""
    dashes: list[float] = list(pattern[1] or [])
    if not dashes:
        return "solid"
    if len(dashes) == 2:
        return "dashed" if dashes[0] > dashes[1] else "dotted"
    if len(dashes) == 4 and dashes[0] > 2 * dashes[2]:
        return "dash-dotted"
    return f"unnamed {dashes}"


def _readme_class(G: ag.ActorGraph, type_id: str) -> str:
    rtype = G.vocabulary[type_id]
    if rtype.category == "designation":
        return "designation"
    return {1: "cooperative", -1: "hostile"}.get(int(rtype.polarity), "structural")


def _png_size(path: Path) -> tuple[int, int]:
    """(width, height) from the PNG header; fails on anything that is not a PNG."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def _assert_sensible_picture(path: Path) -> tuple[int, int]:
    width, height = _png_size(path)
    assert 800 <= width <= 2500 and 450 <= height <= 1600, (path, width, height)
    assert 1.1 <= width / height <= 2.4, (path, width, height)  # landscape, legend on the right
    assert plt.imread(path)[..., :3].std() > 0.05, f"{path} is blank"
    return width, height


@pytest.fixture
def saved_figures(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """Every figure saved while the test runs (the command closes its figure after saving)."""
    saved: list[Figure] = []
    original = Figure.savefig

    def savefig(self: Figure, *args: Any, **kwargs: Any) -> None:
        saved.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    return saved


def test_readme_describes_the_figure_the_test_checks() -> None:
    said = " ".join(README.split())
    for line, colour in README_STYLES.values():
        assert f"{line} {colour}" in said, (line, colour)
    assert "arrows only on directed relations" in said
    assert "the footnote names the source" in said


def test_readme_picture_is_what_the_main_command_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], saved_figures: list[Figure]
) -> None:
    """docs/images/aleppo.png is `actorgraph draw aleppo-2024 -o aleppo.png`, at 110 dpi.

    Checked through what was drawn, not pixel by pixel: text extents differ between fonts,
    FreeType and matplotlib versions, so a re-rendered picture may differ by a few pixels.
    """
    assert "![" in README and "docs/images/aleppo.png" in README
    out = tmp_path / "aleppo.png"
    assert main(["draw", "aleppo-2024", "-o", str(out), "--dpi", "110"]) == 0
    capsys.readouterr()
    (fig,) = saved_figures
    (ax,) = [a for a in fig.axes if a.get_legend() is not None]
    G = ag.datasets.load("aleppo-2024")
    vocab = G.vocabulary
    texts = {t.get_gid(): t for t in ax.texts}

    title_text = G.attrs["title"]
    assert ax.get_title(loc="left") == title_text
    # every actor is drawn and named
    assert set(drawing_of(ax).actors) == {a.id for a in G.actors()}
    for actor in G.actors():
        assert _flat(texts[f"actorgraph-label-{actor.id}"].get_text()) == _flat(actor.name)
    # every relation is drawn; labelled in its line's colour, or counted in the footnote as
    # left out for space (a label never covers a name, a marker or an arrowhead)
    assert sorted(drawing_of(ax).relations) == sorted(r.id for r in G.relations())
    unlabelled = 0
    for rel in G.relations():
        label = texts.get(f"actorgraph-edge-label-{rel.id}")
        if label is None:
            unlabelled += 1
            continue
        status = f" ({rel.status})" if rel.status in ("alleged", "disputed") else ""
        assert label.get_text() == vocab[rel.type].label + status
        assert _colour_name(label.get_color()) == README_STYLES[_readme_class(G, rel.type)][1]
    assert unlabelled <= G.number_of_relations() // 4
    if unlabelled:
        said = f"{unlabelled} relation label{'s' if unlabelled > 1 else ''} left out for space"
        assert said in " ".join(texts["actorgraph-footnote"].get_text().split())
    _assert_lines_and_arrows(ax, G)
    _assert_legend(ax, G)
    # the footnote names the source; title above, footnote below, legend to the right
    ((publisher, article),) = {(s.publisher, s.title) for r in G.relations() for s in r.sources}
    note = _flat(texts["actorgraph-footnote"].get_text())
    assert _flat(publisher or "") in note and _flat(article or "") in note
    frame = ax.get_window_extent()
    assert texts["actorgraph-footnote"].get_window_extent().y1 <= frame.y0 + 1
    (title,) = [t for t in ax.get_children() if isinstance(t, Text) and t.get_text() == title_text]
    assert title.get_window_extent().y0 >= frame.y1 - 1
    legend = ax.get_legend()
    assert legend is not None and legend.get_window_extent().x0 >= frame.x1 - 1

    # the committed picture is a sensible PNG of about the same figure (not pixel-equal)
    shown = _assert_sensible_picture(IMAGE)
    drawn = _assert_sensible_picture(out)
    for d, s in zip(drawn, shown, strict=True):
        assert abs(d - s) <= 0.15 * s, f"re-render {IMAGE} with --dpi 110 ({drawn} vs {shown})"


def _assert_lines_and_arrows(ax: Axes, G: ag.ActorGraph) -> None:
    """One line collection per class, styled as the README says; arrows on directed ones."""
    drawn = drawing_of(ax).relations  # in the order of the collections' segments
    offset = 0
    classes = set()
    for c in ax.collections:
        gid = c.get_gid() or ""
        if not gid.startswith("actorgraph-edges-"):
            continue
        assert isinstance(c, LineCollection)
        rels = [G.relation(r) for r in drawn[offset : offset + len(c.get_segments())]]
        offset += len(rels)
        (cls,) = {_readme_class(G, r.type) for r in rels}
        classes.add(cls)
        line, colour = README_STYLES[cls]
        assert _dash_name(c.get_linestyle()[0]) == line, cls
        assert {_colour_name(e) for e in c.get_edgecolor()} == {colour}, cls
        # one arrowhead per directed relation, none on symmetric ones
        heads = [h for h in ax.collections if h.get_gid() == f"actorgraph-arrows-{cls}"]
        directed = sum(G.vocabulary[r.type].directed for r in rels)
        assert sum(len(h.get_paths()) for h in heads) == directed, cls
    assert offset == len(drawn) and classes == set(README_STYLES)
    assert any(not G.vocabulary[r.type].directed for r in G.relations())  # a symmetric one


def _assert_legend(ax: Axes, G: ag.ActorGraph) -> None:
    """The legend lists the relation types drawn (an arrow on directed ones) and the kinds."""
    legend = ax.get_legend()
    assert legend is not None
    names = [t.get_text() for t in legend.get_texts()]
    handles = dict(zip(names, legend.legend_handles, strict=True))
    assert names[0] == "Relations" and "Actors" in names
    vocab = G.vocabulary
    types = {r.type for r in G.relations()}
    relation_names = names[1 : names.index("Actors")]
    # one entry per type, except the structural types, which share the dotted grey line and
    # so are listed together in one entry ("structural: is a member of, ...")
    structural = {t for t in types if _readme_class(G, t) == "structural"}
    wanted = {vocab[t].label + (" →" if vocab[t].directed else ""): t for t in types - structural}
    (group,) = [n for n in relation_names if n.startswith("structural:")]
    listed = " ".join(group.removeprefix("structural:").split())
    assert sorted(listed.split(", ")) == sorted(vocab[t].label for t in structural)
    assert sorted(n for n in relation_names if n != group) == sorted(wanted)
    wanted[group] = next(iter(structural))
    for name in relation_names:
        handle = handles[name]
        assert isinstance(handle, Line2D)
        colour = README_STYLES[_readme_class(G, wanted[name])][1]
        assert _colour_name(handle.get_color()) == colour, name
    # no two entries look alike: the styles behind them differ in colour or dash pattern
    from actorgraph.style import legend_entries

    entries = legend_entries(vocab, types)
    assert len({(e.style.color, e.style.linestyle) for e in entries}) == len(entries)
    kinds = {str(a.kind).replace("_", " ") for a in G.actors()}
    assert {n.lower() for n in names[names.index("Actors") + 1 :]} == kinds
