import { describe, expect, it } from 'vitest';
import { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS, loggingFlavor } from '../../../../../scripts/lib/engine/image/versions.ts';

describe('versions', () => {
  it('lists 4.4.0 first and defaults to it', () => {
    expect(KAFKA_VERSIONS).toEqual(['4.4.0', '3.9.1']);
    expect(DEFAULT_KAFKA_VERSION).toBe('4.4.0');
  });

  it('logs through log4j2 from 4.x and log4j 1 syntax before', () => {
    expect(loggingFlavor('4.4.0')).toBe('log4j2');
    expect(loggingFlavor('3.9.1')).toBe('log4j1');
  });
});
