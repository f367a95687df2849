/* Each exchange's "Cite" and "Cite as…", written when a reader asks for them.

   A long interview's page would carry five citation formats and a ready
   citation for every exchange, about 4 KB each: most of the page. The page
   carries what they are made of instead (render/citations.py, page_data and
   exchange_data): on the interview's own "Cite as…" menu its title, date,
   publication, address, source and the names that may be cited, each with
   its family and given names when it is inverted (`data-kb-people`), and its
   guests; on each exchange's "Cite" button `data-kb-cite` (`<asker>:<answering>,…`,
   numbers of those names) and its question (`data-kb-label`). Raw HTML
   tags, which Markdown writes as they are (a `markdown` block's own
   attributes it would unescape once more). "Cite" gets its citation as its tooltip and as
   what Material's clipboard handler copies (data-clipboard-text) when the
   pointer or the focus reaches it, or when it is pressed; "Cite as…" gets its
   buttons when it opens. Without JavaScript neither is shown (kb.css), and
   "Link to this exchange" is a plain link.

   `kbCite` holds the pure parts, the same formats as render/citations.py and
   render/citation.py write (tests/test_cite_script.py compares them on built
   pages; tests/js/kb-cite.test.js tests the parts). */
var kbCite = (function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"]
  var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
  var FORMATS = ["Chicago", "APA", "MLA", "BibTeX", "CSL-JSON"]

  /* A person is [name, family, given]; family and given are "" for a name written as given. */
  function inverted(person) {
    return person[1] ? person[1] + ", " + person[2] : person[0]
  }

  function initials(given) {
    return given.split(/[\s-]+/).filter(Boolean).map(function (part) { return Array.from(part)[0] + "." }).join(" ")
  }

  function apaName(person, first) {
    if (!person[1]) return person[0]
    return first ? person[1] + ", " + initials(person[2]) : initials(person[2]) + " " + person[1]
  }

  function listed(names, conjunction) {
    conjunction = conjunction || "and"
    if (names.length <= 2) return names.join(" " + conjunction + " ")
    return names.slice(0, -1).join(", ") + ", " + conjunction + " " + names[names.length - 1]
  }

  function namesOf(people) {
    return people.map(function (person) { return person[0] })
  }

  function authorsInverted(work) {
    var names = work.authors
    if (names.length > 2) return inverted(names[0]) + ", et al"
    return listed([inverted(names[0])].concat(namesOf(names.slice(1))))
  }

  function sentence(text) {
    return /[.?!…]$/.test(text) ? text : text + "."
  }

  function inQuotes(title, then) {
    if (/[?!…]$/.test(title)) return "“" + title + "”"
    return "“" + (title.endsWith(".") ? title.slice(0, -1) : title) + then + "”"
  }

  function dateParts(work) {
    return work.date.split("-").map(function (part) { return parseInt(part, 10) })
  }

  function how(work, by, with_) {
    by = by || "Interview by"
    with_ = with_ || "Interview with"
    if (work.interviewers.length) return by + " " + listed(namesOf(work.interviewers))
    return work.guests.length ? with_ + " " + listed(namesOf(work.guests)) : with_.split(" ")[0]
  }

  function chicagoDate(work) {
    var parts = dateParts(work)
    if (parts.length === 3) return MONTHS[parts[1] - 1] + " " + parts[2] + ", " + parts[0]
    return parts.length === 2 ? MONTHS[parts[1] - 1] + " " + parts[0] : String(parts[0])
  }

  function chicago(work) {
    var parts = [sentence(authorsInverted(work)), inQuotes(work.title, ".")]
    if (work.interview) {
      parts.push("In " + inQuotes(work.interview, ",") + " " + how(work, "interview by", "interview with") + ".")
    } else {
      parts.push(sentence(how(work)))
    }
    parts.push(sentence([work.publication, chicagoDate(work)].filter(Boolean).join(", ")))
    parts.push(sentence(work.url))
    return parts.join(" ")
  }

  function apa(work) {
    var names = work.authors.map(function (person) { return apaName(person, true) })
    var authors = names.length === 1 ? names[0] : names.slice(0, -1).join(", ") + ", & " + names[names.length - 1]
    var parts = dateParts(work)
    var date = String(parts[0]) + (parts.length > 1 ? ", " + MONTHS[parts[1] - 1] : "") + (parts.length > 2 ? " " + parts[2] : "")
    var asked = work.interviewers.map(function (person) { return apaName(person, false) })
    var what = asked.length ? "Interview by " + listed(asked, "&") : how(work)
    if (work.interview) what = what + ", in " + work.interview
    var entry = sentence(authors) + " (" + date + "). " + work.title.replace(/\.+$/, "") + " [" + what + "]."
    return [entry, work.publication ? sentence(work.publication) : "", work.url].filter(Boolean).join(" ")
  }

  function mla(work) {
    var parts = dateParts(work)
    var date = [].concat(parts.length > 2 ? [String(parts[2])] : [], parts.length > 1 ? [MLA_MONTHS[parts[1] - 1]] : [],
      [String(parts[0])]).join(" ")
    var container = work.interview ? [inQuotes(work.interview, ",")] : []
    var entry = [sentence(authorsInverted(work)), inQuotes(work.title, "."), how(work) + "."].concat(container)
    var tail = [work.publication, date, work.url.replace(/^https?:\/\//, "")].filter(Boolean).join(", ")
    return entry.concat([sentence(tail)]).join(" ")
  }

  var BIBTEX_NAMED = { "\\": "\\textbackslash{}", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}" }

  function bibtexText(text) {
    return text.replace(/[\\{}&%$#_^~]/g, function (c) { return BIBTEX_NAMED[c] || "\\" + c })
  }

  /* A name that is inverted has none of BibTeX's special characters (render/citations.py, family_given). */
  function bibtexNames(people) {
    return people.map(function (person) { return person[1] ? inverted(person) : "{" + bibtexText(person[0]) + "}" }).join(" and ")
  }

  function bibtex(work) {
    var parts = dateParts(work)
    var fields = [["author", bibtexNames(work.authors)], ["title", "{" + bibtexText(work.title) + "}"]]
    fields.push(["howpublished", bibtexText(how(work, "Interview by", "Interview with"))])
    if (work.interview) fields.push(["booktitle", "{" + bibtexText(work.interview) + "}"])
    if (work.publication) fields.push(["organization", bibtexText(work.publication)])
    fields.push(["year", String(parts[0])])
    if (parts.length > 1) fields.push(["month", String(parts[1])], ["date", work.date])
    fields.push(["url", work.url])
    var body = fields.map(function (field) { return "  " + field[0] + " = {" + field[1] + "}" }).join(",\n")
    return "@misc{" + work.key + ",\n" + body + "\n}"
  }

  function cslName(person) {
    return person[1] ? { family: person[1], given: person[2] } : { literal: person[0] }
  }

  function csl(work) {
    var item = { id: work.key, type: "interview", title: work.title }
    if (work.interview) item["container-title"] = work.interview
    item.author = work.authors.map(cslName)
    if (work.interviewers.length) item.interviewer = work.interviewers.map(cslName)
    else if (work.guests.length) item.note = "Interview with " + listed(namesOf(work.guests))
    if (work.publication) item.publisher = work.publication
    item.issued = { "date-parts": [dateParts(work)] }
    item.URL = work.url
    return item
  }

  function cslJson(work) {
    return JSON.stringify([csl(work)])
  }

  var WRITE = { "Chicago": chicago, "APA": apa, "MLA": mla, "BibTeX": bibtex, "CSL-JSON": cslJson }

  /* Every format's citation of `work`, by the name the menu shows, in the menu's order. */
  function formats(work) {
    var written = {}
    FORMATS.forEach(function (name) { written[name] = WRITE[name](work) })
    return written
  }

  /* `A`, `A and B`, `A, B and C` (wording.names). */
  function names(parts) {
    return parts.length === 1 ? parts[0] : parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1]
  }

  /* "Cite": speaker, “Title”, interview by X, Publication, Year, source. Exchange “…”: permalink (render/citation.py). */
  function citation(work, interview) {
    var by = work.interviewers.length ? "interview by " + work.interviewers[0][0]
      : work.guests.length ? "interview with " + names(namesOf(work.guests)) : "interview"
    var parts = [names(namesOf(work.authors)), "“" + work.interview + "”", by]
    if (work.publication) parts.push(work.publication)
    parts.push(work.date.slice(0, 4), interview.source)
    return parts.join(", ") + ". Exchange “" + work.title + "”: " + work.url
  }

  /* The interview's part, read from its menu's attributes (`get(name)` returns one). */
  function interviewOf(get) {
    var people = JSON.parse(get("data-kb-people"))
    var guests = get("data-kb-guests")
    return {
      title: get("data-kb-title"), date: get("data-kb-date"), publication: get("data-kb-publication"),
      source: get("data-kb-source"), url: get("data-kb-url"), people: people,
      guests: guests ? guests.split(",").map(function (at) { return people[Number(at)] }) : [],
    }
  }

  /* One exchange as a work (render/citations.py, of_exchange): `cite` is its data-kb-cite, `id` its anchor. */
  function exchangeWork(interview, cite, label, id) {
    var parts = cite.split(":")
    var asker = interview.people[Number(parts[0])]
    var answering = parts[1] ? parts[1].split(",").map(function (at) { return interview.people[Number(at)] }) : []
    return {
      key: id, title: label, interview: interview.title,
      authors: answering.length ? answering : [asker],
      interviewers: answering.length ? [asker] : [],
      guests: answering.length ? [] : interview.guests.filter(function (guest) { return guest[0] !== asker[0] }),
      date: interview.date, publication: interview.publication, url: interview.url + "#" + id,
    }
  }

  return { FORMATS: FORMATS, formats: formats, citation: citation, interviewOf: interviewOf, exchangeWork: exchangeWork }
})()

if (typeof document$ !== "undefined") {
  (function () {
    /* The exchange of the "Cite" button or "Cite as…" menu `element`, as a work; null outside an interview page. */
    function workOf(element) {
      var line = element.closest(".kb-exchange-meta")
      var cite = line && line.querySelector("button.kb-cite[data-kb-cite]")
      var data = document.querySelector(".kb-cite-formats[data-kb-people]")
      var heading = line && line.previousElementSibling
      if (!cite || !data || !heading || !heading.id) return null
      var interview = kbCite.interviewOf(function (name) { return data.getAttribute(name) || "" })
      return { interview: interview,
        work: kbCite.exchangeWork(interview, cite.getAttribute("data-kb-cite"), cite.getAttribute("data-kb-label"), heading.id) }
    }

    function prepareCite(event) {
      var button = event.target instanceof Element && event.target.closest("button.kb-cite")
      if (!button || button.hasAttribute("data-clipboard-text")) return
      var found = workOf(button)
      if (!found) return
      var text = kbCite.citation(found.work, found.interview)
      button.setAttribute("title", text)
      button.setAttribute("data-clipboard-text", text)
    }

    /* Before Material's clipboard handler, which listens on the body, reads the attribute. */
    ["pointerover", "focusin", "click"].forEach(function (type) { document.addEventListener(type, prepareCite, true) })

    /* `toggle` does not bubble, but it is seen on its way down. */
    document.addEventListener("toggle", function (event) {
      var menu = event.target
      if (!(menu instanceof HTMLDetailsElement) || !menu.open || !menu.matches(".kb-exchange-meta .kb-cite-formats")) return
      if (menu.querySelector("button.kb-cite-format")) return
      var found = workOf(menu)
      if (!found) return
      var written = kbCite.formats(found.work)
      kbCite.FORMATS.forEach(function (name) {
        var button = document.createElement("button")
        button.type = "button"
        button.className = "kb-cite-format"
        button.setAttribute("data-clipboard-text", written[name])
        button.setAttribute("aria-label", "Copy the " + name + " citation of this exchange")
        button.textContent = name
        menu.append(" ", button)
      })
    }, true)
  })()
}
