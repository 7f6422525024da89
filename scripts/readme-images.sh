#!/usr/bin/env bash
# The README's page images of the local-rule presets: page 1 of the test
# declaration (test/fixtures/kinds/) in a case that fits each court, built
# --final (no watermark) and drawn at 60 dpi with poppler's pdftoppm.
# Run after `npm run build`: bash scripts/readme-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for court in nd-cal sdny ddc; do
  config=test/fixtures/kinds/$([ "$court" = nd-cal ] && echo report || echo "$court").yaml
  node dist/bin/main.js build --config "$config" --period 2024-05 --as-of 2024-06-14 --final --out "$out/$court" >/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$out/$court/2024-05/report.pdf" "docs/$court-declaration-page-1"
done
