#!/usr/bin/python3
"""Check a sockdoc JSON report: each argument after the file is a python
expression that must be true.  Helpers: r (the report), cause(id) (the
cause object or None), causes() (ids), probe(id) (details), status(id),
ev(id) (the cause's evidence joined by newlines), stage(name)
(a smtp.auth stage)."""
import json
import sys

r = json.load(open(sys.argv[1]))


def cause(cid):
    for c in r["causes"]:
        if c["id"] == cid:
            return c
    return None


def causes():
    return [c["id"] for c in r["causes"]]


def probe(pid):
    for p in r["probes"]:
        if p["id"] == pid:
            return p["details"]
    return {}


def status(pid):
    for p in r["probes"]:
        if p["id"] == pid:
            return p["status"]
    return "absent"


def stage(name):
    for s in probe("smtp.auth").get("stages", []):
        if s["stage"] == name:
            return s
    return {}


def ev(cid):
    c = cause(cid)
    return "\n".join(c["evidence"]) if c else ""


bad = 0
for expr in sys.argv[2:]:
    try:
        ok = eval(expr)
    except Exception as e:  # a missing key is a failed check
        ok = False
        expr += "  (%s: %s)" % (type(e).__name__, e)
    print("%s: %s" % ("ok  " if ok else "FAIL", expr))
    bad += not ok
if bad:
    print("causes:", causes())
    for c in r["causes"]:
        print(" ", c["id"], c["confidence"], c["evidence"])
    for p in r["probes"]:
        print(" ", p["id"], p["status"], p["summary"])
sys.exit(1 if bad else 0)
