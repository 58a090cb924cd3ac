#!/usr/bin/env python3
# Regenerates tests/corpus/exchange/: bad assessment exchange files, each with the text its error
# must contain (manifest.json). Run from the repository root: python3 tests/corpus/generate.py
import copy, json, os, shutil

ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "exchange")
BASE = json.load(open(os.path.join(ROOT, "..", "..", "docs", "examples", "acme-2025.keel.json")))
cases = []  # (name, bytes, expected fragment)


def add(name, data, expect):
    if isinstance(data, (dict, list)):
        data = json.dumps(data, indent=1, ensure_ascii=False)
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases.append((name, data, expect))


def mutate(name, expect, fn):
    doc = copy.deepcopy(BASE)
    fn(doc)
    add(name, doc, expect)


def delete(path):
    def fn(doc):
        *parents, last = path
        node = doc
        for p in parents:
            node = node[p]
        del node[last]
    return fn


def put(path, value):
    def fn(doc):
        *parents, last = path
        node = doc
        for p in parents:
            node = node[p]
        node[last] = value
    return fn


text = json.dumps(BASE, indent=1, ensure_ascii=False)
# Not JSON, or not an object.
for i, cut in enumerate([1, 10, 100, 1000, 5000, 10000, 20000, len(text) // 2, len(text) - 2, len(text) - 1]):
    add(f"truncated-{i:02}", text[:cut], "EOF while parsing")
add("empty", "", "EOF while parsing")
add("whitespace", " \n\t ", "EOF while parsing")
add("null", "null", "expected struct ExchangeFile")
add("array", "[]", "expected struct ExchangeFile")
add("number", "42", "expected struct ExchangeFile")
add("string", '"keel"', "expected struct ExchangeFile")
add("trailing-garbage", text + "\n}", "trailing characters")
add("byte-order-mark", "\ufeff" + text, "expected value")
add("nan", text.replace('"target": 95', '"target": NaN', 1), "expected value")
add("infinity", text.replace('"target": 95', '"target": Infinity', 1), "expected value")
add("comment", "// exported by Keel\n" + text, "expected value")
add("single-quotes", text.replace('"format": 1', "'format': 1", 1), "key must be a string")
add("duplicate-field", text.replace('"format": 1,', '"format": 1, "format": 1,', 1), "format: the key \"format\" appears more than once")
add("invalid-utf8-in-string", text.encode("utf-8").replace(b"Acme Castings Ltd", b"Acme \xff\xfe Ltd", 1), "is not UTF-8 text")
add("invalid-utf8-latin1", text.replace("Ltd", "Ltd \u00e9").encode("latin-1", errors="replace"), "is not UTF-8 text")
add("utf16", text.encode("utf-16"), "is not UTF-8 text")
# Typed parsing stops at the first value of the wrong shape, long before any depth limit.
add("deep-nesting-10000", '{"format": 1, "kind": ' + "[" * 10000 + "]" * 10000 + "}", "kind: invalid type: sequence")
add("deep-nesting-top", "[" * 10000 + "]" * 10000, "invalid type: sequence")
add("nested-in-scores", text.replace('"scores": {', '"scores": {"deep": ' + "{\"a\": " * 5000 + "1" + "}" * 5000 + ",", 1), "scores.deep.a: unknown variant `a`")

# Missing required fields.
for path, field in [
    (["format"], "format"), (["kind"], "kind"), (["organisation"], "organisation"), (["assessment"], "assessment"),
    (["framework"], "framework"), (["frameworkHash"], "frameworkHash"), (["organisation", "name"], "name"),
    (["organisation", "sector"], "sector"), (["assessment", "uid"], "uid"), (["assessment", "title"], "title"),
    (["assessment", "period"], "period"), (["assessment", "status"], "status"), (["kpis", 0, "key"], "key"),
    (["kpis", 0, "name"], "name"), (["kpis", 0, "group"], "group"), (["kpis", 0, "direction"], "direction"),
    (["actions", 0, "title"], "title"), (["actions", 0, "status"], "status"), (["notes", 0, "node"], "node"),
    (["notes", 0, "kind"], "kind"), (["notes", 0, "text"], "text"), (["assessors", 0, "key"], "key"),
    (["assessors", 0, "name"], "name"), (["consensus", "1.1", "score"], "score"),
]:
    mutate("missing-" + "-".join(str(p) for p in path), f"missing field `{field}`", delete(path))

# Wrong types and impossible values.
for name, path, value, expect in [
    ("format-string", ["format"], "1", "format: invalid type: string"),
    ("period-string", ["assessment", "period"], "2025", "assessment.period: invalid type: string"),
    ("period-fraction", ["assessment", "period"], 2025.5, "assessment.period: invalid type: floating point"),
    ("sector-number", ["organisation", "sector"], 5, "organisation.sector: expected value"),
    ("sector-unknown", ["organisation", "sector"], "charity", "organisation.sector: unknown variant `charity`"),
    ("sites-string", ["organisation", "sites"], "Leeds", "organisation.sites: invalid type: string"),
    ("scores-array", ["scores"], [], "scores: invalid type: sequence"),
    ("consensus-array", ["consensus"], [], "consensus: invalid type: sequence"),
    ("notes-object", ["notes"], {}, "notes: invalid type: map"),
    ("kpi-values-array", ["kpis", 0, "values"], [1, 2], "kpis[0].values: invalid type: sequence"),
    ("kpi-target-string", ["kpis", 0, "target"], "high", "kpis[0].target: invalid type: string"),
    ("action-due-word", ["actions", 0, "due"], "tomorrow", "actions[0].due: input contains invalid characters"),
    ("action-due-impossible", ["actions", 0, "due"], "2025-02-30", "actions[0].due: input is out of range"),
    ("status-unknown", ["assessment", "status"], "approved", "assessment.status: unknown variant `approved`"),
    ("note-kind-unknown", ["notes", 0, "kind"], "praise", "notes[0].kind: unknown variant `praise`"),
    ("kpi-group-unknown", ["kpis", 0, "group"], "investors", "kpis[0].group: unknown variant `investors`"),
    ("kpi-direction-unknown", ["kpis", 0, "direction"], "up", "kpis[0].direction: unknown variant `up`"),
    ("kpi-financial-string", ["kpis", 0, "financial"], "yes", "kpis[0].financial: invalid type: string"),
    ("attribute-negative", ["consensus", "1.2", "score", "radar", "attributes", "sound"], -5, "sound: -5 is out of range"),
    ("attribute-huge", ["consensus", "1.2", "score", "radar", "attributes", "sound"], 300, "sound: 300 is out of range"),
    ("attribute-string", ["consensus", "1.2", "score", "radar", "attributes", "sound"], "high", "invalid type: string"),
    ("score-kind-unknown", ["consensus", "1.2", "score"], {"stars": 4}, "unknown variant `stars`"),
    ("extra-top-level-field", ["comment"], "hello", "unknown field `comment`"),
    ("extra-assessment-field", ["assessment", "owner"], "me", "unknown field `owner`"),
    ("extra-radar-field", ["consensus", "1.2", "score", "radar", "weight"], 2, "unknown field `weight`"),
]:
    mutate(name, expect, put(path, value))

# Semantic problems: well-formed JSON that does not make a valid assessment.
big = "x" * 10000
for name, fn, expect in [
    ("format-2", put(["format"], 2), "format: unknown format version 2"),
    ("kind-other", put(["kind"], "keel-framework"), "kind: is \"keel-framework\""),
    ("hash-mismatch", put(["frameworkHash"], "0" * 64), "frameworkHash: does not match the framework snapshot"),
    ("organisation-name-empty", put(["organisation", "name"], "  "), "organisation.name: organisation name is empty"),
    ("organisation-name-10000", put(["organisation", "name"], big), "organisation.name: organisation name is 10000 characters long"),
    ("organisation-name-control", put(["organisation", "name"], "Acme\u0007"), "organisation.name: organisation name contains a control character"),
    ("uid-empty", put(["assessment", "uid"], ""), "assessment.uid: must be 1-100 characters"),
    ("uid-too-long", put(["assessment", "uid"], "u" * 101), "assessment.uid: must be 1-100 characters"),
    ("title-blank", put(["assessment", "title"], " "), "assessment.title: must not be empty"),
    ("period-1066", put(["assessment", "period"], 1066), "assessment.period: 1066 is not a year Keel accepts (1900–2200)"),
    ("profile-unknown", put(["assessment", "profile"], "charity"), "assessment.profile: unknown profile \"charity\""),
    ("custom-profile-bad-sum", put(["assessment", "customProfile"], {"id": "mine", "title": "Mine", "points": {"6": 300}}), "assessment.customProfile.points"),
    ("custom-profile-unknown-node", put(["assessment", "customProfile"], {"id": "mine", "title": "Mine", "points": {"99": 5}}), "assessment.customProfile.points.99: no node has this id"),
    ("assessor-key-duplicate", put(["assessors", 1, "key"], "ana"), "assessors[1].key: duplicate assessor key \"ana\""),
    ("assessor-key-empty", put(["assessors", 0, "key"], ""), "assessors[0].key: must not be empty"),
    ("assessor-name-empty", put(["assessors", 0, "name"], ""), "assessors[0].name: must not be empty"),
    ("scores-unknown-assessor", put(["scores", "zoe"], {}), "scores.zoe: no assessor with key \"zoe\""),
    ("scores-unknown-node", put(["scores", "ana", "9.9"], {"panel": 50}), "scores.ana.9.9: no node \"9.9\""),
    ("scores-criterion-not-assessable", put(["scores", "ana", "4"], {"panel": 50}), "scores.ana.4: node 4 is not assessable"),
    ("scores-wrong-scheme", put(["scores", "ana", "4.2"], {"conformity": "conforming"}), "scores.ana.4.2: this node is scored with \"radar-enablers\""),
    ("attribute-unknown", put(["scores", "ana", "4.1", "radar", "attributes", "charisma"], 50), "scores.ana.4.1.radar.attributes.charisma: unknown attribute"),
    ("attribute-101", put(["scores", "ana", "4.1", "radar", "attributes", "sound"], 101), "scores.ana.4.1.radar.attributes.sound: 101 is not a score from 0 to 100 in steps of 5"),
    ("attribute-63", put(["scores", "ana", "4.1", "radar", "attributes", "sound"], 63), "scores.ana.4.1.radar.attributes.sound: 63 is not a score"),
    ("override-no-reason", put(["consensus", "1.2", "score", "radar", "override"], {"percent": 60, "reason": ""}), "consensus.1.2.radar.override.reason: an override needs a reason"),
    ("override-150", put(["consensus", "1.2", "score", "radar", "override"], {"percent": 150, "reason": "why not"}), "consensus.1.2.radar.override.percent: must be from 0 to 100"),
    ("maturity-on-radar-node", put(["consensus", "1.2", "score"], {"maturity": 3}), "consensus.1.2: this node is scored with"),
    ("consensus-unknown-node", put(["consensus", "12.1"], {"score": {"panel": 1}}), "consensus.12.1: no node \"12.1\""),
    ("consensus-na-without-reason", put(["consensus", "1.2", "score"], {"notApplicable": {"reason": " "}}), "consensus.1.2.notApplicable.reason: say why"),
    ("note-unknown-node", put(["notes", 0, "node"], "4.9"), "notes[0].node: no node \"4.9\""),
    ("note-empty-text", put(["notes", 0, "text"], ""), "notes[0].text: must not be empty"),
    ("note-unknown-assessor", put(["notes", 0, "assessor"], "zoe"), "notes[0].assessor: no assessor with key \"zoe\""),
    ("action-unknown-node", put(["actions", 0, "node"], "4.9"), "actions[0].node: no node \"4.9\""),
    ("action-empty-title", put(["actions", 0, "title"], " "), "actions[0].title: must not be empty"),
    ("kpi-key-duplicate", put(["kpis", 1, "key"], "otd"), "kpis[1].key: \"otd\" is empty or used twice"),
    ("kpi-name-empty", put(["kpis", 0, "name"], ""), "kpis[0].name: must not be empty"),
    ("framework-points-do-not-add-up", put(["framework", "nodes", 3, "points"], 150), "framework.nodes: points add up to 950"),
    ("framework-unknown-scheme", put(["framework", "nodes", 0, "children", 0, "scheme"], "radar"), "framework.nodes[0].children[0].scheme: unknown scheme"),
    ("framework-duplicate-node", put(["framework", "nodes", 0, "children", 1, "id"], "1.1"), "framework.nodes[0].children[1].id: duplicate node id"),
    ("framework-unknown-group", put(["framework", "nodes", 0, "children", 0, "stakeholders"], ["investors"]), "unknown stakeholder group \"investors\""),
    ("framework-format-9", put(["framework", "format"], 9), "framework.format: unknown format version 9"),
    ("framework-no-nodes", put(["framework", "nodes"], []), "framework.nodes: a framework needs at least one node"),
]:
    mutate(name, expect, fn)

shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
manifest = []
for i, (name, data, expect) in enumerate(cases):
    file = f"{i:03}-{name}.json"
    with open(os.path.join(OUT, file), "wb") as f:
        f.write(data)
    manifest.append({"file": file, "expect": expect})
json.dump(manifest, open(os.path.join(OUT, "manifest.json"), "w"), indent=1, ensure_ascii=False)
print(len(manifest), "files")
