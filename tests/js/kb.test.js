/* Unit tests of overrides/assets/kb.js, without a browser: `node --test tests/js/` (the search box's modules: search-*.test.mjs). */
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
