#!/usr/bin/env bash
# Install the system packages docgen needs on Debian/Ubuntu; run as root.
# Idempotent: installs only what is missing, and fetches FandolFang (the open
# 仿宋 substitute) once. Usage: install-system.sh [--with-libreoffice]
set -euo pipefail

packages=(python3 python3-venv fontconfig libcairo2 fonts-noto-cjk fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming)
if [[ "${1:-}" == "--for-tests" ]]; then
  # chromium: the web page's tests drive Debian's browser headless (Playwright, no browser download)
  packages+=(libreoffice-writer-nogui poppler-utils chromium)
fi

if ! command -v apt-get >/dev/null; then
  echo "This is not a Debian/Ubuntu system. Install these fonts by hand: Noto Serif CJK SC Bold," >&2
  echo "WenQuanYi Micro Hei, AR PL UKai CN, AR PL UMing CN and FandolFang (from CTAN 'fandol')." >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done

fandol_dir=/usr/local/share/fonts/docgen
fandol="$fandol_dir/FandolFang-Regular.otf"

if (( ${#missing[@]} )) || [[ ! -s "$fandol" ]]; then
  apt-get update -q
fi
if (( ${#missing[@]} )); then
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# FandolFang ships inside texlive-lang-chinese; take only the one font file
# instead of installing TeX Live.
if [[ ! -s "$fandol" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download -q texlive-lang-chinese)
  mkdir -p "$fandol_dir"
  dpkg-deb --fsys-tarfile "$work"/texlive-lang-chinese_*.deb \
    | tar -x -O ./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf \
    > "$fandol.tmp"
  mv "$fandol.tmp" "$fandol"
  echo "installed $fandol"
fi
fc-cache -f >/dev/null
