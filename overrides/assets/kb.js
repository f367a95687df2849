/* "Link to this exchange": a plain link to the exchange's anchor that also
   copies its absolute URL, through Material's own clipboard handler (it acts on
   any element with data-clipboard-text and shows "Copied to clipboard"). */
document$.subscribe(function () {
  document.querySelectorAll("a.kb-copy-link").forEach(function (link) {
    link.setAttribute("data-clipboard-text", link.href)
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
