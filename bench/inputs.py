#!/usr/bin/env python3
"""Single-article dossiers for the scale and robustness targets of issue 11.

    bench/inputs.py KIND OUT [--size N] [--actors N]

KIND is one of:

  large          one article of N MB (default 20) with 100 excerpts and 50 actors (--actors)
                 whose names occur throughout: anchoring, mentions and rendering stay linear
  nested-list    an article that is one list N levels deep (`- - - ...`, default 50,000)
  nested-quote   an article that is one block quote N levels deep (`> > > ...`, default 50,000)
  entities       an article that is one paragraph of N MB (default 10) of `&amp;`
  many-excerpts  N excerpts (default 80,000) on one article of about 2.6 MB, each quoting its
                 own sentence: anchoring must not scan the article once per quote

and variants that reach the other paths the same hostile shapes can take:

  nested-page    a free page (content/pages/) that is one list N levels deep (default 50,000):
                 Markdown fields go through the HTML sanitiser, unlike plain article blocks
  nested-link    an article that is one list N levels deep ending in a link with a title, so
                 its one block goes through the sanitiser too
  nested-html    an article that is one raw `<div>` N levels deep (default 50,000)
  one-paragraph  N excerpts (default 80,000) on an article of about 2.6 MB written as one
                 paragraph: each excerpt page must not copy the whole paragraph

OUT is a folder to create. Python 3 standard library only; the output depends only on the
arguments.
"""

import argparse
import os
import sys


def start(root, title):
    os.makedirs(f"{root}/content/articles")
    with open(f"{root}/dossier.yaml", "w") as f:
        f.write(f'title: "{title}"\n')


def article(root, text, excerpts=None):
    with open(f"{root}/content/articles/2020-01-01-input.md", "w") as f:
        f.write('---\ntitle: "Input"\noutlet: "Wire"\npublished: 2020-01-01\n---\n' + text + "\n")
    if excerpts:
        with open(f"{root}/content/articles/2020-01-01-input.yaml", "w") as f:
            f.write("excerpts:\n")
            f.writelines(excerpts)


def large(root, mb, count=50):
    start(root, "Benchmark: one large article")
    os.makedirs(f"{root}/content/actors")
    actors = [f"Actor Number{i}" for i in range(count)]
    for i, name in enumerate(actors):
        with open(f"{root}/content/actors/actor-{i}.yaml", "w") as f:
            f.write(f'name: "{name}"\nkind: person\n')
    paras, size, n = [], 0, 0
    while size < mb * 1024 * 1024:
        p = (f"Paragraph {n}: {actors[n % count]} *said* that the [report](https://example.org/{n}) "
             f"was \u201cnot accurate\u201d \u2014 and {actors[(n * 7) % count]} replied on line {n}.")
        paras.append(p)
        size += len(p.encode()) + 2
        n += 1
    step = max(1, n // 100)
    excerpts = []
    for k, i in enumerate(range(0, n, step)):
        if k == 100:
            break
        excerpts.append(f'  - id: e{k}\n    quote: "Paragraph {i}: {actors[i % count]} said that the report"\n'
                        f'    speaker: actor-{i % count}\n    form: reported\n    stance: statement\n')
    article(root, "\n\n".join(paras), excerpts)
    return f"article: {size / 1048576:.1f} MiB, {n} paragraphs, {len(excerpts)} excerpts, {count} actors"


def nested(root, depth, marker):
    start(root, "Benchmark: nesting")
    article(root, marker * depth + "deep")
    return f"article: {depth} nested `{marker.strip()}`, {depth * len(marker) / 1024:.0f} KiB"


def nested_page(root, depth):
    start(root, "Benchmark: nesting in a page")
    article(root, "A plain article.")
    os.makedirs(f"{root}/content/pages")
    with open(f"{root}/content/pages/deep.md", "w") as f:
        f.write('---\ntitle: "Deep"\n---\n' + "- " * depth + "deep\n")
    return f"page: {depth} nested `-`, {depth * 2 / 1024:.0f} KiB"


def entities(root, mb):
    start(root, "Benchmark: entities")
    n = mb * 1024 * 1024 // 5
    article(root, "&amp;" * n)
    return f"article: one paragraph of {n} `&amp;`, {n * 5 / 1048576:.1f} MiB"


def many_excerpts(root, count):
    start(root, "Benchmark: many excerpts")
    sentences = [f"Entry {i:05d} was filed by desk {i % 97}." for i in range(count)]
    # Ten sentences a paragraph, so the article is an ordinary text of about 2.6 MB at 80,000.
    text = "\n\n".join(" ".join(sentences[i:i + 10]) for i in range(0, count, 10))
    # Only `quote:` (the default id and form): the YAML reader's budget of 250,000 nodes
    # allows about 83,000 such excerpts in one annotation file.
    excerpts = [f'  - quote: "Entry {i:05d} was filed"\n' for i in range(count)]
    article(root, text, excerpts)
    return f"article: {len(text.encode()) / 1048576:.1f} MiB, {count} excerpts"


def one_paragraph(root, count):
    start(root, "Benchmark: many excerpts in one paragraph")
    text = " ".join(f"Entry {i:05d} was filed by desk {i % 97}." for i in range(count))
    excerpts = [f'  - quote: "Entry {i:05d} was filed"\n' for i in range(count)]
    article(root, text, excerpts)
    return f"article: one paragraph of {len(text.encode()) / 1048576:.1f} MiB, {count} excerpts"


KINDS = ["large", "nested-list", "nested-quote", "entities", "many-excerpts", "nested-page", "nested-link",
         "nested-html", "one-paragraph"]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("kind", choices=KINDS)
    p.add_argument("out", help="folder to create (it must not exist)")
    p.add_argument("--size", type=int, help="MB for large and entities; depth for nested-*; number of excerpts")
    p.add_argument("--actors", type=int, default=50, help="number of actors named in large (default 50)")
    a = p.parse_args()
    if os.path.exists(a.out):
        sys.exit(f"error: {a.out} exists; give a new folder")
    if a.kind == "large":
        print(large(a.out, a.size or 20, a.actors))
    elif a.kind == "nested-list":
        print(nested(a.out, a.size or 50000, "- "))
    elif a.kind == "nested-quote":
        print(nested(a.out, a.size or 50000, "> "))
    elif a.kind == "entities":
        print(entities(a.out, a.size or 10))
    elif a.kind == "many-excerpts":
        print(many_excerpts(a.out, a.size or 80000))
    elif a.kind == "nested-page":
        print(nested_page(a.out, a.size or 50000))
    elif a.kind == "nested-link":
        start(a.out, "Benchmark: nesting with a link")
        depth = a.size or 50000
        article(a.out, "- " * depth + '[deep](https://example.org/deep "Deep")')
        print(f"article: {depth} nested `-` ending in a link with a title")
    elif a.kind == "nested-html":
        start(a.out, "Benchmark: nested raw HTML")
        depth = a.size or 50000
        article(a.out, "<div>" * depth + "deep" + "</div>" * depth)
        print(f"article: one HTML block of {depth} nested `<div>`, {depth * 11 / 1048576:.1f} MiB")
    else:
        print(one_paragraph(a.out, a.size or 80000))


if __name__ == "__main__":
    main()
