/* Unit tests of the ranking and merging of Pagefind's answers (overrides/assets/search/rank.mjs): `node --test tests/js/`. */
import test from "node:test"
import assert from "node:assert/strict"
import { listable, scoredOf, mergeAny, mergeForms, allButOne, interviewFinder, exchangeFinder, collapse, byInterview, rankPages, CORRECTED_WEIGHT } from "../../overrides/assets/search/rank.mjs"

/* A Pagefind result as the ranking sees it: an id (`en_<digest><record number in base 36>`) and a score. */
function result(number, score, digest = "abc123") {
  return { id: `en_${digest}${number.toString(36)}`, score }
}

const ids = (entries) => entries.map((entry) => entry.result.id)

test("a part's page of the words only other parts have is never listed", () => {
  assert.deepEqual(listable([{ id: "en_abc1231" }, { id: "en_abc123-words" }]).map((r) => r.id), ["en_abc1231"])
})

test("one search per word: a record with more of the words, or higher scores, comes first; a corrected word counts less", () => {
  const first = [result(1, 2), result(2, 2)]
  const second = [result(2, 1), result(3, 2.5)]
  assert.deepEqual(ids(mergeAny([first, second])), [result(2).id, result(3).id, result(1).id])
  const weighted = mergeAny([first, second], [1, CORRECTED_WEIGHT])
  assert.equal(weighted.find((entry) => entry.result.id === result(3).id).score, 2.5 * CORRECTED_WEIGHT)
  assert.equal(weighted.find((entry) => entry.result.id === result(2).id).hits, 2)
})

test("a query in two forms lists each record once, at its better score", () => {
  const apart = scoredOf([result(1, 3), result(2, 1)])
  const joined = scoredOf([result(2, 5), result(4, 2)])
  const merged = mergeForms([apart, joined])
  assert.deepEqual(ids(merged), [result(2).id, result(1).id, result(4).id])
  assert.equal(merged[0].score, 5)
})

test("a result's interview is the last one whose first record is not after it, in its own part of the index", () => {
  const interviewOf = interviewFinder({ abc123: [0, 4, 40], def456: [0, 2, 3] })
  assert.equal(interviewOf(result(0).id), 0)
  assert.equal(interviewOf(result(3).id), 0)
  assert.equal(interviewOf(result(4).id), 1)
  assert.equal(interviewOf(result(39).id), 1)
  assert.equal(interviewOf(result(45).id), 2) // base 36: "19"
  assert.equal(interviewOf(result(2, 1, "def456").id), 1)
  assert.equal(interviewOf(result(2, 1, "fff000").id), -1) // a part the file does not name
  assert.equal(interviewOf("en_abc123-words"), -1)
})

test("an interview with many matching exchanges lifts them above a lone match elsewhere, and keeps their order", () => {
  const interviewOf = interviewFinder({ abc123: [0, 10] })
  // Record 10 (interview 1) scores highest alone; interview 0 has three records on the words.
  const scored = scoredOf([result(10, 9.5), result(1, 9), result(2, 8.5), result(3, 6)])
  const ranked = byInterview(scored, interviewOf)
  assert.deepEqual(ids(ranked), [result(1).id, result(2).id, result(10).id, result(3).id])
  // With one interview, or none known, nothing moves.
  const alone = scoredOf([result(1, 3), result(2, 1)])
  assert.deepEqual(ids(byInterview(alone, interviewOf)), ids(alone))
  assert.deepEqual(ids(byInterview(scored, () => -1)), ids(scored))
})

test("other pages with every word come first, then those whose title has them", () => {
  const pages = [
    { title: "Licensing", text: "how software is sold" },
    { title: "Network functions", text: "licensing of software" },
    { title: "Cassandra", text: "a database" },
  ]
  const patterns = [/licensing/i, /software/i]
  assert.deepEqual(rankPages(pages, patterns, 10).map((p) => p.title), ["Licensing", "Network functions"])
  assert.deepEqual(rankPages(pages, [/database/i, /nothing/i], 10).map((p) => p.title), ["Cassandra"])
  assert.deepEqual(rankPages(pages, [/licensing/i], 1).map((p) => p.title), ["Licensing"])
})

test("a long exchange's passages are one exchange, listed once at its best passage", () => {
  // Records 3, 4 and 5 of the part are one exchange's passages: 4 and 5 continue the record before.
  const exchangeOf = exchangeFinder({ abc123: [4, 5] })
  assert.equal(exchangeOf(result(5).id), exchangeOf(result(3).id))
  assert.equal(exchangeOf(result(4).id), "abc123:3")
  assert.notEqual(exchangeOf(result(6).id), exchangeOf(result(3).id))
  assert.notEqual(exchangeOf(result(4, 1, "def456").id), exchangeOf(result(3, 1, "def456").id)) // another part
  const scored = scoredOf([result(5, 9), result(1, 8), result(3, 7), result(4, 6)])
  assert.deepEqual(ids(collapse(scored, exchangeOf)), [result(5).id, result(1).id])
  assert.deepEqual(ids(collapse(scored, exchangeFinder({}))), ids(scored))
})

test("the records with all words but one follow, each once at its best, without those that have every word", () => {
  const every = scoredOf([result(1, 9)])
  const fewer = [scoredOf([result(1, 9), result(2, 3)]), scoredOf([result(2, 5), result(3, 4)])]
  const rest = allButOne(every, fewer)
  assert.deepEqual(ids(rest), [result(2).id, result(3).id])
  assert.equal(rest[0].score, 5)
})
