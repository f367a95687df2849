/* Text for the reader, without a page (tests/js/ runs these in Node.js).

   - `excerptParts(excerpt, content)`: Pagefind's excerpt as [{text, marked}],
     the characters exactly as the transcript has them. Pagefind builds the
     excerpt from the record's words with `<` and `>` written `&lt;` and `&gt;`
     (and nothing else escaped), each matched word wrapped in <mark>: a
     transcript's own `&lt;` reads the same as an escaped `<`. So the excerpt's
     words are found in the record's `content` (the text as indexed, unescaped)
     and shown from there; only if they are not found is the excerpt decoded,
     `&lt;` and `&gt;` once.
   - `decodeFragment(hash)`: an address's `#fragment` decoded, or as it is
     when it is not valid percent-encoding (`#%E0%A4%A`). */

const SEPARATORS = /[^\S\uFEFF]+/ // Pagefind's own word separators

function unescapeAngles(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
}

function escapeAngles(text) {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;")
}

export function excerptParts(excerpt, content) {
  // Pagefind's own <mark> and </mark> are the only `<` in an excerpt: the text's are escaped.
  const tokens = excerpt.split(" ").map((token) => {
    const marked = /^<mark>[\s\S]*<\/mark>$/.test(token)
    return { text: marked ? token.slice(6, -7) : token, marked }
  })
  const words = typeof content === "string" && content.indexOf("\u200B") < 0 ? content.split(SEPARATORS) : []
  let start = -1
  for (let at = 0; excerpt && at + tokens.length <= words.length && start < 0; at++) {
    let all = true
    for (let k = 0; k < tokens.length && all; k++) all = escapeAngles(words[at + k]) === tokens[k].text
    if (all) start = at
  }
  const parts = []
  const add = (text, marked) => {
    const last = parts[parts.length - 1]
    if (last && last.marked === marked) last.text += text
    else if (text) parts.push({ text, marked })
  }
  tokens.forEach((token, k) => {
    const text = start >= 0 ? words[start + k] : unescapeAngles(token.text)
    if (k) add(" ", false)
    add(text, token.marked)
  })
  return parts
}

export function decodeFragment(hash) {
  const id = (hash || "").replace(/^#/, "")
  try {
    return decodeURIComponent(id)
  } catch (error) {
    if (error instanceof URIError) return id
    throw error
  }
}
