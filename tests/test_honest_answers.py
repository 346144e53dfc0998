"""Honest answers, held against the article the bundled dataset was built from.

Undated claims are a state, not "always"; claims of units and officials roll up to the
states and governments they belong to, with their chain; every quote is checked against
the archived text of its source.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph as ag
from actorgraph.cli import main
from actorgraph.quotes import check_quotes, closest_passage, is_placeholder, normalise
from actorgraph.rollup import chains, is_derived

SHARED = Path(__file__).resolve().parents[2] / "shared"
ARTICLE = SHARED / "sources" / "aleppo-offensive-2024-11-30.txt"
FOLDER = ag.datasets.path("aleppo-2024").parent
ARCHIVE = FOLDER / "aleppo-offensive-2024-11-30.txt"


@pytest.fixture(scope="module")
def G() -> ag.ActorGraph:
    return ag.datasets.load("aleppo-2024")


def _ids(found: list[ag.Related]) -> list[str]:
    return [x.id for x in found]


# -- quotes ---------------------------------------------------------------------------------
def test_every_bundled_quote_is_in_the_archived_article(G: ag.ActorGraph) -> None:
    quoted = [(r.id, s.quote) for r in G.relations() for s in r.sources if s.quote]
    assert len(quoted) == sum(len(r.sources) for r in G.relations())  # every source quotes
    text = normalise(ARCHIVE.read_text(encoding="utf-8"))
    for rid, quote in quoted:  # independently of check_quotes
        assert quote is not None and normalise(quote) in text, rid
    checks = check_quotes(G, FOLDER)
    assert len(checks) == len(quoted)
    assert [c.status for c in checks] == ["found"] * len(quoted)


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/sources is not on this machine")
def test_the_shipped_archive_is_the_article_and_its_checksum_pins_it(G: ag.ActorGraph) -> None:
    assert ARCHIVE.read_bytes() == ARTICLE.read_bytes()
    source = G.relations()[0].sources[0]
    assert source.archive == ARCHIVE.name
    assert source.checksum == "sha256:" + hashlib.sha256(ARTICLE.read_bytes()).hexdigest()


def _edited(G: ag.ActorGraph, quote: str) -> ag.ActorGraph:
    H = G.copy()
    r = H.relation("usa-designates-hts")
    H.update_relation(r.id, sources=[r.sources[0].with_quote(quote)])
    return H


def test_a_quote_not_in_the_source_is_an_error_with_the_closest_passage(G: ag.ActorGraph) -> None:
    H = _edited(G, "HTS is designated a terrorist group by the US and Russia.")
    [finding] = [f for f in ag.validate(H, archives=FOLDER) if f.code == "quote-not-found"]
    assert finding.severity == "error" and finding.relations == ("usa-designates-hts",)
    assert "HTS is designated as a terrorist group by the United States" in finding.message


def test_placeholders_are_flagged_even_without_an_archive(G: ag.ActorGraph) -> None:
    for quote in ("...", "…", "TODO", "“ ”"):
        found = [f.code for f in ag.validate(_edited(G, quote))]
        assert found.count("placeholder-quote") == 1, quote
    assert not is_placeholder("Russia backs Assad.")


def test_quotes_match_across_whitespace_typographic_quotes_and_dashes(G: ag.ActorGraph) -> None:
    H = _edited(G, "part of Syria's ongoing civil war - a multi-sided\n conflict")
    assert all(c.ok for c in check_quotes(H, FOLDER))
    H = _edited(G, "part of Syria's ongoing CIVIL war")  # case is not folded
    assert not all(c.ok for c in check_quotes(H, FOLDER))


def test_a_changed_or_missing_archive_is_reported(G: ag.ActorGraph, tmp_path: Path) -> None:
    (tmp_path / ARCHIVE.name).write_text("something else", encoding="utf-8")
    codes = {f.code for f in ag.validate(G, archives=tmp_path)}
    assert codes >= {"archive-changed"}
    [missing] = [f for f in ag.validate(G, archives=tmp_path / "nowhere") if "archive" in f.code]
    assert missing.code == "archive-not-found" and missing.severity == "warning"
    assert set(missing.relations) == {r.id for r in G.relations()}  # one finding, every claim
    texts = {ARCHIVE.name: ARCHIVE.read_text(encoding="utf-8")}
    assert all(c.ok for c in check_quotes(G, texts))


@pytest.mark.parametrize("path", ["/etc/passwd", "../secret.txt", "a/../../b", "c:/x.txt"])
def test_an_archive_outside_the_data_folder_is_refused(path: str) -> None:
    with pytest.raises(ag.ValidationError, match="inside the data file's folder"):
        ag.Source(publisher="AP", archive=path)


def test_a_bad_checksum_is_refused() -> None:
    with pytest.raises(ag.ValidationError, match="sha256"):
        ag.Source(publisher="AP", archive="a.txt", checksum="md5:abc")


def test_archive_and_checksum_survive_the_document(G: ag.ActorGraph, tmp_path: Path) -> None:
    out = tmp_path / "copy.yaml"
    ag.write(G, out)
    back = ag.read(out)
    assert back.relation("usa-designates-hts").sources == G.relation("usa-designates-hts").sources


def test_cli_validate_checks_the_quotes_against_the_archive_next_to_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "article.txt").write_text("Russia backs the government.\n", encoding="utf-8")
    doc = tmp_path / "claims.yaml"
    doc.write_text(
        "actorgraph: 1\nsources:\n  ap: {publisher: AP, archive: article.txt}\n"
        "actors:\n  - {id: ru}\n  - {id: sy}\nrelations:\n"
        "  - {id: r1, source: ru, type: supports, target: sy,\n"
        "     sources: [{ref: ap, quote: Russia backs the government.}]}\n"
        "  - {id: r2, source: ru, type: opposes, target: sy,\n"
        "     sources: [{ref: ap, quote: Russia opposes the government.}]}\n",
        encoding="utf-8",
    )
    code = main(["validate", str(doc)])
    err = capsys.readouterr().err
    assert code == 1
    assert "quote-not-found: 'r2'" in err and "quote-not-found: 'r1'" not in err
    assert "Russia backs the government." in err  # the closest passage
    assert main(["validate", "aleppo-2024"]) == 0


@given(st.data())
def test_any_passage_of_the_article_is_found_however_it_was_copied(data: st.DataObject) -> None:
    text = ARCHIVE.read_text(encoding="utf-8")
    words = text.split()
    i = data.draw(st.integers(0, len(words) - 4))
    n = data.draw(st.integers(3, 25))
    passage = words[i : i + n]
    seps = data.draw(st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \u00a0"]), min_size=n))
    copied = "".join(w + s for w, s in zip(passage, seps, strict=False)).strip()
    copied = copied.replace("\u2019", "'").replace("\u2014", " - ")
    hay = normalise(text)
    assert normalise(copied) in hay
    assert normalise(normalise(copied)) == normalise(copied)
    assert closest_passage(text, copied)[1] == pytest.approx(1.0)


# -- undated claims ---------------------------------------------------------------------------
def test_undated_predicates(G: ag.ActorGraph) -> None:
    r = G.relation("usa-designates-hts")
    assert r.undated and str(r.reported_by) == "2024-11-30"
    assert not G.relation("hts-attacks-syrian-government").undated


def test_as_of_2016_with_each_policy(G: ag.ActorGraph) -> None:
    designations = {"usa-designates-hts", "russia-designates-hts"}
    marked = ag.as_of(G, "2016")
    assert designations <= {r.id for r in marked.relations()}
    assert all(marked.relation(i).undated for i in designations)  # nothing invented
    assert marked.relation("usa-designates-hts").start is None
    assert "undated claims marked" in repr(marked)
    for policy in ("drop", "reported"):
        V = ag.as_of(G, "2016", undated=policy)
        assert not designations & {r.id for r in V.relations()}, policy
        assert not any(r.undated for r in V.relations())
    kept = ag.as_of(G, "2016", undated="keep")
    assert {r.id for r in kept.relations()} == {r.id for r in marked.relations()}
    # "reported": from the date of the article on
    assert designations <= {r.id for r in ag.as_of(G, "2024-11-30", undated="reported").relations()}
    with pytest.raises(ag.ValidationError, match="undated must be one of"):
        ag.as_of(G, "2016", undated="always")  # type: ignore[arg-type]


def test_between_and_diff_take_the_policy(G: ag.ActorGraph) -> None:
    assert ag.between(G, "2015", "2016", undated="drop").number_of_relations() == 2
    d = ag.diff(G, "2016", "2024-11-30")
    assert "usa-designates-hts" in {r.id for r in d.undated}
    assert "usa-designates-hts" not in {r.id for r in d.began}
    assert "not compared" in d.summary() and "undated" in repr(d)
    d = ag.diff(G, "2016", "2024-11-30", undated="reported")
    assert "usa-designates-hts" in {r.id for r in d.began} and not d.undated
    assert d.to_dict()["undated"] == []


# -- roll-up ------------------------------------------------------------------------------------
def test_state_level_questions_through_roll_up(G: ag.ActorGraph) -> None:
    # who fights HTS, answered for states and governments
    assert "syrian-government" not in _ids(ag.opponents(G, "HTS"))
    found = {x.id: x for x in ag.opponents(G, "HTS", roll_up=True)}
    assert {"russia", "syrian-government"} <= set(found)
    assert [r.type for r in found["syrian-government"].relations] == ["attacks"]
    # did Iran and Russia consult?
    assert "russia" not in _ids(ag.neighbors(G, "Iran", types="consults"))
    assert "russia" in _ids(ag.neighbors(G, "Iran", types="consults_with", roll_up=True))


def test_a_derived_claim_names_its_claim_and_chain_and_keeps_the_sources(
    G: ag.ActorGraph,
) -> None:
    R = ag.roll_up(G)
    [r] = R.relations(source="russia", type="attacks")
    original = G.relation("russian-forces-attacks-hts")
    assert is_derived(r) and r.attrs["derived_from"] == original.id
    assert r.attrs["derived_via"] == "russian-forces-attacks-hts via part_of russia"
    assert r.attrs["derived_chain"] == ["russian-forces-part-of-russia"]
    assert r.sources == original.sources and r.status == original.status
    assert r.start == original.start
    assert not any(is_derived(x) for x in G.relations())  # G itself is not changed
    assert sum(is_derived(x) for x in R.relations()) == R.number_of_relations() - len(G.relations())
    # every quote of a derived claim is still in the article
    assert all(c.ok for c in check_quotes(R, FOLDER))


def test_roll_up_is_transitive_and_dated_by_its_chain() -> None:
    H = ag.ActorGraph("units")
    for a in ("soldier", "unit", "army", "state", "enemy"):
        H.add_actor(a)
    H.add_relation("soldier", "member_of", "unit", id="m1", start="2020", end="2021")
    H.add_relation("unit", "part_of", "army", id="p1")
    H.add_relation("army", "part_of", "state", id="p2")
    H.add_relation("soldier", "attacks", "enemy", id="a1", start="2019", end="2022")
    R = ag.roll_up(H)
    rolled = {r.source: r for r in R.relations(type="attacks") if is_derived(r)}
    assert set(rolled) == {"unit", "army", "state"}
    assert rolled["state"].attrs["derived_chain"] == ["m1", "p1", "p2"]
    assert (str(rolled["state"].start), str(rolled["state"].end)) == ("2020", "2021")
    assert [w for w, _ in chains(H)["soldier"]] == ["unit", "army", "state"]
    # as of a date: only the memberships that held then
    assert not [r for r in ag.roll_up(H, at="2019").relations() if is_derived(r)]
    assert len([r for r in ag.roll_up(H, at="2020-06").relations() if is_derived(r)]) == 3


def test_roll_up_types_are_vocabulary_data_users_can_change(tmp_path: Path) -> None:
    assert ag.default_vocabulary().roll_up_types == {"part_of", "member_of", "represents"}
    doc = tmp_path / "v.yaml"
    doc.write_text(
        "actorgraph: 1\nvocabulary:\n"
        "  - {id: brigade_of, polarity: 0, category: structure, roll_up: true}\n"
        "actors:\n  - {id: b}\n  - {id: s}\n  - {id: e}\nrelations:\n"
        "  - {id: r1, source: b, type: brigade_of, target: s}\n"
        "  - {id: r2, source: b, type: attacks, target: e}\n",
        encoding="utf-8",
    )
    H = ag.read(doc)
    assert "brigade_of" in H.vocabulary.roll_up_types
    assert [r.source for r in ag.roll_up(H).relations(type="attacks")] == ["b", "s"]
    ag.write(H, tmp_path / "back.yaml")
    assert ag.read(tmp_path / "back.yaml").vocabulary == H.vocabulary
    assert ag.roll_up(H, via="part_of").number_of_relations() == H.number_of_relations()


def test_cli_query_roll_up_prints_names_and_cites_each_source_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["query", "aleppo-2024", "opponents", "HTS", "--roll-up"]) == 0
    out = capsys.readouterr().out
    assert "Syrian government (attacks)" in out
    assert "via part_of syrian-government" in out
    assert out.count("The Epoch Times") == 1  # one source, cited once
    assert "date unknown" in out  # the designations are undated
    assert main(["query", "aleppo-2024", "opponents", "HTS", "--roll-up", "--json"]) == 0
    ids = [x["actor"] for x in json.loads(capsys.readouterr().out)]
    assert {"russia", "syrian-government"} <= set(ids)


# -- questions that read naturally -------------------------------------------------------------
def test_types_take_classes_categories_and_labels(G: ag.ActorGraph) -> None:
    hostile = ag.neighbors(G, "HTS", types="hostile")
    assert _ids(hostile) == _ids(ag.adversaries(G, "HTS"))
    assert _ids(ag.neighbors(G, "HTS", types="lineage")) == ["nusra"]
    with pytest.raises(ag.UnknownRelationTypeError, match=r"atacks.*did you mean 'attacks'"):
        ag.neighbors(G, "HTS", types="atacks")


def test_answer_items_give_id_and_name(G: ag.ActorGraph) -> None:
    first = ag.supporters(G, "Syrian government")[0]
    assert (first.id, first.name) == ("russia", "Russia")


def test_an_unknown_reference_suggests_the_actors_named_like_it(G: ag.ActorGraph) -> None:
    with pytest.raises(ag.ActorNotFoundError) as err:
        ag.supporters(G, "Syria")
    assert {"Syrian government", "Syrian government forces"} <= set(err.value.suggestions)
    assert "Jabhat al-Nusra" not in err.value.suggestions


def test_wrong_type_arguments_get_clear_errors(G: ag.ActorGraph) -> None:
    with pytest.raises(TypeError, match="ActorGraph"):
        ag.as_of(5, "2016")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ActorGraph"):
        ag.opponents("G", "HTS")  # type: ignore[arg-type]
    with pytest.raises(ag.DateError):
        ag.supporters(G, "HTS", at=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="relation type"):
        ag.neighbors(G, "HTS", types=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="id, name or alias"):
        ag.supporters(G, 5)  # type: ignore[arg-type]


def test_short_reprs_and_notebook_displays(G: ag.ActorGraph) -> None:
    lin = ag.lineage(G, "HTS")
    assert repr(lin).startswith("<Lineage ancestors of") and len(repr(lin)) < 120
    assert "<ol>" in lin._repr_html_()
    d = ag.diff(G, "2024-11-26", "2024-11-30")
    assert repr(d).startswith("<Diff from 2024-11-26 to 2024-11-30:") and len(repr(d)) < 120
    assert d._repr_html_().startswith("<pre>")


def test_questions_at_a_date_take_the_undated_policy(G: ag.ActorGraph) -> None:
    marked = ag.designators(G, "HTS", at="2016")
    assert _ids(marked) == ["usa", "russia"]
    assert all(r.undated for x in marked for r in x.relations)  # each says so
    assert ag.designators(G, "HTS", at="2016", undated="drop") == []
    assert ag.designators(G, "HTS", at="2016", undated="reported") == []
    assert _ids(ag.designators(G, "HTS", at="2024-11-30", undated="reported")) == ["usa", "russia"]
    with pytest.raises(ag.ValidationError):
        ag.designators(G, "HTS", undated="sometimes")  # type: ignore[arg-type]


def test_describe_counts_the_undated_claims(G: ag.ActorGraph) -> None:
    assert ag.describe(G).undated == sum(r.undated for r in G.relations()) == 13
