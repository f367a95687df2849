// ESLint for the site's scripts (make lint): the search box's modules, kb.js and their unit tests.
"use strict"
const js = require("@eslint/js")

const browser = {
  document: "readonly", window: "readonly", location: "readonly", history: "readonly", fetch: "readonly",
  URL: "readonly", URLSearchParams: "readonly", Event: "readonly", Option: "readonly", NodeFilter: "readonly",
  setTimeout: "readonly", requestAnimationFrame: "readonly", console: "readonly",
  Element: "readonly", Blob: "readonly", Response: "readonly", DecompressionStream: "readonly",
  document$: "readonly", // Material for MkDocs' page observable
}
const node = { require: "readonly", __dirname: "readonly", process: "readonly", console: "readonly", TextEncoder: "readonly", Response: "readonly" }
const strict = {
  ...js.configs.recommended.rules,
  eqeqeq: "error",
  "no-var": "error",
  "prefer-const": "error",
  "no-shadow": "error",
  "no-implicit-globals": "error",
  "no-unused-vars": ["error", { args: "after-used" }],
}

module.exports = [
  { files: ["overrides/assets/**/*.mjs"], languageOptions: { sourceType: "module", globals: browser }, rules: strict },
  { files: ["overrides/assets/kb.js"], languageOptions: { sourceType: "script", globals: browser }, rules: { ...js.configs.recommended.rules, eqeqeq: "error" } },
  { files: ["tests/js/**/*.mjs"], languageOptions: { sourceType: "module", globals: node }, rules: strict },
  { files: ["tests/js/**/*.js", "eslint.config.js"], languageOptions: { sourceType: "commonjs", globals: node }, rules: strict },
]
