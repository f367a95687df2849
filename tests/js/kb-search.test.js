/* Unit tests of the site's scripts (overrides/assets), without a browser: `node --test tests/js/`. */
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")

const ASSETS = path.join(__dirname, "..", "..", "overrides", "assets")

/* Run an asset as the page would, in a context with only what it is given (no search box: its code stops early). */
function run(name, globals) {
  const context = vm.createContext({ document: { querySelector: () => null }, ...globals })
  vm.runInContext(fs.readFileSync(path.join(ASSETS, name), "utf8"), context, { filename: name })
  return context
}

/* Pagefind 1.6's excerpt of `content` (its `build_excerpt`): words with < and > escaped, the matched ones marked. */
function pagefindExcerpt(content, matched) {
  const words = content.replace(/</g, "&lt;").replace(/>/g, "&gt;").split(/[^\S\uFEFF]+/g)
  return words.map((word, at) => (matched.includes(at) ? `<mark>${word}</mark>` : word)).join(" ").trim()
}

function shown(parts) {
  return parts.map((part) => (part.marked ? `[${part.text}]` : part.text)).join("")
}

const { kbSearchText } = run("kb-search.js", {})

test("a transcript's own entities are shown as written, not decoded", () => {
  const content = "We wrote &lt;script&gt; and &amp; in the notes, and &quot;quotes&quot; &#39;too&#39;."
  const parts = kbSearchText.excerptParts(pagefindExcerpt(content, [1]), content)
  assert.equal(shown(parts), "We [wrote] &lt;script&gt; and &amp; in the notes, and &quot;quotes&quot; &#39;too&#39;.")
})

test("real angle brackets and ampersands are shown once decoded", () => {
  const content = "Is x < 3 && y > 2 a <b>tag</b> or AT&T?"
  const parts = kbSearchText.excerptParts(pagefindExcerpt(content, [0, 8]), content)
  assert.equal(shown(parts), "[Is] x < 3 && y > 2 [a] <b>tag</b> or AT&T?")
})

test("both kinds together: the escaped < and the written &lt; stay apart", () => {
  const content = "<tag> and &lt;tag&gt;"
  const excerpt = pagefindExcerpt(content, [2])
  assert.equal(excerpt, "&lt;tag&gt; and <mark>&lt;tag&gt;</mark>")
  assert.equal(shown(kbSearchText.excerptParts(excerpt, content)), "<tag> and [&lt;tag&gt;]")
})

test("an excerpt from the middle of a long record, whose lines and spaces the excerpt joins", () => {
  const content = "First words here.\n\nThen  the &amp; part\tand the <end>"
  const words = content.split(/[^\S\uFEFF]+/)
  const excerpt = pagefindExcerpt(words.slice(3).join(" "), [1])
  assert.equal(shown(kbSearchText.excerptParts(excerpt, content)), "Then [the] &amp; part and the <end>")
})

test("each matched word is marked, and no text is lost", () => {
  const content = "session border controller, said Ann"
  assert.equal(shown(kbSearchText.excerptParts(pagefindExcerpt(content, [0, 1, 2]), content)), "[session] [border] [controller,] said Ann")
})

test("without the record's text the excerpt is decoded once: &lt; and &gt; only", () => {
  const parts = kbSearchText.excerptParts("a &lt;b&gt; &amp;amp; <mark>c</mark>", undefined)
  assert.equal(shown(parts), "a <b> &amp;amp; [c]")
  assert.equal(kbSearchText.excerptParts("", "").length, 0)
})

test("a malformed fragment is kept as it is, a valid one decoded", () => {
  assert.equal(kbSearchText.decodeFragment("#%E0%A4%A"), "%E0%A4%A")
  assert.equal(kbSearchText.decodeFragment("#caf%C3%A9"), "café")
  assert.equal(kbSearchText.decodeFragment(""), "")
})

test("kb.js does not throw on a malformed fragment", () => {
  const subscribers = []
  const frames = []
  run("kb.js", {
    document$: { subscribe: (callback) => subscribers.push(callback) },
    document: { querySelector: () => null, querySelectorAll: () => [], getElementById: () => null },
    location: { hash: "#%E0%A4%A" },
    requestAnimationFrame: (callback) => frames.push(callback),
    window: { scrollY: 0, innerHeight: 800 },
  })
  assert.ok(subscribers.length > 0)
  subscribers.forEach((callback) => assert.doesNotThrow(callback))
  frames.forEach((callback) => assert.doesNotThrow(callback))
})
