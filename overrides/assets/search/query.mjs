/* The query as the reader typed it, and the plain-text helpers its matching needs. */

/* Quoted phrases (lower case), and the words to look up, in order. */
export function parse(query) {
  const phrases = []
  const rest = query.replace(/["“”]([^"“”]+)["“”]/g, (_, phrase) => {
    phrases.push(phrase.trim().toLowerCase())
    return " " + phrase + " "
  })
  const words = rest.replace(/["“”]/g, " ").split(/\s+/).filter(Boolean)
  return { phrases, words }
}

/* Text compared for a phrase: lower case, one kind of space and of apostrophe. */
export function flat(text) {
  return text.toLowerCase().replace(/[\s\u00a0]+/g, " ").replace(/[’‘]/g, "'")
}

/* Whether `text` holds every phrase. */
export function hasPhrases(text, phrases) {
  const content = flat(text)
  return phrases.every((phrase) => content.indexOf(flat(phrase)) >= 0)
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}
