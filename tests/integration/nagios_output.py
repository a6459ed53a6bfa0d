#!/usr/bin/python3
"""nagios_output.py OUTFILE EXIT_CODE [EXPECT_STATE]

A strict reader of monitoring plugin output, written from the Monitoring
Plugins Development Guidelines ("Plugin Output", "Performance data"):

    SERVICE STATE - text | 'label'=value[UOM];[warn];[crit];[min];[max] ...
    long output line
    ...

It fails (exit 1, reason on stderr) when the first line is not
"SOCKDOC <STATE> - ...", the state does not match the exit code (0 OK,
1 WARNING, 2 CRITICAL, 3 UNKNOWN) or EXPECT_STATE, a later line holds '|',
or any perfdata item breaks the grammar: label (quoted with '' escapes, or
without spaces, '=' or quotes), value a decimal number, UOM one of
s ms us % B KB MB TB c or none, warn/crit in the range syntax (10, 10:,
~:10, 10:20, @10:20), min/max decimal numbers, at most five fields.
On success it prints the perfdata as JSON: {label: {value, uom, warn,
crit, min, max}}.
"""
import json
import re
import sys

STATES = ["OK", "WARNING", "CRITICAL", "UNKNOWN"]
NUM = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
RANGE = re.compile(r"^@?(?:(?:~|%s)?:)?(?:%s)?$" % (NUM, NUM))
VALUE = re.compile(r"^(%s)(s|ms|us|%%|B|KB|MB|TB|c)?$" % NUM)
NUMBER = re.compile(r"^%s$" % NUM)


def die(msg):
    sys.stderr.write("nagios_output.py: %s\n" % msg)
    sys.exit(1)


def labels(perf):
    """Split perfdata into items; a quoted label may hold spaces."""
    items, i = [], 0
    while i < len(perf):
        if perf[i] == " ":
            i += 1
            continue
        if perf[i] == "'":
            m = re.match(r"'((?:[^']|'')+)'=", perf[i:])
            if not m:
                die("bad quoted label at: %r" % perf[i:i + 40])
            label = m.group(1).replace("''", "'")
            i += m.end()
        else:
            m = re.match(r"([^ '=]+)=", perf[i:])
            if not m:
                die("bad label at: %r" % perf[i:i + 40])
            label = m.group(1)
            i += m.end()
        j = perf.find(" ", i)
        j = len(perf) if j < 0 else j
        items.append((label, perf[i:j]))
        i = j
    return items


def item(label, data):
    """One 'label'=value[UOM];warn;crit;min;max item."""
    fields = data.split(";")
    if len(fields) > 5:
        die("%s: more than five fields: %r" % (label, data))
    fields += [""] * (5 - len(fields))
    m = VALUE.match(fields[0])
    if not m:
        die("%s: bad value/UOM %r" % (label, fields[0]))
    for name, f in (("warn", fields[1]), ("crit", fields[2])):
        if f and (not RANGE.match(f) or f in ("@", ":", "@:")):
            die("%s: bad %s range %r" % (label, name, f))
    for name, f in (("min", fields[3]), ("max", fields[4])):
        if f and not NUMBER.match(f):
            die("%s: bad %s %r" % (label, name, f))
    return {"value": float(m.group(1)), "uom": m.group(2) or "",
            "warn": fields[1], "crit": fields[2], "min": fields[3],
            "max": fields[4]}


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    code = int(sys.argv[2])
    if not text.endswith("\n"):
        die("output does not end in a newline")
    lines = text.split("\n")[:-1]
    if not lines:
        die("no output")
    m = re.match(r"^SOCKDOC (OK|WARNING|CRITICAL|UNKNOWN) - (.+)$", lines[0])
    if not m:
        die("first line is not 'SOCKDOC STATE - text': %r" % lines[0])
    if code not in range(4) or STATES[code] != m.group(1):
        die("state %s but exit code %d" % (m.group(1), code))
    if len(sys.argv) > 3 and sys.argv[3] != m.group(1):
        die("state %s, expected %s: %r" % (m.group(1), sys.argv[3], lines[0]))
    for l in lines[1:]:
        if "|" in l:
            die("a long output line holds '|': %r" % l)
    rest = m.group(2)
    if rest.count("|") > 1:
        die("more than one '|' on the status line")
    perf = {}
    if "|" in rest:
        for label, data in labels(rest.split("|", 1)[1]):
            if label in perf:
                die("label %s twice" % label)
            perf[label] = item(label, data)
    print(json.dumps(perf))


main()
