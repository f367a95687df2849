/* Unit tests of the search box's text module (overrides/assets/search/text.mjs): `node --test tests/js/`. */
import test from "node:test"
import assert from "node:assert/strict"
import { excerptParts, decodeFragment } from "../../overrides/assets/search/text.mjs"

/* Pagefind 1.6's excerpt of `content` (its `build_excerpt`): words with < and > escaped, the matched ones marked. */
function pagefindExcerpt(content, matched) {
  const words = content.replace(/</g, "&lt;").replace(/>/g, "&gt;").split(/[^\S\uFEFF]+/g)
  return words.map((word, at) => (matched.includes(at) ? `<mark>${word}</mark>` : word)).join(" ").trim()
}

function shown(parts) {
  return parts.map((part) => (part.marked ? `[${part.text}]` : part.text)).join("")
}

test("a transcript's own entities are shown as written, not decoded", () => {
  const content = "We wrote &lt;script&gt; and &amp; in the notes, and &quot;quotes&quot; &#39;too&#39;."
  const parts = excerptParts(pagefindExcerpt(content, [1]), content)
  assert.equal(shown(parts), "We [wrote] &lt;script&gt; and &amp; in the notes, and &quot;quotes&quot; &#39;too&#39;.")
})

test("real angle brackets and ampersands are shown once decoded", () => {
  const content = "Is x < 3 && y > 2 a <b>tag</b> or AT&T?"
  const parts = excerptParts(pagefindExcerpt(content, [0, 8]), content)
  assert.equal(shown(parts), "[Is] x < 3 && y > 2 [a] <b>tag</b> or AT&T?")
})

test("both kinds together: the escaped < and the written &lt; stay apart", () => {
  const content = "<tag> and &lt;tag&gt;"
  const excerpt = pagefindExcerpt(content, [2])
  assert.equal(excerpt, "&lt;tag&gt; and <mark>&lt;tag&gt;</mark>")
  assert.equal(shown(excerptParts(excerpt, content)), "<tag> and [&lt;tag&gt;]")
})

test("an excerpt from the middle of a long record, whose lines and spaces the excerpt joins", () => {
  const content = "First words here.\n\nThen  the &amp; part\tand the <end>"
  const words = content.split(/[^\S\uFEFF]+/)
  const excerpt = pagefindExcerpt(words.slice(3).join(" "), [1])
  assert.equal(shown(excerptParts(excerpt, content)), "Then [the] &amp; part and the <end>")
})

test("each matched word is marked, and no text is lost", () => {
  const content = "session border controller, said Ann"
  assert.equal(shown(excerptParts(pagefindExcerpt(content, [0, 1, 2]), content)), "[session] [border] [controller,] said Ann")
})

test("without the record's text the excerpt is decoded once: &lt; and &gt; only", () => {
  const parts = excerptParts("a &lt;b&gt; &amp;amp; <mark>c</mark>", undefined)
  assert.equal(shown(parts), "a <b> &amp;amp; [c]")
  assert.equal(excerptParts("", "").length, 0)
})

test("a malformed fragment is kept as it is, a valid one decoded", () => {
  assert.equal(decodeFragment("#%E0%A4%A"), "%E0%A4%A")
  assert.equal(decodeFragment("#caf%C3%A9"), "café")
  assert.equal(decodeFragment(""), "")
})

