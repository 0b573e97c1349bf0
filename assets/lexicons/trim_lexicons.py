#!/usr/bin/env python3
"""Rebuild the trimmed lexicons in this folder from ../shared/lexicons.

Usage: python3 assets/lexicons/trim_lexicons.py /work/shared/lexicons /work/shared/corpora/sotu

Trimming rules (see also LICENSES.md):
- Single-word place names that are ordinary English words are dropped. "Ordinary word" means: it is an
  English stopword (stopwords-iso) or it occurs in lower case at least 3 times in the reference corpus
  given as second argument and more often in lower case than capitalised (e.g. "Mobile", "Police", "Of").
- Cities: the main name of every city (population >= 15,000); alternate names only for cities of at
  least 1,000,000 people, and only those written like English-usage names (ASCII letters, each word
  capitalised, at least four letters; no codes such as "SHA").
- Subdivisions: only first-level kinds (state, province, region, ...) and names that are not generic
  compass words ("Central", "North").
- Companies: spelling-list entries that are place names or first names are dropped (that list holds
  "London" and "Robert"); stock-index members are kept even when a city has the name; ticker-like all-caps entries of up to four letters are dropped; ", Inc." style suffixes are
  removed from stock-index names (the legal suffix is matched separately).
"""
import collections, glob, json, os, re, sys, unicodedata

src, corpus = sys.argv[1], sys.argv[2]
out = os.path.dirname(os.path.abspath(__file__))

def rows(name):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        lines = f.read().splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(head) - len(cells))
        yield dict(zip(head, cells))

lower, cap = collections.Counter(), collections.Counter()
for path in glob.glob(os.path.join(corpus, "*.txt")):
    for w in re.findall(r"[A-Za-z]+", open(path, encoding="utf-8").read()):
        (lower if w[0].islower() else cap)[w.lower()] += 1
sw_path = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/stop-words-*/src/iso/stopwords-iso.json"))
stop = set(json.load(open(sw_path[0]))["en"]) if sw_path else set()

def is_word(name, use_stopwords=True):
    if " " in name or "-" in name:
        return False
    w = name.lower()
    return (use_stopwords and w in stop) or (lower[w] >= 3 and lower[w] > cap[w])

def english_like(name):
    return (re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", name) is not None and len(name) >= 4)

def write(name, header, items):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for item in sorted(set(items)):
            f.write(item + "\n")

# Countries: ISO short names without the inverted ", Republic of" forms, plus common names.
countries = []
for r in rows("countries_iso3166-1.tsv"):
    for n in (r["name"], r["common_name"]):
        if n and "," not in n and "(" not in n:
            countries.append(n)
write("countries.tsv", "name", countries)
write("us_states.tsv", "name", [r["name"] for r in rows("us_states_geonames.tsv")])
write("continents.tsv", "name", [r["name"] for r in rows("continents_geonames.tsv")])

cities = []
for r in rows("cities_geonames_pop15000.tsv"):
    n = r["name"]
    if len(n) >= 3 and not is_word(n):
        cities.append(n)
    if int(r["population"] or 0) >= 1_000_000:
        for alt in r["alt_names_latin"].split("|"):
            if english_like(alt) and not is_word(alt):
                cities.append(alt)
write("cities.tsv", "name", cities)

keep_types = {"State", "Province", "Region", "Autonomous region", "Autonomous republic", "Emirate",
              "Governorate", "Territory", "Country", "Nation", "Republic", "Autonomous province",
              "Prefecture", "Federal district", "Autonomous community", "Oblast", "Canton", "Land"}
generic = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
           "Centre", "Capital", "Upper", "Lower", "Greater", "Coast", "Islands", "Region", "Province"}
subs = []
for r in rows("subdivisions_iso3166-2.tsv"):
    n = r["name"]
    if r["type"] in keep_types and "," not in n and "(" not in n and "[" not in n and len(n) >= 4:
        if not set(n.replace("-", " ").split()) <= generic and not is_word(n):
            subs.append(n)
write("subdivisions.tsv", "name", subs)

write("nationalities.tsv", "nationality", [r["nationality"] for r in rows("nationalities_geotext.tsv")])
names = [r["name"] for r in rows("first_names_male_en_stdlib.tsv")]
names += [r["name"] for r in rows("first_names_female_en_stdlib.tsv")]
write("first_names.tsv", "name", [n for n in names if len(n) >= 2])

suffix = re.compile(r",? +(Inc\.?|Corp\.?|Corporation|Company|Co\.|Ltd\.?|plc|PLC|S\.A\.|SE|AG|N\.V\.|Group)$")
# The company list also holds place names (for spelling); places win.
places = set(cities) | set(countries) | set(subs) | {r["name"] for r in rows("us_states_geonames.tsv")}
orgs = []
first = set(names)
for r in rows("organisations_cspell_companies.tsv"):
    n = r["name"]
    if (len(n) >= 2 and not re.fullmatch(r"[A-Z0-9]{1,4}", n) and not is_word(n, False)
            and n not in places and n not in first):
        orgs.append(n)
# Members of stock indices are real companies: they win over a same-named city ("Toyota").
for r in rows("organisations_stock_index_members.tsv"):
    n = suffix.sub("", r["name"]).strip()
    if len(n) >= 2 and not is_word(n, False) and "+" not in n and n not in first:
        orgs.append(n)
write("organisations.tsv", "name", orgs)
