"""Reads a built site's exports with the libraries their users have (run by tests/exports.rs).

usage: python3 tests/exports.py SITE CONTEXT BASE

SITE is a built site, CONTEXT the vendored Web Annotation context (tests/fixtures/jsonld/
anno.jsonld), BASE the address annotations.jsonld would be published at. Checks, against the
site's own dossier.json:
- annotations.jsonld: expanded by PyLD with a document loader that serves CONTEXT for the
  context's address and refuses any other (no network); every term is defined by the context
  (expansion silently drops an undefined one), every annotation keeps its target, selectors
  and bodies;
- graph.graphml: read by networkx, one node per actor with its label and kind, one edge per
  relation, co-mention edges weighted as dossier.json's `seen_with` counts;
- followthemoney.jsonl: each line read by the followthemoney model with cleaned=False (every
  value re-validated), no value changed by cleaning, the schema's validation passing, and
  every entity reference resolving within the file;
- incidents.ics: parsed by the icalendar package, one event per incident.
Prints one line per file and exits non-zero on the first failure, or when a package is
missing (.ci/run installs them).
"""

import json
import os
import sys

try:
    import icalendar
    import networkx as nx
    from followthemoney import model
    from pyld import jsonld
except ImportError as e:  # a missing package fails the test: it is never skipped
    sys.exit(f"exports.py needs PyLD, networkx, followthemoney and icalendar from PyPI "
             f"(.ci/run installs them: pip install -r tests/requirements.txt): {e}")

CONTEXT_URLS = {"http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"}
OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"


def check(cond, what):
    if not cond:
        sys.exit(f"FAIL: {what}")


