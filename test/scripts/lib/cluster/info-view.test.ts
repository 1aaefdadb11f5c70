import { describe, expect, it } from 'vitest';
import { infoView, type InfoViewInput } from '../../../../scripts/lib/cluster/index.ts';

const view = (over: Partial<InfoViewInput>) => infoView({ onMachine: [], defaultCluster: 'kraft-3', defaultDescribed: true, all: false, ...over });

describe('infoView: what npm run info shows without --cluster', () => {
  it('the default cluster, when it is the only one on the machine and this checkout describes it', () => {
    expect(view({ onMachine: ['kraft-3'] })).toEqual({ show: 'cluster', cluster: 'kraft-3' });
    expect(view({ onMachine: ['kraft-3', 'kraft-3'] })).toEqual({ show: 'cluster', cluster: 'kraft-3' });
  });

  it('the list when no cluster is on the machine', () => {
    expect(view({ onMachine: [] })).toEqual({ show: 'list' });
    expect(view({ onMachine: [], defaultDescribed: false })).toEqual({ show: 'list' });
  });

  it('the list when other clusters are on the machine, with the default one or without it', () => {
    expect(view({ onMachine: ['kraft-3', 'zk-3'] })).toEqual({ show: 'list' });
    expect(view({ onMachine: ['lab'] })).toEqual({ show: 'list' });
  });

  it('the list when the default cluster runs but this checkout has no descriptor of it (deployed from another checkout)', () => {
    expect(view({ onMachine: ['kraft-3'], defaultDescribed: false })).toEqual({ show: 'list' });
  });

  it('always the list with --all', () => {
    expect(view({ onMachine: ['kraft-3'], all: true })).toEqual({ show: 'list' });
  });

  it('follows the default name it is given', () => {
    expect(view({ onMachine: ['lab'], defaultCluster: 'lab' })).toEqual({ show: 'cluster', cluster: 'lab' });
  });
});
