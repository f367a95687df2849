/* Unit tests of the search box's correction of unknown words (overrides/assets/search/correct.mjs): `node --test tests/js/`. */
import test from "node:test"
import assert from "node:assert/strict"
import { stem, normalize, partKey, partsNeeded, moreParts, distance, allowedEdits, known, nearest, split, correct, joined } from "../../overrides/assets/search/correct.mjs"

/* A vocabulary in parts, as outputs/search/vocabulary.py writes it. */
function vocabulary(counts) {
  const parts = {}
  Object.entries(counts).forEach(([word, count]) => ((parts[partKey(word)] ||= {})[word] = count))
  return parts
}

const WORDS = vocabulary({
  cassandra: 3, clearwater: 9, pricing: 4, proving: 1, metaswitch: 12, licensing: 5, micro: 2, services: 4, web: 3,
  "web-scale": 3, scale: 5, vmware: 1, upfront: 2, up: 7, fee: 2, pendulum: 1, perimeta: 2, cost: 3, the: 40,
})

test("words are normalized as the vocabulary holds them", () => {
  assert.equal(normalize("Metaswitch’s"), "metaswitch")
  assert.equal(normalize("(AT&T)."), "at&t")
  assert.equal(normalize("“web-scale,”"), "web-scale")
  assert.equal(partKey("x86"), "x")
  assert.equal(partKey("802.11"), "8")
  assert.equal(partKey("épée"), "_")
  assert.deepEqual(partsNeeded(["Casandra", "licensing", "COST", "“"]), ["c", "l"])
})

test("edit distance counts a left-out, added, changed or swapped letter as one, and stops past its limit", () => {
  assert.equal(distance("casandra", "cassandra", 2), 1)
  assert.equal(distance("kasandra", "cassandra", 2), 2)
  assert.equal(distance("pendlum", "pendulum", 2), 1)
  assert.equal(distance("pednulum", "pendulum", 2), 1) // two letters swapped
  assert.equal(distance("pricing", "proving", 1), 2) // over the limit: limit + 1
  assert.equal(distance("a", "abcdef", 2), 3)
  assert.deepEqual([3, 4, 7, 8].map(allowedEdits), [0, 1, 1, 2])
})

test("a known word is never corrected, whatever its case or punctuation", () => {
  for (const word of ["Pricing", "proving", "Metaswitch’s", "the", "802.11", "x86!"]) assert.ok(known(WORDS, word) || /\d/.test(word), word)
  assert.deepEqual(correct(WORDS, ["Pricing", "cost"]), { words: ["Pricing", "cost"], corrected: [] })
})

test("another form of a known word is known, as Pagefind's stemming finds it", () => {
  const forms = vocabulary({ server: 2, handle: 1, license: 3 })
  for (const word of ["servers", "handling", "licensing", "licenses"]) assert.ok(known(forms, word), word)
  assert.ok(!known(forms, "licence"))
  // The beginning of a known word, as a reader types it.
  for (const word of ["l", "lic", "serv"]) assert.ok(known(forms, word), word)
  assert.equal(stem("licensing"), stem("license"))
  assert.notEqual(stem("licence"), stem("license"))
})

test("an unknown word becomes the nearest known one: fewest edits, then the most common", () => {
  assert.deepEqual(correct(WORDS, ["Metaswich", "licensing"]), { words: ["metaswitch", "licensing"], corrected: [0] })
  assert.equal(nearest(WORDS, "pendulm"), "pendulum")
  assert.equal(nearest(vocabulary({ cart: 1, card: 5 }), "carx"), "card")
  // Two edits only for words of eight letters or more: "prcing" is one from "pricing", "prxvxng" too far from both.
  assert.equal(nearest(WORDS, "prcing"), "pricing")
  assert.equal(nearest(WORDS, "prxvxng"), null)
})

test("a misspelt first letter is looked for among the letters often typed for it", () => {
  assert.equal(nearest(WORDS, "kasandra"), "cassandra")
  assert.ok(moreParts(["kasandra"]).includes("c"))
})

test("a compound is joined, or split, where the vocabulary has the other form", () => {
  assert.deepEqual(correct(WORDS, ["VM", "ware"]), { words: ["vmware"], corrected: [0] })
  assert.deepEqual(correct(WORDS, ["up", "front", "fee"]), { words: ["upfront", "fee"], corrected: [0] })
  assert.deepEqual(correct(WORDS, ["microservices"]), { words: ["micro services"], corrected: [0] })
  assert.equal(split(WORDS, "microservices"), "micro services")
  assert.deepEqual(correct(WORDS, ["webscale"]), { words: ["web-scale"], corrected: [0] })
  // Hyphenated where the transcript writes the words apart, even if the joined form is known too.
  assert.deepEqual(correct({ ...WORDS, m: { ...WORDS.m, microservices: 1 } }, ["micro-services"]), { words: ["micro services"], corrected: [0] })
  assert.ok(moreParts(["microservices"]).includes("s"))
})

test("a word with nothing near it is left as typed", () => {
  assert.deepEqual(correct(WORDS, ["zzyzx", "cost"]), { words: ["zzyzx", "cost"], corrected: [] })
  assert.deepEqual(correct({}, ["anything"]), { words: ["anything"], corrected: [] })
})

test("two known words that the vocabulary also has joined are searched joined as well, and only those", () => {
  const words = vocabulary({ dev: 2, ops: 3, devops: 4, team: 5, web: 3, site: 2 })
  assert.deepEqual(joined(words, ["Dev", "Ops", "team"]), ["devops", "team"])
  assert.deepEqual(joined(words, ["team", "dev", "ops"]), ["team", "devops"])
  assert.equal(joined(words, ["web", "site"]), null) // "website" is not in the series
  assert.equal(joined(words, ["devops", "team"]), null)
  assert.equal(joined(words, ["dev"]), null)
})
