#!/usr/bin/env python3
"""Synthetic dossier for the benchmark (issue 11), and the same site for Hugo.

    bench/gen.py --articles 1000 --out DIR [--seed 11] [--hugo]

writes DIR/dossier (a dossier: dossier.yaml and content/) and, with --hugo,
DIR/hugo (a Hugo site of the same articles, with the templates of bench/hugo/).

The shape is the one issue 11 measures: N articles of about 2-3 KB each, each
with 5 excerpts that have a speaker and a `form`, N/5 actors and N/10
incidents (200 and 100 at 1,000 articles, so about 6,300 pages), actors named
in the article texts. The numbers of actors and incidents grow with N, as in
the issue's target "50,000 articles, 10,000 actors and 5,000 incidents";
--actors and --incidents override them.

Every quote is anchored exactly once in its article; a `form: direct` passage
is inside quotation marks and its quotation is attributed to its speaker by
name; a reported passage is outside quotation marks (docs/format.md, "Who said
it"). So `dossier check --strict` is clean. The output depends only on the
arguments: the same seed gives the same bytes. Python 3 standard library only.
"""

import argparse
import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- word banks

FIRST = """Amara Bilal Chen Dara Elif Farid Greta Hassan Ines Jonas Karim Lena Malik Nadia
Omar Petra Qadir Rania Samir Tariq Ulla Viktor Wen Yusuf Zara Anil Beatriz Cyrus Dmitri
Esra Fatima Goran Hana Ivo Jamal Kenji Leila Marek Noor Oskar Priya Rustam Sofia Timur
Umar Vera Walid Yara Zoltan Aisha Bruno Carmen Davit Emre Femi Gul Hamid Irena Javed""".split()

SYL = """ka ra mi to ve lan dor si ne ba qu el ost ar im ur zen fa lo mer tiv gan sol
pek run dal vis hor mon tan bel cor dra fen gil hal jor kel lum nor pal rav sek tor
vel yan zor ash bri cal dem""".split()

STATE_END = ["ia", "istan", "land", "ova", "ar", "ene", "ium"]
AGENCY = ["Intelligence Directorate", "Interior Ministry", "Border Police", "Foreign Office",
          "Security Council", "Defence Ministry", "Counter-Terrorism Unit", "State Media Office"]
GROUP = ["Front", "Brigade", "Movement", "Army", "Legion", "Council"]
ORG = ["Relief Fund", "Human Rights Watchers", "Peace Institute", "Trade Union", "Bar Association",
       "Red Crescent Society"]
MEDIA = ["Herald", "Wire", "Ledger", "Observer", "Tribune", "Broadcast"]
OUTLETS = ["Harbour Wire", "The Northern Ledger", "Capital Tribune", "Frontier Observer",
           "Evening Dispatch", "Global Newsdesk", "The Daily Courier", "Continental Press",
           "River Post", "Metro Bulletin", "Pacific Report", "Mountain Gazette"]
AUTHORS = ["A. Writer", "B. Reporter", "C. Correspondent", "D. Stringer", "E. Editor",
           "F. Columnist", "G. Analyst", "H. Desk"]

PLACES = ["Kessport", "Amrel", "Tolvan", "the northern border", "the capital", "Dunmara",
          "Sirakh", "the eastern province", "Port Velin", "Qaradel", "the river valley",
          "Haldor", "Marisa", "the old city", "Zenkot", "Belvar", "the mountain passes",
          "Ostrava Bay", "Lunmor", "the coastal highway"]
INCIDENT_KINDS = ["attack", "raid", "arrest", "airstrike", "clash", "meeting", "statement",
                  "policy", "other"]
INCIDENT_NAMES = {"attack": "Attack on", "raid": "Raid in", "arrest": "Arrests in",
                  "airstrike": "Airstrike near", "clash": "Clashes at", "meeting": "Talks in",
                  "statement": "Joint statement in", "policy": "Curfew in", "other": "Protests in"}
STANCES_DIRECT = ["statement", "denial", "demand", "warning", "assurance", "condemnation",
                  "commitment"]
STANCES_REPORTED = ["allegation", "report", "assessment", "statement", "commitment", "denial"]
RELATIONS = ["member-of", "leader-of", "spokesperson-for", "part-of", "allied-with",
             "accused-of-links-to", "opposes", "negotiates-with"]
