#!/bin/bash
# ftp_pasv_strict.sh — issue 10, input 6 and the malformed 227: PASV is
# judged by RFC 959, not by whether libcurl managed:
#   EPSV works, PASV is answered "229 Entering Extended Passive Mode":
#     malformed "229 in answer to PASV" (FileZilla/Explorer on IPv4 fail);
#   PASV answered "227 ... (127,0,0,1,300,20)": malformed "227 numbers
#     out of range", not a blocked port;
#   EPSV answered with port 70000: malformed, though libcurl went on
#     over PASV;
#   PASV and EPSV refused with 550 while active works: ftp.passive_blocked
#     (kept passing), whose fix names the refusal, never "advertised port
#     0" (no port was advertised).
. "$(dirname "$0")/lib.sh"

out=$T_DIR/report.json
start_scripted_ftp p229 '{"PASV": {"reply": "229 Entering Extended Passive Mode (|||{port}|)"}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.passive PASV)
assert_json "$out" "$R['code'] == 229 and $R['malformed'] == '229 in answer to PASV'"
assert_json "$out" "'Entering Extended Passive Mode' in $R['text']"
assert_json "$out" 'details("ftp.passive")["epsv"]["ok"] and not details("ftp.passive")["pasv"]["ok"]'
assert_json "$out" "len(details('ftp.passive')['refusals']) == 1"
assert_exit 1
assert_first_cause "$out" ftp.pasv_broken
assert_evidence "$out" ftp.pasv_broken 'PASV.*229 Entering Extended Passive Mode'
assert_evidence "$out" ftp.pasv_broken '229 in answer to PASV'
assert_json "$out" '"EPSV" in fixes("ftp.pasv_broken")'

start_scripted_ftp p227 '{"PASV": {"reply": "227 Entering Passive Mode (127,0,0,1,300,20)"}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.passive PASV)
assert_json "$out" "$R['code'] == 227 and $R['malformed'] == '227 numbers out of range'"
assert_json "$out" "'(127,0,0,1,300,20)' in $R['text']"
assert_exit 1
assert_first_cause "$out" server.malformed_reply
assert_evidence "$out" server.malformed_reply '227 numbers out of range'
assert_json "$out" '"ftp.passive_blocked" not in cause_ids()'

start_scripted_ftp e229 '{"EPSV": {"reply": "229 Entering Extended Passive Mode (|||70000|)"}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
R=$(refusal_of ftp.passive EPSV)
assert_json "$out" "$R['code'] == 229 and $R['malformed'] == '229 port missing or out of range'"
assert_json "$out" 'not details("ftp.passive")["epsv"]["ok"] and details("ftp.passive")["pasv"]["ok"]'
assert_exit 1
assert_first_cause "$out" server.malformed_reply
assert_evidence "$out" server.malformed_reply 'at EPSV .*\(\|\|\|70000\|\)'
assert_evidence "$out" server.malformed_reply '229 port missing or out of range'

start_scripted_ftp p550 '{"PASV": {"reply": "550 Permission denied."}, "EPSV": {"reply": "550 Permission denied."}}'
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
assert_exit 1
assert_first_cause "$out" ftp.passive_blocked
assert_json "$out" "$(refusal_of ftp.passive PASV)['code'] == 550 and $(refusal_of ftp.passive EPSV)['code'] == 550"
assert_json "$out" '"advertised port 0" not in text(cause("ftp.passive_blocked"))'
assert_json "$out" 'any("PASV with 550 Permission denied." in f for f in cause("ftp.passive_blocked")["fixes"])'
assert_evidence "$out" ftp.passive_blocked 'PASV: .*550 Permission denied'
exit 0
