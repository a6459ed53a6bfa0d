#!/bin/bash
# trials.sh — how long each trial takes against local servers: the trial
# probe's own duration_ms and the whole run's wall time, per scenario.
# Prints figures; asserts nothing.  Traffic: loopback only (vsftpd needs
# root; those rows are skipped otherwise).
#
# Usage: bench/trials.sh             (SOCKDOC=path overrides src/sockdoc)
here=$(cd "$(dirname "$0")" && pwd)
export SOCKDOC=${SOCKDOC:-$here/../src/sockdoc}
[ -x "$SOCKDOC" ] || { echo "no $SOCKDOC: build first" >&2; exit 2; }
. "$here/../tests/integration/lib_trials.sh"
# A missing vsftpd (or root) skips its rows instead of ending the bench.
skip() { echo "skipped: $*"; return 1; }

# Run one trial: NAME PROBE TARGET ARGS...; print its timing line.
row() {
	local name=$1 probe=$2 target=$3
	shift 3
	report "$target" "$@"
	printf '%-28s %-18s probe=%6s ms  run=%6s s  %s\n' "$name" "$probe" \
		"$(json_value "$TL_TMP/report.json" "probe(\"$probe\")[\"duration_ms\"]")" "$REPORT_S" \
		"$(json_value "$TL_TMP/report.json" "probe(\"$probe\")[\"summary\"]")"
}

echo "trial                        probe              timings"
if start_vsftpd max_clients=4 idle_session_timeout=6; then
	ftp=ftp://127.0.0.1:$FTP_PORT
	row "halfclose vsftpd" trial.halfclose "$ftp" --trials halfclose
	row "concurrency vsftpd(4)" trial.concurrency "$ftp" --trials concurrency
	row "upload vsftpd 8M" trial.upload "$ftp" --trials upload --upload-dir upload
	row "idle vsftpd(6 s)" trial.idle "$ftp" --trials idle --budget 30
	row "local" local "$ftp"
fi
start_fault ftp_fault reset:600000
row "upload reset 600000 B" trial.upload "ftp://127.0.0.1:$SRV_PORT" --trials upload --max-upload 2M
start_fault ftp_fault stall:600000
row "upload stall 600000 B" trial.upload "ftp://127.0.0.1:$SRV_PORT" --trials upload --max-upload 2M --timeout 2
start_aiosmtpd 1000000
row "upload smtp limit 1M" trial.upload "smtp://127.0.0.1:$SMTP_PORT" --trials upload \
	--max-upload 2M --send-test --mail-from a@example.test --rcpt b@example.test
start_fault flap_smtp 3 2
row "watch 1 s x6 (flapping)" watch "smtp://127.0.0.1:$SRV_PORT" --watch 1 --count 6 --timeout 1
