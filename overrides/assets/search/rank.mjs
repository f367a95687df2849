/* Ranking and merging what Pagefind answers (pure: Pagefind's result objects in, in rank order out). */

/* A part's page of the words only other parts have (scripts/interview_kb/outputs/search/records.py): never listed. */
export function listable(results) {
  return results.filter((result) => !/-words$/.test(result.id))
}

/* A corrected word's match counts this much of an exact one's. */
export const CORRECTED_WEIGHT = 0.8

/* Pagefind's results as scored entries, `{result, score, hits}`, in its order. */
export function scoredOf(results) {
  return results.map((result) => ({ result, score: result.score, hits: 1 }))
}

/* One search per word merged: a record counts each word it has, higher scores and more words first.
   `weights[k]` (1 if not given) scales the scores of the k-th word's results. Scored entries out. */
export function mergeAny(each, weights = []) {
  const merged = new Map()
  each.forEach((results, k) => {
    const weight = weights[k] === undefined ? 1 : weights[k]
    results.forEach((result) => {
      let known = merged.get(result.id)
      if (!known) merged.set(result.id, (known = { result, hits: 0, score: 0 }))
      known.hits += 1
      known.score += result.score * weight
    })
  })
  return [...merged.values()].sort((a, b) => b.score - a.score || b.hits - a.hits)
}

/* One query searched in several forms ("dev ops", "devops"), as scored entries: each record once, at its best score, best first. */
export function mergeForms(each) {
  const best = new Map()
  each.forEach((scored) =>
    scored.forEach((entry) => {
      const known = best.get(entry.result.id)
      if (!known || entry.score > known.score) best.set(entry.result.id, entry)
    }),
  )
  return [...best.values()].sort((a, b) => b.score - a.score || b.hits - a.hits)
}

/* The records with all words of a query but one (`fewer[k]`: the scored results of the query without its k-th
   word), those in `every` (which have them all) left out: each once, at its best score, best first. */
export function allButOne(every, fewer) {
  const taken = new Set(every.map((entry) => entry.result.id))
  return mergeForms(fewer).filter((entry) => !taken.has(entry.result.id))
}

/* The exchange a result is from, as a key ("<digest>:<number of its first record>"): a long exchange is
   indexed as several records, one per passage, which follow each other. `continued` is the index's
   `kb-passages.json`: for each part of the index (by its digest) the numbers of the records that continue the
   record before (scripts/interview_kb/outputs/search/records.py, `continuing`). */
export function exchangeFinder(continued) {
  const sets = {}
  Object.keys(continued).forEach((digest) => (sets[digest] = new Set(continued[digest])))
  return (id) => {
    const found = /_([0-9a-f]{6})([0-9a-z]+)$/.exec(id)
    if (!found) return id
    const later = sets[found[1]]
    let number = parseInt(found[2], 36)
    while (later && later.has(number)) number -= 1
    return found[1] + ":" + number
  }
}

/* Scored entries, best first, with each exchange once: at its best passage. */
export function collapse(scored, exchangeOf) {
  const seen = new Set()
  return scored.filter((entry) => {
    const key = exchangeOf(entry.result.id)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/* How much what an interview is about counts for its exchanges: the results of the interview that
   matches most count up to (1 + this) times their own score (`byInterview`). */
export const INTERVIEW_WEIGHT = 0.3

/* The interview a result is from (its number in the series' order), or -1 if not known. `starts` is the
   index's `kb-interviews.json`: for each part of the index (by the digest in its records' ids, `<language>_<digest><number>`),
   the number of each interview's first record (scripts/interview_kb/outputs/search/index.py, `interview_starts`). */
export function interviewFinder(starts) {
  return (id) => {
    const found = /_([0-9a-f]{6})([0-9a-z]+)$/.exec(id)
    const first = found && Object.prototype.hasOwnProperty.call(starts, found[1]) ? starts[found[1]] : null
    if (!first) return -1
    const number = parseInt(found[2], 36)
    let low = 0
    let high = first.length - 1
    let at = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (first[middle] <= number) {
        at = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return at
  }
}

/* Scored entries ranked by what their interview is about as well as by their own words: an interview
   whose records match the query most (the sum of their scores: many exchanges that discuss it, not one
   that mentions it) is what the query is about, and each entry's score is raised by its interview's
   share of the best interview's sum, up to (1 + weight) times. Among one interview's results the order
   stays; with one interview, or none known, nothing moves. */
export function byInterview(scored, interviewOf, weight = INTERVIEW_WEIGHT) {
  const interviews = scored.map((entry) => interviewOf(entry.result.id))
  const sums = new Map()
  scored.forEach((entry, k) => {
    if (interviews[k] >= 0) sums.set(interviews[k], (sums.get(interviews[k]) || 0) + entry.score)
  })
  let best = 0
  sums.forEach((sum) => (best = Math.max(best, sum)))
  if (!best) return scored
  return scored
    .map((entry, k) => ({ entry, at: k, score: entry.score * (1 + (interviews[k] >= 0 ? (weight * sums.get(interviews[k])) / best : 0)) }))
    .sort((a, b) => b.score - a.score || b.entry.hits - a.entry.hits || a.at - b.at)
    .map((ranked) => ({ ...ranked.entry, score: ranked.score }))
}

/* Other pages whose title or text has every word (or else any word), most words and title matches first. */
export function rankPages(all, patterns, limit) {
  const scored = all
    .map((page) => {
      const text = page.title + " " + page.text
      return {
        page,
        hits: patterns.filter((p) => p.test(text)).length,
        inTitle: patterns.filter((p) => p.test(page.title)).length,
      }
    })
    .filter((s) => s.hits > 0)
  const every = scored.filter((s) => s.hits === patterns.length)
  const chosen = every.length ? every : scored
  chosen.sort((a, b) => b.hits - a.hits || b.inTitle - a.inTitle || (a.page.title < b.page.title ? -1 : a.page.title > b.page.title ? 1 : 0))
  return chosen.slice(0, limit).map((s) => s.page)
}

