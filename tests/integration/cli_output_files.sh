#!/bin/bash
# Files sockdoc writes are private: -o FILE and --transcript FILE are
# created mode 0600 (whatever the umask), the transcript holds the
# greeting, and the password (SOCKDOC_PASSWORD) appears in no output,
# neither plain nor as an AUTH PLAIN blob, though the login succeeded.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
pass='s3cr3t-Pw-77'
start_smtpd "$port" --auth "tester:$pass"
umask 022
rep=$T_DIR/out.json
ts=$T_DIR/transcript.txt
export SOCKDOC_PASSWORD=$pass
run_sockdoc "$T_DIR/stdout" --report --format json -o "$rep" \
	--transcript "$ts" --user tester --tls none --timeout 3 \
	"smtp://127.0.0.1:$port"
unset SOCKDOC_PASSWORD
case $REPORT_RC in 0 | 1) ;; *) fail "exit $REPORT_RC" ;; esac
assert_empty "$T_DIR/stdout"
assert_file_mode "$rep" 600
assert_file_mode "$ts" 600
assert_json "$rep" 'r["schema"] == "sockdoc.report/1"'
assert_json "$rep" 'details("banner")["code"] == 220'
assert_grep "$ts" '220'
# The password really went over the wire (--tls none allows plain AUTH),
# so its absence below means redaction, not a skipped login.
assert_json "$rep" 'details("smtp.auth")["authenticated"] is True'
assert_grep "$ts" 'AUTH PLAIN'
assert_grep "$ts" '235'
blob=$($PY -c 'import base64,sys; print(base64.b64encode(b"\0tester\0" + sys.argv[1].encode()).decode())' "$pass")
b64pass=$($PY -c 'import base64,sys; print(base64.b64encode(sys.argv[1].encode()).decode())' "$pass")
for f in "$rep" "$ts" "$T_DIR/stdout" "$T_DIR/stdout.err"; do
	assert_no_grep "$f" "$pass"
	assert_no_grep "$f" "$blob"
	assert_no_grep "$f" "$b64pass"
done

# The text format to a file: also 0600.
run_sockdoc "$T_DIR/stdout2" --report --format text -o "$T_DIR/out.txt" \
	--timeout 3 "smtp://127.0.0.1:$port"
assert_file_mode "$T_DIR/out.txt" 600
assert_empty "$T_DIR/stdout2"
assert_grep "$T_DIR/out.txt" '127\.0\.0\.1'
exit 0
