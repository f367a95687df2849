/* The result list, written into the page: results grouped under their interview, "Other pages",
   the line saying what a search was corrected to, and the words highlighted where a result lands. */

import { excerptParts } from "./text.mjs"

export function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text) node.textContent = text
  return node
}

/* A result's address with the words it was found by (`?h=`), before its `#anchor`. */
export function link(url, words) {
  const [path, anchor] = url.split("#")
  return path + "?h=" + encodeURIComponent(words.join(" ")) + (anchor ? "#" + anchor : "")
}

/* Pagefind's excerpt, its matched words marked, as the transcript writes it (`excerptParts`). */
function excerpt(html, content) {
  const paragraph = document.createElement("p")
  excerptParts(html, content).forEach((part) => {
    const text = document.createTextNode(part.text)
    if (part.marked) {
      const mark = document.createElement("mark")
      mark.appendChild(text)
      paragraph.appendChild(mark)
    } else {
      paragraph.appendChild(text)
    }
  })
  return paragraph
}

function resultLink(href, title, lines) {
  const li = element("li")
  const a = element("a", "md-search-result__link")
  a.href = href
  const article = element("div", "md-search-result__article md-typeset")
  article.appendChild(element("p", "kb-search-result__title", title))
  lines.forEach((line) => article.appendChild(line))
  a.appendChild(article)
  li.appendChild(a)
  return li
}

/* `data` (Pagefind's result data) as items of the list: groups in the order of their best result. */
export function resultGroups(data, words, siteBase) {
  const groups = new Map()
  data.forEach((d) => {
    const key = d.meta.interview || ""
    if (!groups.has(key)) groups.set(key, { meta: d.meta, items: [] })
    groups.get(key).items.push(d)
  })
  return [...groups.values()].map((group) => {
    const item = element("li", "md-search-result__item kb-search-group")
    const title = element("p", "kb-search-group__title")
    title.appendChild(element("cite", "", group.meta.interview))
    if (group.meta.date) title.appendChild(document.createTextNode(" · " + group.meta.date))
    item.appendChild(title)
    const inner = element("ol", "kb-search-group__list")
    group.items.forEach((d) => {
      const lines = d.meta.speaker ? [element("p", "kb-search-result__by", d.meta.speaker)] : []
      lines.push(excerpt(d.excerpt || "", d.content))
      inner.appendChild(resultLink(link(d.meta.url ? siteBase + d.meta.url : d.url, words), d.meta.title, lines))
    })
    item.appendChild(inner)
    return item
  })
}

/* Other pages as one group of the list. */
export function pageGroup(found, siteBase) {
  const item = element("li", "md-search-result__item kb-search-group")
  item.appendChild(element("p", "kb-search-group__title", "Other pages"))
  const inner = element("ol", "kb-search-group__list")
  found.forEach((page) => inner.appendChild(resultLink(siteBase + page.url, page.title, page.text ? [element("p", "", page.text)] : [])))
  item.appendChild(inner)
  return item
}

export function countLine(total) {
  return total === 0 ? "No matching exchanges" : total === 1 ? "1 matching exchange" : total + " matching exchanges"
}

/* "Showing results for *corrected* — search instead for *typed*": `onOriginal` searches the query as typed. */
export function correctionLine(corrected, typed, onOriginal) {
  const line = element("p", "kb-search-correction")
  line.setAttribute("data-kb-corrected", corrected)
  line.append("Showing results for ", element("em", "", corrected), " — search instead for ")
  const original = element("a", "", "")
  original.href = "?q=" + encodeURIComponent(typed)
  original.setAttribute("data-kb-search-original", "")
  original.appendChild(element("em", "", typed))
  original.addEventListener("click", (event) => {
    event.preventDefault()
    onOriginal()
  })
  line.appendChild(original)
  return line
}

/* The blocks of the section that starts at `heading`: it and what follows it up to the next heading of its level. */
export function section(heading) {
  const blocks = [heading]
  for (let n = heading.nextElementSibling; n && n.tagName !== heading.tagName; n = n.nextElementSibling) blocks.push(n)
  return blocks
}

/* Mark `words` in the section that starts at `heading` (`mark[data-md-highlight]`), with Pagefind's
   own highlighting (`pagefind-highlight.js`, its mark.js, fetched from `script` only when a result
   is landed on): each word where it occurs, not in the exchange's meta line or the heading's link. */
export async function highlight(heading, words, script) {
  if (!words.length) return
  const { default: PagefindHighlight } = await import(script)
  // Pagefind reads the words from its own address parameter; these come from the result chosen or `?h=`.
  class Words extends PagefindHighlight {
    getHighlightParams() {
      return words
    }
  }
  new Words({
    markContext: section(heading),
    addStyles: false,
    markOptions: {
      className: "kb-search-highlight",
      exclude: [".headerlink", ".headerlink *", ".kb-exchange-meta", ".kb-exchange-meta *", "mark", "mark *"],
      each: (mark) => mark.setAttribute("data-md-highlight", ""),
    },
  })
}