def annotations(site, context_path, base, data):
    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)

    def loader(url, options=None):
        if url in CONTEXT_URLS:
            return {"contentType": "application/ld+json", "contextUrl": None,
                    "documentUrl": url, "document": context}
        raise jsonld.JsonLdError(f"no network in tests: {url}", "jsonld.LoadDocumentError",
                                 code="loading document failed")

    jsonld.set_document_loader(loader)
    with open(os.path.join(site, "annotations.jsonld"), encoding="utf-8") as f:
        doc = json.load(f)
    terms = set(context["@context"])

    def keys(node):  # every key used, so that none is silently dropped by expansion
        if isinstance(node, dict):
            for k, v in node.items():
                yield k
                yield from keys(v)
        elif isinstance(node, list):
            for v in node:
                yield from keys(v)

    undefined = {k for k in keys(doc) if k not in terms and k != "@context"}
    check(not undefined, f"annotations.jsonld uses terms the context does not define: {undefined}")

    expanded = jsonld.expand(doc, {"base": base})
    check(len(expanded) == 1, "one top-level node")
    coll = expanded[0]
    check(coll["@type"] == [AS + "OrderedCollection"], f"an AnnotationCollection: {coll['@type']}")
    check(coll["@id"] == base, f"the collection's id is the file's address: {coll['@id']}")
    total = int(coll[AS + "totalItems"][0]["@value"])
    page = coll[AS + "first"][0]
    check(page["@type"] == [AS + "OrderedCollectionPage"], "the first page is an AnnotationPage")
    items = page[AS + "items"][0]["@list"]
    check(total == len(items) == len(data["excerpts"]),
          f"one annotation per excerpt: total {total}, items {len(items)}, excerpts {len(data['excerpts'])}")
    ids = {e["id"] for e in data["excerpts"]}
    for a in items:
        check(a["@type"] == [OA + "Annotation"], f"an Annotation: {a['@type']}")
        eid = a["@id"].split("#", 1)[1]
        check(eid in ids, f"annotation {a['@id']} names an excerpt")
        target = a[OA + "hasTarget"][0]
        check(target[OA + "hasSource"][0]["@id"].startswith("http"), "the target's source is an absolute IRI")
        kinds = {}
        for s in target[OA + "hasSelector"]:
            kinds[s["@type"][0]] = s
        quote = kinds[OA + "TextQuoteSelector"]
        check(quote[OA + "exact"][0]["@value"], f"{eid}: an exact quote")
        pos = kinds[OA + "TextPositionSelector"]
        start = pos[OA + "start"][0]
        end = pos[OA + "end"][0]
        check(start["@type"] == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger", "typed start")
        check(int(start["@value"]) <= int(end["@value"]), f"{eid}: start <= end")
        check(len(quote[OA + "exact"][0]["@value"]) == int(end["@value"]) - int(start["@value"]),
              f"{eid}: the position spans the quote's code points")
        bodies = a[OA + "hasBody"]
        check(any(OA + "linking" in [p["@id"] for p in b.get(OA + "hasPurpose", [])] for b in bodies),
              f"{eid}: a link to the excerpt's page")
        for b in bodies:
            for t in b["@type"]:
                check(t.startswith(OA), f"{eid}: body type {t} is the Web Annotation vocabulary's")
    print(f"annotations.jsonld: {len(items)} annotations expanded by PyLD")


def graph(site, data):
    g = nx.read_graphml(os.path.join(site, "graph.graphml"))
    check(g.is_directed(), "a directed graph")
    actors = {a["id"]: a for a in data["actors"]}
    check(set(g.nodes) == set(actors), f"one node per actor: {sorted(g.nodes)}")
    for n, attrs in g.nodes(data=True):
        check(attrs["label"] == actors[n]["name"], f"{n}: label")
        check(attrs["kind"] == actors[n]["kind"], f"{n}: kind")
    edges = list(g.edges(data=True))
    relations = [(a["id"], r["actor"], r["type"]) for a in data["actors"] for r in a["relations"]]
    got = [(u, v, d["relation"]) for u, v, d in edges if d["kind"] == "relation"]
    check(sorted(got) == sorted(relations), f"relations: {got} != {relations}")
    pairs = {}
    for a in data["actors"]:
        for s in a["seen_with"]:
            pairs[frozenset((a["id"], s["actor"]))] = s["count"]
    got = {frozenset((u, v)): d["weight"] for u, v, d in edges if d["kind"] == "co-mention"}
    check(got == {k: float(v) for k, v in pairs.items()}, f"co-mention weights: {got} != {pairs}")
    check(all(isinstance(w, float) for w in got.values()), "weights read as numbers")
    print(f"graph.graphml: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges read by networkx")


def ftm(site, data):
    entities = []
    with open(os.path.join(site, "followthemoney.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            entities.append((n, json.loads(line)))
    ids = [e["id"] for _, e in entities]
    check(len(ids) == len(set(ids)), "entity ids are unique")
    known = set(ids)
    counts = {}
    for n, raw in entities:
        proxy = model.get_proxy(raw, cleaned=False)
        schema = proxy.schema
        check(schema.name == raw["schema"], f"line {n}: schema {raw['schema']}")
        counts[schema.name] = counts.get(schema.name, 0) + 1
        for name, values in raw["properties"].items():
            prop = schema.get(name)
            check(prop is not None, f"line {n}: {schema.name} has no property {name}")
            cleaned = proxy.get(name)
            check(sorted(cleaned) == sorted(values),
                  f"line {n}: {schema.name}.{name}: {values} cleaned to {cleaned}")
            check(prop.validate(values) is None, f"line {n}: {schema.name}.{name}: {prop.validate(values)}")
            if prop.type.name == "entity":
                for v in values:
                    check(v in known, f"line {n}: {name} names {v}, which the file does not hold")
                    target = next(e for _, e in entities if e["id"] == v)
                    check(model.get(target["schema"]).is_a(prop.range),
                          f"line {n}: {name} must be a {prop.range.name}, {v} is a {target['schema']}")
        schema.validate(proxy.to_dict())  # raises on a missing required property
    check(counts.get("Note", 0) == len(data["excerpts"]), f"a Note per excerpt: {counts}")
    check(counts.get("Article", 0) == len(data["articles"]), f"an Article per article: {counts}")
    check(counts.get("Event", 0) == len(data["incidents"]), f"an Event per incident: {counts}")
    people = sum(1 for a in data["actors"] if a["kind"] == "person")
    check(counts.get("Person", 0) == people, f"a Person per person: {counts}")
    print(f"followthemoney.jsonl: {len(entities)} entities valid for followthemoney ({counts})")


def calendar(site, data):
    with open(os.path.join(site, "incidents.ics"), "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = cal.walk("VEVENT")
    check(len(events) == len(data["incidents"]), f"one event per incident: {len(events)}")
    by_uid = {str(e["UID"]).split("@")[0]: e for e in events}
    for x in data["incidents"]:
        e = by_uid[f"incident-{x['id']}"]
        check(str(e["SUMMARY"]) == x["title"], f"{x['id']}: summary {e['SUMMARY']!r}")
        start = e["DTSTART"].dt
        check(start.isoformat().startswith(x["date"]) or x["date"] in start.isoformat()[:len(x["date"])],
              f"{x['id']}: starts {start} for {x['date']}")
        check(e["DTEND"].dt > start, f"{x['id']}: ends after it starts")
    print(f"incidents.ics: {len(events)} events read by icalendar")


def main():
    site, context_path, base = sys.argv[1:4]
    with open(os.path.join(site, "dossier.json"), encoding="utf-8") as f:
        data = json.load(f)
    annotations(site, context_path, base, data)
    graph(site, data)
    ftm(site, data)
    calendar(site, data)
    print("exports read by their consumers")


if __name__ == "__main__":
    main()
