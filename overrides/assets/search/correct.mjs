/* Correcting the words of a query that the index does not know (pure: the vocabulary's parts are passed in).

   The vocabulary (scripts/interview_kb/outputs/search/vocabulary.py) is in parts
   by first character, `{word: count}` each. A word the vocabulary has is never
   changed. An unknown word becomes, in this order of preference: the join of it
   and the next word ("VM ware" → "vmware"), its parts if it is hyphenated and they
   are known ("micro-services" → "micro services"), two known words it splits into
   ("webscale" → "web scale"), or the known word nearest to it by edit distance
   (a letter left out, added, changed, or two swapped: none for words of up to
   three letters, one up to seven, two beyond), the most common first among
   equals; a word is looked for among the words with its first letter, and only
   if none is near enough among those of a letter often typed for it (c and k, …).
   A word with no such neighbour is left as it is. */

const MIN_SPLIT = 2 // letters of the shorter half of a split word, at least
// First letters often typed for one another (sound or keyboard): where a word is looked for next.
const CONFUSED = { a: "eo", c: "ksq", e: "ia", f: "pv", g: "j", i: "ey", j: "g", k: "cq", o: "au", p: "bf", q: "ck", s: "cz", u: "o", v: "wf", w: "v", y: "i", z: "s" }

/* A word as the vocabulary holds it: lower case, one kind of apostrophe, no punctuation around it, no trailing 's. */
export function normalize(token) {
  return token
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, "")
    .replace(/'s$/, "")
}

/* The part of the vocabulary a word is in: its first character if it is one of a-z or 0-9, else `_`. */
export function partKey(word) {
  const first = word.charAt(0)
  return /^[a-z0-9]$/.test(first) ? first : "_"
}

/* The parts a query needs: those of its words and of each word's neighbour joined to it. */
export function partsNeeded(words) {
  return [...new Set(words.map(normalize).filter(Boolean).map(partKey))]
}

/* Edits allowed for a word of `length` letters. */
export function allowedEdits(length) {
  return length < 4 ? 0 : length <= 7 ? 1 : 2
}

/* Edit distance with adjacent swaps (optimal string alignment), or `limit + 1` once it must exceed `limit`. */
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before = null
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1)
      row.push(value)
      best = Math.min(best, value)
    }
    if (best > limit) return limit + 1
    before = previous
    previous = row
  }
  return previous[b.length]
}

function count(vocabulary, word) {
  const part = vocabulary[partKey(word)]
  return (part && Object.prototype.hasOwnProperty.call(part, word) && part[word]) || 0
}

/* A word less its commonest ending, as far as Pagefind's stemming finds it by another form ("servers", "server").
   Only a rough match: it decides that a word need not be corrected, never what it is corrected to. */
export function stem(word) {
  const bare = word.replace(/(ations|ation|ings|ing|ers|er|ies|es|ed|ly|s)$/, "")
  return (bare.length >= 3 ? bare : word).replace(/e$/, "")
}

/* Whether the vocabulary has `word` (as typed or normalized), another form of it, or a word it begins
   (Pagefind finds words by their beginning: so does a reader still typing). A word without letters counts as known. */
export function known(vocabulary, token) {
  const word = normalize(token)
  if (!word || count(vocabulary, word) > 0 || !/\p{L}/u.test(word)) return true
  const root = stem(word)
  return Object.keys(vocabulary[partKey(word)] || {}).some((candidate) => candidate.startsWith(word) || stem(candidate) === root)
}

/* The parts of the first letters often typed for the word's own. */
export function confusedParts(word) {
  return [...(CONFUSED[normalize(word).charAt(0)] || "")]
}

/* The known word nearest to `word` in the parts `keys`: fewest edits, then the most common, then the first in order; null if none. */
function nearestIn(vocabulary, word, keys) {
  const limit = allowedEdits(word.length)
  let best = null
  for (const key of keys) {
    const part = vocabulary[key] || {}
    for (const candidate of Object.keys(part)) {
      const edits = distance(word, candidate, best ? Math.min(limit, best.edits) : limit)
      if (edits > limit) continue
      if (!best || edits < best.edits || (edits === best.edits && part[candidate] > best.count)) best = { word: candidate, edits, count: part[candidate] }
    }
  }
  return best && best.word
}

/* The known word nearest to `word`, among those of its first letter, else of one often typed for it. */
export function nearest(vocabulary, word) {
  return nearestIn(vocabulary, word, [partKey(word)]) || nearestIn(vocabulary, word, confusedParts(word))
}

/* Two known words that `word` is written as, the pair most common at its rarer word; null if none. */
export function split(vocabulary, word) {
  let best = null
  for (let at = MIN_SPLIT; at <= word.length - MIN_SPLIT; at++) {
    const first = word.slice(0, at)
    const second = word.slice(at).replace(/^-/, "")
    const least = Math.min(count(vocabulary, first), count(vocabulary, second))
    if (least > 0 && (!best || least > best.least)) best = { words: first + " " + second, least }
  }
  return best && best.words
}

/* The parts that correcting the unknown `words` needs besides their own: those of every possible
   second half of a split, and of the first letters often typed for theirs. */
export function moreParts(words) {
  const keys = new Set()
  words.map(normalize).forEach((word) => {
    for (let at = MIN_SPLIT; at <= word.length - MIN_SPLIT; at++) keys.add(partKey(word.slice(at).replace(/^-/, "")))
    confusedParts(word).forEach((key) => keys.add(key))
  })
  return [...keys]
}

/* The query with each two known words that the vocabulary also has as one joined ("dev ops" → "devops"),
   or null if it has none: the search looks for both forms (the index adds the joined form to the
   exchanges that write it apart, for a search of the joined form: scripts/interview_kb/outputs/search/variants.py). */
export function joined(vocabulary, words) {
  const out = []
  let changed = false
  for (let i = 0; i < words.length; i++) {
    const word = normalize(words[i])
    const next = i + 1 < words.length ? normalize(words[i + 1]) : ""
    if (word.length >= MIN_SPLIT && next.length >= MIN_SPLIT && count(vocabulary, word + next) > 0) {
      out.push(word + next)
      changed = true
      i++
    } else {
      out.push(words[i])
    }
  }
  return changed ? out : null
}

/* The query's words corrected: `{words, corrected}`, `corrected` the positions in `words` of the words changed. */
export function correct(vocabulary, words) {
  const out = []
  const corrected = []
  const take = (word, changed) => {
    if (changed) corrected.push(out.length)
    out.push(word)
  }
  for (let i = 0; i < words.length; i++) {
    const word = normalize(words[i])
    const next = i + 1 < words.length && !known(vocabulary, words[i + 1]) ? normalize(words[i + 1]) : ""
    // A word and the unknown one after it can be one known word written apart ("VM ware", "up front").
    if (next && count(vocabulary, word + next) > 0) {
      take(word + next, true)
      i++
    } else if (known(vocabulary, words[i])) {
      take(words[i], false)
    } else if (word.includes("-") && word.split("-").every((part) => part && known(vocabulary, part))) {
      // Hyphenated as the transcript does not write it: its words, as the transcript does ("micro-services").
      take(word.split("-").join(" "), true)
    } else {
      const close = nearest(vocabulary, word)
      const replacement = (close && distance(word, close, 1) <= 1 && close) || split(vocabulary, word) || close
      take(replacement || words[i], Boolean(replacement))
    }
  }
  return { words: out, corrected }
}
