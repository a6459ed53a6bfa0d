#!/bin/bash
# ftp_private_login.sh — a real pyftpdlib with one named account and no
# anonymous login (-u alice -P s3cret).  Without --user sockdoc tries the
# anonymous login and PASS gets "530 Anonymous access not allowed.": that
# is a server that wants a login, not a block of the user's address.  The
# report says auth.rejected (medium) with the one fix that applies (enter
# a login: FileZilla Logon Type Normal, sockdoc --user), FTP wording only:
# no server.rejects_client, no port 587, no Outlook code.  With the
# account (--user alice, password from the environment) the login works.
. "$(dirname "$0")/lib.sh"
$PY -c 'import pyftpdlib' 2>/dev/null || skip "needs python3-pyftpdlib"
port=$(free_port)
mkdir -p "$T_DIR/root"
start_bg pyftpd $PY -m pyftpdlib -i 127.0.0.1 -p "$port" -d "$T_DIR/root" \
	-u alice -P s3cret
wait_port 127.0.0.1 "$port" 15

out=$T_DIR/report.json
report_json "$out" --timeout 6 "ftp://127.0.0.1:$port"
assert_exit 1
assert_cause "$out" auth.rejected "530 Anonymous access not allowed."
assert_json "$out" 'cause("auth.rejected")["confidence"] == "medium"' \
	"a note on the client's side, not a high-confidence fault"
assert_json "$out" '"server.rejects_client" not in cause_ids()' \
	"no 'blocked address'"
assert_json "$out" 'fx("auth.rejected").startswith("This server needs a user name and password") and "Logon Type" in fx("auth.rejected") and "--user" in fx("auth.rejected")' \
	"the fix: enter a login (FileZilla, sockdoc --user)"
assert_json "$out" 'all("587" not in fx(c) and "e-mail" not in fx(c) and "submission" not in fx(c) for c in cause_ids())' \
	"no mail advice on an FTP target"
assert_json "$out" 'all(not c["client_errors"]["outlook"] for c in r["causes"])' \
	"no Outlook code on an FTP target (the field stays, empty)"
assert_json "$out" 'any("Critical error" in m for m in cause("auth.rejected")["client_errors"].get("filezilla", []))' \
	"FileZilla's own words instead"

# The text report: the same, and no empty client-code list.
run_sockdoc "$T_DIR/report.txt" --report --timeout 6 "ftp://127.0.0.1:$port"
assert_grep "$T_DIR/report.txt" 'needs a user name and password'
# 587 as a number of its own: the random port may hold those digits.
if grep -Eq -e 'blocked address' -e '(^|[^0-9])587([^0-9]|$)' -e '0x800CCC' -e 'Client errors:;' "$T_DIR/report.txt"; then
	cat "$T_DIR/report.txt"
	fail "mail advice, Outlook codes or an empty code list on an FTP target"
fi

# The control: with the account the login works and nothing is wrong.
SOCKDOC_PASSWORD=s3cret report_json "$T_DIR/ok.json" --timeout 6 \
	--user alice "ftp://127.0.0.1:$port"
assert_json "$T_DIR/ok.json" 'det("ftp.login")["login_ok"] is True and "auth.rejected" not in cause_ids()' \
	"with --user alice the login works"
exit 0
