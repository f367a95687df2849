"""The search index as written: spellings at the weight of their use, the index in parts, Pagefind's output made small."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from interview_kb.outputs import site_folder
from interview_kb.outputs.search import index as search_index
from interview_kb.outputs.search import pagefind, records, vocabulary
from interview_kb.outputs.search.pagefind import Pagefind, fragment_names, read_chunk
from interview_kb.outputs.search.records import Record, other_spellings, shards

from tests.support import ONE_LINE, PAGEFIND, ROOT, fake_pagefind, write_search_index

SBC = ["session border controller", "SBC", "SBCs"]
ADVA = ["ADVA Optical Networking", "ADVA"]


def test_a_spelling_used_in_the_question_brings_the_others_at_the_question_weight() -> None:
    in_question, elsewhere = other_spellings([SBC], "What makes an SBC hard?", "It is a session border controller.")
    assert in_question == ["session border controller", "SBCs"]
    assert elsewhere == []


def test_a_spelling_used_in_the_answers_brings_those_they_do_not_write() -> None:
    in_question, elsewhere = other_spellings([SBC, ADVA], "What is hard?", "An sbc, ADVA says.")
    assert in_question == []
    assert elsewhere == ["session border controller", "SBCs", "ADVA Optical Networking"]
    # "ADVA" is written inside "ADVA Optical Networking": a search for it finds the words as they are.
    assert other_spellings([ADVA], "", "As ADVA Optical Networking says.") == ([], [])


def test_a_spelling_counts_as_written_only_as_a_whole_word() -> None:
    # "SBC" inside "SBCs" or "IP" inside "ship" is not the spelling written.
    assert other_spellings([["IP", "Internet Protocol"]], "Which ship?", "") == ([], ["IP", "Internet Protocol"])
    assert other_spellings([SBC], "Two SBCs?", "") == (["session border controller", "SBC"], [])
    assert other_spellings([["C++", "C plus plus"]], "Why C++?", "") == (["C plus plus"], [])


def record(number: int) -> Record:
    return Record(url=f"interviews/x/#e{number}", title=f"E{number}", meta={})


def test_the_records_are_dealt_into_as_few_parts_as_keep_each_at_most_the_size() -> None:
    found = [record(n) for n in range(7)]
    assert shards(found, 10) == [found]
    assert shards(found, 7) == [found]
    parts = shards(found, 3)
    assert [[r.title for r in part] for part in parts] == [["E0", "E3", "E6"], ["E1", "E4"], ["E2", "E5"]]
    assert shards([], 3) == [[]]


def test_each_part_gets_the_words_only_other_parts_have() -> None:
    parts = [
        [Record("a#1", "Why Cassandra?", {}, weighted=((1.0, "Network state"),))],
        [Record("a#2", "Why?", {}, weighted=((1.0, "network CASES"),)), Record("a#3", "How?", {})],
    ]
    # Compared as written, in lower case: "why" and "why?" differ, which only adds a word Pagefind already has.
    assert records.missing_words(parts) == [["cases", "how?", "why?"], ["cassandra?", "state", "why"]]


def test_fragment_names_are_short_unique_and_change_with_any_record() -> None:
    hashes = [f"en_{n:07x}" for n in range(2000)]
    names = fragment_names(hashes)
    assert len(set(names)) == len(names) == 2000
    assert fragment_names(hashes) == names  # the same records, the same names
    assert all(name.startswith("en_") and len(name) <= len("en_") + 6 + 3 for name in names)
    words = fragment_names(hashes, [1])
    assert words[1] == names[0][:-1] + "-words" and words[:1] + words[2:] == names[:1] + names[2:]
    changed = fragment_names([*hashes[:-1], "en_fffffff"])
    assert not set(changed) & set(names), "a name kept after a record changed could be served stale from a cache"


def test_fragments_are_named_by_their_record_number_so_a_result_tells_its_interview() -> None:
    hashes = ["en_aaaaaaa", "en_bbbbbbb", "en_ccccccc"]
    names = fragment_names(hashes, [1], numbers=[11, -1, 36])
    assert [name[len("en_") + 6 :] for name in names] == ["b", "-words", "10"]  # base 36


def test_each_part_lists_where_each_interview_starts_in_it() -> None:
    found = [Record(f"interviews/{slug}/#{n}", "", {}) for slug, n in [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("c", 1), ("c", 2)]]
    parts = shards(found, 3)  # dealt: a1 a3 c1 | a2 b1 c2
    assert search_index.interview_starts(found, parts) == [[0, 2, 2], [0, 1, 2]]  # b has no record in the first part


@dataclass(frozen=True)
class Written:
    """The shipped seeds' index written into `site` in parts of at most 5 records, and every record's link."""

    site: Path
    urls: list[str]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    site = tmp_path_factory.mktemp("index") / "site"
    return Written(site, write_search_index(site, shard_size=5))


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_in_parts_holds_every_record_once(written: Written) -> None:
    index = written.site / "pagefind"
    folders = json.loads((index / search_index.SHARDS).read_text(encoding="utf-8"))
    parts = [index, *(index / folder for folder in folders)]
    assert len(parts) >= 3 and folders == [f"shard-{n}/" for n in range(1, len(parts))]
    urls: list[str] = []
    for part in parts:
        entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        meta = read_chunk(part / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
        names = [page[0] for page in meta[1]]
        # Every page the list names has its fragment, and no other fragment is left.
        assert sorted(f"{name}.pf_fragment" for name in names) == sorted(p.name for p in (part / "fragment").iterdir())
        # At most five records, and the page of the words only other parts have, which no filter counts.
        records = [name for name in names if not name.endswith("-words")]
        assert 0 < len(records) <= 5 and len(names) - len(records) <= 1
        assert [name for name, _ in meta[3]] == ["interview", "speaker", "topic", "year"]
        for name in records:
            fragment = gzip.decompress((part / "fragment" / f"{name}.pf_fragment").read_bytes())
            urls.append(json.loads(fragment.removeprefix(pagefind.SIGNATURE))["meta"]["url"])
    assert sorted(urls) == sorted(written.urls), "a record is missing, or in two parts"
    # The merged parts run in the first part's script and WebAssembly: they carry none of their own.
    for part in parts[1:]:
        assert not list(part.glob("*.js")) and not list(part.glob("wasm.*"))
    assert (index / "pagefind.js").is_file() and (index / "wasm.en.pagefind").is_file()
    # Which interview each part's records are from, by the digest that names the part's fragments.
    starts = json.loads((index / search_index.INTERVIEWS).read_text(encoding="utf-8"))
    assert sorted(starts) == sorted(pagefind.digest_of(part) for part in parts)


def test_the_index_in_parts_is_the_same_bytes_when_written_again(written: Written, tmp_path: Path) -> None:
    again = tmp_path / "site"
    write_search_index(again, shard_size=5)
    assert files_of(again / "pagefind") == files_of(written.site / "pagefind")


def test_the_index_has_the_vocabulary_of_every_part_in_one_place(written: Written) -> None:
    folder = written.site / "pagefind" / vocabulary.FOLDER
    known = {word: count for part in sorted(folder.iterdir()) for word, count in json.loads(part.read_text(encoding="utf-8")).items()}
    assert known["cassandra"] >= 1 and known["metaswitch"] > 1 and "casandra" not in known
    assert {part.name for part in folder.iterdir()} == {f"{vocabulary.part_key(word)}.json" for word in known}


def test_a_missing_pagefind_is_one_line_that_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError) as raised:
        Pagefind(tmp_path / "pagefind").check()
    message = str(raised.value)
    assert "\n" not in message and "Pagefind" in message and "npm ci --omit=dev" in message and "`pagefind:`" in message


def test_the_pagefind_setting_is_relative_to_the_folder_of_mkdocs_yml(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - interview-kb:\n      pagefind: tools/pagefind\n", encoding="utf-8")
    assert load_config(str(tmp_path / "mkdocs.yml")).plugins["interview-kb"].config.pagefind == str(tmp_path / "tools" / "pagefind")
    assert load_config(str(ROOT / "mkdocs.yml")).plugins["interview-kb"].config.pagefind == str(PAGEFIND)


def test_the_pagefind_whose_output_is_rewritten_is_the_one_package_json_and_its_lock_pin() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["pagefind"] == lock["packages"][""]["dependencies"]["pagefind"] == pagefind.VERSION
    locked = {name: entry["version"] for name, entry in lock["packages"].items() if "node_modules/pagefind" in name or "@pagefind/" in name}
    assert "node_modules/pagefind" in locked and set(locked.values()) == {pagefind.VERSION}, locked


def test_the_installed_pagefind_is_the_pinned_one() -> None:
    assert Pagefind(PAGEFIND).check() == str(PAGEFIND)
    result = subprocess.run([PAGEFIND, "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["pagefind", pagefind.VERSION]


def test_another_pagefind_version_is_refused_in_one_line_before_it_indexes_anything(tmp_path: Path) -> None:
    launcher = fake_pagefind(tmp_path / "bin", f"touch {tmp_path / 'indexed'}", version="1.5.2")
    with pytest.raises(RuntimeError) as raised:
        Pagefind(launcher).index(tmp_path, tmp_path / "out")
    message = str(raised.value)
    assert ONE_LINE.match(f"{message}\n"), message
    assert message.startswith(f"{launcher}:1: Pagefind 1.5.2 is installed")
    assert f"Pagefind {pagefind.VERSION}" in message and "npm ci --omit=dev" in message
    assert not (tmp_path / "indexed").exists()


def test_a_pagefind_that_cannot_tell_its_version_is_refused_in_one_line(tmp_path: Path) -> None:
    launcher = tmp_path / "pagefind"
    launcher.write_text("#!/bin/sh\necho 'error: unexpected argument' >&2\necho 'usage: pagefind' >&2\nexit 2\n", encoding="utf-8")
    launcher.chmod(0o755)
    with pytest.raises(RuntimeError) as raised:
        Pagefind(launcher).check()
    message = str(raised.value)
    assert ONE_LINE.match(f"{message}\n"), message
    assert "(error: unexpected argument\\nusage: pagefind)" in message and f"needs Pagefind {pagefind.VERSION}" in message


def test_a_pagefind_that_is_not_a_node_script_runs_without_node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launcher = fake_pagefind(tmp_path / "bin", 'echo indexed > "$4"')  # --site <work> --output-path <output>
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    Pagefind(launcher).index(tmp_path, tmp_path / "out")
    assert (tmp_path / "out").read_text() == "indexed\n"


def test_the_index_is_written_in_slices_of_at_most_the_chosen_number_of_word_locations(tmp_path: Path) -> None:
    # 2,000 word locations: one slice at Pagefind's default size, two or more at ours.
    documents = [
        f'<html lang="en"><body><main data-pagefind-body><p>{" ".join(f"w{record}x{word}" for word in range(500))}</p></main></body></html>'
        for record in range(4)
    ]
    search_index.write_records(documents, [], tmp_path / "records")
    Pagefind(PAGEFIND).index(tmp_path / "records", tmp_path / "index")
    assert pagefind.INDEX_CHUNK_LOCATIONS <= 1000
    assert len(list((tmp_path / "index" / "index").iterdir())) >= 2000 // pagefind.INDEX_CHUNK_LOCATIONS


def failing(self: Pagefind, work: Path, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)  # as Pagefind does, before it fails
    raise RuntimeError("pagefind failed: no space left on device")


def test_a_failed_index_leaves_the_previous_one_and_nothing_beside_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("the previous index")
    monkeypatch.setattr(Pagefind, "index", failing)
    with pytest.raises(RuntimeError, match="no space left"):
        write_search_index(site, shard_size=records.SHARD_SIZE)
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"]
    assert (site / "pagefind" / "pagefind.js").read_text() == "the previous index"


def test_a_write_after_a_crash_halfway_through_the_swap_puts_the_previous_index_back_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without an atomic exchange the index is swapped in by two renames through `.pagefind.old`, as the build swaps in
    its site: a crash between them leaves no `pagefind/`, and the next write mends that (`site_folder.recover`) before
    anything else, so that even a write that fails leaves the previous index in place."""
    site = tmp_path / "site"
    (site / ".pagefind.old").mkdir(parents=True)
    (site / ".pagefind.old" / "pagefind.js").write_text("the previous index")
    (site / f"{site_folder.staging_prefix(site / 'pagefind')}1-dead").mkdir()  # the new index, made but not yet in place
    monkeypatch.setattr(Pagefind, "index", failing)
    with pytest.raises(RuntimeError, match="no space left"):
        write_search_index(site, shard_size=records.SHARD_SIZE)
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"]
    assert (site / "pagefind" / "pagefind.js").read_text() == "the previous index"


