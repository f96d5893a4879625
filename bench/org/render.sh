#!/bin/sh
# Times headless Chromium loading and painting an HTML report (a full-page screenshot, the
# way tests/audit.rs renders it). Usage: bench/org/render.sh REPORT.html [TIMEOUT-SECONDS]
set -eu
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
limit=${2:-300}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
profile=$(mktemp -d)
shot=$(mktemp --suffix=.png)
start=$(date +%s.%N)
timeout "$limit" "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --proxy-server=http://127.0.0.1:9 --user-data-dir="$profile" --window-size=1280,2000 \
  --screenshot="$shot" "file://$page" >/dev/null 2>&1 || echo "chromium failed or timed out after ${limit}s" >&2
end=$(date +%s.%N)
rm -rf "$profile" "$shot"
echo "render_seconds=$(echo "$end - $start" | bc)"
