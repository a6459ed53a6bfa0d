#!/bin/bash
# peers.sh — sockdoc beside its peers, on the same servers, side by side:
#   healthy SMTP (aiosmtpd): sockdoc --report, curl smtp://, swaks
#     --quit-after EHLO, check_smtp;
#   healthy FTP (vsftpd, and the lab): sockdoc, curl ftp:// (LIST,
#     passive), check_ftp;
#   refused port: sockdoc, curl, check_tcp;
#   filtered port (iptables DROP in a network namespace), --timeout 3:
#     sockdoc, curl --connect-timeout 3;
#   upload of 64 MB over FTP: the upload trial's last step vs curl -T, MB/s;
#   the demo tour (sockdoc demo);
#   peak RSS of every sockdoc case (GNU time).
# Whole-process times are hyperfine medians; each peer's column shows its
# time and the ratio sockdoc/peer.  The last block says which of the
# targets of issue 11 are met.  Prints figures; asserts nothing.
#
# Needs (bench only, not the tests): hyperfine, monitoring-plugins-basic,
# swaks, curl, vsftpd (root), python3-aiosmtpd, GNU time; the filtered row
# needs root and network namespaces.  Traffic: loopback and a namespace
# made here (10.77.N.0/24).  Everything started is stopped by PID.
#
# Usage: bench/peers.sh [RUNS]     (default 15 hyperfine runs a command;
#        SOCKDOC=path overrides src/sockdoc, UPLOAD_RUNS=N the upload pairs
#        (default 5, medians), FILTERED_RUNS=N the filtered runs (3))
here=$(cd "$(dirname "$0")" && pwd)
RUNS=${1:-15}
export SOCKDOC=${SOCKDOC:-$here/../src/sockdoc}
[ -x "$SOCKDOC" ] || { echo "no $SOCKDOC: build first" >&2; exit 2; }
. "$here/../tests/integration/lib.sh"
PLUG=${PLUGINS:-/usr/lib/nagios/plugins}
for tool in hyperfine curl swaks; do
	command -v $tool >/dev/null ||
		{ echo "peers.sh needs $tool (see README, Benchmarks)" >&2; exit 2; }
done
[ -x "$PLUG/check_smtp" ] ||
	{ echo "peers.sh needs monitoring-plugins-basic" >&2; exit 2; }
ROWS=$T_DIR/rows.tsv
: >"$ROWS"

