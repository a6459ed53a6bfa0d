#!/bin/bash
# A named user without a password anywhere (no SOCKDOC_PASSWORD, no
# --password-file, no ~/.netrc): the login is not tried -- no empty PASS
# (FTP) or AUTH (SMTP) is sent, so no auth.rejected "check the password";
# the login step is shown skipped with the reason, in the text report too,
# and the run does not read as fully checked: not_asked names the login
# and the probes that need it (reason no_password), the verdict says
# some questions were not asked, and nagios says UNKNOWN (3), not OK.
# --user '' is a usage error (exit 2).
# pyftpdlib and aiosmtpd on loopback; HOME is the test's own (no .netrc).
. "$(dirname "$0")/lib.sh"
$PY -c 'import pyftpdlib' 2>/dev/null || skip "needs python3-pyftpdlib"
fp=$(free_port)
mkdir -p "$T_DIR/pyroot"
start_bg pyftpd $PY -m pyftpdlib -i 127.0.0.1 -p "$fp" -d "$T_DIR/pyroot"
sp=$(free_port)
start_aiosmtpd "$sp"
wait_port 127.0.0.1 "$fp" 15
unset SOCKDOC_PASSWORD
export HOME=$T_DIR
out=$T_DIR/r.json
why='no password given for u: set SOCKDOC_PASSWORD, --password-file or ~/.netrc'

report_json "$out" --timeout 3 --transcript "$T_DIR/t.txt" "ftp://u@127.0.0.1:$fp"
assert_json "$out" '"auth.rejected" not in cause_ids()' "no auth.rejected"
assert_json "$out" 'status("ftp.login") == "skipped" and probe("ftp.login")["summary"] == sys.argv[3]' "ftp.login skipped with the reason" "$why"
assert_json "$out" 'det("ftp.login")["not_sent"] == "no_password" and det("ftp.login")["user"] == "u"'
assert_no_grep "$T_DIR/t.txt" 'PASS'
assert_no_grep "$T_DIR/t.txt" 'USER u'
run_sockdoc "$T_DIR/r.txt" --report --timeout 3 "ftp://u@127.0.0.1:$fp"
assert_grep "$T_DIR/r.txt" "skipped +ftp\.login .*no password given for u"

# SMTP: --user without a password: AUTH is not sent, no login cause.
report_json "$out" --timeout 3 --transcript "$T_DIR/t2.txt" --user u "smtp://127.0.0.1:$sp"
assert_exit 0
assert_json "$out" 'status("smtp.auth") == "skipped" and probe("smtp.auth")["summary"] == sys.argv[3]' "smtp.auth skipped with the reason" "$why"
assert_json "$out" 'not [c for c in cause_ids() if c.startswith("auth.")]' "no auth.* cause"
if grep -q '> .*AUTH ' "$T_DIR/t2.txt"; then fail "AUTH was sent without a password"; fi
# FTP: the login and passive/active listed as not asked, with the reason.
report_json "$out" --timeout 3 "ftp://u@127.0.0.1:$fp"
assert_json "$out" '[e for e in r["not_asked"] if e["probe"] == "ftp.login" and e.get("reason") == "no_password" and e["depends"] == ["ftp.passive", "ftp.active"] and "password for u" in e["answer"]]' "not_asked: ftp.login, no password"
assert_json "$out" '"login failed" not in probe("ftp.passive")["summary"] and "not tried" in probe("ftp.passive")["summary"]'
assert_grep "$T_DIR/r.txt" "some questions were not asked"
assert_grep "$T_DIR/r.txt" "password for u"
run_sockdoc "$T_DIR/n.txt" --report --format nagios --timeout 3 "ftp://u@127.0.0.1:$fp"
assert_exit 3
assert_grep "$T_DIR/n.txt" "^SOCKDOC UNKNOWN - .*ftp.login not tried: no password given"
report_json "$out" --timeout 3 --user u "smtp://127.0.0.1:$sp"
assert_json "$out" '[e for e in r["not_asked"] if e["probe"] == "smtp.auth" and e.get("reason") == "no_password"]' "not_asked: smtp.auth, no password"
run_sockdoc "$T_DIR/n2.txt" --report --format nagios --timeout 3 --user u "smtp://127.0.0.1:$sp"
assert_exit 3
# Without --user: the login question stays unasked, no reason, nagios OK.
run_sockdoc "$T_DIR/n3.txt" --report --format nagios --timeout 3 "smtp://127.0.0.1:$sp"
assert_exit 0
# --user '': a usage error before anything is sent.
run_sockdoc "$T_DIR/e.txt" --report --timeout 3 --user '' "ftp://127.0.0.1:$fp"
assert_exit 2
assert_grep "$T_DIR/e.txt.err" "--user wants a login name"
echo PASS
