/**
 * `nova-conf.inlayHints.pciNames` and `nova-conf.inlayHints.references` (both default on): which inlay hints the
 * server sends (service/features/inlay-hints.ts). Clients send them nested, as VS Code does for dotted keys
 * (`{"inlayHints": {"pciNames": false}}`), or flat (`{"inlayHints.pciNames": false}`), in initializationOptions or
 * in the `nova-conf` section of workspace/configuration. A value that is absent or not a boolean leaves the
 * previous one in place.
 */
import type { InlayHintOptions } from './service/index';

const KEYS = ['pciNames', 'references'] as const;

export function inlayHintSetting(raw: unknown, previous: InlayHintOptions = {}): InlayHintOptions {
  const next: InlayHintOptions = { ...previous };
  if (raw === null || typeof raw !== 'object') return next;
  const r = raw as Record<string, unknown>;
  const nested = r.inlayHints !== null && typeof r.inlayHints === 'object' ? (r.inlayHints as Record<string, unknown>) : {};
  for (const k of KEYS) {
    const v = nested[k] ?? r[`inlayHints.${k}`];
    if (typeof v === 'boolean') next[k] = v;
  }
  return next;
}
