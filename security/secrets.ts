/**
 * Secret files on disk: generated passwords, and files only their owner can read.
 *
 * Secret files are 0600, the folders this module creates for them 0700. Modes are set with an
 * explicit chmod after writing, so the process umask never matters. Writes are atomic (a
 * temporary file in the same folder, created 0600, then renamed), so a reader never sees half a
 * file and the content is never readable by others, even for an instant.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const SECRET_FILE_MODE = 0o600;
export const SECRET_DIR_MODE = 0o700;
export const PUBLIC_FILE_MODE = 0o644;

/** A random password: `bytes` random bytes as base64url without padding (24 bytes → 32 characters). */
export function generatePassword(bytes = 24): string {
  if (!Number.isInteger(bytes) || bytes < 16) {
    throw new Error(`'bytes' (${bytes}) is too small: use at least 16 random bytes for a password`);
  }
  return randomBytes(bytes).toString('base64url');
}

/**
 * Create `dir` and any missing parents; every folder created here gets mode 0700. Folders that
 * already existed are left as they are (the parent of a secret may be a shared folder).
 */
export function mkdirSecret(dir: string): void {
  const abs = resolve(dir);
  const first = mkdirSync(abs, { recursive: true, mode: SECRET_DIR_MODE });
  if (first === undefined) return;
  // chmod every folder from the first one created down to `abs`.
  for (let d = abs; ; d = dirname(d)) {
    chmodSync(d, SECRET_DIR_MODE);
    if (d === first || d === dirname(d)) break;
  }
}

/** Create `dir` if needed and make it 0700, whether it was created now or not. Only for folders this project owns. */
export function ensureSecretDir(dir: string): void {
  mkdirSecret(dir);
  setMode(dir, SECRET_DIR_MODE);
}

/** chmod only when the mode differs (chmod never changes mtime, but this keeps ctime quiet too). */
export function setMode(path: string, mode: number): void {
  if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
}

/**
 * Write `content` to `path` atomically with `mode`: a temporary file in the same folder, opened
 * with O_EXCL and `mode`, chmod'ed explicitly, then renamed over `path`. Missing folders are
 * created 0700.
 */
export function writeFileAtomic(path: string, content: string | Buffer, mode: number): void {
  const abs = resolve(path);
  mkdirSecret(dirname(abs));
  const tmp = join(dirname(abs), `.${basename(abs)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    try {
      const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, mode);
    renameSync(tmp, abs);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Write `content` to `path` only if the file does not already hold exactly these bytes (so an
 * unchanged file keeps its mtime); the mode is enforced either way. Returns whether it wrote.
 */
export function writeFileIfChanged(path: string, content: string, mode: number): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) {
    setMode(path, mode);
    return false;
  }
  writeFileAtomic(path, content, mode);
  return true;
}

/** Write a secret file: mode 0600, atomically, missing folders created 0700. */
export function writeSecretFile(path: string, text: string): void {
  writeFileAtomic(path, text, SECRET_FILE_MODE);
}

/** Throw if `path` is readable, writable or executable by group or others. */
export function assertSecretMode(path: string): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(4, '0');
    const want = statSync(path).isDirectory() ? '0700' : '0600';
    throw new Error(`'${path}' has mode ${octal}, open to group or others: chmod ${want} '${path}'`);
  }
}

export interface SecretFile {
  readonly path: string;
  readonly value: string;
  /** True when the file did not exist and was written now. */
  readonly created: boolean;
}

/**
 * The secret stored at `path`: the existing file's content if there is one (its mode tightened to
 * 0600 if needed), else `make()`, written 0600 (missing folders created 0700).
 */
export function ensureSecretFile(path: string, make: () => string): SecretFile {
  const abs = resolve(path);
  if (existsSync(abs)) {
    setMode(abs, SECRET_FILE_MODE);
    return { path: abs, value: readFileSync(abs, 'utf8'), created: false };
  }
  const value = make();
  writeSecretFile(abs, value);
  return { path: abs, value, created: true };
}
