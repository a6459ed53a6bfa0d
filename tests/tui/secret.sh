#!/bin/bash
# The password is typed hidden and never shown: not in the settings, not
# in any probe's details or transcript on screen, not in a saved report.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

secret="Sekr3t-$$-pw"
addr=$(tui_lab --protocol smtp --fault auth-required)
port=${addr##*:}
[ -n "$port" ] || { echo "lab did not start"; exit 99; }
tui_start --user bob
tui_wait 'What fails' || exit 1
tui_keys 1
tui_wait 'Step 2 of 3' || exit 1
tui_keys -l 127.0.0.1
tui_keys Tab
tui_keys -l "$port"
tui_keys Tab Tab Tab
tui_keys -l "$secret"
tui_wait "Password +\*{${#secret}}" || tui_fail "password not shown as stars"
tui_screen | grep -q "$secret" && tui_fail "password on screen"
tui_keys Up Up Up Up Up Up Up
tui_wait '\[ Run the diagnosis \]' || exit 1
tui_keys Enter
tui_wait 'Tests:' 300 || tui_fail "no results"
tui_screen | grep -q 'smtp.auth' || tui_fail "no smtp.auth probe"
# Open every line of the results; none may show the secret.
n=$(tui_screen | grep -cE '^ (high|medium|low|ok|warning|failed|skipped|error) ')
for i in $(seq "$n"); do
	tui_keys Enter
	tui_wait 'Details' || exit 1
	for _ in $(seq 5); do
		tui_screen | grep -q "$secret" && tui_fail "secret in details"
		tui_keys PageDown
	done
	tui_keys Escape Down
done
tui_keys s
tui_wait 'Save the report' || exit 1
tui_keys C-u
tui_keys -l out.json
tui_keys Tab Right Tab Enter
tui_wait 'Report saved' || tui_fail "not saved"
grep -q "$secret" "$TUI_DIR/out.json" && tui_fail "secret in the report"
"$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert any(p["id"]=="smtp.auth" for p in r["probes"])' "$TUI_DIR/out.json" ||
	tui_fail "report lacks smtp.auth"
# The login was really tried with the password (so hiding it meant
# something): the report's smtp.auth probe ran.
"$PY" - "$TUI_DIR/out.json" <<'PYEOF' || tui_fail "smtp.auth did not run"
import json, sys
r = json.load(open(sys.argv[1]))
a = [p for p in r["probes"] if p["id"] == "smtp.auth"][0]
print("smtp.auth", a["status"], a["summary"])
assert a["status"] not in ("skipped", "waiting"), a["status"]
PYEOF
tui_keys q
tui_wait_exit >/dev/null
echo "ok: password hidden on $n detail screens and in the report"
