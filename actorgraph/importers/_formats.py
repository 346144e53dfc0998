"""The record formats that :func:`actorgraph.read` and :func:`actorgraph.write` dispatch to.

FollowTheMoney, STIX and Wikidata results are read by importers (they map a
foreign schema and report what they did not map), so they register here,
above the readers of the native formats.
"""

from __future__ import annotations

from ..readwrite import FileFormat, register_format
from .ftm import read_ftm
from .stix import read_stix, write_stix
from .wikidata import read_wikidata

register_format(
    FileFormat(
        "ftm",
        (".ftm.json", ".ftm.jsonl", ".nested.json"),
        read_ftm,
        None,
        "FollowTheMoney entities, one per line (OpenSanctions; read-only)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "stix",
        (".stix.json",),
        read_stix,
        write_stix,
        "STIX 2.1 bundle (threat actors, intrusion sets, relationships)",
        encoding="utf-8",
        streams=True,
    )
)
register_format(
    FileFormat(
        "wikidata",
        (".sparql.json",),
        read_wikidata,
        None,
        "Wikidata SPARQL JSON results of the P3461 query (read-only)",
        encoding="utf-8",
        streams=True,
    )
)
