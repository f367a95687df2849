"""The citations an interview page's script writes (overrides/assets/kb-cite.js), run under Node.js on the page's own data.

The page carries what its exchanges' citations are made of, not the citations; tests read what a reader would copy
through this: `page_citations(html)` runs the script's pure part on the data of each exchange of the page.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup, Tag

from tests.support import ROOT

SCRIPT = ROOT / "overrides" / "assets" / "kb-cite.js"
# Reads {"interview": attributes, "exchanges": [[cite, label, id], …]}; prints, per exchange, "Cite" and every format.
RUNNER = """
const vm = require("node:vm"), fs = require("node:fs");
const context = vm.createContext({});
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const { kbCite } = context;
const data = JSON.parse(fs.readFileSync(0, "utf8"));
const interview = kbCite.interviewOf(name => data.interview[name] || "");
const out = data.exchanges.map(([cite, label, id]) => {
  const work = kbCite.exchangeWork(interview, cite, label, id);
  return [id, { Cite: kbCite.citation(work, interview), ...kbCite.formats(work) }];
});
process.stdout.write(JSON.stringify(out));
"""


def run(interview: dict[str, str], exchanges: list[list[str]]) -> dict[str, dict[str, str]]:
    """What the script writes for `exchanges` ([data-kb-cite, data-kb-label, anchor], …) of an interview whose details
    block has the attributes `interview`: anchor → {"Cite": the ready citation, "Chicago": …, …, "CSL-JSON": …}."""
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is missing")
    data = {"interview": interview, "exchanges": exchanges}
    result = subprocess.run([node, "-e", RUNNER, str(SCRIPT)], input=json.dumps(data), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def page_citations(html: str) -> dict[str, dict[str, str]]:
    """Exchange anchor → {"Cite": the ready citation, "Chicago": …, …, "CSL-JSON": …}, in the page's order."""
    page = BeautifulSoup(html, "html.parser")
    meta = page.select_one(".kb-cite-formats[data-kb-people]")
    assert isinstance(meta, Tag)
    exchanges = []
    for cite in page.select(".kb-exchange-meta button.kb-cite[data-kb-cite]"):
        heading = cite.find_parent(class_="kb-exchange-meta").find_previous_sibling()  # type: ignore[union-attr]
        assert isinstance(heading, Tag) and heading.name == "h2", cite
        exchanges.append([str(cite["data-kb-cite"]), str(cite["data-kb-label"]), str(heading["id"])])
    return run({name: str(value) for name, value in meta.attrs.items() if name.startswith("data-kb-")}, exchanges)
