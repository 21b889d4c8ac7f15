#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing. Usage: system-deps.sh GROUP...
#   site  – Pango and fonts for WeasyPrint (PDF forms)
#   bench – also Hugo (the benchmark's second yardstick)
#   test  – also Chromium (browser tests), Java (HTML checker), poppler-utils (PDF to PNG), zbar-tools (QR decoding)
set -euo pipefail
want=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation2)
for group in "$@"; do
  if [ "$group" = test ]; then
    want+=(chromium default-jre-headless poppler-utils nodejs zbar-tools)
  fi
  if [ "$group" = bench ]; then
    want+=(hugo)
  fi
done
# Debian ships npm separately from nodejs; NodeSource's nodejs includes it.
if [[ " ${want[*]} " == *" nodejs "* ]] && ! command -v npm >/dev/null 2>&1; then
  want+=(npm)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Brakuje pakietów systemowych: ${missing[*]}. Zainstaluj je: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Instaluję pakiety systemowe: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
