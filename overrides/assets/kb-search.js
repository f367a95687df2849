/* The header's search box, answered by Pagefind (scripts/interview_kb/outputs/search/
   indexes each exchange as one record). Loaded on every page; Pagefind's script
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
     a query, its `data-kb-query` is that query and `data-kb-state` is `done`.
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
var kbSearchText = (function () {
  var SEPARATORS = /[^\S\uFEFF]+/ // Pagefind's own word separators

  function unescapeAngles(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
  }

  function escapeAngles(text) {
    return text.replace(/</g, "&lt;").replace(/>/g, "&gt;")
  }

  function excerptParts(excerpt, content) {
    // Pagefind's own <mark> and </mark> are the only `<` in an excerpt: the text's are escaped.
    var tokens = excerpt.split(" ").map(function (token) {
      var marked = /^<mark>[\s\S]*<\/mark>$/.test(token)
      return { text: marked ? token.slice(6, -7) : token, marked: marked }
    })
    var words = typeof content === "string" && content.indexOf("\u200B") < 0 ? content.split(SEPARATORS) : []
    var start = -1
    for (var at = 0; excerpt && at + tokens.length <= words.length && start < 0; at++) {
      var all = true
      for (var k = 0; k < tokens.length && all; k++) all = escapeAngles(words[at + k]) === tokens[k].text
      if (all) start = at
    }
    var parts = []
    tokens.forEach(function (token, k) {
      var text = start >= 0 ? words[start + k] : unescapeAngles(token.text)
      if (k) add(" ", false)
      add(text, token.marked)
    })
    return parts

    function add(text, marked) {
      var last = parts[parts.length - 1]
      if (last && last.marked === marked) last.text += text
      else if (text) parts.push({ text: text, marked: marked })
    }
  }

  function decodeFragment(hash) {
    var id = (hash || "").replace(/^#/, "")
    try {
      return decodeURIComponent(id)
    } catch (error) {
      if (error instanceof URIError) return id
      throw error
    }
  }

  return { excerptParts: excerptParts, decodeFragment: decodeFragment }
})()

;(function () {
  var root = document.querySelector("[data-kb-search]")
  if (!root) return
  var toggle = document.getElementById("__search")
  var input = root.querySelector("input.md-search__input")
  var form = root.querySelector("form")
  var meta = root.querySelector(".md-search-result__meta")
  var list = root.querySelector("[data-kb-search-results]")
  var filterBox = root.querySelector(".kb-search-filters")
  var selects = [].slice.call(root.querySelectorAll("select[data-kb-filter]"))
  var moreButton = root.querySelector("[data-kb-search-more]")
  var filtersToggle = root.querySelector("[data-kb-filters-toggle]")
  var filterMenus = root.querySelector(".kb-search-filters__menus")
  // Resolved now, against the page the header was rendered for.
  var pagefindUrl = new URL(root.getAttribute("data-kb-pagefind"), location.href).href
  var siteBase = new URL(root.getAttribute("data-kb-base"), location.href).pathname.replace(/\/?$/, "/")
  var FILTERS = ["interview", "speaker", "topic", "year"]
  var PAGE = 10 // results shown at first, and added by "More results"
  var pagefind = null
  var filtersLoaded = null
  var sequence = 0
  var filtersReady = false
  var pages = null
  var chosen = null // the result the reader just chose: {path, anchor, words}
  var more = null // the shown search: {pending results, data loaded, shown, words, query, total}

  function load() {
    if (!pagefind) {
      var shards = fetchJson("kb-shards.json")
      // In the page, not in Pagefind's web worker: the worker is one more script and a second
      // copy of the WebAssembly to start, and every result crosses to the page as a message
      // (first results at a thousand interviews: 289 ms with it, 221 ms without).
      var options = { baseUrl: siteBase, excerptLength: 24, noWorker: true }
      pagefind = import(pagefindUrl).then(function (module) {
        return module.options(options).then(function () { return module.init() }).then(function () {
          return shards.then(function (folders) {
            return Promise.all(folders.map(function (folder) {
              return module.mergeIndex(new URL(folder, pagefindUrl).href, options)
            }))
          })
        }).then(function () { return module })
      })
    }
    return pagefind
  }

  /* A JSON file beside Pagefind's (`[]` if it cannot be read). */
  function fetchJson(name) {
    return fetch(new URL(name, pagefindUrl)).then(function (response) {
      return response.ok ? response.json() : []
    }).catch(function () { return [] })
  }

  /* The query as the reader typed it: quoted phrases, and the words to look up. */
  function parse(query) {
    var phrases = []
    var rest = query.replace(/["“”]([^"“”]+)["“”]/g, function (_, phrase) {
      phrases.push(phrase.trim().toLowerCase())
      return " " + phrase + " "
    })
    var words = rest.replace(/["“”]/g, " ").split(/\s+/).filter(Boolean)
    return { phrases: phrases, words: words }
  }

  function chosenFilters() {
    var chosen = {}
    selects.forEach(function (select) {
      if (select.value) chosen[select.name] = select.value
    })
    return chosen
  }

  function flat(text) {
    return text.toLowerCase().replace(/[\s\u00a0]+/g, " ").replace(/[’‘]/g, "'")
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  /* Pagefind's results, less each part's page of the words only other parts have (scripts/interview_kb/outputs/search/records.py). */
  function searchOnce(module, text, filters) {
    return module.search(text, { filters: filters }).then(function (found) {
      found.results = found.results.filter(function (result) { return !/-words$/.test(result.id) })
      return found
    })
  }

  /* Ranked results; when no record has every word, any word counts (more words, higher). */
  function ranked(module, words, filters) {
    return searchOnce(module, words.join(" "), filters).then(function (search) {
      var found = { results: search.results, search: search }
      if (found.results.length || words.length < 2) return found
      return Promise.all(words.map(function (word) { return searchOnce(module, word, filters) })).then(function (each) {
        var merged = {}
        each.forEach(function (one) {
          one.results.forEach(function (result) {
            var known = merged[result.id] || (merged[result.id] = { result: result, hits: 0, score: 0 })
            known.hits += 1
            known.score += result.score
          })
        })
        var results = Object.keys(merged).map(function (id) { return merged[id] })
        results.sort(function (a, b) { return b.score - a.score || b.hits - a.hits })
        return { results: results.map(function (m) { return m.result }), search: search }
      })
    })
  }

  function run() {
    var query = input.value.trim()
    var current = ++sequence
    filterBox.removeAttribute("data-kb-filters")
    if (!query) {
      writeAddress(query)
      list.replaceChildren()
      list.removeAttribute("data-kb-query")
      list.removeAttribute("data-kb-state")
      filterBox.hidden = true
      moreButton.hidden = true
      more = null
      meta.textContent = "Type to start searching"
      return Promise.resolve()
    }
    list.setAttribute("data-kb-state", "searching")
    var parsed = parse(query)
    var filters = chosenFilters()
    return load().then(function (module) {
      return ranked(module, parsed.words, filters).then(function (found) {
        // A phrase is checked in each result's text: look at the first hundred.
        var wanted = parsed.phrases.length ? found.results.slice(0, 100) : found.results.slice(0, PAGE)
        return Promise.all(wanted.map(function (r) { return r.data() })).then(function (data) {
          if (current !== sequence) return
          if (parsed.phrases.length) {
            data = data.filter(function (d) {
              var content = flat(d.meta.title + " " + d.content)
              return parsed.phrases.every(function (phrase) { return content.indexOf(flat(phrase)) >= 0 })
            })
          }
          more = {
            pending: parsed.phrases.length ? [] : found.results.slice(PAGE),
            data: data,
            shown: Math.min(PAGE, data.length),
            words: parsed.words,
            query: query,
            total: parsed.phrases.length ? data.length : found.results.length,
          }
          if (!data.length && !Object.keys(filters).length) {
            return otherPages(parsed.words).then(function (found) {
              if (current === sequence) renderPages(found, query)
            })
          }
          render(more)
          filterBox.hidden = false
          if (filtersReady) showFilters(found.search)
          else if (!filterMenus.hidden) countFilters(module, parsed.words, filters, current)
        })
      })
    }).catch(function (error) {
      if (current !== sequence) return
      meta.textContent = "Search is not available: " + error.message
      list.setAttribute("data-kb-state", "failed")
    }).then(function () {
      // Once the answer is shown: Chromium fetches the page's icon again at every change of address.
      if (current === sequence) writeAddress(query)
    })
  }

  /* Other pages whose title or text has every word (or else any word), most words and title matches first. */
  function otherPages(words) {
    if (!pages) pages = fetchJson("kb-pages.json")
    var patterns = words.map(function (word) { return new RegExp("(^|[^\\w])" + escapeRegExp(word), "i") })
    return pages.then(function (all) {
      var scored = all.map(function (page) {
        var text = page.title + " " + page.text
        return {
          page: page,
          hits: patterns.filter(function (p) { return p.test(text) }).length,
          inTitle: patterns.filter(function (p) { return p.test(page.title) }).length,
        }
      }).filter(function (s) { return s.hits > 0 })
      var every = scored.filter(function (s) { return s.hits === patterns.length })
      var chosen = every.length ? every : scored
      chosen.sort(function (a, b) {
        return b.hits - a.hits || b.inTitle - a.inTitle || (a.page.title < b.page.title ? -1 : a.page.title > b.page.title ? 1 : 0)
      })
      return chosen.slice(0, PAGE).map(function (s) { return s.page })
    })
  }

  function renderPages(found, query) {
    more = null
    moreButton.hidden = true
    filterBox.hidden = true
    var items = []
    if (found.length) {
      var item = element("li", "md-search-result__item kb-search-group")
      item.appendChild(element("p", "kb-search-group__title", "Other pages"))
      var inner = element("ol", "kb-search-group__list")
      found.forEach(function (page) {
        var li = element("li")
        var a = element("a", "md-search-result__link")
        a.href = siteBase + page.url
        var article = element("div", "md-search-result__article md-typeset")
        article.appendChild(element("p", "kb-search-result__title", page.title))
        if (page.text) article.appendChild(element("p", "", page.text))
        a.appendChild(article)
        li.appendChild(a)
        inner.appendChild(li)
      })
      item.appendChild(inner)
      items.push(item)
    }
    list.replaceChildren.apply(list, items)
    meta.textContent = found.length ? "No matching exchanges; other pages:" : "No matching exchanges"
    list.setAttribute("data-kb-query", query)
    list.setAttribute("data-kb-state", "done")
  }

  /* The filter files are loaded once, when the menus are first opened; then the menus get their counts. */
  function countFilters(module, words, filters, current) {
    if (!filtersLoaded) {
      filtersLoaded = module.filters().then(function () { filtersReady = true })
    }
    filtersLoaded.then(function () {
      if (current !== sequence) return
      return ranked(module, words, filters).then(function (found) {
        if (current === sequence) showFilters(found.search)
      })
    })
  }

  /* "More results": the next ten, focus on the first of them. */
  function showMore() {
    var state = more
    if (!state) return
    var next = state.pending.splice(0, Math.max(0, state.shown + PAGE - state.data.length))
    Promise.all(next.map(function (r) { return r.data() })).then(function (data) {
      if (state !== more) return
      var first = state.shown
      state.data = state.data.concat(data)
      state.shown = Math.min(state.shown + PAGE, state.data.length)
      render(state)
      var links = list.querySelectorAll("a.md-search-result__link")
      if (links[first]) links[first].focus()
    })
  }

  function showFilters(search) {
    selects.forEach(function (select) {
      var chosen = select.value || new URLSearchParams(location.search).get(select.name) || ""
      // A chosen filter's own menu counts as if it were not chosen, so another value can be picked.
      var counts = (chosen ? search.totalFilters : search.filters) || {}
      var values = Object.keys(counts[select.name] || {}).filter(function (value) {
        return counts[select.name][value] > 0 || value === chosen
      }).sort()
      if (chosen && values.indexOf(chosen) < 0) values.unshift(chosen)
      select.replaceChildren(new Option("All", ""))
      values.forEach(function (value) {
        var count = (counts[select.name] || {})[value] || 0
        select.appendChild(new Option(value + " (" + count + ")", value, false, value === chosen))
      })
      select.value = chosen
    })
    filterBox.setAttribute("data-kb-filters", "counted")
  }

  function openFilters(opened) {
    filtersToggle.setAttribute("aria-expanded", String(opened))
    filterMenus.hidden = !opened
    var query = input.value.trim()
    if (!opened || filtersReady || !query) return
    var current = sequence
    var filters = chosenFilters()
    load().then(function (module) { countFilters(module, parse(query).words, filters, current) })
  }

  /* Pagefind's excerpt, its matched words marked, as the transcript writes it (`kbSearchText.excerptParts`). */
  function excerpt(html, content) {
    var element = document.createElement("p")
    kbSearchText.excerptParts(html, content).forEach(function (part) {
      var text = document.createTextNode(part.text)
      if (part.marked) {
        var mark = document.createElement("mark")
        mark.appendChild(text)
        element.appendChild(mark)
      } else {
        element.appendChild(text)
      }
    })
    return element
  }

  function link(url, words) {
    var parts = url.split("#")
    return parts[0] + "?h=" + encodeURIComponent(words.join(" ")) + (parts[1] ? "#" + parts[1] : "")
  }

  function element(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text) node.textContent = text
    return node
  }

  /* Results grouped under their interview, groups in the order of their best result. */
  function render(state) {
    var data = state.data.slice(0, state.shown)
    var words = state.words
    var total = state.total
    var groups = []
    var byInterview = {}
    data.forEach(function (d) {
      var key = d.meta.interview || ""
      if (!byInterview[key]) groups.push((byInterview[key] = { meta: d.meta, items: [] }))
      byInterview[key].items.push(d)
    })
    var items = groups.map(function (group) {
      var item = element("li", "md-search-result__item kb-search-group")
      var title = element("p", "kb-search-group__title")
      title.appendChild(element("cite", "", group.meta.interview))
      if (group.meta.date) title.appendChild(document.createTextNode(" · " + group.meta.date))
      item.appendChild(title)
      var inner = element("ol", "kb-search-group__list")
      group.items.forEach(function (d) {
        var li = element("li")
        var a = element("a", "md-search-result__link")
        a.href = link(d.meta.href ? siteBase + d.meta.href : d.url, words)
        var article = element("div", "md-search-result__article md-typeset")
        article.appendChild(element("p", "kb-search-result__title", d.meta.title))
        if (d.meta.speaker) article.appendChild(element("p", "kb-search-result__by", d.meta.speaker))
        article.appendChild(excerpt(d.excerpt || "", d.content))
        a.appendChild(article)
        li.appendChild(a)
        inner.appendChild(li)
      })
      item.appendChild(inner)
      return item
    })
    list.replaceChildren.apply(list, items)
    meta.textContent = total === 0 ? "No matching exchanges" : total === 1 ? "1 matching exchange" : total + " matching exchanges"
    moreButton.hidden = state.shown >= total || state.shown >= state.data.length + state.pending.length
    list.setAttribute("data-kb-query", state.query)
    list.setAttribute("data-kb-state", "done")
  }

  /* The address follows the search while it is open: `?q=` and the chosen filters. */
  function writeAddress(query) {
    var url = new URL(location.href)
    ;["q"].concat(FILTERS).forEach(function (name) { url.searchParams.delete(name) })
    if (query && toggle.checked) {
      url.searchParams.set("q", query)
      var chosen = chosenFilters()
      Object.keys(chosen).forEach(function (name) { url.searchParams.set(name, chosen[name]) })
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
    var stops = [input].concat([].slice.call(list.querySelectorAll("a.md-search-result__link")))
    return moreButton.hidden ? stops : stops.concat([moreButton])
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      input.focus()
      load()
    } else {
      input.blur()
      writeAddress("")
    }
    writeAddress(input.value.trim())
  })

  document.addEventListener("keydown", function (event) {
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
      var stops = focusables()
      var at = stops.indexOf(document.activeElement)
      var next = event.key === "ArrowDown" ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0)
      event.preventDefault()
      stops[next].focus()
    }
  }, true)

  input.addEventListener("input", run)
  form.addEventListener("submit", function (event) {
    event.preventDefault()
    var first = list.querySelector("a.md-search-result__link")
    if (first) first.click()
  })
  form.addEventListener("reset", function () {
    setTimeout(function () { input.focus(); run() })
  })
  selects.forEach(function (select) { select.addEventListener("change", run) })
  moreButton.addEventListener("click", showMore)
  filtersToggle.addEventListener("click", function () { openFilters(filterMenus.hidden) })
  list.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a")
    if (!link) return
    var here = !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button)  // not a new tab or window
    chosen = here ? { path: link.pathname, anchor: kbSearchText.decodeFragment(link.hash), words: new URL(link.href).searchParams.get("h") || "" } : null
    close()
  })

  /* Landing on a result: highlight its words (`?h=`) in its exchange. The result
     the reader chose names the exchange: by the time the new page is shown,
     Material's anchor tracking may have taken the `#anchor` off the address
     (it is put back). Opened from elsewhere (a new tab), the address names it. */
  document$.subscribe(function () {
    var target = chosen && chosen.path === location.pathname ? chosen : null
    chosen = null
    var id = target ? target.anchor : kbSearchText.decodeFragment(location.hash)
    var heading = id && document.getElementById(id)
    if (!heading) return
    if (target && !location.hash) history.replaceState(history.state, "", "#" + encodeURIComponent(id))
    highlight(heading, (target ? target.words : new URLSearchParams(location.search).get("h") || "").split(/\s+/).filter(Boolean))
  })

  /* `?q=` on arrival: open the search with those words and filters. */
  var params = new URLSearchParams(location.search)
  if (!params.get("q")) {
    // Pagefind's script (13 KB, not its index) is fetched once the page is idle: the first search starts sooner.
    var idle = window.requestIdleCallback || function (callback) { return setTimeout(callback, 200) }
    idle(function () { import(pagefindUrl).catch(function () {}) })
  } else {
    input.value = params.get("q")
    FILTERS.forEach(function (name) {
      var value = params.get(name)
      var select = root.querySelector("select[name=" + name + "]")
      if (value && select) select.replaceChildren(new Option("All", ""), new Option(value, value, true, true))
    })
    if (Object.keys(chosenFilters()).length) openFilters(true)
    open()
    run()
  }

  /* Mark every occurrence of `words` in the section that starts at `heading` (`mark[data-md-highlight]`). */
  function highlight(heading, words) {
    if (!words.length) return
    var pattern = new RegExp("(^|[^\\w])(" + words.map(escapeRegExp).join("|") + ")", "gi")
    var section = [heading]
    for (var n = heading.nextElementSibling; n && n.tagName !== heading.tagName; n = n.nextElementSibling) section.push(n)
    section.forEach(function (block) {
      if (block.matches(".kb-exchange-meta")) return
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
      var texts = []
      while (walker.nextNode()) texts.push(walker.currentNode)
      texts.forEach(function (node) {
        if (node.parentElement.closest("mark, .headerlink, .kb-exchange-meta")) return
        var text = node.nodeValue
        pattern.lastIndex = 0
        if (!pattern.test(text)) return
        var fragment = document.createDocumentFragment()
        var last = 0
        text.replace(pattern, function (match, before, word, offset) {
          var start = offset + before.length
          fragment.appendChild(document.createTextNode(text.slice(last, start)))
          var mark = document.createElement("mark")
          mark.setAttribute("data-md-highlight", "")
          mark.textContent = word
          fragment.appendChild(mark)
          last = start + word.length
          return match
        })
        fragment.appendChild(document.createTextNode(text.slice(last)))
        node.parentNode.replaceChild(fragment, node)
      })
    })
  }
})()
