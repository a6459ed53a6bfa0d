#!/bin/bash
# local: ftp_proxy (with credentials) set -> local.proxy for an FTP target,
# with the proxy host and never its password; not for SMTP; and the port
# range read from /proc.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd
ftp_proxy=http://alice:s3cret@proxy.invalid:3128 report "ftp://127.0.0.1:$FTP_PORT"
assert_json "$TL_TMP/report.json" 'cause("local.proxy")["confidence"] == "medium"' "no local.proxy"
assert_json "$TL_TMP/report.json" '"proxy.invalid:3128" in evidence("local.proxy")' "proxy host missing"
grep -q s3cret "$TL_TMP/report.json" && fail "proxy password in the report"
assert_json "$TL_TMP/report.json" 'probe("local")["details"]["range_size"] > 0' "no port range"
NO_PROXY=127.0.0.1 ftp_proxy=http://proxy.invalid:3128 report "ftp://127.0.0.1:$FTP_PORT"
assert_json "$TL_TMP/report.json" 'cause("local.proxy") is None' "NO_PROXY ignored"
ftp_proxy=http://proxy.invalid:3128 report --protocol smtp "127.0.0.1:$FTP_PORT"
assert_json "$TL_TMP/report.json" 'cause("local.proxy") is None' "ftp_proxy applied to SMTP"
echo "ok"
