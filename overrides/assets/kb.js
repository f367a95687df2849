/* "Link to this exchange": a plain link to the exchange's anchor that copies the
   exchange's share address (its own small page, which link previewers read and
   which sends a reader on to the exchange; `data-kb-share`, relative to the
   link), through Material's own clipboard handler (it acts on any element with
   data-clipboard-text and shows "Copied to clipboard"). */
document$.subscribe(function () {
  document.querySelectorAll("a.kb-copy-link").forEach(function (link) {
    var share = link.getAttribute("data-kb-share")
    link.setAttribute("data-clipboard-text", share ? new URL(share, link.href).href : link.href)
    link.setAttribute("title", "Copy the permanent link to this exchange")
  })
})

/* Glossary terms: Material shows an <abbr>'s definition as a tooltip on hover
   and when the element has keyboard focus, so make each term focusable. */
document$.subscribe(function () {
  document.querySelectorAll("article abbr[title]").forEach(function (term) {
    term.setAttribute("tabindex", "0")
  })
})

/* The search dialog needs an accessible name (axe: aria-dialog-name). Material's
   search partial has none; name it after the search field rather than fork it. */
document$.subscribe(function () {
  var dialog = document.querySelector(".md-search[role=dialog]")
  var field = dialog && dialog.querySelector("input[aria-label]")
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label"))
  }
})

/* Back and Forward land on the exchange in the address. Material restores the
   scroll offset it saved, which cannot be trusted: it saves 100 ms after the
   last scroll into whatever history entry is current then (Back pressed within
   100 ms of scrolling one page writes that page's offset into the previous
   entry), and a long interview's turns are laid out only near the screen
   (assets/kb.css), so an offset measured once they were is not the same place
   in the page rebuilt from history. After an instant navigation that leaves the
   element the address names not the page's :target, go to it the way Material
   does: by following a link to the address's own fragment (which replaces the
   history entry and sets :target, above which every turn is laid out, and whose
   scroll margin keeps the heading clear of the fixed header). The click does
   not bubble, so instant navigation does not see it. */
document$.subscribe(function () {
  var id = location.hash.slice(1)
  try {
    id = decodeURIComponent(id)
  } catch (error) {
    if (!(error instanceof URIError)) throw error // not percent-encoding (`#%E0%A4%A`): the fragment as it is
  }
  if (!id) return
  requestAnimationFrame(function () {
    var target = document.getElementById(id)
    if (target && !target.matches(":target")) {
      var link = document.createElement("a")
      link.href = location.hash
      link.addEventListener("click", function (event) { event.stopPropagation() })
      link.click()
    }
  })
})