STATUSES = ["alleged", "suspected", "claimed", "confirmed", "denied"]
TAGS = ["border", "ceasefire", "sanctions", "talks", "detentions", "aid", "elections",
        "militancy", "diplomacy", "evidence", "extradition", "shelling", "protests", "refugees",
        "inquiry", "funding", "trade", "curfew", "courts", "media"]

SUBJECTS = ["the government", "the security service", "the border force", "our ministry",
            "the coalition", "the inquiry team", "the army", "the committee", "the delegation",
            "the administration", "our party", "the prosecutor", "the negotiating team", "the cabinet",
            "the provincial council", "the military"]
VERBS = ["would review", "had rejected", "will investigate", "could not confirm", "has suspended",
         "is ready to resume", "had demanded", "will not accept", "has welcomed", "would expand",
         "had ignored", "must explain", "will publish", "has postponed", "cannot support",
         "would respect", "had blocked", "will share", "has condemned", "is still studying"]
OBJECTS = ["the ceasefire proposal", "the evidence from {place}", "the reports of shelling near {place}",
           "the arrests in {place}", "the sanctions on {actor}", "the talks with {actor}",
           "the inquiry into the violence in {place}", "the aid convoy to {place}",
           "the extradition request", "the charges against {actor}", "the agreement on {tag}",
           "the list of detainees", "the findings of the commission", "the claims made by {actor}",
           "the plan to reopen the crossing at {place}", "the new rules on {tag}"]