# race CASE NAME CMD [NAME CMD...]: hyperfine the commands (sockdoc
# first); append "CASE NAME median_s" rows.  Exit codes are ignored.
race() {
	local case=$1 args=()
	shift
	while [ $# -ge 2 ]; do
		args+=(-n "$1" "$2")
		shift 2
	done
	hyperfine -N -i --style none --warmup "${WARMUP:-2}" --runs "${R:-$RUNS}" \
		--export-json "$T_DIR/h.json" "${args[@]}" >/dev/null 2>&1 ||
		{ echo "hyperfine failed for $case" >&2; return; }
	$PY - "$T_DIR/h.json" "$case" >>"$ROWS" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%s\t%s\t%.4f" % (sys.argv[2], r["command"], r["median"]))
EOF
}

# rss CASE ARGS...: peak RSS (kB) of one sockdoc run with ARGS.
rss() {
	local case=$1
	shift
	/usr/bin/time -f %M -o "$T_DIR/rss" "$SOCKDOC" "$@" </dev/null \
		>/dev/null 2>&1
	printf '%s\t%s\n' "$case" "$(tail -n 1 "$T_DIR/rss")" >>"$T_DIR/rss.tsv"
}

# Servers: aiosmtpd, a writable anonymous vsftpd, the lab (FTP, healthy).
smtp=$(free_port)
start_aiosmtpd "$smtp" >/dev/null
ftp=$(free_port)
start_vsftpd "$ftp" write_enable=YES anon_upload_enable=YES \
	anon_other_write_enable=YES no_anon_password=YES >/dev/null
mkdir -p "$VSFTPD_ROOT/upload" && chmod 777 "$VSFTPD_ROOT/upload"
start_bg lab "$SOCKDOC" lab --protocol ftp --fault none
for _ in $(seq 50); do
	lab=$(sed -n 's/.* 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T_DIR/lab.out")
	[ -n "$lab" ] && break
	sleep 0.1
done
closed=$(free_port)
: >"$T_DIR/rss.tsv"

S="$SOCKDOC --report"
race "healthy SMTP" sockdoc "$S smtp://127.0.0.1:$smtp" \
	curl "curl -s smtp://127.0.0.1:$smtp/" \
	swaks "swaks --server 127.0.0.1:$smtp --quit-after EHLO" \
	check_smtp "$PLUG/check_smtp -H 127.0.0.1 -p $smtp"
rss "healthy SMTP" --report "smtp://127.0.0.1:$smtp"
race "healthy FTP (vsftpd)" sockdoc "$S ftp://127.0.0.1:$ftp" \
	curl "curl -s ftp://127.0.0.1:$ftp/" \
	check_ftp "$PLUG/check_ftp -H 127.0.0.1 -p $ftp"
rss "healthy FTP (vsftpd)" --report "ftp://127.0.0.1:$ftp"
if [ -n "$lab" ]; then
	race "healthy FTP (lab)" sockdoc "$S ftp://127.0.0.1:$lab" \
		curl "curl -s ftp://127.0.0.1:$lab/" \
		check_ftp "$PLUG/check_ftp -H 127.0.0.1 -p $lab"
	rss "healthy FTP (lab)" --report "ftp://127.0.0.1:$lab"
fi
race "refused port" sockdoc "$S smtp://127.0.0.1:$closed" \
	curl "curl -s smtp://127.0.0.1:$closed/" \
	check_tcp "$PLUG/check_tcp -H 127.0.0.1 -p $closed"
rss "refused port" --report "smtp://127.0.0.1:$closed"
R=1 race "demo tour" sockdoc "$SOCKDOC demo"
rss "demo tour" demo

# The filtered port: a namespace whose firewall drops the SYNs.
if (need_root) >/dev/null 2>&1 && command -v iptables >/dev/null; then
	make_netns
	start_fault_in_ns inner 2525 --mode greet --text '220 x\r\n' >/dev/null
	ns_exec iptables -A INPUT -p tcp --dport 2525 -j DROP
	WARMUP=0 R=${FILTERED_RUNS:-3} race "filtered, --timeout 3" \
		sockdoc "$S --timeout 3 smtp://$NETNS_IP:2525" \
		curl "curl -s --connect-timeout 3 smtp://$NETNS_IP:2525/"
	rss "filtered, --timeout 3" --report --timeout 3 "smtp://$NETNS_IP:2525"
else
	echo "filtered row skipped (needs root and network namespaces)" >&2
fi

# Uploads of 64 MB: the trial's last step (its own kbps) vs curl -T.
mb=64
head -c $((mb << 20)) /dev/zero >"$T_DIR/up.bin"
for i in $(seq "${UPLOAD_RUNS:-5}"); do
	"$SOCKDOC" --report --format json --trials upload --upload-dir upload \
		--max-upload ${mb}M "ftp://127.0.0.1:$ftp" >"$T_DIR/up.json" \
		2>/dev/null
	$PY - "$T_DIR/up.json" >>"$T_DIR/up_sockdoc" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
p = next(p for p in r["probes"] if p["id"] == "trial.upload")
u = p["details"].get("uploads") or [{}]
last = u[-1]
ok = last.get("result") == "ok" and last.get("size") == 64 << 20
print("%.1f" % (last.get("kbps", 0) / 1024 if ok else 0),
      p["status"], last.get("result"), "'%s'" % p["summary"])
EOF
	curl -s -o /dev/null -w '%{speed_upload}\n' -T "$T_DIR/up.bin" \
		"ftp://127.0.0.1:$ftp/upload/curl.bin" >>"$T_DIR/up_curl"
	curl -s -o /dev/null -Q "DELE upload/curl.bin" "ftp://127.0.0.1:$ftp/"
done
rss "upload 64 MB" --report --trials upload --upload-dir upload \
	--max-upload ${mb}M "ftp://127.0.0.1:$ftp"
left=$(find "$VSFTPD_ROOT/upload" -type f | wc -l)

# The table.
$PY - "$ROWS" "$T_DIR/rss.tsv" "$T_DIR/up_sockdoc" "$T_DIR/up_curl" \
	"$left" <<'EOF'
import sys, statistics
rows, rssf, ups, upc, left = sys.argv[1:6]
cases = {}
for line in open(rows):
    c, n, t = line.rstrip("\n").split("\t")
    cases.setdefault(c, []).append((n, float(t)))
rss = dict(l.rstrip("\n").split("\t") for l in open(rssf))
print("| case | sockdoc | peers (time, sockdoc/peer) | peak RSS |")
print("| --- | --- | --- | --- |")
verdict = []
for c, res in cases.items():
    s = res[0][1]
    peers = ", ".join("%s %.3f s (%.2fx)" % (n, t, s / t) for n, t in res[1:])
    print("| %s | %.3f s | %s | %s kB |" % (c, s, peers or "–",
                                            rss.get(c, "?")))
    curl = dict(res).get("curl")
    if c.startswith("healthy") or c.startswith("refused"):
        verdict.append((c + ": at most 2x curl", s <= 2 * curl,
                        "%.2fx" % (s / curl)))
    elif c.startswith("filtered"):
        verdict.append((c + ": at most 1.05x the timeout", s <= 3.15,
                        "%.3fx" % (s / 3)))
    elif c.startswith("demo"):
        verdict.append((c + ": well under 2 s", s < 1.5, "%.2f s" % s))
med = lambda f: statistics.median(float(l.split()[0]) for l in open(f))
su, cu = med(ups), med(upc) / 1e6
detail = open(ups).read().splitlines()[-1].split(None, 1)[1]
print("| upload 64 MB (MB/s) | %.1f MB/s | curl -T %.1f MB/s (%.2fx) | %s kB |"
      % (su, cu, su / cu, rss.get("upload 64 MB", "?")))
print()
print("upload trial: %s; files left on the server: %s" % (detail, left))
verdict.append(("upload: at least 0.9x curl -T", su >= 0.9 * cu,
                "%.2fx" % (su / cu)))
worst = max(int(v) for v in rss.values())
verdict.append(("peak RSS under 16 MB", worst < 16384, "%d kB" % worst))
verdict.append(("no file left by the upload trial", left == "0", left))
print()
for what, ok, fig in verdict:
    print("%-4s %-48s %s" % ("met" if ok else "MISS", what, fig))
EOF
