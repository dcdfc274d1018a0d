/**
 * One key per file, whatever the client's spelling of its uri. Clients percent-encode
 * paths differently: VS Code writes `file:///srv/deploy%40prod/nova.conf` and
 * `file:///c%3A/…` where node's `pathToFileURL` (the folder scan) writes
 * `file:///srv/deploy@prod/nova.conf` and `file:///C:/…`, and hex digits may come in
 * either case. Stores that hold a file both as the editor sent it and as a scan read it
 * (the workspace's sources, the flavor workspace, the adapters' open-document sets)
 * look entries up by this key, so an open document replaces its scanned copy instead of
 * sitting beside it.
 *
 * Only file: uris are changed: escape runs are decoded, except the characters that
 * would change the uri's structure (`%`, `/`, `?`, `#` stay escaped, in upper case), and
 * a Windows drive letter is lower-cased. Other schemes are left as they are.
 */
export function uriKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  let key = uri.includes('%') ? uri.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeRun) : uri;
  const drive = /^file:\/\/\/([A-Za-z]):/.exec(key);
  if (drive) key = `file:///${drive[1].toLowerCase()}${key.slice(9)}`;
  return key;
}

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run).replace(/[%/?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return run.toUpperCase(); // not UTF-8: compared as written, hex in one case
  }
}

/** A set of uris that holds one file once however its uri is spelt; iterates the spellings last added. */
export class UriSet implements Iterable<string> {
  private readonly byKey = new Map<string, string>();

  add(uri: string): void {
    this.byKey.set(uriKey(uri), uri);
  }

  has(uri: string): boolean {
    return this.byKey.has(uriKey(uri));
  }

  delete(uri: string): boolean {
    return this.byKey.delete(uriKey(uri));
  }

  clear(): void {
    this.byKey.clear();
  }

  [Symbol.iterator](): Iterator<string> {
    return this.byKey.values();
  }
}

/** Whether `uri` is `folder` itself or a file under it, spellings aside. */
export function uriUnder(uri: string, folder: string): boolean {
  const key = uriKey(uri);
  const f = uriKey(folder);
  return key === f || key.startsWith(f.endsWith('/') ? f : `${f}/`);
}
