/* Unit tests of the exchange citations' pure parts (overrides/assets/kb-cite.js): `node --test tests/js/`.
   tests/test_cite_script.py compares the script's every format with the build's on many interviews. */
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")

const source = fs.readFileSync(path.join(__dirname, "..", "..", "overrides", "assets", "kb-cite.js"), "utf8")
const context = vm.createContext({}) // no `document$`: only the pure functions are defined
vm.runInContext(source, context, { filename: "kb-cite.js" })
const { kbCite } = context

const attributes = {
  "data-kb-title": "Title of demo", "data-kb-date": "2015-03-02", "data-kb-publication": "Example Blog",
  "data-kb-source": "https://example.com/demo", "data-kb-url": "https://kb.example.org/interviews/demo/",
  "data-kb-people": JSON.stringify([["Quinn Asker", "Asker", "Quinn"], ["Ada Answer", "Answer", "Ada"]]), "data-kb-guests": "1",
}
const interview = kbCite.interviewOf((name) => attributes[name] || "")
const LINK = "https://kb.example.org/interviews/demo/#why"

test("an answered exchange is cited in its interview, at its permanent link", () => {
  const work = kbCite.exchangeWork(interview, "0:1", "Why did you build it?", "why")
  const written = kbCite.formats(work)
  assert.deepEqual(Object.keys(written), ["Chicago", "APA", "MLA", "BibTeX", "CSL-JSON"])
  assert.equal(written.Chicago,
    `Answer, Ada. “Why did you build it?” In “Title of demo,” interview by Quinn Asker. Example Blog, March 2, 2015. ${LINK}.`)
  assert.equal(written.APA, `Answer, A. (2015, March 2). Why did you build it? [Interview by Q. Asker, in Title of demo]. Example Blog. ${LINK}`)
  assert.ok(written.BibTeX.startsWith("@misc{why,\n  author = {Answer, Ada},\n"))
  assert.equal(JSON.parse(written["CSL-JSON"])[0].interviewer[0].family, "Asker")
  assert.equal(kbCite.citation(work, interview),
    `Ada Answer, “Title of demo”, interview by Quinn Asker, Example Blog, 2015, https://example.com/demo. Exchange “Why did you build it?”: ${LINK}`)
})

test("an exchange nobody answers cites who spoke, in an interview with the guests", () => {
  const work = kbCite.exchangeWork(interview, "0:", "Thanks for your time.", "thanks")
  assert.ok(kbCite.formats(work).Chicago.startsWith("Asker, Quinn. “Thanks for your time.” In “Title of demo,” interview with Ada Answer."))
  assert.equal(JSON.parse(kbCite.formats(work)["CSL-JSON"])[0].note, "Interview with Ada Answer")
  assert.ok(kbCite.citation(work, interview).startsWith("Quinn Asker, “Title of demo”, interview with Ada Answer, "))
})
