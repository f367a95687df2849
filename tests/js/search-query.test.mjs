/* Unit tests of the search box's query, ranking and link modules (overrides/assets/search/): `node --test tests/js/`. */
import test from "node:test"
import assert from "node:assert/strict"
import { parse, hasPhrases, escapeRegExp } from "../../overrides/assets/search/query.mjs"
import { listable, mergeAny, rankPages, CORRECTED_WEIGHT } from "../../overrides/assets/search/rank.mjs"
import { link } from "../../overrides/assets/search/render.mjs"

test("a query's quoted phrases are phrases, and their words are words too", () => {
  assert.deepEqual(parse('"one throat" to “choke”'), { phrases: ["one throat", "choke"], words: ["one", "throat", "to", "choke"] })
  assert.deepEqual(parse('  AT&T  "unclosed'), { phrases: [], words: ["AT&T", "unclosed"] })
})

test("a phrase is found whatever the case, spaces and apostrophes", () => {
  assert.ok(hasPhrases("It’s  Close to\u00a0the metal", ["it's close to the metal"]))
  assert.ok(!hasPhrases("close to metal", ["close to the metal"]))
})

test("regular expression characters are escaped", () => {
  assert.ok(new RegExp(escapeRegExp("802.11 (a|b)")).test("802.11 (a|b)"))
  assert.ok(!new RegExp(escapeRegExp("802.11")).test("802x11"))
})

test("a part's page of words is never listed", () => {
  assert.deepEqual(listable([{ id: "en_1" }, { id: "en_2-words" }]).map((r) => r.id), ["en_1"])
})

test("merged per-word results: higher summed score first, then more words", () => {
  const a = { id: "a", score: 1 }
  const b = { id: "b", score: 0.6 }
  const c = { id: "c", score: 0.5 }
  const merged = mergeAny([[a, b, c], [{ ...b }, { ...c, score: 0.1 }]])
  assert.deepEqual(merged.map((r) => r.id), ["b", "a", "c"])
})

test("a corrected word's match counts a little less than an exact one's", () => {
  const exact = { id: "exact", score: 1 }
  const corrected = { id: "corrected", score: 1.1 }
  assert.deepEqual(mergeAny([[exact], [corrected]], [1, CORRECTED_WEIGHT]).map((r) => r.id), ["exact", "corrected"])
  assert.deepEqual(mergeAny([[exact], [corrected]]).map((r) => r.id), ["corrected", "exact"])
  assert.ok(CORRECTED_WEIGHT > 0.5 && CORRECTED_WEIGHT < 1)
})

test("other pages: those with every word, title matches first, then by title", () => {
  const pages = [
    { title: "Zeta", text: "network licensing" },
    { title: "Alpha", text: "network licensing" },
    { title: "Licensing", text: "network" },
    { title: "Network", text: "other" },
  ]
  const patterns = [/(^|[^\w])network/i, /(^|[^\w])licensing/i]
  assert.deepEqual(rankPages(pages, patterns, 10).map((p) => p.title), ["Licensing", "Alpha", "Zeta"])
  assert.deepEqual(rankPages(pages, [/(^|[^\w])other/i], 10).map((p) => p.title), ["Network"])
})

test("a result's link carries the words before its anchor", () => {
  assert.equal(link("/i/page/#an-exchange", ["x86", "AT&T"]), "/i/page/?h=x86%20AT%26T#an-exchange")
  assert.equal(link("/i/page/", ["a"]), "/i/page/?h=a")
})
