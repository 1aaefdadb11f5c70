import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jarsDir } from '../../../../scripts/lib/engine/index.ts';
import { adminSessionClassDir } from '../../../../scripts/lib/kafka/admin-session.ts';
import { compiledClassDir, ensureCompiledClass, javacArgs } from '../../../../scripts/lib/kafka/java-class.ts';

describe('compiledClassDir', () => {
  const env = { KAFKALAB_CACHE_DIR: '/tmp/kafkalab-cache-t' };
  it('is keyed by version, cache name and source, under the cache name', () => {
    const a = compiledClassDir('4.4.0', 'class A {}', 'lag-exporter', env);
    expect(a).toMatch(/^\/tmp\/kafkalab-cache-t\/lag-exporter\/4\.4\.0-[0-9a-f]{12}$/);
    expect(compiledClassDir('4.4.0', 'class A {}', 'lag-exporter', env)).toBe(a);
    expect(compiledClassDir('4.4.0', 'class B {}', 'lag-exporter', env)).not.toBe(a);
    expect(compiledClassDir('3.9.1', 'class A {}', 'lag-exporter', env)).not.toBe(a);
    expect(compiledClassDir('4.4.0', 'class A {}', 'other', env).split('/').pop()).not.toBe(a.split('/').pop());
  });

  it('keeps the admin session\'s key of before (its cached classes stay valid)', () => {
    // The hash the admin session used before the compile moved to java-class.ts.
    expect(adminSessionClassDir('4.4.0', 'class A {}', env)).toBe(compiledClassDir('4.4.0', 'class A {}', 'admin-session', env));
    expect(adminSessionClassDir('3.9.1', 'x', env)).toMatch(/\/admin-session\/3\.9\.1-[0-9a-f]{12}$/);
  });

  it('is keyed by the extra jar folders too, and by nothing more without them', () => {
    const a = compiledClassDir('4.4.0', 'class A {}', 'streams', env);
    expect(compiledClassDir('4.4.0', 'class A {}', 'streams', env, [])).toBe(a);
    const withJars = compiledClassDir('4.4.0', 'class A {}', 'streams', env, ['/c/streams-jars/4.4.0-x']);
    expect(withJars).not.toBe(a);
    expect(compiledClassDir('4.4.0', 'class A {}', 'streams', env, ['/c/streams-jars/4.4.0-y'])).not.toBe(withJars);
  });
});

describe('javacArgs', () => {
  it('compiles for Java 17 against every jar of the folder, without warnings', () => {
    expect(javacArgs('/c/jars/4.4.0-x', '/out', '/src/A.java')).toEqual([
      '--release',
      '17',
      '-nowarn',
      '-Xlint:-deprecation',
      '-cp',
      '/c/jars/4.4.0-x/*',
      '-d',
      '/out',
      '/src/A.java',
    ]);
  });

  it('adds the extra jar folders after the version\'s', () => {
    expect(javacArgs('/c/jars/4.4.0-x', '/out', '/src/A.java', ['/c/streams-jars/4.4.0-y'])).toContain('/c/jars/4.4.0-x/*:/c/streams-jars/4.4.0-y/*');
  });
});

describe('ensureCompiledClass', () => {
  const root = mkdtempSync(join(tmpdir(), 'kafkalab-java-class-'));
  const env = { KAFKALAB_CACHE_DIR: join(root, 'cache') };
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const source = (name: string, text: string): string => {
    const path = join(root, `${name}.java`);
    writeFileSync(path, text);
    return path;
  };

  it('says to run setup when the jars are not cached', async () => {
    await expect(ensureCompiledClass('3.9.1', source('Nothing', 'public class Nothing {}'), 'Nothing', { env })).rejects.toThrow(/jars are not cached yet.*npm run setup/);
  });

  it('compiles once, then answers from the cache', async () => {
    mkdirSync(jarsDir('4.4.0', env), { recursive: true });
    writeFileSync(join(jarsDir('4.4.0', env), '.complete'), '');
    const path = source('Hello', 'public class Hello { public static void main(String[] a) { Runnable r = () -> {}; r.run(); } }');
    const classFile = await ensureCompiledClass('4.4.0', path, 'Hello', { env, cacheName: 'hello' });
    expect(classFile).toMatch(new RegExp(`^${env.KAFKALAB_CACHE_DIR}/hello/4\\.4\\.0-[0-9a-f]{12}/Hello\\.class$`));
    expect(readdirSync(join(classFile, '..')).sort()).toEqual(['.complete', 'Hello.class']);
    const built = statSync(classFile).mtimeMs;
    expect(await ensureCompiledClass('4.4.0', path, 'Hello', { env, cacheName: 'hello' })).toBe(classFile);
    expect(statSync(classFile).mtimeMs).toBe(built);
    // No temporary folder left beside it.
    expect(readdirSync(join(classFile, '..', '..'))).toHaveLength(1);
  });

  it('names the class and javac\'s first words when the source does not compile, and caches nothing', async () => {
    const path = source('Broken', 'public class Broken { int x = ; }');
    await expect(ensureCompiledClass('4.4.0', path, 'Broken', { env })).rejects.toThrow(/^javac Broken failed \(\d+\): .*Broken\.java/);
    expect(existsIn(join(env.KAFKALAB_CACHE_DIR, 'Broken'))).toEqual([]);
  });

  it('fails when the source does not declare the class asked for', async () => {
    const path = source('Other', 'public class Other {}');
    await expect(ensureCompiledClass('4.4.0', path, 'Missing', { env })).rejects.toThrow(/did not write Missing\.class/);
  });
});

function existsIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
