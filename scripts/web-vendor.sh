#!/usr/bin/env bash
# Install the dashboard's browser libraries from the npm registry (locked versions) and copy
# the few files it serves into static/vendor/ (git-ignored). No CDN: the page works offline.
set -euo pipefail
WEB="$(cd "$(dirname "$0")/.." && pwd)/src/concord/web"
FRONTEND="$WEB/frontend"
VENDOR="$WEB/static/vendor"
(cd "$FRONTEND" && npm ci --no-audit --no-fund --silent)
NM="$FRONTEND/node_modules"
rm -rf "$VENDOR"
mkdir -p "$VENDOR/world-atlas" "$VENDOR/licenses"
cp "$NM/d3-array/dist/d3-array.min.js" "$NM/d3-geo/dist/d3-geo.min.js" \
   "$NM/topojson-client/dist/topojson-client.min.js" "$VENDOR/"
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/countries-50m.json" "$VENDOR/world-atlas/"
for pkg in d3-array d3-geo topojson-client world-atlas internmap; do
  cp "$NM/$pkg/LICENSE" "$VENDOR/licenses/$pkg.LICENSE"
done
echo "dashboard libraries copied to src/concord/web/static/vendor/"
