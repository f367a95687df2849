"""The search index's parts written one after another (outputs/search/index.py), so that its memory is one part's."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_the_parts_of_the_search_index_are_written_one_after_another(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's memory grows with its records: two parts at once would hold twice as much."""
    import threading

    from interview_kb.outputs.search.pagefind import Pagefind

    from tests.support import write_search_index

    running, most, lock = [0], [0], threading.Lock()
    index = Pagefind.index

    def counted(self: Pagefind, work: Path, output: Path) -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            index(self, work, output)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(Pagefind, "index", counted)
    write_search_index(tmp_path / "site", shard_size=5)
    assert most[0] == 1
    assert len(list((tmp_path / "site" / "pagefind").glob("shard-*"))) > 1, "several parts were written"


def test_a_part_holds_at_most_what_pagefind_indexes_within_the_memory_budget() -> None:
    from interview_kb.outputs.search import index, records

    found = [records.Record(f"interviews/x/#e{n}", "", {}) for n in range(62_481)]  # a thousand long episodes
    parts = records.shards(found, index.PART_RECORDS)
    assert len(parts) == 4
    assert max(len(part) for part in parts) <= 20_000
