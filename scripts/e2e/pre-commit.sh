#!/usr/bin/env bash
# The pre-commit hook as an operator uses it, with Debian's pre-commit and the system Node.js:
#   1. `pre-commit try-repo` on this checkout: fails on a broken nova.conf, passes on a good one;
#   2. a temporary git repository that installs the hook: a commit of a broken config is refused, the fixed one lands.
# pre-commit installs the hook's environment with npm (the npm registry), into a temporary PRE_COMMIT_HOME.
# Prints `N passed, N failed` at the end.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (scripts/e2e/install.sh apt installs it)"; echo "0 passed, 1 failed"; exit 1; }
WORK="$(mktemp -d)"
export PRE_COMMIT_HOME="$WORK/cache"
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0
check() { if [ "$1" = ok ]; then passed=$((passed + 1)); echo "  ok    $2"; else failed=$((failed + 1)); echo "  FAIL  $2"; fi; }

BAD=$'[pci]\ndevice_spec = {\'vendor_id\': \'8086\', \'product_id\': \'154d\'}\n'
GOOD=$'[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n'

repo="$WORK/deploy"
mkdir -p "$repo/etc/kolla/config"
git -C "$repo" init -q
git -C "$repo" config user.email ci@example.invalid
git -C "$repo" config user.name ci
printf '%s' "$BAD" > "$repo/etc/kolla/config/nova.conf"
printf 'not a nova config = {\n' > "$repo/README.conf"  # not matched by the hook's file pattern
git -C "$repo" add -A

# 1. try-repo against this checkout (its working tree, as pre-commit shadows uncommitted changes)
out=$(cd "$repo" && pre-commit try-repo "$ROOT" nova-conf-lint --all-files 2>&1); rc=$?
echo "$out" | tail -5
if [ $rc -ne 0 ] && echo "$out" | grep -q "json-invalid"; then check ok "try-repo fails on single-quoted device_spec, naming json-invalid"; else check fail "try-repo on a broken config (rc=$rc)"; fi
if echo "$out" | grep -q "README.conf"; then check fail "the hook only runs on nova config files"; else check ok "the hook only runs on nova config files"; fi
printf '%s' "$GOOD" > "$repo/etc/kolla/config/nova.conf"
git -C "$repo" add -A
out=$(cd "$repo" && pre-commit try-repo "$ROOT" nova-conf-lint --all-files 2>&1); rc=$?
if [ $rc -eq 0 ]; then check ok "try-repo passes on a good config"; else echo "$out" | tail -5; check fail "try-repo on a good config (rc=$rc)"; fi

# 2. an installed hook guards commits (the hook repository pinned at this checkout's HEAD)
rev=$(git -C "$ROOT" rev-parse HEAD)
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: nova-conf-lint\n        args: [--release, "2025.1"]\n' "$ROOT" "$rev" > "$repo/.pre-commit-config.yaml"
(cd "$repo" && pre-commit install >/dev/null)
printf '%s' "$BAD" > "$repo/etc/kolla/config/nova.conf"
git -C "$repo" add -A
if (cd "$repo" && git commit -q -m bad >/dev/null 2>&1); then check fail "a commit with a broken nova.conf is refused"; else check ok "a commit with a broken nova.conf is refused"; fi
printf '%s' "$GOOD" > "$repo/etc/kolla/config/nova.conf"
git -C "$repo" add -A
if (cd "$repo" && git commit -q -m good >/dev/null 2>&1); then check ok "the fixed config commits"; else check fail "the fixed config commits"; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
