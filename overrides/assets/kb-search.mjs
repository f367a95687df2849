/* The header's search box, answered by Pagefind (scripts/interview_kb/outputs/search/
   indexes each exchange as one record): the Material wiring; the pure parts are
   modules in search/ (query, text, rank; render writes the list). Loaded on every page; Pagefind's script
   is fetched when the page is idle, its index the first time the search opens.
   A large series' index is in parts (`pagefind/kb-shards.json` lists the other
   parts' folders), merged into the first with Pagefind's `mergeIndex`.

   - `/`, `s` or `f` opens it, Esc closes it, the arrows move between the box and
     the results, Enter opens a result.
   - `?q=<words>` (with `&interview=`, `&speaker=`, `&topic=`, `&year=`) on any
     page opens it with those words and filters; the address follows what the
     reader types and picks, so it can be shared.
   - The result list is the element with `data-kb-search-results`: its links, in
     rank order, end with the exchange's `#anchor`. When it shows the answer to
     a query, its `data-kb-query` is that query and `data-kb-state` is `done`
     (`shown` while the first few results are shown and the rest of the first ten still load).
   - Words in "double quotes" must occur as a phrase. When no record has every
     word, records with any of them are listed, those with more first.
   - A result's link carries the words (`?h=`): the exchange it lands on shows
     them highlighted (`mark[data-md-highlight]`).
   - Cost: Pagefind loads only what a query needs. The filter menus are behind
     a button: their files (which grow with the number of exchanges) load, and
     every later search counts results per filter value (several times the
     cost of a search at a thousand interviews), only once the reader opens
     them, or when the address chooses a filter. When the menus show the
     counts for the query shown, the box has `data-kb-filters="counted"`.
     Ten results are shown; "More results" adds ten.
   - When no exchange matches (and no filter is chosen), the glossary terms,
     people, organizations, products and topics whose name or description has
     the words are listed instead ("Other pages", from `pagefind/kb-pages.json`,
     fetched only then); their links end with the page's address, not an anchor. */
import { decodeFragment } from "./search/text.mjs"
import { parse, hasPhrases, escapeRegExp } from "./search/query.mjs"
import { listable, scoredOf, mergeAny, mergeForms, allButOne, byInterview, interviewFinder, exchangeFinder, collapse, rankPages, CORRECTED_WEIGHT } from "./search/rank.mjs"
import { resultGroups, pageGroup, countLine, correctionLine, highlight } from "./search/render.mjs"
import { known, correct, joined, partsNeeded, moreParts } from "./search/correct.mjs"

const FILTERS = ["interview", "speaker", "topic", "year"]
const PAGE = 10 // results shown at first, and added by "More results"
// Results shown before the rest of the first ten are loaded: each costs a request for its fragment, and a
// host on HTTP/1.1 answers six at a time, so ten take two rounds (warm query at a thousand interviews: a third of its time).
const FIRST = 5

const searchBox = document.querySelector("[data-kb-search]")
if (searchBox) start(searchBox)

