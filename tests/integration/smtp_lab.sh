#!/bin/bash
# sockdoc's own fault lab as the SMTP server (in a namespace): the size
# limit (SIZE + 552 at MAIL FROM), MAIL refused 530 until AUTH, and a
# server that demands STARTTLS from a client set to no security.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup

# lab_fault FAULT: start `sockdoc lab` in the namespace; sets LAB_PORT.
lab_fault() {
	local out=$SMTP_TMP/lab.$RANDOM i
	nsx timeout 120 "$SOCKDOC" lab --protocol smtp --fault "$1" \
		--listen 127.0.0.1:0 >"$out" 2>&1 &
	SMTP_PIDS+=("$!")
	for i in $(seq 50); do
		LAB_PORT=$(awk '{ n = split($3, a, ":"); print a[n]; exit }' "$out")
		[ -n "$LAB_PORT" ] && return 0
		sleep 0.1
	done
	cat "$out"; exit 99
}
ENV=(--mail-from alice@example.test --rcpt bob@example.org)

lab_fault size-limit:100000
run_sockdoc "$SMTP_TMP/a.json" --max-upload 1M "${ENV[@]}" \
	"smtp://127.0.0.1:$LAB_PORT"
smtp_check "$SMTP_TMP/a.json" \
	"causes()[0] == 'transfer.size_limit'" \
	"cause('transfer.size_limit')['confidence'] == 'high'" \
	"probe('smtp.ehlo')['caps']['size_limit'] == 100000" \
	"probe('smtp.transaction')['code'] == 552" \
	"'MAIL answered 552' in ev('transfer.size_limit')" \
	"'declared message size: 1048576' in ev('transfer.size_limit')"

lab_fault auth-required
run_sockdoc "$SMTP_TMP/b.json" "${ENV[@]}" "smtp://127.0.0.1:$LAB_PORT"
smtp_check "$SMTP_TMP/b.json" \
	"causes()[0] == 'auth.required'" \
	"probe('smtp.transaction')['code'] == 530" \
	"'without logging in' in ev('auth.required')"

lab_fault starttls-required
run_sockdoc "$SMTP_TMP/c.json" --tls none "${ENV[@]}" \
	"smtp://127.0.0.1:$LAB_PORT"
smtp_check "$SMTP_TMP/c.json" \
	"causes()[0] == 'tls.mode_mismatch'" \
	"probe('smtp.transaction')['outcome'] == 'starttls_required'" \
	"'requires STARTTLS' in ev('tls.mode_mismatch')" \
	"'MAIL was answered 530' in ev('tls.mode_mismatch')" \
	"not any('with no encryption' in f for f in cause('tls.mode_mismatch')['fixes'])"
echo PASS
