#!/bin/bash
# --pcap FILE: the packets of sockdoc's own connections.  Against the
# lab's tcp sink with reset-on-connect the file (mode 0600) holds the SYN,
# the SYN-ACK and the RST of a connection to the lab's port (read back by
# a small pcap reader in python), and the report names the RST to look
# for; an FTP login with a password (SOCKDOC_PASSWORD, the lab's
# auth-required accepts named users, PASS goes in clear) leaves no byte of
# the password and no TCP payload at all in the file; without
# CAP_NET_RAW the capture is "skipped: needs CAP_NET_RAW" and no file is
# written.  Traffic: 127.0.0.1 only.
. "$(dirname "$0")/lib_trials.sh"
[ "$(id -u)" = 0 ] || skip "the capture needs root (CAP_NET_RAW)"
cat >"$TL_TMP/readpcap.py" <<'EOP'
# readpcap.py FILE PORT: one line per TCP packet to or from PORT:
# "FLAGS CAPLEN HEADERLEN" (flags as S, SA, R, RA, F...); link types
# LINUX_SLL (113) and SLL2 (276).
import struct, sys
data = open(sys.argv[1], "rb").read()
port = int(sys.argv[2])
magic = struct.unpack("<I", data[:4])[0]
end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
linktype = struct.unpack(end + "I", data[20:24])[0]
off = 24
while off + 16 <= len(data):
    _, _, caplen, _ = struct.unpack(end + "IIII", data[off:off + 16])
    pkt = data[off + 16:off + 16 + caplen]
    off += 16 + caplen
    l2, proto = (16, pkt[14:16]) if linktype == 113 else (20, pkt[0:2])
    if proto != b"\x08\x00" or len(pkt) < l2 + 20:
        continue
    ip = (pkt[l2] & 15) * 4
    if pkt[l2 + 9] != 6:
        continue
    t = l2 + ip
    sport, dport = struct.unpack(">HH", pkt[t:t + 4])
    if port not in (sport, dport):
        continue
    fl = pkt[t + 13]
    name = "".join(c for c, b in (("S", 2), ("F", 1), ("R", 4), ("A", 16)) if fl & b)
    print(name, caplen, t + (pkt[t + 12] >> 4) * 4)
EOP

start_lab tcp reset-on-connect
rm -f "$TL_TMP/rst.pcap"
report --timeout 1 --pcap "$TL_TMP/rst.pcap" "tcp://127.0.0.1:$LAB_PORT"
grep -q "not built with libpcap" "$TL_TMP/report.json" && skip "built without libpcap"
assert_json "$TL_TMP/report.json" 'r["capture"]["status"] == "written"' "no capture written"
assert_json "$TL_TMP/report.json" 'any("RST" in l for l in r["capture"]["look_for"])' "the report does not say to look for the RST"
[ "$(stat -c %a "$TL_TMP/rst.pcap")" = 600 ] || fail "the pcap file is not mode 0600"
$PY "$TL_TMP/readpcap.py" "$TL_TMP/rst.pcap" "$LAB_PORT" >"$TL_TMP/rst.txt" || fail "cannot read the pcap back"
cat "$TL_TMP/rst.txt"
grep -q '^S ' "$TL_TMP/rst.txt" || fail "no SYN in the capture"
grep -q '^SA ' "$TL_TMP/rst.txt" || fail "no SYN-ACK in the capture"
grep -q '^RA\? ' "$TL_TMP/rst.txt" || fail "no RST in the capture"
if command -v tcpdump >/dev/null; then
	tcpdump -nn -r "$TL_TMP/rst.pcap" 2>/dev/null | grep -q "Flags \[R" ||
		fail "tcpdump -r sees no RST"
fi

start_lab ftp auth-required
SOCKDOC_PASSWORD='S3cret-Pw-4711' report --timeout 2 --user alice \
	--pcap "$TL_TMP/auth.pcap" "ftp://127.0.0.1:$LAB_PORT"
assert_json "$TL_TMP/report.json" 'status("ftp.login") == "ok"' "the login with the password did not happen"
assert_json "$TL_TMP/report.json" 'r["capture"]["payloads"] == "headers_only"' "payloads not cut"
if grep -a -q -e 'S3cret-Pw-4711' -e "$(printf 'S3cret-Pw-4711' | base64)" "$TL_TMP/auth.pcap"; then
	fail "the password is in the capture"
fi
$PY "$TL_TMP/readpcap.py" "$TL_TMP/auth.pcap" "$LAB_PORT" >"$TL_TMP/auth.txt" || fail "cannot read the auth pcap back"
[ -s "$TL_TMP/auth.txt" ] || fail "no packets of the FTP session captured"
awk '$2 != $3 { bad = 1 } END { exit bad }' "$TL_TMP/auth.txt" ||
	fail "a TCP payload byte is in the capture"

if command -v capsh >/dev/null; then
	capsh --drop=cap_net_raw -- -c "\"$SOCKDOC\" --report --format json --timeout 1 --pcap \"$TL_TMP/none.pcap\" tcp://127.0.0.1:$LAB_PORT" >"$TL_TMP/report.json" 2>/dev/null
	assert_json "$TL_TMP/report.json" '"needs CAP_NET_RAW" in r["capture"]["reason"]' "no CAP_NET_RAW message"
	[ ! -e "$TL_TMP/none.pcap" ] || fail "a capture file without the privilege"
fi
echo "ok"
