#!/usr/bin/env python3
"""Side-by-side start-up timing of whole processes (CLI runs, or the language server up to its initialize result).

Each round runs every variant once, in turn, so that builds compared with each other see the same machine load.
CPU time is user + system of the child from wait4() (microsecond resolution, unlike /usr/bin/time's 10 ms).

  python3 bench/startup-ab.py -n 20 --label old --label new -- \
      'node /tmp/old/dist/cli.js examples/nova.conf' 'node dist/cli.js examples/nova.conf'
  python3 bench/startup-ab.py -n 20 --lsp -- 'node /tmp/old/dist/server.js --stdio' 'node dist/server.js --stdio'
  python3 bench/startup-ab.py -n 20 --lsp --env both 'old=node /tmp/old/dist/server.js --stdio' 'new=node dist/server.js --stdio'

Page faults: the median of the child's minor page faults (ru_minflt). On a host where a first touch of a page is
slow (Round 11's: ~15 us each, `node -e 0` ~1,900 of them), they are much of a start's CPU time, and unlike time
they barely move with the load.

--env unset removes NODE_EXTRA_CA_CERTS from the children's environment; --env both runs each variant both ways.
With --lsp, wall time is spawn -> initialize result and CPU time is the whole process (initialize, shutdown, exit);
--open FILE adds a didOpen of FILE after initialize and the wall time spawn -> its first publishDiagnostics.
"""
import argparse, json, os, re, shlex, statistics, subprocess, sys, time


def run_cli(cmd, env):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, p.returncode, ru.ru_minflt


def frame(msg):
    body = json.dumps(msg).encode()
    return b'Content-Length: %d\r\n\r\n' % len(body) + body


def read_message(f):
    length = None
    while True:
        line = f.readline()
        if not line:
            raise EOFError('server closed its output')
        line = line.strip()
        if not line:
            break
        k, _, v = line.partition(b':')
        if k.lower() == b'content-length':
            length = int(v)
    return json.loads(f.read(length))


def run_lsp(cmd, env, open_file=None):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    p.stdin.write(frame({'jsonrpc': '2.0', 'id': 1, 'method': 'initialize', 'params': {'processId': os.getpid(), 'rootUri': None, 'capabilities': {}}}))
    p.stdin.flush()
    while True:
        m = read_message(p.stdout)
        if m.get('id') == 1:
            break
    wall = (time.perf_counter() - t0) * 1000
    p.stdin.write(frame({'jsonrpc': '2.0', 'method': 'initialized', 'params': {}}))
    if open_file:
        uri = 'file:///startup-ab/' + os.path.basename(open_file)
        with open(open_file, encoding='utf-8') as f:
            text = f.read()
        p.stdin.write(frame({'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {'textDocument': {'uri': uri, 'languageId': 'nova-conf', 'version': 1, 'text': text}}}))
        p.stdin.flush()
        while True:
            m = read_message(p.stdout)
            if m.get('id') is not None and m.get('method'):
                p.stdin.write(frame({'jsonrpc': '2.0', 'id': m['id'], 'result': None}))
                p.stdin.flush()
            if m.get('method') == 'textDocument/publishDiagnostics' and m['params']['uri'] == uri:
                break
        wall = (wall, (time.perf_counter() - t0) * 1000)
    p.stdin.write(frame({'jsonrpc': '2.0', 'id': 2, 'method': 'shutdown', 'params': None}))
    p.stdin.flush()
    while True:
        m = read_message(p.stdout)
        if m.get('id') == 2:
            break
    p.stdin.write(frame({'jsonrpc': '2.0', 'method': 'exit', 'params': None}))
    p.stdin.close()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, p.returncode, ru.ru_minflt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-n', type=int, default=20)
    ap.add_argument('--lsp', action='store_true')
    ap.add_argument('--open', help='with --lsp: also time spawn -> first diagnostics of this file')
    ap.add_argument('--env', choices=['set', 'unset', 'both'], default='unset')
    ap.add_argument('--label', action='append', default=[])
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('cmds', nargs='+')
    a = ap.parse_args()
    # 'label=command' (as session-rss.py takes them) names a variant too; --label names them in order.
    named = [re.match(r'^([\w.+-]+)=(.+)$', c) for c in a.cmds]
    a.cmds = [m.group(2) if m else c for m, c in zip(named, a.cmds)]
    labels = a.label + [m.group(1) if m else c for m, c in list(zip(named, a.cmds))[len(a.label):]]
    envs = {'set': dict(os.environ), 'unset': {k: v for k, v in os.environ.items() if k != 'NODE_EXTRA_CA_CERTS'}}
    modes = ['set', 'unset'] if a.env == 'both' else [a.env]
    runner = (lambda c, e: run_lsp(c, e, a.open)) if a.lsp else run_cli
    variants = [(lab, shlex.split(c), m) for lab, c in zip(labels, a.cmds) for m in modes]
    res = {(lab, m): ([], [], set(), []) for lab, _, m in variants}
    load0 = os.getloadavg()[0]
    for i in range(a.warmup + a.n):
        # The order is reversed every other round, so that no variant always runs right after the same one.
        for lab, cmd, m in (variants if i % 2 == 0 else variants[::-1]):
            w, c, code, faults = runner(cmd, envs[m])
            if i >= a.warmup:
                res[(lab, m)][0].append(w)
                res[(lab, m)][1].append(c)
                res[(lab, m)][2].add(code)
                res[(lab, m)][3].append(faults)
    load1 = os.getloadavg()[0]
    print(f'n={a.n} per variant, interleaved; load average {load0:.2f} -> {load1:.2f}; NODE_EXTRA_CA_CERTS {a.env}')
    extra = f' {"wall to diagnostics":>20}' if a.open else ''
    print(f'{"variant":40} {"env":6} {"CPU median":>11} {"CPU p25-p75":>15} {"wall median":>12}{extra} {"page faults":>11} exit')
    for lab, _, m in variants:
        w, c, codes, faults = res[(lab, m)]
        q = statistics.quantiles(c, n=4)
        if a.open:
            extra = f' {statistics.median([x[1] for x in w]):18.1f}ms'
            w = [x[0] for x in w]
        print(f'{lab[:40]:40} {m:6} {statistics.median(c):9.1f}ms {q[0]:6.1f}-{q[2]:6.1f}ms {statistics.median(w):10.1f}ms{extra} {statistics.median(faults):11.0f} {sorted(codes)}')


if __name__ == '__main__':
    sys.exit(main())
