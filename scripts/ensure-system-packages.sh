#!/usr/bin/env bash
# Install the Debian packages the office tests need, only when their programs are missing:
# LibreOffice (PDF conversion), poppler-utils (pdftoppm) and a CJK font (charts and PDFs in Chinese).
# Safe to repeat; does nothing when everything is present or when apt-get is not available.
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-core libreoffice-writer libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-packages: missing ${missing[*]}; install them with your package manager (office PDF tests will skip)" >&2
  exit 0
fi
echo "ensure-system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
