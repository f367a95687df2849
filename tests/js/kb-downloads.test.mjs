/* Unit tests of the downloads' script (overrides/assets/kb-downloads.mjs): `node --test tests/js/`. */
import test from "node:test"
import assert from "node:assert/strict"
import { gzipSync } from "node:zlib"
import { savedName, mediaType, uncompressed } from "../../overrides/assets/kb-downloads.mjs"

test("a download is saved under its file name without .gz", () => {
  const page = "https://kb.example.org/archive/interviews/ep-1/"
  assert.equal(savedName("../downloads/ep-1.md.gz", page), "ep-1.md")
  assert.equal(savedName("../downloads/%C3%A9t%C3%A9.txt.gz", page), "été.txt")
  assert.equal(savedName("../downloads/ep-1.bib", page), "ep-1.bib")
})

test("each saved file has its media type", () => {
  assert.equal(mediaType("ep-1.md"), "text/markdown;charset=utf-8")
  assert.equal(mediaType("ep-1.json"), "application/json;charset=utf-8")
  assert.equal(mediaType("ep-1.bin"), "application/octet-stream")
})

test("gzip is decompressed and anything else is read as it came", async () => {
  const text = new TextEncoder().encode("# Title\n\n**Ann:** “Hello.”\n")
  assert.deepEqual(await uncompressed(new Response(gzipSync(text))), text)
  assert.deepEqual(await uncompressed(new Response(text)), text)
})
