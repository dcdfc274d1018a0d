#!/usr/bin/env bash
# All editor end-to-end tests, for .ci/run after `npm test`:
#   1. installs what is missing (apt: neovim, emacs-nox + elpa-eglot, chromium …; npm: code-server into .e2e/)
#   2. builds dist/ and runs the TextMate grammar tests
#   3. Neovim, Vim and Emacs+eglot probes against dist/server.js over stdio
#   4. the packaged .vsix in a real VS Code workbench (code-server + headless Chromium): API checks, then a
#      UI pass with screenshots in .e2e/screenshots/
#   5. the @vscode/test-electron suite (says "skipped: …" where VS Code cannot be downloaded)
#   6. the web extension: its server (dist/web/server.js) as a web worker in headless Chromium, LSP over
#      postMessage; then the packaged extension in code-server's web worker extension host (as on vscode.dev)
#   7. the pre-commit hook with Debian's pre-commit (try-repo, and an installed hook guarding commits)
# Prints per-step timings and a final `N passed, N failed` line; exits non-zero when anything failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mkdir -p .e2e
LOG=.e2e/run-all.log
: > "$LOG"
passed=0
failed=0
skipped=0
timings=()

# Runs one step, streams its output, and adds its closing "N passed, N failed[, N skipped]" line to the totals.
step() {
  local name="$1"
  shift
  local t0 out rc last
  t0=$(date +%s%N)
  echo "== $name: $*"
  out=$(mktemp)
  timeout --kill-after=10 "${STEP_TIMEOUT:-540}" "$@" 2>&1 | tee "$out" | tee -a "$LOG"
  rc=${PIPESTATUS[0]}
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
  rm -f "$out"
  if [ -n "$last" ]; then
    passed=$((passed + $(echo "$last" | sed -E 's/^([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$last" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
    if echo "$last" | grep -qE 'skipped'; then skipped=$((skipped + $(echo "$last" | sed -E 's/.* ([0-9]+) skipped.*/\1/'))); fi
    if [ "$rc" != 0 ] && ! echo "$last" | grep -qE ', [1-9][0-9]* failed'; then failed=$((failed + 1)); echo "  FAIL  $name exited $rc"; fi
  elif [ "$rc" = 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "  FAIL  $name exited $rc"
  fi
  local ms=$((($(date +%s%N) - t0) / 1000000))
  timings+=("$name $((ms / 1000)).$(((ms % 1000) / 100)) s")
}

T0=$(date +%s)
step install bash scripts/e2e/install.sh all
step build npm run -s build
step grammar npx vscode-tmgrammar-test -g test/grammar/json.tmLanguage.json 'test/grammar/*.test.nova-conf'
step editors node --import tsx scripts/e2e/editors.ts
step workbench node --import tsx scripts/e2e/workbench.ts
step electron node --import tsx scripts/e2e/electron.ts
step web-worker node --import tsx scripts/e2e/web-worker.ts
step web-host node --import tsx scripts/e2e/web-host.ts
step pre-commit bash scripts/e2e/pre-commit.sh

echo "timings: $(IFS=, ; echo "${timings[*]}" | sed 's/,/, /g'); total $(( $(date +%s) - T0 )) s"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
