#!/bin/bash
# ftp_pasv_strict.sh — issue 10, input 6 and the malformed 227: PASV is
# judged by RFC 959, not by whether libcurl managed:
#   EPSV works, PASV is answered "229 Entering Extended Passive Mode":
#     malformed "229 in answer to PASV" (FileZilla/Explorer on IPv4 fail);
#   PASV answered "227 ... (127,0,0,1,300,20)": malformed "227 numbers
#     out of range", not a blocked port.
. "$(dirname "$0")/lib.sh"

out=$T_DIR/report.json
start_scripted_ftp p229 '{"PASV": {"reply": "229 Entering Extended Passive Mode (|||{port}|)"}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.passive PASV)
assert_json "$out" "$R['code'] == 229 and $R['malformed'] == '229 in answer to PASV'"
assert_json "$out" "'Entering Extended Passive Mode' in $R['text']"
assert_json "$out" 'details("ftp.passive")["epsv"]["ok"] and not details("ftp.passive")["pasv"]["ok"]'
assert_json "$out" "len(details('ftp.passive')['refusals']) == 1"

start_scripted_ftp p227 '{"PASV": {"reply": "227 Entering Passive Mode (127,0,0,1,300,20)"}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.passive PASV)
assert_json "$out" "$R['code'] == 227 and $R['malformed'] == '227 numbers out of range'"
assert_json "$out" "'(127,0,0,1,300,20)' in $R['text']"
exit 0
