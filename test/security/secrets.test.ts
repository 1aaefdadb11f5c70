import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertSecretMode, ensureSecretFile, generatePassword, writeSecretFile } from '../../security/secrets.ts';

const modeOf = (p: string): number => statSync(p).mode & 0o777;

let dir: string;
let oldUmask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafkalab-secrets-'));
  oldUmask = process.umask(0); // the most permissive umask: modes must come from explicit chmods
});
afterEach(() => {
  process.umask(oldUmask);
  rmSync(dir, { recursive: true, force: true });
});

describe('generatePassword', () => {
  it('is base64url without padding, 24 random bytes by default', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generatePassword()).not.toBe(a);
    expect(generatePassword(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses too few bytes, naming the value and the fix', () => {
    expect(() => generatePassword(4)).toThrow(/'bytes' \(4\) is too small: use at least 16/);
  });
});

describe('ensureSecretFile', () => {
  it('creates the file 0600 and every folder it creates 0700, leaving existing folders alone', () => {
    chmodSync(dir, 0o755);
    const path = join(dir, 'a', 'b', 'password');
    const s = ensureSecretFile(path, () => 'hunter2-but-longer');
    expect(s).toEqual({ path, value: 'hunter2-but-longer', created: true });
    expect(readFileSync(path, 'utf8')).toBe('hunter2-but-longer');
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(dir, 'a'))).toBe(0o700);
    expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
    expect(modeOf(dir)).toBe(0o755);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['password']); // no temporary file left
  });

  it('reuses an existing file without calling make, tightening its mode', () => {
    const path = join(dir, 'password');
    writeFileSync(path, 'kept', { mode: 0o644 });
    const s = ensureSecretFile(path, () => {
      throw new Error('make must not be called');
    });
    expect(s).toEqual({ path, value: 'kept', created: false });
    expect(modeOf(path)).toBe(0o600);
  });
});

describe('writeSecretFile', () => {
  it('replaces a file atomically with mode 0600, whatever the old mode was', () => {
    const path = join(dir, 'keystore-password');
    writeFileSync(path, 'old', { mode: 0o666 });
    writeSecretFile(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(modeOf(path)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['keystore-password']);
  });
});

describe('assertSecretMode', () => {
  it('accepts 0600 files and 0700 folders', () => {
    const path = join(dir, 'ok');
    writeSecretFile(path, 'x');
    chmodSync(dir, 0o700);
    expect(() => assertSecretMode(path)).not.toThrow();
    expect(() => assertSecretMode(dir)).not.toThrow();
  });

  it('throws on group or other bits, with the path and the chmod that fixes it', () => {
    const path = join(dir, 'leaky');
    writeFileSync(path, 'x');
    chmodSync(path, 0o640);
    expect(() => assertSecretMode(path)).toThrow(`'${path}' has mode 0640, open to group or others: chmod 0600 '${path}'`);
    const sub = join(dir, 'open');
    mkdirSync(sub, { mode: 0o755 });
    chmodSync(sub, 0o755);
    expect(() => assertSecretMode(sub)).toThrow(/chmod 0700/);
  });
});
