#!/bin/sh
# install-deps.sh — the Debian 12 packages sockdoc needs to build, run its
# demo and run every test.  Used by quickstart.sh and .ci/run.  clang and
# libclang-rt-14-dev (libFuzzer and the sanitizer runtimes, only
# recommended by clang) build the fuzz targets (tests/fuzz/run.sh).
set -eu
PACKAGES="build-essential autoconf automake libtool pkg-config gettext autopoint
libcurl4-openssl-dev libc-ares-dev libncurses-dev libjansson-dev libcmocka-dev
libssl-dev libidn2-dev libpcap-dev tcpdump python3 python3-aiosmtpd python3-pyftpdlib vsftpd dnsmasq-base
iptables iproute2 tmux swaks curl openssl ca-certificates procps locales time
xz-utils file monitoring-plugins-basic
python3-prometheus-client nagios4-core icinga2-bin dovecot-imapd dovecot-pop3d
microsocks tinyproxy-bin clang libclang-rt-14-dev help2man bash-completion zsh"

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
# Installing vsftpd or Dovecot must not start a daemon that grabs port 21,
# 110, 143, 993 or 995: the tests start their own on loopback.
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
	$SUDO chmod 755 /usr/sbin/policy-rc.d
	trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $PACKAGES
# The Russian locale, for the translated report and TUI tests.
if ! locale -a 2>/dev/null | grep -qi '^ru_RU.utf8$'; then
	$SUDO sed -i -e 's/^# *\(ru_RU.UTF-8\)/\1/' -e 's/^# *\(en_US.UTF-8\)/\1/' \
		/etc/locale.gen
	$SUDO locale-gen >/dev/null
fi