QUALIFIERS = ["before the end of {month}", "within {n} days", "after the meeting in {place}",
              "without further delay", "under pressure from {actor}", "as soon as possible",
              "despite the warnings", "on {weekday}", "until the violence stops",
              "once the investigation is complete", "in the coming weeks", "for the time being",
              "in spite of the objections of {actor}", "by {month} at the latest"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SPEECH = [("said", ""), ("said", " on {weekday}"), ("told", " reporters in {place}"),
          ("said", " in a statement"), ("told", " the {outlet}"), ("added", "")]
FILLER = [
    "{actor} arrived in {place} on {weekday} for two days of meetings with {actor2}.",
    "The violence in {place} has displaced about {n} families since {month}, *local officials* estimate.",
    "Diplomats in {place} described the mood as tense but not hopeless.",
    "{actor} has been at the centre of the dispute over {tag} for several years.",
    "The talks follow weeks of [reports of clashes](https://news.example.org/{n}/{tag}) near {place}.",
    "Neither side has published the documents, and the figures could not be independently verified.",
    "Residents of {place} said the roads to {place2} had been closed since {weekday}.",
    "The dispute has strained relations between {actor} and {actor2}, analysts say.",
    "A spokesman for {actor} did not respond to requests for comment by {weekday} evening.",
    "The meeting in {place} was the first of its kind since {month}.",
    "Earlier this year, {actor} had proposed a **joint commission** on {tag}, which {actor2} turned down.",
    "Markets in {place} reopened on {weekday} after {n} days of closure.",
    "Observers from {actor} are expected to visit {place} before the end of {month}.",
    "The last round of negotiations, held in {place}, collapsed over the question of {tag}.",
]


def cap(s):
    return s[0].upper() + s[1:]


def slug(s):
    out, dash = [], False
    for ch in s.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
            dash = False
        elif out and not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def yq(s):
    """A YAML double-quoted string."""
    return json.dumps(s, ensure_ascii=False)


class Gen:
    def __init__(self, n_articles, n_actors, n_incidents, seed):
        self.r = random.Random(seed)
        self.n, self.na, self.ni = n_articles, n_actors, n_incidents
        self.make_actors()
        self.make_incidents()
        self.make_articles()
        self.finish_incidents()

    # ------------------------------------------------------------- actors
    def word(self, parts):
        return cap("".join(self.r.choice(SYL) for _ in range(parts)))

    def unique(self, make, taken):
        while True:
            s = make()
            if s not in taken and slug(s) not in taken:
                taken.add(s)
                taken.add(slug(s))
                return s

    def make_actors(self):
        r, taken = self.r, set()
        n_states = max(2, self.na // 10)
        self.actors = []
        states = []
        for _ in range(n_states):
            name = self.unique(lambda: self.word(2) + r.choice(STATE_END), taken)
            states.append(name)
            self.actors.append({"name": name, "kind": "state"})
        kinds = ["person"] * 12 + ["agency"] * 3 + ["armed-group"] * 2 + ["organization"] * 2 + ["media"]
        surnames = set()
        while len(self.actors) < self.na:
            kind = r.choice(kinds)
            home = r.choice(states)
            if kind == "person":
                name = self.unique(lambda: r.choice(FIRST) + " " + self.word(r.choice([2, 3])), taken)
            elif kind == "agency":
                name = self.unique(lambda: home + " " + r.choice(AGENCY), taken)
            elif kind == "armed-group":
                name = self.unique(lambda: self.word(2) + " " + r.choice(GROUP), taken)
            elif kind == "organization":
                name = self.unique(lambda: self.word(2) + " " + r.choice(ORG), taken)
            else:
                name = self.unique(lambda: self.word(2) + " " + r.choice(MEDIA), taken)
            a = {"name": name, "kind": kind, "country": slug(home)}
            if kind == "person":
                surname = name.split(" ")[1]
                if surname not in surnames and surname not in taken:
                    surnames.add(surname)
                    a["aliases"] = [surname]
            self.actors.append(a)
        r.shuffle(self.actors)
        for a in self.actors:
            a["id"] = slug(a["name"])
        self.by_id = {a["id"]: a for a in self.actors}
        ids = [a["id"] for a in self.actors]
        self.speakers = [a["id"] for a in self.actors if a["kind"] != "state" and a["kind"] != "media"]
        for k, a in enumerate(self.actors):
            other = ids[(k * 7 + 3) % len(ids)]
            if other == a["id"]:
                other = ids[(k + 1) % len(ids)]
            a["summary"] = (f"{a['kind'].replace('-', ' ').capitalize()} in the dossier, "
                            f"often named with [[{other}]].")
            if a["kind"] == "person" and r.random() < 0.6:
                a["roles"] = [{"title": r.choice(["minister", "spokesperson", "commander",
                                                   "envoy", "director", "adviser"]),
                               "of": a["country"], "from": str(r.randint(2000, 2015))}]
            if r.random() < 0.5:
                a["relations"] = [{"type": r.choice(RELATIONS), "actor": other}]
            if r.random() < 0.2:
                a["links"] = [{"title": "Profile", "url": f"https://encyclopedia.example.org/wiki/{a['id']}"}]

    # ---------------------------------------------------------- incidents
    def date(self, lo=2008, hi=2019):
        y, m, d = self.r.randint(lo, hi), self.r.randint(1, 12), self.r.randint(1, 28)
        return f"{y:04d}-{m:02d}-{d:02d}"

    def make_incidents(self):
        r = self.r
        self.incidents = []
        ids = [a["id"] for a in self.actors]
        for k in range(self.ni):
            kind = r.choice(INCIDENT_KINDS)
            place = r.choice(PLACES)
            title = f"{INCIDENT_NAMES[kind]} {place}"
            date = self.date()
            # Every actor is involved in some incident, so none is unused at any N.
            p, t = ids[(2 * k) % len(ids)], ids[(2 * k + 1) % len(ids)]
            x = {"id": f"{slug(title)}-{date[:4]}-{k}", "title": title, "kind": kind, "date": date,
                 "location": cap(place), "perp": p, "targets": [t],
                 "actors": [r.choice(ids)] if r.random() < 0.5 else []}
            x["actors"] = [a for a in x["actors"] if a not in (p, t)]
            self.incidents.append(x)
        for k, x in enumerate(self.incidents):
            if self.ni > 1 and r.random() < 0.3:
                other = self.incidents[(k * 13 + 5) % self.ni]["id"]
                if other != x["id"]:
                    x["related"] = [other]
        # The incident each article is about: a shuffled cycle, so each incident has articles.
        self.topic = list(range(self.ni))
        r.shuffle(self.topic)

    # ----------------------------------------------------------- articles
    def fill(self, s, cast):
        r = self.r
        names = [self.by_id[c]["name"] for c in cast]
        one, two = r.sample(names, 2) if len(names) > 1 else (names[0], names[0])
        here, there = r.sample(PLACES, 2)
        return s.format(place=here, place2=there, actor=one, actor2=two, n=r.randint(3, 400), month=r.choice(MONTHS),
                        weekday=r.choice(WEEKDAYS), tag=r.choice(TAGS),
                        outlet=r.choice(OUTLETS).replace("The ", ""))

    def clause(self, cast):
        r = self.r
        return self.fill(f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} "
                         f"{r.choice(QUALIFIERS)}", cast)

    def make_articles(self):
        r = self.r
        self.articles = []
        speakers = self.speakers
        for i in range(self.n):
            x = self.incidents[self.topic[i % self.ni]]
            cast = [speakers[i % len(speakers)]] + r.sample(speakers, 3)
            cast = list(dict.fromkeys(cast))
            # Every actor is mentioned by name in some article (speakers or not).
            extra = self.actors[i % self.na]["id"]
            mentioned = cast + ([extra] if extra not in cast else [])
            while True:
                art = self.article(i, x, cast, mentioned)
                if art:
                    break
            self.articles.append(art)

    def article(self, i, incident, cast, mentioned):
        r = self.r
        paras, excerpts, quotes = [], [], []
        forms = ["direct", "direct", "reported", "reported", r.choice(["direct", "via"])]
        r.shuffle(forms)
        for k, form in enumerate(forms):
            speaker = cast[k % len(cast)]
            sp = self.by_id[speaker]
            name = sp["name"]
            if sp.get("aliases") and r.random() < 0.4 and k > 0:
                name = sp["aliases"][0]
            c = self.clause(cast)
            pre = self.fill(r.choice(FILLER), mentioned)
            post = self.fill(r.choice(FILLER), mentioned)
            if form == "direct":
                quote = cap(c)
                verb, tail = r.choice(SPEECH)
                who = name if sp["kind"] == "person" else "the " + name
                para = f"{pre} \u201c{quote},\u201d {who} {verb}{self.fill(tail, cast)}. {post}"
                ex = {"speaker": speaker, "form": "direct",
                      "stance": r.choice(STANCES_DIRECT)}
            elif form == "reported":
                quote = c
                who = name if sp["kind"] == "person" else "The " + name
                para = f"{pre} {who} said that {quote}. {post}"
                ex = {"speaker": speaker, "form": "reported",
                      "stance": r.choice(STANCES_REPORTED)}
            else:
                via = cast[(k + 1) % len(cast)]
                if via == speaker:
                    via = next(s for s in self.speakers if s != speaker)
                vname = self.by_id[via]["name"]
                quote = f"{self.by_id[speaker]['name']} had assured him that {c}"
                para = f"{pre} {vname} said {quote}. {post}"
                ex = {"speaker": speaker, "via": via, "form": "reported",
                      "stance": "assurance"}
                if via not in mentioned:
                    mentioned.append(via)
            quotes.append(quote)
            paras.append(para)
            ex["quote"] = quote
            ex["id"] = f"{slug(' '.join(quote.split()[:4]))}-{i}-{k}"
            ex["actors"] = list(dict.fromkeys([speaker] + r.sample(cast, r.randint(0, 2))))
            if k in (0, 2):
                ex["incidents"] = [incident["id"]]
            if r.random() < 0.15:
                ex["tags"] = [r.choice(TAGS)]
            if r.random() < 0.6:
                ex["credibility"] = r.randint(1, 6)
            if k > 0 and r.random() < 0.3:
                ex["responds_to"] = [excerpts[k - 1]["id"]]
            if r.random() < 0.2:
                ex["note"] = f"Compare what [[{r.choice(cast)}]] said about [[{incident['id']}]]."
            excerpts.append(ex)
        # Narrative paragraphs between the quoted ones, to 2-3 KB.
        body = []
        for k, p in enumerate(paras):
            body.append(p)
            for _ in range(r.randint(0, 2)):
                body.append(" ".join(self.fill(f, mentioned) for f in r.sample(FILLER, 2)))
            if k == 2 and r.random() < 0.3:
                body.append("## Reaction")
            if k == 3 and r.random() < 0.25:
                body.append("\n".join("- " + self.fill(r.choice(FILLER), mentioned) for _ in range(3)))
        text = "\n\n".join(body)
        while len(text.encode()) < 2048:
            text += "\n\n" + " ".join(self.fill(f, mentioned) for f in r.sample(FILLER, 2))
        plain = text.replace("*", "")
        # Each quote must be anchored exactly once; otherwise draw the article again.
        if any(plain.count(q) != 1 for q in quotes) or len(text.encode()) > 3300:
            return None
        sp0 = self.by_id[excerpts[0]["speaker"]]["name"]
        head = excerpts[0]["quote"].split()
        title = f"{sp0}: {' '.join(head[:7])}"
        published = self.date()
        art = {"id": f"{published}-{slug(' '.join(head[:4]))}-{i}", "title": cap(title),
               "outlet": r.choice(OUTLETS), "published": published, "author": r.choice(AUTHORS),
               "url": f"https://news.example.org/{published[:4]}/{i}",
               "reliability": r.choice("ABCDEF"), "tags": sorted(set(r.sample(TAGS, r.randint(1, 2)))),
               "text": text, "excerpts": excerpts, "mentioned": mentioned}
        if r.random() < 0.2:
            art["summary"] = f"A report on [[{incident['id']}]]."
        return art

    def finish_incidents(self):
        """Sources for casualty figures and perpetrators: an excerpt that lists the incident."""
        first = {}
        for art in self.articles:
            for ex in art["excerpts"]:
                for x in ex.get("incidents", []):
                    first.setdefault(x, ex["id"])
        r = self.r
        for x in self.incidents:
            src = first.get(x["id"])
            x["sources"] = [src] if src else []
            x["killed"] = r.randint(0, 80) if x["kind"] in ("attack", "airstrike", "clash", "raid") else None
            x["status"] = r.choice(STATUSES)
            x["summary"] = (f"{cap(x['kind'])} in {x['location']}, attributed by the sources to "
                            f"[[{x['perp']}]].")


# ------------------------------------------------------------------ dossier

def write_dossier(g, root):
    os.makedirs(root)
    with open(f"{root}/dossier.yaml", "w") as f:
        f.write('title: "Synthetic benchmark dossier"\n'
                f'description: "{g.n} generated articles about invented actors, for the benchmark '
                'of issue 11. See [[about]]."\n'
                'base_url: "https://example.org/"\n')
    for d in ("articles", "actors", "incidents", "pages"):
        os.makedirs(f"{root}/content/{d}")
    with open(f"{root}/content/pages/about.md", "w") as f:
        f.write('---\ntitle: "About"\n---\nA synthetic dossier written by `bench/gen.py`. '
                'Every name in it is invented.\n')
    for a in g.actors:
        lines = [f"name: {yq(a['name'])}", f"kind: {a['kind']}"]
        if a.get("aliases"):
            lines.append(f"aliases: [{', '.join(yq(x) for x in a['aliases'])}]")
        if a.get("country"):
            lines.append(f"country: {a['country']}")
        lines.append(f"summary: {yq(a['summary'])}")
        if a.get("roles"):
            lines.append("roles:")
            for ro in a["roles"]:
                lines.append(f"  - title: {yq(ro['title'])}\n    of: {ro['of']}\n    from: {ro['from']}")
        if a.get("relations"):
            lines.append("relations:")
            for re_ in a["relations"]:
                lines.append(f"  - type: {re_['type']}\n    actor: {re_['actor']}")
        if a.get("links"):
            lines.append("links:")
            for li in a["links"]:
                lines.append(f"  - {{ title: {yq(li['title'])}, url: {yq(li['url'])} }}")
        with open(f"{root}/content/actors/{a['id']}.yaml", "w") as f:
            f.write("\n".join(lines) + "\n")
    for x in g.incidents:
        lines = [f"title: {yq(x['title'])}", f"kind: {x['kind']}", f"date: {x['date']}",
                 f"location: {yq(x['location'])}"]
        src = f", sources: [{', '.join(x['sources'])}]" if x["sources"] else ""
        if x["killed"] is not None:
            lines.append(f"casualties:\n  - {{ killed: {x['killed']}{src} }}")
        lines.append(f"perpetrators:\n  - {{ actor: {x['perp']}, status: {x['status']}{src} }}")
        lines.append(f"targets: [{', '.join(x['targets'])}]")
        if x["actors"]:
            lines.append(f"actors: [{', '.join(x['actors'])}]")
        if x.get("related"):
            lines.append(f"related: [{', '.join(x['related'])}]")
        lines.append(f"summary: {yq(x['summary'])}")
        with open(f"{root}/content/incidents/{x['id']}.yaml", "w") as f:
            f.write("\n".join(lines) + "\n")
    for art in g.articles:
        year = art["published"][:4]
        d = f"{root}/content/articles/{year}"
        os.makedirs(d, exist_ok=True)
        fm = [f"title: {yq(art['title'])}", f"outlet: {yq(art['outlet'])}",
              f"published: {art['published']}", f"author: {yq(art['author'])}",
              f"url: {yq(art['url'])}", f"reliability: {art['reliability']}",
              f"tags: [{', '.join(art['tags'])}]"]
        if art.get("summary"):
            fm.append(f"summary: {yq(art['summary'])}")
        with open(f"{d}/{art['id']}.md", "w") as f:
            f.write("---\n" + "\n".join(fm) + "\n---\n" + art["text"] + "\n")
        out = ["excerpts:"]
        for ex in art["excerpts"]:
            out.append(f"  - id: {ex['id']}\n    quote: {yq(ex['quote'])}")
            for key in ("speaker", "via", "form", "stance"):
                if key in ex:
                    out.append(f"    {key}: {ex[key]}")
            for key in ("actors", "incidents", "tags", "responds_to"):
                if ex.get(key):
                    out.append(f"    {key}: [{', '.join(ex[key])}]")
            if "credibility" in ex:
                out.append(f"    credibility: {ex['credibility']}")
            if "note" in ex:
                out.append(f"    note: {yq(ex['note'])}")
        with open(f"{d}/{art['id']}.yaml", "w") as f:
            f.write("\n".join(out) + "\n")


# --------------------------------------------------------------------- Hugo

def front(d):
    """Hugo front matter in YAML, one `key: value` line each (a JSON value is YAML)."""
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in d.items()) + "---\n"


