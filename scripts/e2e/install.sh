#!/usr/bin/env bash
# Installs what the editor end-to-end tests need, only when it is missing:
#   apt: Neovim, Emacs + eglot, Debian Chromium, pre-commit, ripgrep and the build tools code-server's install uses;
#   npm: code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) into the git-ignored .e2e/.
# Usage: scripts/e2e/install.sh [apt|code-server|all]   (default: all)
# Only the npm registry and Debian's apt are used; nothing is installed into the repository's node_modules.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="$ROOT/.e2e"
CS_VERSION=4.100.3
CS_DIR="$E2E/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
# code-server writes a default config under XDG_CONFIG_HOME on any start, even --version: keep it in .e2e/.
cs() { XDG_CONFIG_HOME="$E2E/xdg-config" XDG_DATA_HOME="$E2E/xdg-data" "$CS_BIN" "$@"; }
what="${1:-all}"
mkdir -p "$E2E"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

apt_install() {
  local missing=()
  command -v nvim >/dev/null || missing+=(neovim)
  command -v vim >/dev/null || missing+=(vim)
  command -v emacs >/dev/null || missing+=(emacs-nox)
  [ -d /usr/share/emacs/site-lisp/elpa ] && ls /usr/share/emacs/site-lisp/elpa | grep -q '^eglot' || missing+=(elpa-eglot)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  command -v pre-commit >/dev/null || missing+=(pre-commit)
  [ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
  [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  command -v python3 >/dev/null || missing+=(python3)
  command -v make >/dev/null || missing+=(make)
  command -v g++ >/dev/null || missing+=(g++)
  if [ "${#missing[@]}" = 0 ]; then echo "apt: nothing missing"; return 0; fi
  echo "apt: installing ${missing[*]}"
  # Other processes may hold the dpkg lock for a while: wait for it instead of failing.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
}

code_server_install() {
  if [ -x "$CS_BIN" ] && cs --version 2>/dev/null | grep -q "^$CS_VERSION "; then
    echo "code-server $CS_VERSION: already installed"; return 0
  fi
  command -v rg >/dev/null || { echo "code-server needs ripgrep (run: $0 apt)" >&2; return 1; }
  echo "code-server $CS_VERSION: installing into $CS_DIR (takes ~2 minutes)"
  mkdir -p "$CS_DIR" "$E2E/tmp"
  [ -f "$CS_DIR/package.json" ] || printf '{\n  "name": "nova-conf-e2e-code-server",\n  "private": true\n}\n' > "$CS_DIR/package.json"
  # Workaround 1: @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with Debian's rg.
  local tmp="$E2E/tmp"
  local cache="$tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache" "$tmp/rgpack"
  cp /usr/bin/rg "$tmp/rgpack/rg"
  tar -C "$tmp/rgpack" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  # Workaround 2: node-pty's postinstall runs `npx node-gyp`, which must not prompt.
  # Workaround 3: as root, code-server's postinstall needs unsafe-perm; Node's headers come from /usr.
  local nodedir=/usr
  [ -f /usr/include/node/node.h ] || nodedir="$(dirname "$(dirname "$(command -v node)")")"
  (cd "$CS_DIR" && TMPDIR="$tmp" npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir="$nodedir" \
    XDG_CONFIG_HOME="$E2E/xdg-config" XDG_DATA_HOME="$E2E/xdg-data" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
  cs --version | grep "^$CS_VERSION "
}

case "$what" in
  apt) apt_install ;;
  code-server) code_server_install ;;
  all) apt_install; code_server_install ;;
  *) echo "usage: $0 [apt|code-server|all]" >&2; exit 2 ;;
esac
