import { describe, expect, it } from 'vitest';
import { JMX_AGENT_FILE, jmxAgentMvnArgs, looksLikeJar } from '../../../../../scripts/lib/engine/image/jmx-agent.ts';

describe('the JMX agent download', () => {
  it('copies the pinned artifact, without its version in the file name, into the folder given', () => {
    expect(jmxAgentMvnArgs('/cache/agents/x.partial-7')).toEqual([
      '-B',
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
      '-Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1',
      '-DoutputDirectory=/cache/agents/x.partial-7',
      '-Dmdep.stripVersion=true',
      '-Dmdep.overWriteReleases=true',
    ]);
  });

  it('names the cached file as the image does', () => {
    expect(JMX_AGENT_FILE).toBe('jmx_prometheus_javaagent.jar');
  });

  it('tells a jar (a zip) from anything else by its first bytes', () => {
    expect(looksLikeJar(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe(true);
    expect(looksLikeJar(new TextEncoder().encode('<html>'))).toBe(false);
    expect(looksLikeJar(new Uint8Array([0x50, 0x4b]))).toBe(false);
    expect(looksLikeJar(new Uint8Array())).toBe(false);
  });
});
