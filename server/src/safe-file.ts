/**
 * Careful reading and writing of files the product touches on disk (adapter side, never the service).
 *
 * Reading (`readRegularFile`): settings and data files are opened with O_NONBLOCK, so a FIFO cannot block
 * the open, and then checked with fstat on the open descriptor: only regular files are read (no FIFOs,
 * devices, sockets or directories), up to a size limit and a time limit. Messages name the path and the
 * reason, never the content.
 *
 * Rewriting in place (`readForRewrite` + `replaceFile`, used by `nova-conf-lint --fix`), written the way a
 * package manager writes a configuration file:
 *  - the target is opened with O_NOFOLLOW: a symbolic link is refused, never written through;
 *  - a file with more than one hard link is refused (replacing it would split the links);
 *  - the new text goes to a temporary file in the same directory, with an unpredictable name, created with
 *    O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (a planted file or symlink makes the create fail; nothing is
 *    followed); it gets the original's owner, group and mode with fchown/fchmod on its descriptor, then fsync;
 *  - a backup (optional) is a new file `FILE.orig`, or `FILE.orig.1`, `.orig.2`… when that exists, created
 *    the same way (O_EXCL|O_NOFOLLOW, owner/group/mode of the original), holding the bytes that were read;
 *    an existing backup is never overwritten and a symlink there is never followed;
 *  - just before the rename, the target is opened again (O_NOFOLLOW) and compared with what was read:
 *    same device and inode, same size, same modification time and the same SHA-256 of the content; if
 *    anything differs, nothing is replaced (the temporary file and the new backup are removed);
 *  - rename(2) replaces the directory entry atomically, then the directory is fsynced.
 * What remains: the window between the final re-check and rename(2) (microseconds) cannot be closed from
 * Node; extended attributes, ACLs and SELinux labels are not copied to the new file.
 */
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export type SafeFileProblem =
  | 'missing'
  | 'symlink'
  | 'not-regular'
  | 'hard-links'
  | 'too-large'
  | 'timeout'
  | 'changed'
  | 'ownership'
  | 'backup'
  | 'io';

/** A refusal or failure with a message that names the path and the reason, never the file's content. */
export class SafeFileError extends Error {
  constructor(
    readonly problem: SafeFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SafeFileError';
  }
}

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Time budget for the read (checked between chunks). */
  timeoutMs?: number;
  /** Open a symbolic link's target (reading only); when false a link is refused. Default true. */
  followSymlinks?: boolean;
}

const CHUNK = 1 << 20;

function kindOf(st: BigIntStats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function errnoMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.code ? `${err.code}` : 'read error';
  }
}

function openForRead(path: string, follow: boolean): number {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (follow ? 0 : constants.O_NOFOLLOW));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SafeFileError('missing', `cannot read ${path}: no such file`);
    if (!follow && code === 'ELOOP') throw new SafeFileError('symlink', `${path} is a symbolic link`);
    throw new SafeFileError('io', `cannot read ${path}: ${errnoMessage(e)}`);
  }
}