def can_exchange(folder: Path) -> bool:
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    return site_folder.exchange(folder / "a", folder / "b")


def test_the_new_index_takes_the_previous_ones_place_in_one_step(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A reader searching meanwhile (`mkdocs serve --dirty`) finds the previous index or the new one, never none."""
    if not can_exchange(tmp_path):
        pytest.skip("this system has no atomic exchange of two folders (renameat2)")
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("the previous index")
    moved_away: list[str] = []
    rename = Path.rename

    def watched_rename(self: Path, target: str | os.PathLike[str]) -> Path:
        if self == site / "pagefind":
            moved_away.append(str(target))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", watched_rename)
    write_search_index(site, shard_size=records.SHARD_SIZE)
    assert moved_away == [], "the previous index was moved away before the new one took its place"
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"]
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "pagefind" / "pagefind.js").read_text() != "the previous index"


def test_a_long_exchanges_passages_are_dealt_together_and_listed_as_continuing() -> None:
    found = [record(0), record(1), dataclasses.replace(record(1), continues=True), record(2), record(3)]
    parts = shards(found, 3)  # two parts: units e0 | e1 e1' | e2 | e3 dealt in turn
    assert [[(r.title, r.continues) for r in part] for part in parts] == [
        [("E0", False), ("E2", False)],
        [("E1", False), ("E1", True), ("E3", False)],
    ]
    assert [records.continuing(part) for part in parts] == [[], [1]]


def test_the_index_lists_no_continuing_records_when_no_exchange_is_long(written: Written) -> None:
    assert json.loads((written.site / "pagefind" / search_index.PASSAGES).read_text(encoding="utf-8")) == {}
