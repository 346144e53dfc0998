"""Write docs/vocabulary.md from actorgraph/data/vocabulary.yaml (run after editing it)."""

from __future__ import annotations

from pathlib import Path

from actorgraph.vocabulary import vocabulary_table

if __name__ == "__main__":
    out = Path(__file__).with_name("vocabulary.md")
    out.write_text(vocabulary_table(), encoding="utf-8")
    print(f"wrote {out}")
