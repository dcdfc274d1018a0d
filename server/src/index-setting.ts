/**
 * `nova-conf.workspace.index` (default on): whether the server reads the nova configs and flavor files of the
 * workspace folders, or judges open editors only. Clients send it nested, as VS Code does for dotted keys
 * (`{"workspace": {"index": false}}`), or flat (`{"workspace.index": false}`), in initializationOptions or in the
 * `nova-conf` section of workspace/configuration. Undefined when the value is absent or not a boolean.
 */
export function indexSetting(raw: unknown): boolean | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const nested = r.workspace !== null && typeof r.workspace === 'object' ? (r.workspace as Record<string, unknown>).index : undefined;
  const v = nested ?? r['workspace.index'];
  return typeof v === 'boolean' ? v : undefined;
}
