/* Unit tests of the search box's query, ranking and link modules (overrides/assets/search/): `node --test tests/js/`. */
import test from "node:test"
import assert from "node:assert/strict"
import { parse, hasPhrases, escapeRegExp } from "../../overrides/assets/search/query.mjs"
import { listable, scoredOf, mergeAny, mergeForms, byInterview, interviewFinder, rankPages, CORRECTED_WEIGHT, INTERVIEW_WEIGHT } from "../../overrides/assets/search/rank.mjs"
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
  assert.deepEqual(merged.map((s) => s.result.id), ["b", "a", "c"])
})

test("a corrected word's match counts a little less than an exact one's", () => {
  const exact = { id: "exact", score: 1 }
  const corrected = { id: "corrected", score: 1.1 }
  assert.deepEqual(mergeAny([[exact], [corrected]], [1, CORRECTED_WEIGHT]).map((s) => s.result.id), ["exact", "corrected"])
  assert.deepEqual(mergeAny([[exact], [corrected]]).map((s) => s.result.id), ["corrected", "exact"])
  assert.ok(CORRECTED_WEIGHT > 0.5 && CORRECTED_WEIGHT < 1)
})

test("a query searched in two forms lists each record once, at its better score", () => {
  const apart = scoredOf([{ id: "a", score: 3 }, { id: "b", score: 1 }])
  const joined = scoredOf([{ id: "c", score: 2 }, { id: "b", score: 4 }])
  assert.deepEqual(mergeForms([apart, joined]).map((s) => [s.result.id, s.score]), [["b", 4], ["a", 3], ["c", 2]])
})

test("a result's interview is read from its id: the last interview whose first record is not after it, in its part", () => {
  // Part abc123: interviews 0, 1, 2 start at records 0, 3, 3 (interview 1 has none there); part 00ff00: at 0, 0, 2.
  const interviewOf = interviewFinder({ abc123: [0, 3, 3], "00ff00": [0, 0, 2] })
  assert.deepEqual(["en_abc1230", "en_abc1232", "en_abc1233", "en_abc123a"].map(interviewOf), [0, 0, 2, 2])
  assert.deepEqual(["en_00ff000", "en_00ff001", "en_00ff002"].map(interviewOf), [1, 1, 2])
  assert.deepEqual(["en_abc123-words", "en_ffffff1", "x"].map(interviewOf), [-1, -1, -1])
  assert.equal(interviewFinder([])("en_abc1230"), -1) // no file
})

test("an interview whose records match most lifts its results above one that mentions the words once", () => {
  const interviewOf = (id) => ({ passing: 0, about1: 1, about2: 1, about3: 1 })[id]
  const scored = scoredOf([{ id: "passing", score: 10 }, { id: "about1", score: 9 }, { id: "about2", score: 3 }, { id: "about3", score: 1 }])
  assert.deepEqual(byInterview(scored, interviewOf, 1).map((s) => s.result.id), ["about1", "passing", "about2", "about3"])
  assert.ok(INTERVIEW_WEIGHT > 0 && INTERVIEW_WEIGHT <= 1)
  assert.deepEqual(byInterview(scored, interviewOf, 0).map((s) => s.result.id), ["passing", "about1", "about2", "about3"])
  // One interview, or none known: the order stays.
  assert.deepEqual(byInterview(scored, () => 0).map((s) => s.result.id), ["passing", "about1", "about2", "about3"])
  assert.deepEqual(byInterview(scored, () => -1).map((s) => s.result.id), ["passing", "about1", "about2", "about3"])
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