def write_hugo(g, root):
    """The same dossier as a Hugo site; its configuration and layouts are copied from bench/hugo/.

    Reverse links are Hugo taxonomies: an excerpt lists its speaker in `speakers`, the actors
    it concerns in `concerns`, its incidents in `about`, what it answers in `responds`; an
    incident its perpetrators, targets and related incidents; an actor the actors its roles
    and relations point to. Only the tags' pages are rendered; the other taxonomies are
    indexes (their pages are `_build: render: never`). What Hugo cannot compute, the
    generator gives it: the actors each article mentions (dossier finds them in the text), and
    tables of the names and titles of actors, incidents and articles (data/*.json), which a Hugo
    site would keep to avoid a page lookup for every link.
    """
    shutil.copytree(os.path.join(HERE, "hugo"), root)
    c = f"{root}/content"
    title = {a["id"]: a["name"] for a in g.actors}
    section = {a["id"]: "actors" for a in g.actors}
    for x in g.incidents:
        title[x["id"]], section[x["id"]] = x["title"], "incidents"
    for art in g.articles:
        title[art["id"]], section[art["id"]] = art["title"], "articles"
        for ex in art["excerpts"]:
            title[ex["id"]], section[ex["id"]] = ex["quote"], "excerpts"
    title["about"], section["about"] = "About", "pages"

    def md(s):
        """Wikilinks as Markdown links from the site root (relativeURLs makes them relative)."""
        out, pos = [], 0
        while True:
            a = s.find("[[", pos)
            if a < 0:
                out.append(s[pos:])
                return "".join(out)
            b = s.find("]]", a)
            target = s[a + 2:b]
            out.append(s[pos:a])
            out.append(f"[{title[target]}](/{section[target]}/{target}/)")
            pos = b + 2

    def write(path, fm, body=""):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(front(fm) + body)

    # Lookup tables for the names and titles that lists show next to each link: a Hugo data
    # file is a map lookup, where `site.GetPage` costs tens of microseconds a call.
    tables = {"actors": {a["id"]: {"name": a["name"], "kind": a["kind"]} for a in g.actors},
              "incidents": {x["id"]: {"title": x["title"], "date": x["date"]} for x in g.incidents},
              "articles": {a["id"]: {"title": a["title"], "outlet": a["outlet"], "date": a["published"]}
                           for a in g.articles}}
    for name, table in tables.items():
        with open(f"{root}/data/{name}.json", "w") as f:
            json.dump(table, f, ensure_ascii=False)
    write(f"{c}/_index.md", {"title": "Synthetic benchmark dossier"},
          f"{g.n} generated articles about invented actors, for the benchmark of issue 11. "
          "See [About](/pages/about/).\n")
    write(f"{c}/pages/about.md", {"title": "About"},
          "A synthetic dossier written by `bench/gen.py`. Every name in it is invented.\n")
    write(f"{c}/pages/_index.md", {"title": "Pages", "_build": {"render": "never"}})
    for sec, t, desc in [("actors", "Actors", "Every actor, by kind."),
                         ("incidents", "Incidents", "Every incident in date order."),
                         ("articles", "Sources", "Every source article, by date."),
                         ("excerpts", "Excerpts", "Every annotated passage, grouped by stance."),
                         ("timeline", "Timeline", "Incidents and articles on one dated axis."),
                         ("graph", "Network", "How the actors are related."),
                         ("search", "Search", "Search actors, incidents, articles and excerpts.")]:
        write(f"{c}/{sec}/_index.md", {"title": t, "description": desc})
    for tax in ("speakers", "vias", "concerns", "about", "responds", "mentions", "reports", "perps",
                "targets", "involved", "roleof", "relto", "relinc"):
        never = {"render": "never", "list": "never"}
        write(f"{c}/{tax}/_index.md", {"title": tax, "_build": never, "cascade": {"_build": never}})
    for a in g.actors:
        fm = {"title": a["name"], "kind": a["kind"]}
        if a.get("aliases"):
            fm["also"] = a["aliases"]
        if a.get("country"):
            fm["country"] = a["country"]
        if a.get("roles"):
            fm["roles"] = a["roles"]
            fm["roleof"] = [r["of"] for r in a["roles"]]
        if a.get("relations"):
            fm["relations"] = a["relations"]
            fm["relto"] = [r["actor"] for r in a["relations"]]
        if a.get("links"):
            fm["links"] = a["links"]
        write(f"{c}/actors/{a['id']}.md", fm, md(a["summary"]) + "\n")
    for x in g.incidents:
        fm = {"title": x["title"], "kind": x["kind"], "date": x["date"], "location": x["location"],
              "killed": x["killed"], "perps": [x["perp"]], "status": x["status"],
              "sources": x["sources"], "targets": x["targets"], "involved": x["actors"]}
        if x.get("related"):
            fm["relinc"] = x["related"]
        write(f"{c}/incidents/{x['id']}.md", fm, md(x["summary"]) + "\n")
    for art in g.articles:
        fm = {"title": art["title"], "outlet": art["outlet"], "date": art["published"],
              "author": art["author"], "source_url": art["url"], "reliability": art["reliability"],
              "tags": art["tags"], "excerpts": [ex["id"] for ex in art["excerpts"]],
              "mentions": art["mentioned"],
              "people": sorted(set(art["mentioned"]) | {a for ex in art["excerpts"] for a in ex["actors"]}),
              "reports": sorted({i for ex in art["excerpts"] for i in ex.get("incidents", [])})}
        if art.get("summary"):
            fm["summary_"] = md(art["summary"])
        write(f"{c}/articles/{art['id']}.md", fm, art["text"] + "\n")
        for k, ex in enumerate(art["excerpts"]):
            fm = {"title": ex["quote"], "article": art["id"], "number": k + 1, "date": art["published"],
                  "form": ex["form"], "stance": ex.get("stance"), "speakers": [ex["speaker"]]}
            if ex.get("via"):
                fm["vias"] = [ex["via"]]
            if "credibility" in ex:
                fm["credibility"] = ex["credibility"]
            fm["concerns"] = ex["actors"]
            for key, name in (("incidents", "about"), ("tags", "tags"), ("responds_to", "responds")):
                if ex.get(key):
                    fm[name] = ex[key]
            body = md(ex["note"]) + "\n" if ex.get("note") else ""
            write(f"{c}/excerpts/{ex['id']}.md", fm, body)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--actors", type=int, help="default: articles / 5 (at least 10)")
    p.add_argument("--incidents", type=int, help="default: articles / 10 (at least 2)")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--out", required=True, help="folder to create (it must not exist)")
    p.add_argument("--hugo", action="store_true", help="also write the Hugo site in OUT/hugo")
    a = p.parse_args()
    if os.path.exists(a.out):
        sys.exit(f"error: {a.out} exists; give a new folder")
    g = Gen(a.articles, a.actors or max(10, a.articles // 5), a.incidents or max(2, a.articles // 10), a.seed)
    write_dossier(g, f"{a.out}/dossier")
    if a.hugo:
        write_hugo(g, f"{a.out}/hugo")
    n_ex = sum(len(x["excerpts"]) for x in g.articles)
    size = sum(len(x["text"].encode()) for x in g.articles)
    print(f"{g.n} articles ({size / g.n / 1024:.1f} KiB of text each on average), {n_ex} excerpts, "
          f"{g.na} actors, {g.ni} incidents in {a.out}")


if __name__ == "__main__":
    main()
