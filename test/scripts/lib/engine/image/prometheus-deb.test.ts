import { describe, expect, it } from 'vitest';
import { aptDownloadArgs, debMismatch, parseDebFields } from '../../../../../scripts/lib/engine/image/prometheus-deb.ts';
import type { PrometheusRecipe } from '../../../../../scripts/lib/engine/image/prometheus-recipe.ts';

const recipe: PrometheusRecipe = {
  package: 'prometheus',
  version: '2.42.0+ds-5+deb12u1',
  suite: 'bookworm',
  binaries: ['usr/bin/prometheus', 'usr/bin/promtool'],
};

describe('the prometheus package download', () => {
  it('asks apt for the exact version', () => {
    expect(aptDownloadArgs(recipe)).toEqual(['download', '-q', 'prometheus=2.42.0+ds-5+deb12u1']);
  });

  it('reads the fields dpkg-deb -f prints', () => {
    expect(parseDebFields('Package: prometheus\nVersion: 2.42.0+ds-5+deb12u1\n')).toEqual({
      Package: 'prometheus',
      Version: '2.42.0+ds-5+deb12u1',
    });
    expect(parseDebFields('')).toEqual({});
  });

  it('accepts the recipe package and version only', () => {
    expect(debMismatch(recipe, { Package: 'prometheus', Version: '2.42.0+ds-5+deb12u1' })).toBeUndefined();
    expect(debMismatch(recipe, { Package: 'prometheus', Version: '2.42.0+ds-5' })).toBe(
      'apt-get gave prometheus 2.42.0+ds-5, not prometheus 2.42.0+ds-5+deb12u1',
    );
    expect(debMismatch(recipe, {})).toBe('apt-get gave ? ?, not prometheus 2.42.0+ds-5+deb12u1');
  });
});
