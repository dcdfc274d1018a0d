#!/usr/bin/env python3
"""Resident memory of language servers after the same editor session, side by side.

For each round and each server command: initialize, then 30 times open FILE under a new URI (waiting for its
diagnostics), ask 3 completions/hovers at spread positions and close it; then VmRSS 500 ms after the last message, when
the goal row (bench/measure.ts session) reads it (SESSION_RSS_WAIT=seconds to change; 0.3 s before Round 12). NODE_EXTRA_CA_CERTS unset.

  python3 bench/session-rss.py FILE ROUNDS 'old=node /tmp/old/dist/server.js --stdio' 'new=node dist/server.js --stdio'
"""
import importlib.util, os, subprocess, sys, time
spec = importlib.util.spec_from_file_location('ab', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'startup-ab.py'))
ab = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ab)

def session(cmd, path, reps=30):
    env = {k: v for k, v in os.environ.items() if k != 'NODE_EXTRA_CA_CERTS'}; env['NOVA_CONF_DEBOUNCE_MS'] = '0'
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    w = lambda m: (p.stdin.write(ab.frame(m)), p.stdin.flush())
    def until(pred):
        while True:
            m = ab.read_message(p.stdout)
            if m.get('id') is not None and m.get('method'): w({'jsonrpc': '2.0', 'id': m['id'], 'result': None})
            if pred(m): return m
    w({'jsonrpc': '2.0', 'id': 1, 'method': 'initialize', 'params': {'processId': None, 'rootUri': None, 'capabilities': {}}}); until(lambda m: m.get('id') == 1)
    w({'jsonrpc': '2.0', 'method': 'initialized', 'params': {}})
    text = open(path).read(); lines = text.split('\n')
    i = 2
    for k in range(reps):
        uri = f'file:///x/{k}.conf'
        w({'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {'textDocument': {'uri': uri, 'languageId': 'nova-conf', 'version': 1, 'text': text}}})
        until(lambda m: m.get('method') == 'textDocument/publishDiagnostics' and m['params']['uri'] == uri)
        for j in range(3):
            ln = (k * 211 + j * 97) % len(lines)
            w({'jsonrpc': '2.0', 'id': i, 'method': 'textDocument/hover' if j % 2 else 'textDocument/completion', 'params': {'textDocument': {'uri': uri}, 'position': {'line': ln, 'character': min(3, len(lines[ln]))}}}); until(lambda m, i=i: m.get('id') == i); i += 1
        w({'jsonrpc': '2.0', 'method': 'textDocument/didClose', 'params': {'textDocument': {'uri': uri}}})
    time.sleep(float(os.environ.get('SESSION_RSS_WAIT', '0.5')))
    rss = int([l for l in open(f'/proc/{p.pid}/status') if l.startswith('VmRSS')][0].split()[1]) / 1024
    p.kill(); p.wait()
    return rss
f = sys.argv[1]
for rnd in range(int(sys.argv[2])):
    for lab, cmd in [(a.split('=')[0], a.split('=', 1)[1].split()) for a in sys.argv[3:]]:
        print(lab, f'{session(cmd, f):.1f} MB', flush=True)
