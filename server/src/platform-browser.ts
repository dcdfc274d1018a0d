/**
 * The browser platform of the language server (dist/web/server.js, a web worker under vscode.dev / github.dev):
 * no file system. Settings come from the editor (workspace/configuration) and from the `.nova-conf.json` texts the
 * client reads through the editor's file system and sends along, vendor and device names from the
 * pci.ids snapshot compiled into the bundle, the deployment rules see the open editors only, and host checks
 * are off (a configured host is reported as unavailable rather than silently ignored).
 */
import { ClientConfigFiles, OpenEditorsIndex, configuredHost, type HostSource, type ServerPlatform } from './platform';

export const BROWSER_HOST_UNAVAILABLE = 'host checks need the desktop extension: the web version of nova-conf cannot read host snapshots or /sys';

/** nova-conf.host / nova-conf.useLocalHost in the browser: never loaded; says so once per configured value. */
class NoHost implements HostSource {
  readonly inventory = undefined;
  private said: string | undefined;
  constructor(private readonly events: Parameters<ServerPlatform['hostSource']>[0]) {}
  update(raw: unknown): void {
    const wanted = configuredHost(raw);
    if (wanted === this.said) return;
    this.said = wanted;
    if (wanted === undefined) {
      this.events.status({ host: null, source: null, kind: null, devices: 0 });
      return;
    }
    this.events.warn(`nova-conf: ${BROWSER_HOST_UNAVAILABLE}`);
    this.events.status({ host: null, source: wanted, kind: null, devices: 0, error: BROWSER_HOST_UNAVAILABLE });
  }
}

export function browserPlatform(): ServerPlatform {
  // `.nova-conf.json` texts as the client read them through the editor's file system (client/src/browser.ts).
  const configFiles = new ClientConfigFiles();
  return {
    name: 'browser',
    limits: {},
    debounceMs: 50,
    readConfigFile: (folderUri) => configFiles.read(folderUri),
    clientConfigFiles: (files) => configFiles.update(files),
    readPciIds: () => undefined,
    hostSource: (events) => new NoHost(events),
    workspaceIndex: (service) => new OpenEditorsIndex(service),
    files: undefined,
  };
}