function start(root) {
  const toggle = document.getElementById("__search")
  const input = root.querySelector("input.md-search__input")
  const form = root.querySelector("form")
  const meta = root.querySelector(".md-search-result__meta")
  const list = root.querySelector("[data-kb-search-results]")
  const correctionBox = root.querySelector("[data-kb-search-correction]")
  const filterBox = root.querySelector(".kb-search-filters")
  const selects = [...root.querySelectorAll("select[data-kb-filter]")]
  const moreButton = root.querySelector("[data-kb-search-more]")
  const filtersToggle = root.querySelector("[data-kb-filters-toggle]")
  const filterMenus = root.querySelector(".kb-search-filters__menus")
  // Resolved now, against the page the header was rendered for.
  const pagefindUrl = new URL(root.getAttribute("data-kb-pagefind"), location.href).href
  const siteBase = new URL(root.getAttribute("data-kb-base"), location.href).pathname.replace(/\/?$/, "/")
  let pagefind = null
  let interviews = null // Promise of the function naming a result's interview (rank.mjs, `interviewFinder`)
  let exchanges = null // Promise of the function naming a result's exchange: a long one is several records (`exchangeFinder`)
  let filtersLoaded = null
  let sequence = 0
  let filtersReady = false
  let pages = null
  let chosen = null // the result the reader just chose: {path, anchor, words}
  let more = null // the shown search: {pending results, data loaded, shown, words, marked, query, total}
  let literal = null // the query the reader asked to search as typed, uncorrected
  const vocabularyParts = {} // part key → Promise of {word: count} (outputs/search/vocabulary.py)

  function load() {
    if (!pagefind) {
      const shards = fetchJson("kb-shards.json")
      interviews = fetchJson("kb-interviews.json").then(interviewFinder)
      exchanges = fetchJson("kb-passages.json").then(exchangeFinder)
      // In the page, not in Pagefind's web worker: the worker is one more script and a second
      // copy of the WebAssembly to start, and every result crosses to the page as a message
      // (first results at a thousand interviews: 289 ms with it, 221 ms without).
      const options = { baseUrl: siteBase, excerptLength: 24, noWorker: true }
      pagefind = import(pagefindUrl).then(async (module) => {
        await module.options(options)
        await module.init()
        const folders = await shards
        await Promise.all(folders.map((folder) => module.mergeIndex(new URL(folder, pagefindUrl).href, options)))
        return module
      })
    }
    return pagefind
  }

  /* A JSON file beside Pagefind's (`[]` if it cannot be read). */
  function fetchJson(name) {
    return fetch(new URL(name, pagefindUrl))
      .then((response) => (response.ok ? response.json() : []))
      .catch(() => [])
  }

  function chosenFilters() {
    const found = {}
    selects.forEach((select) => {
      if (select.value) found[select.name] = select.value
    })
    return found
  }

  /* Pagefind's results, less each part's page of the words only other parts have. */
  async function searchOnce(module, text, filters) {
    const found = await module.search(text, { filters })
    found.results = listable(found.results)
    return found
  }

  /* Scored results (`scored`: those with every word), and `rest`, listed after them. When fewer than a
     page of records have every word of three or more, the rest are those with all words but one (a
     plain question's "parts" or "what" missing: `allButOne` in rank.mjs); when none has every word,
     any word counts (more words, higher; a corrected word a little less). */
  async function ranked(module, words, filters, changed = []) {
    const search = await searchOnce(module, words.join(" "), filters)
    const scored = scoredOf(search.results)
    if (scored.length >= PAGE || words.length < 2) return { scored, rest: [], search }
    if (words.length >= 3) {
      const fewer = await Promise.all(words.map((_, k) => searchOnce(module, words.filter((__, j) => j !== k).join(" "), filters)))
      const rest = allButOne(scored, fewer.map((one) => scoredOf(one.results)))
      if (scored.length || rest.length) return { scored, rest, search }
    }
    if (scored.length) return { scored, rest: [], search }
    const each = await Promise.all(words.map((word) => searchOnce(module, word, filters)))
    const weights = words.map((_, k) => (changed.includes(k) ? CORRECTED_WEIGHT : 1))
    return { scored: mergeAny(each.map((one) => one.results), weights), rest: [], search }
  }

  /* The vocabulary's parts named by `keys`, into `vocabulary` (an unreadable part is empty). */
  async function loadParts(keys, vocabulary) {
    await Promise.all(
      keys.map(async (key) => {
        if (!vocabularyParts[key]) {
          vocabularyParts[key] = fetch(new URL("kb-words/" + key + ".json", pagefindUrl))
            .then((response) => (response.ok ? response.json() : {}))
            .catch(() => ({}))
        }
        vocabulary[key] = await vocabularyParts[key]
      }),
    )
  }

  /* The words corrected where the index does not know them (correct.mjs): `{words, corrected, joined}`,
     `joined` the words with two of them written as one word the index has ("dev ops" → "devops"), or null. */
  async function corrected(words) {
    const vocabulary = {}
    await loadParts(partsNeeded(words), vocabulary)
    const unknown = words.filter((word) => !known(vocabulary, word))
    if (!unknown.length) return { words, corrected: [], joined: joined(vocabulary, words) }
    await loadParts(moreParts(unknown), vocabulary)
    const fixed = correct(vocabulary, words)
    return { ...fixed, joined: joined(vocabulary, fixed.words) }
  }

  /* The line saying what the search was corrected to, with the query as typed a click away. */
  function showCorrection(correction, query) {
    if (!correction) {
      correctionBox.hidden = true
      correctionBox.replaceChildren()
      return
    }
    correctionBox.replaceChildren(
      correctionLine(correction.words.join(" "), query, () => {
        literal = query
        run()
      }),
    )
    correctionBox.hidden = false
  }

  async function run() {
    const query = input.value.trim()
    const current = ++sequence
    filterBox.removeAttribute("data-kb-filters")
    if (!query) {
      writeAddress(query)
      list.replaceChildren()
      list.removeAttribute("data-kb-query")
      list.removeAttribute("data-kb-state")
      filterBox.hidden = true
      moreButton.hidden = true
      more = null
      showCorrection(null)
      meta.textContent = "Type to start searching"
      return
    }
    list.setAttribute("data-kb-state", "searching")
    const parsed = parse(query)
    const filters = chosenFilters()
    try {
      // The words as typed are searched at once, while the vocabulary says whether any needs correcting:
      // most queries need none, and their search need not wait for the vocabulary's parts to arrive.
      const asTyped = load().then((module) => ranked(module, parsed.words, filters))
      asTyped.catch(() => {}) // unused when a word is corrected; a failure is reported by the search that is used
      const [module, fixed] = await Promise.all([
        load(),
        // Quoted words and a query asked for as typed are searched as they are.
        parsed.phrases.length || query === literal ? null : corrected(parsed.words),
      ])
      const correction = fixed && fixed.corrected.length ? fixed : null
      const words = correction ? correction.words : parsed.words
      const changed = correction ? correction.corrected : []
      const searched = correction ? ranked(module, words, filters, changed) : asTyped
      // Two words the index also has as one ("dev ops", "devops"): both forms searched, each record at its better score.
      const together = fixed && fixed.joined
      const found = together
        ? await Promise.all([searched, ranked(module, together, filters)]).then(([apart, joint]) => ({
            scored: mergeForms([apart.scored, joint.scored]),
            rest: mergeForms([apart.rest, joint.rest]),
            search: apart.search,
          }))
        : await searched
      // What each result's interview is about counts (rank.mjs, `byInterview`: every passage that matches counts
      // for its interview, as a short exchange would), then each exchange is listed once, at its best passage.
      const [interviewOf, exchangeOf] = await Promise.all([interviews, exchanges])
      const scored = collapse(byInterview(found.scored, interviewOf), exchangeOf)
      const taken = new Set(scored.map((entry) => exchangeOf(entry.result.id)))
      const rest = collapse(byInterview(found.rest, interviewOf), exchangeOf).filter((entry) => !taken.has(exchangeOf(entry.result.id)))
      found.results = [...scored, ...rest].map((entry) => entry.result)
      // A phrase is checked in each result's text: look at the first hundred. Otherwise the first few are
      // shown as soon as their fragments arrive, and the rest of the first ten follow (`fill`).
      const wanted = parsed.phrases.length ? found.results.slice(0, 100) : found.results.slice(0, FIRST)
      let data = await Promise.all(wanted.map((r) => r.data()))
      if (current !== sequence) return
      if (parsed.phrases.length) data = data.filter((d) => hasPhrases(d.meta.title + " " + d.content, parsed.phrases))
      more = {
        pending: parsed.phrases.length ? [] : found.results.slice(FIRST),
        data,
        shown: Math.min(PAGE, data.length),
        words,
        marked: together ? [...new Set([...words, ...together])] : words, // the words a result's link highlights
        query,
        total: parsed.phrases.length ? data.length : found.results.length,
      }
      showCorrection(correction, query)
      if (!data.length && !Object.keys(filters).length) {
        const other = await otherPages(words)
        if (current === sequence) renderPages(other, query)
      } else {
        const state = more
        if (state.pending.length && state.shown < PAGE) {
          render(state, "shown")
          await fill(state, PAGE)
          if (state !== more) return
        }
        render(state)
        filterBox.hidden = false
        if (filtersReady) showFilters(found.search)
        else if (!filterMenus.hidden) countFilters(module, words, filters, current)
      }
    } catch (error) {
      if (current !== sequence) return
      meta.textContent = "Search is not available: " + error.message
      list.setAttribute("data-kb-state", "failed")
    }
    // Once the answer is shown: Chromium fetches the page's icon again at every change of address.
    if (current === sequence) writeAddress(query)
  }

  async function otherPages(words) {
    if (!pages) pages = fetchJson("kb-pages.json")
    const patterns = words.map((word) => new RegExp("(^|[^\\w])" + escapeRegExp(word), "i"))
    return rankPages(await pages, patterns, PAGE)
  }

  function renderPages(found, query) {
    more = null
    moreButton.hidden = true
    filterBox.hidden = true
    list.replaceChildren(...(found.length ? [pageGroup(found, siteBase)] : []))
    meta.textContent = found.length ? "No matching exchanges; other pages:" : "No matching exchanges"
    list.setAttribute("data-kb-query", query)
    list.setAttribute("data-kb-state", "done")
  }

  /* The filter files are loaded once, when the menus are first opened; then the menus get their counts. */
  function countFilters(module, words, filters, current) {
    if (!filtersLoaded) {
      filtersLoaded = module.filters().then(() => {
        filtersReady = true
      })
    }
    filtersLoaded.then(async () => {
      if (current !== sequence) return
      const found = await ranked(module, words, filters)
      if (current === sequence) showFilters(found.search)
    })
  }

  /* The shown search's results loaded until `count` are shown (or there are no more). */
  async function fill(state, count) {
    const next = state.pending.splice(0, Math.max(0, count - state.data.length))
    const data = await Promise.all(next.map((r) => r.data()))
    if (state !== more) return
    state.data = state.data.concat(data)
    state.shown = Math.min(count, state.data.length)
  }

  /* "More results": the next ten, focus on the first of them. */
  async function showMore() {
    const state = more
    if (!state) return
    const first = state.shown
    await fill(state, state.shown + PAGE)
    if (state !== more) return
    render(state)
    const links = list.querySelectorAll("a.md-search-result__link")
    if (links[first]) links[first].focus()
  }

  function showFilters(search) {
    selects.forEach((select) => {
      const picked = select.value || new URLSearchParams(location.search).get(select.name) || ""
      // A chosen filter's own menu counts as if it were not chosen, so another value can be picked.
      const counts = (picked ? search.totalFilters : search.filters) || {}
      const values = Object.keys(counts[select.name] || {})
        .filter((value) => counts[select.name][value] > 0 || value === picked)
        .sort()
      if (picked && values.indexOf(picked) < 0) values.unshift(picked)
      select.replaceChildren(new Option("All", ""))
      values.forEach((value) => {
        const count = (counts[select.name] || {})[value] || 0
        select.appendChild(new Option(value + " (" + count + ")", value, false, value === picked))
      })
      select.value = picked
    })
    filterBox.setAttribute("data-kb-filters", "counted")
  }

  function openFilters(opened) {
    filtersToggle.setAttribute("aria-expanded", String(opened))
    filterMenus.hidden = !opened
    const query = input.value.trim()
    if (!opened || filtersReady || !query) return
    const current = sequence
    const filters = chosenFilters()
    const words = more && more.query === query ? more.words : parse(query).words
    load().then((module) => countFilters(module, words, filters, current))
  }

  /* The shown results; `progress` "shown" while the rest of the first ten is still loading. */
  function render(state, progress = "done") {
    list.replaceChildren(...resultGroups(state.data.slice(0, state.shown), state.marked, siteBase))
    meta.textContent = countLine(state.total)
    moreButton.hidden = progress !== "done" || state.shown >= state.total || state.shown >= state.data.length + state.pending.length
    list.setAttribute("data-kb-query", state.query)
    list.setAttribute("data-kb-state", progress)
  }

  /* The address follows the search while it is open: `?q=` and the chosen filters. */
  function writeAddress(query) {
    const url = new URL(location.href)
    ;["q", ...FILTERS].forEach((name) => url.searchParams.delete(name))
    if (query && toggle.checked) {
      url.searchParams.set("q", query)
      const picked = chosenFilters()
      Object.keys(picked).forEach((name) => url.searchParams.set(name, picked[name]))
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href)
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true
      toggle.dispatchEvent(new Event("change"))
    }
    input.focus()
    load()
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false
      toggle.dispatchEvent(new Event("change"))
    }
  }

  function editable(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  }

  function focusables() {
    const stops = [input, ...list.querySelectorAll("a.md-search-result__link")]
    return moreButton.hidden ? stops : stops.concat([moreButton])
  }

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus()
      load()
    } else {
      input.blur()
      writeAddress("")
    }
    writeAddress(input.value.trim())
  })

  document.addEventListener(
    "keydown",
    (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (!toggle.checked) {
        if (/^[/sf]$/.test(event.key) && !editable(event.target)) {
          event.preventDefault()
          open()
        }
        return
      }
      if (event.key === "Escape") {
        event.preventDefault()
        close()
        if (document.activeElement) document.activeElement.blur()
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (editable(event.target) && event.target !== input) return
        const stops = focusables()
        const at = stops.indexOf(document.activeElement)
        const next = event.key === "ArrowDown" ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0)
        event.preventDefault()
        stops[next].focus()
      }
    },
    true,
  )

  input.addEventListener("input", run)
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    const first = list.querySelector("a.md-search-result__link")
    if (first) first.click()
  })
  form.addEventListener("reset", () => {
    setTimeout(() => {
      input.focus()
      run()
    })
  })
  selects.forEach((select) => select.addEventListener("change", run))
  moreButton.addEventListener("click", showMore)
  filtersToggle.addEventListener("click", () => openFilters(filterMenus.hidden))
  list.addEventListener("click", (event) => {
    const a = event.target.closest && event.target.closest("a")
    if (!a) return
    const here = !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button) // not a new tab or window
    chosen = here ? { path: a.pathname, anchor: decodeFragment(a.hash), words: new URL(a.href).searchParams.get("h") || "" } : null
    close()
  })

  /* Landing on a result: highlight its words (`?h=`) in its exchange. The result
     the reader chose names the exchange: by the time the new page is shown,
     Material's anchor tracking may have taken the `#anchor` off the address
     (it is put back). Opened from elsewhere (a new tab), the address names it. */
  document$.subscribe(() => {
    const target = chosen && chosen.path === location.pathname ? chosen : null
    chosen = null
    const id = target ? target.anchor : decodeFragment(location.hash)
    const heading = id && document.getElementById(id)
    if (!heading) return
    if (target && !location.hash) history.replaceState(history.state, "", "#" + encodeURIComponent(id))
    const words = (target ? target.words : new URLSearchParams(location.search).get("h") || "").split(/\s+/).filter(Boolean)
    highlight(heading, words, new URL("pagefind-highlight.js", pagefindUrl).href).catch(() => {})
  })

  /* `?q=` on arrival: open the search with those words and filters. */
  const params = new URLSearchParams(location.search)
  if (!params.get("q")) {
    // Pagefind's script (13 KB, not its index) is fetched once the page is idle: the first search starts sooner.
    const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 200))
    idle(() => import(pagefindUrl).catch(() => {}))
  } else {
    input.value = params.get("q")
    FILTERS.forEach((name) => {
      const value = params.get(name)
      const select = root.querySelector("select[name=" + name + "]")
      if (value && select) select.replaceChildren(new Option("All", ""), new Option(value, value, true, true))
    })
    if (Object.keys(chosenFilters()).length) openFilters(true)
    open()
    run()
  }
}
