"""The site's search index, written by Pagefind: one record per exchange, in `<site>/pagefind/`.

- records.py — the records and the parts of the index, made from the knowledge base (pure: no Pagefind, no files);
- pagefind.py — finding, running and stopping Pagefind, and rewriting its output;
- index.py — the records written out for Pagefind, indexed part by part, and swapped into the site;
- background.py — the index written in a thread while MkDocs renders the pages, waited for or stopped.
"""
