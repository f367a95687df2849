/* Ranking and merging what Pagefind answers (pure: Pagefind's result objects in, in rank order out). */

/* A part's page of the words only other parts have (scripts/interview_kb/outputs/search/records.py): never listed. */
export function listable(results) {
  return results.filter((result) => !/-words$/.test(result.id))
}

/* A corrected word's match counts this much of an exact one's. */
export const CORRECTED_WEIGHT = 0.8

/* One search per word merged: a record counts each word it has, higher scores and more words first.
   `weights[k]` (1 if not given) scales the scores of the k-th word's results. */
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
  return [...merged.values()].sort((a, b) => b.score - a.score || b.hits - a.hits).map((m) => m.result)
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
