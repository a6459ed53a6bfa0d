#!/bin/bash
# A run that could not ask a question says so: on the lab's auth-required
# SMTP fault without --mail-from the verdict is "no problem found in the
# tests that ran", the text names the sender/relay question and what
# answers it (--mail-from), the JSON lists it under not_asked; with the
# address the envelope test runs and finds auth.required.  An FTP run
# lists no SMTP probes, even with -v (no "not an SMTP target").
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"

lab_start smtp auth-required
lab_diagnose smtp "$LAB_PORT"
assert_exit 0 "$LAB_RC"
assert_json "$LAB_TMP/report.json" \
	'[e["probe"] for e in r["not_asked"]][:2] == ["smtp.transaction", "smtp.auth"]' \
	"the sender/relay and login questions are listed as not asked"
run_out "$SOCKDOC" --report --timeout 2 "smtp://127.0.0.1:$LAB_PORT"
assert_exit 0
assert_out "no problem found in the tests that ran"
assert_out "Not asked"
assert_out "relay it to other domains"
assert_out "--mail-from ADDRESS"
grep -q "ftp\.\|trial\." "$T_DIR/out" && fail "FTP or trial lines in an SMTP report"
lab_diagnose smtp "$LAB_PORT" --mail-from anna@lab.test --rcpt anna@lab.test
assert_exit 1 "$LAB_RC"
assert_cause "$LAB_TMP/report.json" auth.required "530"
assert_json "$LAB_TMP/report.json" \
	'"smtp.transaction" not in [e["probe"] for e in r["not_asked"]]' \
	"the envelope question is no longer open"
# Russian: the confidence and the statuses are words of the language
# (the ids and the JSON stay English), the columns aligned by width.
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	run_out env LC_ALL=ru_RU.UTF-8 LANGUAGE= "$SOCKDOC" --report --timeout 2 \
		--mail-from anna@lab.test --rcpt anna@lab.test "smtp://127.0.0.1:$LAB_PORT"
	assert_out "[высокая] auth.required"
	grep -q "\[high\]" "$T_DIR/out" && fail "confidence left in English"
	grep -Eq "^  (ok|fail|warn) " "$T_DIR/out" && fail "status left in English"
	$PY - "$T_DIR/out" <<'PYEOF' || fail "Russian probe lines not aligned"
import re, sys
cols = set()
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^  (\S+) +(input|dns|reach|banner|smtp\.\S+|local) ", l)
    if m:
        cols.add(l.index(m.group(2)))
assert len(cols) == 1, cols
PYEOF
fi

# Summaries are words, not tokens: an SMTP port that never greets in
# time (plain and implicit TLS both tried) reads "no greeting", not
# "no_greeting"/"tls_handshake".
lab_start smtp slow-greeting:5
LAB_RC=0
timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 1 \
	"smtp://127.0.0.1:$LAB_PORT" >"$LAB_TMP/report.json" || LAB_RC=$?
assert_json "$LAB_TMP/report.json" \
	'probe("smtp.ehlo") is None or not __import__("re").search(r"[a-z]_[a-z]", probe("smtp.ehlo")["summary"])' \
	"smtp.ehlo summary without raw tokens"
assert_json "$LAB_TMP/report.json" \
	'not __import__("re").search(r"\b(no_greeting|tls_handshake|connect_timeout)\b", " ".join(p["summary"] for p in r["probes"]))' \
	"no raw outcome token in any summary"

lab_start ftp none
run_out "$SOCKDOC" --report -v --timeout 2 "ftp://127.0.0.1:$LAB_PORT"
grep -q "not an SMTP target" "$T_DIR/out" && fail "SMTP probes listed on an FTP target"
grep -Eq "^  [a-z]+ +(tls|smtp\.)" "$T_DIR/out" && fail "SMTP probe line on an FTP target"
# -v: details as readable "key: value" lines, no raw JSON; summaries in
# words, not tokens ("anonymous (none)").
grep -q '{"' "$T_DIR/out" && fail "-v printed raw JSON"
grep -Eq '^ +user: anonymous$' "$T_DIR/out" || fail "-v: no 'user: anonymous' line"
grep -Eq '^ +code: 220$' "$T_DIR/out" || fail "-v: nested values not as key: value"
assert_out "logged in anonymously, without TLS"
grep -q "anonymous (none)" "$T_DIR/out" && fail "raw token in the login summary"
echo PASS
