#!/bin/sh
# Renders the report .docx saved by e2e/reports.spec.ts to a PDF and its first page to a PNG, so
# a person can look at the Decree 30 layout. Run by hand after the e2e (LibreOffice is not in CI):
#   sh e2e/reports-render-docx.sh [e2e/screenshots/report-approved-desktop.docx ...]
# Needs Debian's libreoffice-writer-nogui, poppler-utils and fonts-liberation2.
set -eu
cd "$(dirname "$0")/screenshots"
if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice (LibreOffice) is not installed; nothing rendered" >&2
  exit 1
fi
[ "$#" -gt 0 ] || set -- report-approved-*.docx
# A private profile: a second LibreOffice (another engineer's, a desktop session) cannot block this one.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for docx in "$@"; do
  docx="$(basename "$docx")"
  base="${docx%.docx}"
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir . "$docx" >/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 "$base.pdf" "$base-page"
  # pdftoppm numbers the page (-1 or -01 depending on the page count).
  for f in "$base"-page-*.png; do mv "$f" "$base-page1.png"; done
  pages="$(pdfinfo "$base.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
  echo "$docx → $base.pdf (${pages:-?} pages) → $base-page1.png"
done
