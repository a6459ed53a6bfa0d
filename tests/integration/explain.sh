#!/bin/bash
# explain.sh — the real binary on the seed's Russian Outlook message
# (shared/seeds/000): the fields, the empty server as a finding, the cause
# ids and the exact diagnosis command; plus bare codes, stdin, JSON and
# the "nothing recognised" exit code.  No network traffic at all.
set -u
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8 LANGUAGE=
TMP=$T_DIR

SEED='Ошибка при соединении с сервером. Учетная запись: ‘КартинаM’, Сервер: ‘’, Протокол: SMTP, Порт: 25, Защита (SSL): Нет, Ошибка сокета: 10054, Код ошибки: 0x800CCC0E'

# The subcommand must exist in this binary (main.c dispatches to it).
"$SOCKDOC" explain 10054 >"$TMP/probe.out" 2>&1
if ! grep -q WSAECONNRESET "$TMP/probe.out"; then
	echo "SKIP: this sockdoc does not dispatch 'explain' yet" >&2
	exit 77
fi

# 1. The seed as arguments, JSON: fields, causes, command argv.
"$SOCKDOC" explain --format json "$SEED" >"$TMP/seed.json" 2>"$TMP/seed.err"
rc=$?
[ "$rc" = 0 ] || fail "seed: exit $rc, want 0: $(cat "$TMP/seed.err")"
$PY - "$TMP/seed.json" <<'PYEOF' || fail "seed JSON"
import json, sys
d = json.load(open(sys.argv[1]))
m = d["message"]
assert d["schema"] == "sockdoc.explain/1", d["schema"]
assert m["client"] == "outlook" and m["server_given"] is True, m
assert m["server"] == "" and m["server_finding"], m
assert (m["protocol"], m["port"], m["ssl"]) == ("smtp", 25, "no"), m
assert m["socket_error"] == 10054 and m["error_number"] == "0x800CCC0E", m
codes = [c["code"] for c in d["codes"]]
assert codes == ["10054", "0x800CCC0E"], codes
ids = d["cause_ids"]
assert ids[0] == "input.host_malformed", ids
assert "tls.mode_mismatch" in ids[:3], ids
assert "tcp.reset_on_connect" in ids[:8], ids
assert not any(i.startswith("ftp.") for i in ids), ids
want = ["sockdoc", "--report", "--protocol", "smtp", "--tls", "none",
        "smtp://<SERVER>:25"]
assert d["command"] == want, d["command"]
assert d["placeholder"] is True
print("seed json ok:", ids[:4])
PYEOF

# 2. The seed on stdin, text: the four groups, the finding, the command.
printf '%s\n' "$SEED" | "$SOCKDOC" explain - >"$TMP/seed.txt" 2>&1 ||
	fail "seed on stdin: exit $?"
for want in "What it means" "What causes it" "How to tell them apart" \
	"What to run" "The server field is empty" \
	"sockdoc --report --protocol smtp --tls none 'smtp://<SERVER>:25'" \
	"1. input.host_malformed" "account:       КартинаM"; do
	grep -qF -- "$want" "$TMP/seed.txt" || fail "seed text lacks: $want"
done

# 3. Bare codes of each family: the meaning and the main cause.
check_code() {
	"$SOCKDOC" explain --format json "$1" >"$TMP/c.json" ||
		fail "explain $1: exit $?"
	$PY - "$TMP/c.json" "$2" "$3" <<'PYEOF' || fail "explain $1"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["codes"][0]["family"] == sys.argv[2], d["codes"]
assert d["cause_ids"] and d["cause_ids"][0] == sys.argv[3], d["cause_ids"]
PYEOF
}
check_code 10054 winsock tcp.reset_on_connect
check_code WSAECONNABORTED winsock conn.graceful_then_reset
check_code 0x800CCC0D outlook dns.nxdomain
check_code ECONNREFUSED errno tcp.refused
check_code 425 ftp ftp.passive_blocked
check_code 535 smtp auth.rejected
check_code 6 curl dns.nxdomain
"$SOCKDOC" explain 10053 | grep -q "FIN" || fail "10053 lacks the FIN/RST note"
"$SOCKDOC" explain 10054 | grep -q "SO_LINGER" || fail "10054 lacks SO_LINGER"

# 5. Server refusals (issue 10): greylisting, relaying, a bare enhanced
# code, the client's name in a HELO refusal, in JSON.
"$SOCKDOC" explain --format json '451 4.7.1 <b@example.test>: Recipient address rejected: Greylisted, try again later' >"$TMP/grey.json" || fail "greylisting: exit $?"
"$SOCKDOC" explain --format json '550 5.7.1 <x@far.test>: Relay access denied' >"$TMP/relay.json" || fail "relay: exit $?"
"$SOCKDOC" explain --format json 5.7.1 >"$TMP/enh.json" || fail "5.7.1: exit $?"
"$SOCKDOC" explain --format json '404 4.5.2 <pc01.corp.lan>: Helo command rejected: need fully-qualified hostname' >"$TMP/helo.json" || fail "helo: exit $?"
$PY - "$TMP" <<'PYEOF' || fail "refusal JSON"
import json, sys
t = sys.argv[1]
g = json.load(open(t + "/grey.json"))
assert g["cause_ids"][0] == "smtp.greylisted", g["cause_ids"]
assert any(c["family"] == "enhanced" and c["code"] == "4.7.1" for c in g["codes"]), g["codes"]
r = json.load(open(t + "/relay.json"))
assert r["cause_ids"][0] == "auth.required", r["cause_ids"]
e = json.load(open(t + "/enh.json"))
assert [c["family"] for c in e["codes"]] == ["enhanced"], e["codes"]
assert e["message"]["protocol"] == "smtp", e["message"]
h = json.load(open(t + "/helo.json"))
assert h["cause_ids"][0] == "smtp.helo_rejected", h["cause_ids"]
assert h["message"]["client_name"] == "pc01.corp.lan", h["message"]
assert h["message"]["server"] == "", h["message"]
PYEOF

# 4. Nothing recognisable: exit 2 with a message; a huge stdin is bounded.
"$SOCKDOC" explain "just some words" >/dev/null 2>"$TMP/none.err"
rc=$?
[ "$rc" = 2 ] || fail "unrecognised input: exit $rc, want 2"
[ -s "$TMP/none.err" ] || fail "unrecognised input: no message on stderr"
head -c 2000000 /dev/zero | tr '\0' 'a' >"$TMP/big"
start=$(date +%s%N)
"$SOCKDOC" explain - <"$TMP/big" >/dev/null 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" = 2 ] || fail "2 MB of junk: exit $rc, want 2"
[ "$ms" -lt 5000 ] || fail "2 MB of junk took $ms ms"
echo "explain.sh: all checks passed (junk input: $ms ms)"
