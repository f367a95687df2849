/* Unit tests of the quote links' pure parts (overrides/assets/kb-quote.js): `node --test tests/js/`. */
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")

const source = fs.readFileSync(path.join(__dirname, "..", "..", "overrides", "assets", "kb-quote.js"), "utf8")
const context = vm.createContext({}) // no `document$`: only the pure functions are defined
vm.runInContext(source, context, { filename: "kb-quote.js" })
const { kbQuote } = context
const plain = (value) => JSON.parse(JSON.stringify(value))

test("a selection that cuts words is widened to whole words", () => {
  assert.deepEqual(plain(kbQuote.wholeWords("We adop", "ted a web-sca", "le design.")), ["We ", "adopted a web-scale", " design."])
  assert.deepEqual(plain(kbQuote.wholeWords("We ", "adopted", " a design")), ["We ", "adopted", " a design"])
})

test("words found once on the page need no prefix or suffix", () => {
  const page = "Intro. We adopted a web-scale design. Then more."
  assert.deepEqual(plain(kbQuote.fragmentTerms(page, "We ", "adopted a web-scale design.", " Then")), {
    prefix: "", start: "adopted a web-scale design.", end: "", suffix: "",
  })
})

test("words found more than once get the fewest words around them that make them unique", () => {
  const page = "Yes, it scales. The old one? Yes, it scales well. Done."
  const terms = kbQuote.fragmentTerms(page, "The old one? ", "Yes, it scales", " well. Done.")
  assert.deepEqual(plain(terms), { prefix: "one?", start: "Yes, it scales", end: "", suffix: "well." })
})

test("a long quote is linked by its first and last words", () => {
  const quote = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
  const terms = kbQuote.fragmentTerms(`Before ${quote} after`, "Before ", quote, " after")
  assert.equal(terms.start, "one two three four")
  assert.equal(terms.end, "eleven twelve thirteen fourteen")
})

test("the link percent-encodes each term, and - , & too, after the exchange's anchor", () => {
  const url = kbQuote.link("https://kb.example.org/interviews/x/#why-3fa2c1", {
    prefix: "AT&T,", start: "web-scale “design”", end: "", suffix: "50%",
  })
  assert.equal(url, "https://kb.example.org/interviews/x/#why-3fa2c1:~:text=AT%26T%2C-,web%2Dscale%20%E2%80%9Cdesign%E2%80%9D,-50%25")
  assert.equal(kbQuote.link("u#a", { prefix: "", start: "s", end: "e", suffix: "" }), "u#a:~:text=s,e")
})

test("the citation quotes the words with speaker, interview and link", () => {
  const interview = { title: "The Real CTOs", date: "2015-03-02", publication: "ADVA blog" }
  assert.equal(kbQuote.citation(" We adopted\n a design. ", "Martin Taylor", interview, "https://x/#a:~:text=We"),
    "“We adopted a design.” — Martin Taylor, in “The Real CTOs” (ADVA blog, 2015), https://x/#a:~:text=We")
  assert.equal(kbQuote.citation("Yes.", "Ann", { title: "T", date: "2020", publication: "" }, "u"), "“Yes.” — Ann, in “T” (2020), u")
})
