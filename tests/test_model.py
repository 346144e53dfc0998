from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.exceptions import DateError, ValidationError
from actorgraph.model import Actor, PartialDate, Relation, Source, match_key


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2011", "year", "2011-01-01", "2011-12-31"),
        ("2024-11", "month", "2024-11-01", "2024-11-30"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2023-02", "month", "2023-02-01", "2023-02-28"),
        ("2024-11-27", "day", "2024-11-27", "2024-11-27"),
    ],
)
def test_partial_date_covers_days(text: str, precision: str, first: str, last: str) -> None:
    d = PartialDate.parse(text)
    assert d.precision == precision
    assert d.first_day == dt.date.fromisoformat(first)
    assert d.last_day == dt.date.fromisoformat(last)
    assert str(d) == text


@pytest.mark.parametrize(
    "bad", ["2024-13", "2024-02-30", "24", "2024/11/27", "Nov 2024", "", "0000"]
)
def test_partial_date_rejects(bad: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(bad)


def test_partial_date_from_date_and_int() -> None:
    assert PartialDate.parse(dt.date(2016, 12, 31)) == PartialDate(2016, 12, 31)
    assert PartialDate.parse(dt.datetime(2016, 12, 31, 10, 0)) == PartialDate(2016, 12, 31)
    assert PartialDate.parse(2016) == PartialDate(2016)
    with pytest.raises(DateError):
        PartialDate.parse(True)  # type: ignore[arg-type]
    with pytest.raises(DateError):
        PartialDate(2024, None, 3)


def test_partial_date_ordering() -> None:
    dates = [PartialDate.parse(x) for x in ["2024-11-27", "2011", "2024-11", "2024"]]
    assert [str(d) for d in sorted(dates)] == ["2011", "2024", "2024-11", "2024-11-27"]
    assert PartialDate.parse("2024") < PartialDate.parse("2024-11")
    assert PartialDate.parse("2024").contains("2024-11-27")
    assert not PartialDate.parse("2024-11").contains("2024")


@given(
    st.integers(1, 9999),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1, 31),
    st.booleans(),
)
def test_partial_date_str_round_trip(y: int, m: int | None, d: int, with_day: bool) -> None:
    try:
        pd = PartialDate(y, m, d if (with_day and m) else None)
    except DateError:
        return  # day 31 of a 30-day month
    assert PartialDate.parse(str(pd)) == pd
    assert pd.first_day <= pd.last_day
    assert pd.lo == pd.first_day.toordinal() and pd.hi == pd.last_day.toordinal()


@given(st.text(min_size=1, max_size=30))
def test_match_key_is_idempotent(text: str) -> None:
    assert match_key(match_key(text)) == match_key(text)


def test_match_key_folds_apostrophes_and_tatweel() -> None:
    variants = [
        "Hayʼat Tahrir al-Sham",
        "Hay'at Tahrir al-Sham",
        "Hay’at  tahrir AL-SHAM",
        "Hay`at Tahrir al-Sham",
        "Hay´at Tahrir al-Sham",
        "Hayʻat Tahrir al-Sham",
    ]
    assert len({match_key(v) for v in variants}) == 1
    assert match_key("هيئة تحرير الشـــام") == match_key("هيئة تحرير الشام")


def test_actor_validates_and_lists_every_problem() -> None:
    with pytest.raises(ValidationError) as err:
        Actor(" bad", start="2020", end="2019", ids={"wikidata": ""}, attrs={"name": 1})
    assert len(err.value.problems) == 4
    msg = str(err.value)
    assert "end 2019 is before start 2020" in msg and "attrs may not use" in msg


def test_actor_defaults_and_nfc() -> None:
    a = Actor("x", name="Cafe\u0301", aliases=["solo"])
    assert a.name == "Café" and a.aliases == ("solo",)
    # a bare string is not a list of names (it would be one alias per letter elsewhere)
    with pytest.raises(ValidationError, match=r"aliases=\['solo'\] for one"):
        Actor("x", aliases="solo")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="not int"):
        Actor("x", aliases=5)  # type: ignore[arg-type]
    assert Actor("y").name == "y"


def test_actor_exists_on_boundaries() -> None:
    a = Actor("sy", start="1971", end="2024-12-08")
    assert a.exists_on("2024-12-08") and not a.exists_on("2024-12-09")
    assert a.exists_on("1971-01-01") and not a.exists_on("1970-12-31")
    assert a.exists_on("2024-12")  # any day of December 2024


def test_relation_boundaries_and_instants() -> None:
    r = Relation("r", "a", "consults", "b", start="2024-11-30", end="2024-11-30")
    assert r.active_on("2024-11-30") and not r.active_on("2024-11-29")
    assert not r.active_on("2024-12-01")
    open_r = Relation("o", "a", "supports", "b")
    assert open_r.active_on("0001-01-01") and open_r.active_on("9999-12-31")
    # end at coarser precision than start is fine when it does not end before the start
    Relation("c", "a", "supports", "b", start="2024-11-27", end="2024-11")
    with pytest.raises(ValidationError, match="before start"):
        Relation("d", "a", "supports", "b", start="2024-11-27", end="2024-10")


def test_relation_lists_every_problem() -> None:
    with pytest.raises(ValidationError) as err:
        Relation(
            "r",
            "a",
            "supports",
            "",
            start="20x",
            confidence=1.5,
            status="maybe",
            sources=[{"quote": "no document"}, {"url": "javascript:alert(1)"}],
        )
    probs = err.value.problems
    assert len(probs) == 6
    assert any("confidence" in p for p in probs) and any("status" in p for p in probs)
    assert any("javascript" in p for p in probs)


def test_relation_rejects_non_finite_confidence() -> None:
    with pytest.raises(ValidationError):
        Relation("r", "a", "supports", "b", confidence=float("nan"))
    assert Relation("r", "a", "supports", "b", confidence=1).confidence == 1.0


def test_source_document_and_quote() -> None:
    s = Source.coerce({"publisher": "AP", "date": "2024-11-30", "quote": "q"})
    assert s.document == Source(publisher="AP", date="2024-11-30")  # type: ignore[arg-type]
    assert s.to_dict() == {"publisher": "AP", "date": "2024-11-30", "quote": "q"}
    with pytest.raises(ValidationError, match="unknown field"):
        Source.coerce({"publisher": "AP", "pages": "3"})


def test_value_objects_are_frozen() -> None:
    a = Actor("a")
    with pytest.raises(AttributeError):
        a.name = "b"  # type: ignore[misc]
    assert a.replace(name="B").name == "B" and a.name == "a"


def test_relation_str_reads_as_a_claim() -> None:
    r = Relation("r", "ru", "attacks", "hts", start="2024-11-27", status="alleged", asserted_by="x")
    assert str(r) == "ru attacks hts [2024-11-27 to …] (alleged), says x"
    call = Relation("c", "a", "consults", "b", start="2024-11-30", end="2024-11-30")
    assert str(call) == "a consults b [2024-11-30]"
    assert str(Relation("o", "a", "supports", "b")) == "a supports b"


def test_relations_pickle_and_deepcopy() -> None:
    import copy
    import pickle

    for r in (
        Relation("r", "a", "supports", "b", start="2024", sources=[{"publisher": "AP"}]),
        Relation("s", "a", "supports", "b", attrs={"n": [1, 2]}),
    ):
        assert pickle.loads(pickle.dumps(r)) == r
        assert copy.deepcopy(r) == r
        assert copy.copy(r) == r
