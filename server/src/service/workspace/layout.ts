/**
 * Where a file sits in a deployment tool's layout, from its path alone.
 *
 * kolla-ansible (ansible/roles/nova/tasks/config.yml, ansible/roles/nova-cell/tasks/config.yml):
 * for each service it merges, in this order, its own template, then `global.conf`,
 * `nova.conf`, `nova/<service>.conf`, `nova/<host>/nova.conf` and — for the services of
 * the nova-cell role only — `nova/<host>/<service>.conf`, all under the custom config
 * directory (`/etc/kolla/config`; Kayobe keeps the same tree in `etc/kayobe/kolla/config`).
 *
 * oslo.config (oslo_config/cfg.py: find_config_files, find_config_dirs,
 * ConfigOpts._parse_config_files): a service started without --config-file reads
 * `nova.conf` and `<program>.conf`, then every `*.conf` of `nova.conf.d/` and of
 * `<program>.conf.d/` in sorted order (glob: no hidden files, no subdirectories).
 */
import { NovaService, serviceName } from './services';
import { uriPath } from './roles';

/** Services of kolla-ansible's nova role (no per-host service file) and nova-cell role. */
export const KOLLA_NOVA_ROLE: readonly NovaService[] = ['nova-api', 'nova-metadata', 'nova-scheduler', 'nova-super-conductor'];
export const KOLLA_CELL_ROLE: readonly NovaService[] = ['nova-conductor', 'nova-compute', 'nova-compute-ironic', 'nova-novncproxy', 'nova-serialproxy', 'nova-spicehtml5proxy'];
const KOLLA_SERVICES = new Set<string>([...KOLLA_NOVA_ROLE, ...KOLLA_CELL_ROLE]);

export type KollaLayer = 'global' | 'project' | 'service' | 'host' | 'host-service';
export type OsloLayer = 'project' | 'service' | 'dir' | 'service-dir';

export type Placement =
  | { layout: 'kolla'; root: string; rel: string; layer: KollaLayer; service?: NovaService; host?: string }
  | { layout: 'oslo'; root: string; rel: string; layer: OsloLayer; service?: NovaService }
  | { layout: 'kolla' | 'oslo'; root: string; rel: string; layer: 'unread'; reason: string };

const KOLLA_ROOT = /^(.*\/kolla\/config)\/(.+)$/;

/** A name a nova config could have: nova.conf, nova-*.conf (a template suffix .j2 allowed). */
function novaish(base: string): boolean {
  return /^nova(-[A-Za-z0-9_-]+)?\.conf(\.j2)?$/.test(base);
}

function kolla(root: string, rel: string): Placement | undefined {
  const parts = rel.split('/');
  const base = parts[parts.length - 1];
  const here = { layout: 'kolla' as const, root, rel };
  if (parts.length === 1) {
    if (base === 'global.conf') return { ...here, layer: 'global' };
    if (base === 'nova.conf') return { ...here, layer: 'project' };
    if (novaish(base)) return { ...here, layer: 'unread', reason: base.endsWith('.j2') ? 'kolla-ansible reads nova.conf under this exact name; a .j2 suffix is not looked for' : 'kolla-ansible reads per-service overrides from nova/<service>.conf, not from the top of the config directory' };
    return undefined;
  }
  if (parts[0] !== 'nova') return undefined;
  if (parts.length === 2) {
    const m = /^(.+)\.conf$/.exec(base);
    const svc = m ? serviceName(m[1]) : undefined;
    if (svc && KOLLA_SERVICES.has(svc) && m![1] === svc) return { ...here, layer: 'service', service: svc };
    if (novaish(base)) {
      return { ...here, layer: 'unread', reason: base.endsWith('.j2') ? 'kolla-ansible looks for nova/<service>.conf under that exact name; a .j2 suffix is not looked for' : `kolla-ansible has no service named ${m ? m[1] : base} (it reads nova/<service>.conf for nova-api, nova-scheduler, nova-compute, nova-conductor and the other Nova services)` };
    }
    return undefined;
  }
  if (parts.length === 3) {
    const host = parts[1];
    if (base === 'nova.conf') return { ...here, layer: 'host', host };
    const m = /^(.+)\.conf$/.exec(base);
    const svc = m ? serviceName(m[1]) : undefined;
    if (svc && m![1] === svc && KOLLA_CELL_ROLE.includes(svc)) return { ...here, layer: 'host-service', service: svc, host };
    if (svc && m![1] === svc && KOLLA_NOVA_ROLE.includes(svc)) {
      return { ...here, layer: 'unread', reason: `kolla-ansible reads nova/<host>/<service>.conf only for the nova-cell services (${KOLLA_CELL_ROLE.join(', ')}); for ${svc} put host settings in nova/${host}/nova.conf` };
    }
    if (novaish(base)) return { ...here, layer: 'unread', reason: `kolla-ansible reads nova/${host}/nova.conf and nova/${host}/<service>.conf for the nova-cell services; ${base} is neither` };
    return undefined;
  }
  if (novaish(base)) return { ...here, layer: 'unread', reason: 'kolla-ansible reads nova overrides at most two directories deep (nova/<host>/…)' };
  return undefined;
}

/** Extensions of files in a config dir that look meant to be read but that oslo.config's `*.conf` glob skips. */
const MISNAMED = /\.(cfg|ini|cnf|config|conf\.j2|CONF|Conf)$/;

function oslo(path: string): Placement | undefined {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  // nova.conf.d/x.conf, nova-compute.conf.d/x.conf (and anything deeper is not read).
  for (let i = parts.length - 2; i >= 0; i--) {
    const dm = /^(nova(?:-[a-z0-9-]+)?)\.conf\.d$/.exec(parts[i]);
    if (!dm) continue;
    const svc = dm[1] === 'nova' ? undefined : serviceName(dm[1]);
    if (dm[1] !== 'nova' && !svc) return undefined;
    const root = parts.slice(0, i).join('/') || '/';
    const rel = parts.slice(i).join('/');
    const here = { layout: 'oslo' as const, root, rel };
    if (i !== parts.length - 2) return { ...here, layer: 'unread', reason: `oslo.config reads only the files directly in ${parts[i]}/, not its subdirectories` };
    if (base.startsWith('.')) return base.endsWith('.conf') ? { ...here, layer: 'unread', reason: 'oslo.config skips hidden files in a config directory (its *.conf glob does not match a leading dot)' } : undefined;
    if (base.endsWith('.conf')) return { ...here, layer: svc ? 'service-dir' : 'dir', service: svc };
    if (MISNAMED.test(base)) return { ...here, layer: 'unread', reason: `oslo.config reads only files ending in .conf from ${parts[i]}/ (exactly, case-sensitive)` };
    return undefined;
  }
  const root = parts.slice(0, -1).join('/') || '/';
  const here = { layout: 'oslo' as const, root, rel: base };
  if (base === 'nova.conf') return { ...here, layer: 'project' };
  const m = /^(nova-[a-z0-9-]+)\.conf$/.exec(base);
  const svc = m ? serviceName(m[1]) : undefined;
  if (svc) return { ...here, layer: 'service', service: svc };
  return undefined;
}

/** The file's place in a kolla-ansible/Kayobe tree or an oslo.config directory; undefined when it has none. */
export function placementOf(uri: string): Placement | undefined {
  const path = uriPath(uri);
  const k = KOLLA_ROOT.exec(path);
  if (k) return kolla(k[1], k[2]);
  return oslo(path);
}

/** Whether a path names a file the CLI and the language server should treat as a nova config when walking a directory. */
export function isNovaConfigPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (placementOf(path)) return true;
  return novaish(base);
}
