#!/bin/bash
# lab-snapshot.sh SOCKDOC OUTDIR — the JSON report of every lab fault, with
# what changes from run to run (timings, the lab's random port, dates)
# normalised away.  For refactors that promise "no behaviour change": take
# a snapshot before and after, then `diff -r BEFORE AFTER`.  Loopback only;
# every lab is stopped by PID.
set -u
SOCKDOC=$(readlink -f "$1"); OUT=$2
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
faults="none refused reset-on-connect reset-after-greeting close-after-command
busy policy-reject slow-greeting:3 drip:5 garbage size-limit:1000
max-sessions:2 pasv-private pasv-closed active-refused epsv-hang
starttls-required auth-required"
for proto in smtp ftp; do
	for f in $faults; do
		"$SOCKDOC" lab --list | awk -v f="${f%%:*}" -v p="$proto" \
			'$1 ~ "^"f"(:|$)" && $2 ~ p { ok = 1 } END { exit !ok }' || continue
		timeout --foreground -k 5 60 "$SOCKDOC" lab --protocol "$proto" --fault "$f" >"$tmp/lab.$proto.${f%%:*}" 2>/dev/null &
		pid=$!
		port=
		for _ in $(seq 50); do
			port=$(awk -v p="$proto" '$1 == p { n = split($3, a, ":"); print a[n]; exit }' "$tmp/lab.$proto.${f%%:*}")
			[ -n "$port" ] && break
			sleep 0.1
		done
		timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 2 \
			"$proto://127.0.0.1:$port" >"$tmp/r.json" 2>/dev/null
		echo "rc=$?" >"$OUT/$proto-${f%%:*}.rc"
		kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
		/usr/bin/python3 - "$tmp/r.json" "$port" >"$OUT/$proto-${f%%:*}.json" <<'PY'
import json, re, sys
port = sys.argv[2]
# Keys whose values differ between two identical runs (time, the data
# connection's port, the machine's own socket counts).
VOLATILE = {"started", "duration", "time", "seconds", "throughput", "elapsed",
            "port", "in_range", "time_wait", "established", "sockets"}
def norm(v, k=""):
    if isinstance(v, dict):
        return {k2: norm(x, k2) for k2, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if k.endswith("_ms") or k == "ms" or k.endswith("_bytes_per_s") or k in VOLATILE:
        return "T"
    if isinstance(v, float):
        return "F"
    if isinstance(v, str):
        v = v.replace(port, "PORT")
        v = re.sub(r"\b\d+(\.\d+)? ?(ms|s)\b", "N\\2", v)
        v = re.sub(r":\d{4,5}\b", ":P", v)
        v = re.sub(r"errno: \d+", "errno: N", v)
        v = re.sub(r"\|\|\|\d+\|", "|||P|", v)
        v = re.sub(r"\(\d+,\d+,\d+,\d+,\d+,\d+\)", "(H,P)", v)
        v = re.sub(r"\b\d+(\.\d+)?%", "N%", v)
        v = re.sub(r"\bport \d{4,5}\b", "port P", v)
        return v
    if isinstance(v, int) and str(v) == port:
        return "PORT"
    return v
try:
    print(json.dumps(norm(json.load(open(sys.argv[1]))), indent=1, sort_keys=True, ensure_ascii=False))
except Exception as e:
    print("unparsable:", e)
PY
	done
done
