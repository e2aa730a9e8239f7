#!/bin/sh
# deps.sh PKGCONFIG_NAME... : make sure the build dependencies are present.
# As root, missing Debian packages are installed with apt-get; otherwise the
# script says exactly what to install and fails.
set -u
pkg_for() {
	case "$1" in
	libpcre2-8) echo libpcre2-dev ;;
	libxml-2.0) echo libxml2-dev ;;
	cmocka) echo libcmocka-dev ;;
	poppler-glib) echo libpoppler-glib-dev ;;
	cairo) echo libcairo2-dev ;;
	liblinear) echo liblinear-dev ;;
	xlsxwriter) echo libxlsxwriter-dev ;;
	*) echo "$1" ;;
	esac
}
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
# liblinear has no pkg-config file: its header tells
present() {
	case "$1" in
	liblinear) [ -f /usr/include/linear.h ] ;;
	*) command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1" ;;
	esac
}
for m in "$@"; do
	if ! present "$m"; then
		missing="$missing $(pkg_for "$m")"
	fi
done
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null && exit 0
	echo "deps: apt-get could not install$missing" >&2
	exit 1
fi
echo "missing build dependencies: run 'sudo apt-get install$missing'" >&2
exit 1
