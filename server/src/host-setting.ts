/**
 * The editor's host settings (adapter side): `nova-conf.host` (a snapshot file or a
 * filesystem root) and `nova-conf.useLocalHost` (the machine the server runs on).
 * Loads the inventory when the setting changes and tells the client which host is
 * in use (log line and a `nova-conf/host` notification). A snapshot file is watched
 * while it is the configured host: when it is written again (a new `--collect-host`),
 * created after the setting named it, or removed, it is read again and the server's
 * `reloaded` event re-judges the open documents.
 */
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { HostInventory } from './service/host/inventory';
import { HostReadError, isDir, loadHost } from './host-reader';
import { configuredHost } from './platform';

export interface HostStatus {
  /** The host's name, or null when none is in use. */
  host: string | null;
  /** What was read: the snapshot file or root, or null. */
  source: string | null;
  kind: 'snapshot' | 'root' | null;
  devices: number;
  /** Why the configured host could not be used. */
  error?: string;
}

export interface HostSettingEvents {
  info(message: string): void;
  warn(message: string): void;
  status(status: HostStatus): void;
  /** The watched snapshot file changed on disk and was read again (or could no longer be read). */
  reloaded?(): void;
}

/** Watches one file; calls `changed` when it is written, replaced, created or removed. Returns the way to stop. */
export type WatchFile = (path: string, changed: () => void) => () => void;

/** How often a snapshot file's stat is compared (ms): a stat a second, for one small file, and only while it is the host. */
export const SNAPSHOT_POLL_MS = 1000;

/**
 * Stat polling rather than inotify: it also sees a file replaced by a rename (how editors and `>` redirections
 * through temporary files write), one created after the setting named it, and works on network filesystems.
 * Not persistent: it never keeps the server alive.
 */
export const pollFile: WatchFile = (path, changed) => {
  const listener = (cur: Stats, prev: Stats) => {
    if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size || cur.ino !== prev.ino) changed();
  };
  watchFile(path, { interval: SNAPSHOT_POLL_MS, persistent: false }, listener);
  return () => unwatchFile(path, listener);
};

export class HostSetting {
  private source: string | undefined;
  private loaded = false;
  private failed = false;
  private unwatch: (() => void) | undefined;
  inventory: HostInventory | undefined;

  constructor(private readonly events: HostSettingEvents, private readonly watch: WatchFile = pollFile) {}

  /** Applies raw settings (`{host, useLocalHost}`); reloads when the source changed, or always with `reload`. */
  update(raw: unknown, reload = false): void {
    const next = configuredHost(raw);
    if (this.loaded && next === this.source && !reload) return;
    if (next !== this.source) this.dispose();
    this.source = next;
    this.loaded = true;
    if (next === undefined) {
      // Nothing to say unless a host (or a failed one) was in use before.
      if (this.inventory !== undefined || this.failed) {
        this.events.info('nova-conf: no host configured; host checks are off');
        this.events.status({ host: null, source: null, kind: null, devices: 0 });
      }
      this.inventory = undefined;
      this.failed = false;
      return;
    }
    this.load(next);
    // A filesystem root (the live machine's /sys) is read when the settings change; a snapshot file also when it does.
    if (!this.unwatch && !isDir(next)) {
      this.unwatch = this.watch(next, () => {
        if (this.source !== next) return;
        this.load(next);
        this.events.reloaded?.();
      });
    }
  }

  /** Stops watching the snapshot file (the setting changed; the watch never keeps the process alive). */
  dispose(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private load(next: string): void {
    try {
      const h = loadHost(next);
      this.inventory = h.inventory;
      this.failed = false;
      const n = h.inventory.devices.length;
      this.events.info(`nova-conf: judging device_spec and aliases against host ${h.inventory.name} (${n} PCI device${n === 1 ? '' : 's'}, from ${h.kind === 'root' ? `the filesystem root ${next}` : `the snapshot ${next}`})`);
      this.events.status({ host: h.inventory.name, source: next, kind: h.kind, devices: n });
    } catch (e) {
      this.inventory = undefined;
      this.failed = true;
      const why = e instanceof HostReadError ? e.message : (e as Error).message;
      this.events.warn(`nova-conf: host checks are off: ${why}`);
      this.events.status({ host: null, source: next, kind: null, devices: 0, error: why });
    }
  }
}
