/* The interview page's downloads saved as the files they are: the site stores them gzip-compressed.

   `downloads/<slug>.txt.gz` and the others (scripts/interview_kb/outputs/downloads.py) are about a
   third of their size compressed, and a long archive's downloads were the largest part of what it
   published. A click on a download link fetches the file, decompresses it in the browser and saves
   it under its own name (`<slug>.md`), its bytes exactly as the build made them. A server that sends
   the file already decoded (`Content-Encoding: gzip`) is read as it came. Without JavaScript, or in
   a browser without DecompressionStream, or when the fetch fails, the link saves the `.gz` itself. */

const GZIP = [0x1f, 0x8b]
const TYPES = { txt: "text/plain", md: "text/markdown", bib: "application/x-bibtex", json: "application/json" }

/** The name a download is saved under: the link's file name without `.gz`. */
export function savedName(href, base = location.href) {
  const name = decodeURIComponent(new URL(href, base).pathname.split("/").pop())
  return name.replace(/\.gz$/, "")
}

/** The media type of a saved file, by its extension. */
export function mediaType(name) {
  const type = TYPES[name.split(".").pop()]
  return type ? `${type};charset=utf-8` : "application/octet-stream"
}

/** The response's bytes, decompressed when they are gzip. */
export async function uncompressed(response) {
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1]) return bytes
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

async function save(link) {
  const response = await fetch(link.href)
  if (!response.ok) throw new Error(`${link.href}: ${response.status}`)
  const name = savedName(link.href)
  const url = URL.createObjectURL(new Blob([await uncompressed(response)], { type: mediaType(name) }))
  const saving = document.createElement("a")
  saving.href = url
  saving.download = name
  document.body.append(saving)
  saving.click()
  saving.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000) // the browser has the file long before
}

if (typeof document !== "undefined") document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[download][href$=".gz"]') : null
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  if (typeof DecompressionStream === "undefined") return
  event.preventDefault()
  save(link).catch(() => {
    location.href = link.href // saves the compressed file, as without JavaScript
  })
})
