/* Quote links. Select words inside an answer on an interview page, and a small
   group of two buttons appears under that answer: "Copy link to quote" copies
   the exchange's permanent link with a text fragment (`#anchor:~:text=…`,
   which browsers that support it scroll to and highlight; others open the
   exchange), "Cite quote" copies the words with their speaker, interview and
   that link. Both copy through Material's clipboard handler (data-clipboard-text).
   The buttons follow the answer in the page, so Tab reaches them after a
   selection made from the keyboard; nothing is added while nothing is selected.

   `kbQuote` holds the pure parts (tests/js/kb-quote.test.js): the selection
   widened to whole words (a text fragment matches whole words only), the
   fragment's terms with a prefix and suffix only when the words occur more than
   once on the page, the link, and the citation. */
var kbQuote = (function () {
  var CONTEXT_WORDS = 5 // at most this many words of prefix and of suffix
  var RANGE_WORDS = 12 // a longer quote is linked by its first and last words (`text=start,end`)
  var END_WORDS = 4

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim()
  }

  function words(text) {
    var found = normalise(text)
    return found ? found.split(" ") : []
  }

  /* The selection with the parts of words it cuts moved into it: [before, quote, after]. */
  function wholeWords(before, quote, after) {
    var head = /\S+$/.exec(before)
    var tail = /^\S+/.exec(after)
    if (head && /^\S/.test(quote)) {
      quote = head[0] + quote
      before = before.slice(0, head.index)
    }
    if (tail && /\S$/.test(quote)) {
      quote = quote + tail[0]
      after = after.slice(tail[0].length)
    }
    return [before, normalise(quote), after]
  }

  function count(haystack, needle) {
    var found = 0
    for (var at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found += 1
    return found
  }

  /* The terms of a text directive for `quote`, found in `pageText` between `before` and `after`. */
  function fragmentTerms(pageText, before, quote, after) {
    var page = normalise(pageText).toLowerCase()
    var quoted = words(quote)
    var long = quoted.length > RANGE_WORDS
    var start = long ? quoted.slice(0, END_WORDS).join(" ") : quoted.join(" ")
    var end = long ? quoted.slice(-END_WORDS).join(" ") : ""
    var ahead = words(before)
    var behind = words(after)
    var terms = null
    for (var n = 0; n <= CONTEXT_WORDS; n++) {
      terms = {
        prefix: n ? ahead.slice(Math.max(0, ahead.length - n)).join(" ") : "",
        start: start,
        end: end,
        suffix: n ? behind.slice(0, n).join(" ") : "",
      }
      var phrase = [terms.prefix, long ? quoted.join(" ") : start, terms.suffix].filter(Boolean).join(" ").toLowerCase()
      if (count(page, phrase) <= 1) return terms
    }
    return terms
  }

  /* A term as a text directive writes it: percent-encoded, and `-`, `,` and `&` too. */
  function encode(term) {
    return encodeURIComponent(term).replace(/-/g, "%2D")
  }

  function link(exchangeUrl, terms) {
    var parts = [terms.prefix ? encode(terms.prefix) + "-" : "", encode(terms.start), terms.end ? encode(terms.end) : "",
      terms.suffix ? "-" + encode(terms.suffix) : ""]
    return exchangeUrl + ":~:text=" + parts.filter(Boolean).join(",")
  }

  /* “Words” — Speaker, in “Interview” (Publication, year), link */
  function citation(quote, speaker, interview, link) {
    var where = [interview.publication, interview.date.slice(0, 4)].filter(Boolean).join(", ")
    return "“" + normalise(quote) + "” — " + speaker + ", in “" + interview.title + "”" + (where ? " (" + where + ")" : "") + ", " + link
  }

  return { wholeWords: wholeWords, fragmentTerms: fragmentTerms, encode: encode, link: link, citation: citation }
})()

if (typeof document$ !== "undefined") {
  (function () {
    var shown = null // { group, range, turn }

    function hide() {
      if (shown) shown.group.remove()
      shown = null
    }

    /* The answer turn that holds the whole selection, on an interview page; or null. */
    function answerOf(range) {
      var start = range.startContainer.parentElement && range.startContainer.parentElement.closest(".kb-turn--answer")
      return start && start.contains(range.endContainer) && start.closest("article") ? start : null
    }

    function headingOf(turn) {
      for (var node = turn.previousElementSibling; node; node = node.previousElementSibling) {
        if (node.matches("h2.kb-exchange")) return node
      }
      return null
    }

    function textAround(turn, range) {
      var before = document.createRange()
      before.setStart(turn, 0)
      before.setEnd(range.startContainer, range.startOffset)
      var after = document.createRange()
      after.setStart(range.endContainer, range.endOffset)
      after.setEnd(turn, turn.childNodes.length)
      return [before.toString(), range.toString(), after.toString()]
    }

    function button(label, text) {
      var element = document.createElement("button")
      element.type = "button"
      element.className = "kb-quote__button"
      element.textContent = label
      element.addEventListener("click", function () { element.setAttribute("data-clipboard-text", text()) })
      return element
    }

    /* Link and citation of the selection kept when the buttons appeared, written when a button is pressed. */
    function quoteOf(turn, range) {
      var heading = headingOf(turn)
      var meta = document.querySelector(".kb-interview-meta[data-kb-title]")
      var parts = kbQuote.wholeWords.apply(null, textAround(turn, range))
      var base = document.querySelector("link[rel=canonical]")
      var page = (base ? base.href : location.href).split("#")[0]
      var url = kbQuote.link(page + "#" + heading.id, kbQuote.fragmentTerms(document.body.innerText, parts[0], parts[1], parts[2]))
      var interview = { title: meta.getAttribute("data-kb-title"), date: meta.getAttribute("data-kb-date"),
        publication: meta.getAttribute("data-kb-publication") }
      return { url: url, citation: kbQuote.citation(parts[1], turn.getAttribute("data-kb-speaker"), interview, url) }
    }

    function show(turn, range) {
      hide()
      var kept = range.cloneRange()
      var group = document.createElement("div")
      group.className = "kb-quote"
      group.setAttribute("role", "group")
      group.setAttribute("aria-label", "The selected words")
      group.appendChild(button("Copy link to quote", function () { return quoteOf(turn, kept).url }))
      group.appendChild(button("Cite quote", function () { return quoteOf(turn, kept).citation }))
      group.addEventListener("mousedown", function (event) { event.preventDefault() }) // the selection stays
      turn.after(group)
      shown = { group: group, range: kept, turn: turn }
    }

    document.addEventListener("selectionchange", function () {
      var selection = document.getSelection()
      if (shown && shown.group.contains(document.activeElement)) return // Tab moved to a button: keep them
      var range = selection && selection.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null
      var turn = range && normalise(range.toString()) && answerOf(range)
      if (!turn || !headingOf(turn) || !document.querySelector(".kb-interview-meta[data-kb-title]")) return hide()
      if (shown && shown.turn === turn && shown.range.compareBoundaryPoints(Range.START_TO_START, range) === 0 &&
          shown.range.compareBoundaryPoints(Range.END_TO_END, range) === 0) return
      show(turn, range)
    })

    function normalise(text) {
      return text.replace(/\s+/g, " ").trim()
    }

    document$.subscribe(hide) // a new page: the buttons went with the old one
  })()
}