/** Reads up to maxBytes+1 bytes from fd (stops at end of file), honouring the deadline between chunks. */
function readAll(fd: number, path: string, limits: ReadLimits): Buffer {
  const deadline = limits.timeoutMs === undefined ? Infinity : Date.now() + limits.timeoutMs;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(CHUNK, limits.maxBytes + 1 - total);
    if (want <= 0) throw new SafeFileError('too-large', `${path} is larger than ${limits.maxBytes} bytes; not read`);
    const buf = Buffer.allocUnsafe(want);
    let n: number;
    try {
      n = readSync(fd, buf, 0, want, null);
    } catch (e) {
      throw new SafeFileError('io', `cannot read ${path}: ${errnoMessage(e)}`);
    }
    if (n === 0) break;
    chunks.push(n === want ? buf : buf.subarray(0, n));
    total += n;
    if (Date.now() > deadline) throw new SafeFileError('timeout', `reading ${path} took longer than ${limits.timeoutMs} ms; not read`);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/**
 * Reads a regular file (never a FIFO or device: the open cannot block and fstat decides), within a
 * size and time limit. Throws SafeFileError; its message never quotes the content.
 */
export function readRegularFile(path: string, limits: ReadLimits): { buffer: Buffer; stat: BigIntStats } {
  const fd = openForRead(path, limits.followSymlinks ?? true);
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) throw new SafeFileError('not-regular', `${path} is ${kindOf(stat)}, not a regular file; not read`);
    if (stat.size > BigInt(limits.maxBytes)) throw new SafeFileError('too-large', `${path} is larger than ${limits.maxBytes} bytes; not read`);
    return { buffer: readAll(fd, path, limits), stat };
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------- rewriting

/** What `readForRewrite` saw; `replaceFile` refuses to replace the file if it no longer matches. */
export interface FileSnapshot {
  path: string;
  buffer: Buffer;
  stat: BigIntStats;
  sha256: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Reads a file that is about to be rewritten: no symlink, a regular file, exactly one hard link. */
export function readForRewrite(path: string, maxBytes: number): FileSnapshot {
  let lst;
  try {
    lst = lstatSync(path);
  } catch (e) {
    throw new SafeFileError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'io', `cannot read ${path}: ${errnoMessage(e)}`);
  }
  if (lst.isSymbolicLink()) throw new SafeFileError('symlink', `${path} is a symbolic link; --fix does not write through links (run it on the file the link points to)`);
  const { buffer, stat } = readRegularFile(path, { maxBytes, followSymlinks: false });
  if (stat.nlink > 1n) throw new SafeFileError('hard-links', `${path} has ${stat.nlink} hard links; replacing it would separate them, so it is not rewritten`);
  return { path, buffer, stat, sha256: sha256(buffer) };
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/** Gives fd the owner, group and permission bits of `like` (chown first: it may clear set-id bits). */
function copyOwnership(fd: number, like: BigIntStats, what: string): void {
  const uid = Number(like.uid);
  const gid = Number(like.gid);
  const mine = fstatSync(fd);
  if (mine.uid !== uid || mine.gid !== gid) {
    try {
      fchownSync(fd, uid, gid);
    } catch (e) {
      throw new SafeFileError('ownership', `cannot give ${what} the owner ${uid}:${gid} of the original (${errnoMessage(e)}); the file is not replaced`);
    }
  }
  fchmodSync(fd, Number(like.mode & 0o7777n));
}

const NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Creates a new file exclusively (O_EXCL|O_NOFOLLOW: never an existing file, never through a link). */
function createExclusive(path: string): number {
  return openSync(path, NEW_FILE, 0o600);
}

export interface ReplaceOptions {
  /** Keep the original bytes as FILE.orig (or FILE.orig.N when that exists). */
  backup?: boolean;
  /** Names the temporary file; tests use it to plant files at that name. Default: random. */
  tempName?: (dir: string, base: string) => string;
}

export interface ReplaceResult {
  backupPath?: string;
}

function randomTempName(dir: string, base: string): string {
  return join(dir, `.${base}.nova-conf-${randomBytes(12).toString('hex')}.tmp`);
}

function removeQuietly(path: string | undefined): void {
  if (!path) return;
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function stillTheSame(snap: FileSnapshot): string | undefined {
  let fd: number;
  try {
    fd = openForRead(snap.path, false);
  } catch (e) {
    return e instanceof SafeFileError && e.problem === 'symlink' ? 'it was replaced by a symbolic link' : 'it can no longer be opened';
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile() || st.dev !== snap.stat.dev || st.ino !== snap.stat.ino) return 'it was replaced by another file';
    if (st.nlink !== snap.stat.nlink) return 'its number of hard links changed';
    if (st.size !== snap.stat.size) return `its size changed (${snap.stat.size} -> ${st.size} bytes)`;
    if (st.mtimeNs !== snap.stat.mtimeNs) return 'its modification time changed';
    const now = readAll(fd, snap.path, { maxBytes: Number(snap.stat.size) + 1 });
    if (sha256(now) !== snap.sha256) return 'its content changed';
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the file read by `readForRewrite` with `text`, as described at the top of this module.
 * Throws SafeFileError (and leaves the original untouched) when anything is off.
 */
export function replaceFile(snap: FileSnapshot, text: string, options: ReplaceOptions = {}): ReplaceResult {
  const dir = dirname(snap.path);
  const base = basename(snap.path);
  const nameFor = options.tempName ?? randomTempName;
  let tmp: string | undefined;
  let backupPath: string | undefined;
  try {
    // 1. The temporary file: exclusive create, a few attempts in case a name is taken.
    let fd = -1;
    for (let attempt = 0; attempt < 8 && fd < 0; attempt++) {
      const name = nameFor(dir, base);
      try {
        fd = createExclusive(name);
        tmp = name;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ELOOP') throw new SafeFileError('io', `cannot create a temporary file next to ${snap.path}: ${errnoMessage(e)}`);
      }
    }
    if (fd < 0) throw new SafeFileError('io', `cannot create a temporary file next to ${snap.path}: every name tried already exists`);
    try {
      writeAll(fd, Buffer.from(text, 'utf8'));
      copyOwnership(fd, snap.stat, 'the new file');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }

    // 2. The backup: a new file, never an existing one, never through a link.
    if (options.backup) {
      for (let n = 0; n < 1000 && !backupPath; n++) {
        const name = n === 0 ? `${snap.path}.orig` : `${snap.path}.orig.${n}`;
        let bfd: number;
        try {
          bfd = createExclusive(name);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EEXIST' || code === 'ELOOP') continue;
          throw new SafeFileError('backup', `cannot create the backup ${name}: ${errnoMessage(e)}`);
        }
        backupPath = name;
        try {
          writeAll(bfd, snap.buffer);
          copyOwnership(bfd, snap.stat, 'the backup');
          fsyncSync(bfd);
        } finally {
          closeSync(bfd);
        }
      }
      if (!backupPath) throw new SafeFileError('backup', `cannot create a backup of ${snap.path}: ${snap.path}.orig … .orig.999 all exist`);
    }

    // 3. Re-check the original just before replacing it.
    const changed = stillTheSame(snap);
    if (changed) throw new SafeFileError('changed', `${snap.path} changed while it was being fixed (${changed}); it was not replaced — run the fix again`);

    // 4. Replace and make the rename durable.
    try {
      renameSync(tmp!, snap.path);
    } catch (e) {
      throw new SafeFileError('io', `cannot replace ${snap.path}: ${errnoMessage(e)}`);
    }
    tmp = undefined;
    try {
      const dfd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // some file systems cannot fsync a directory; the rename itself has happened
    }
    return { backupPath };
  } catch (e) {
    removeQuietly(tmp);
    removeQuietly(backupPath);
    if (e instanceof SafeFileError) throw e;
    throw new SafeFileError('io', `cannot write ${snap.path}: ${errnoMessage(e)}`);
  }
}
