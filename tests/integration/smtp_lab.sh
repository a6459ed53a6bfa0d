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
	# ip netns exec in place, not nsx: a function in the background is a
	# subshell, and stopping its PID would leave the lab running.
	ip netns exec "$SMTP_NS" timeout --foreground -k 5 120 "$SOCKDOC" lab --protocol smtp \
		--fault "$1" --listen 127.0.0.1:0 >"$out" 2>&1 &
	track_pid "$!"
	for i in $(seq 50); do
		LAB_PORT=$(awk '{ n = split($3, a, ":"); print a[n]; exit }' "$out")
		[ -n "$LAB_PORT" ] && return 0
		sleep 0.1
	done
	cat "$out"; exit 99
}
ENV=(--mail-from alice@example.test --rcpt bob@example.org)

lab_fault size-limit:100000
smtp_sockdoc "$SMTP_TMP/a.json" --max-upload 1M "${ENV[@]}" \
	"smtp://127.0.0.1:$LAB_PORT"
assert_json "$SMTP_TMP/a.json" "causes()[0] == 'transfer.size_limit'"
assert_json "$SMTP_TMP/a.json" "cause('transfer.size_limit')['confidence'] == 'high'"
assert_json "$SMTP_TMP/a.json" "details('smtp.ehlo')['caps']['size_limit'] == 100000"
assert_json "$SMTP_TMP/a.json" "details('smtp.transaction')['code'] == 552"
assert_json "$SMTP_TMP/a.json" "'MAIL answered 552' in ev('transfer.size_limit')"
assert_json "$SMTP_TMP/a.json" "'declared message size: 1048576' in ev('transfer.size_limit')"

lab_fault auth-required
smtp_sockdoc "$SMTP_TMP/b.json" "${ENV[@]}" "smtp://127.0.0.1:$LAB_PORT"
assert_json "$SMTP_TMP/b.json" "causes()[0] == 'auth.required'"
assert_json "$SMTP_TMP/b.json" "details('smtp.transaction')['code'] == 530"
assert_json "$SMTP_TMP/b.json" "'without logging in' in ev('auth.required')"

lab_fault starttls-required
smtp_sockdoc "$SMTP_TMP/c.json" --tls none "${ENV[@]}" \
	"smtp://127.0.0.1:$LAB_PORT"
assert_json "$SMTP_TMP/c.json" "causes()[0] == 'tls.mode_mismatch'"
assert_json "$SMTP_TMP/c.json" "details('smtp.transaction')['outcome'] == 'starttls_required'"
assert_json "$SMTP_TMP/c.json" "'requires STARTTLS' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/c.json" "'MAIL was answered 530' in ev('tls.mode_mismatch')"
assert_json "$SMTP_TMP/c.json" "not any('with no encryption' in f for f in cause('tls.mode_mismatch')['fixes'])"
echo PASS
