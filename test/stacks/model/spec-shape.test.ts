import { describe, expect, it } from 'vitest';
import { brokerIdsOf, controllerIdsOf, shapeOf } from '../../../stacks/model/spec-shape.ts';

describe('shapeOf', () => {
  it('fills the defaults a check needs, without trusting a bad broker count', () => {
    const shape = shapeOf({ name: 'c' });
    expect(shape).toMatchObject({ version: '4.4.0', mode: 'kraft-combined', brokers: 3, brokersOk: true, controllers: 3 });
    expect(shapeOf({ name: 'c', mode: 'zookeeper' }).version).toBe('3.9.1');
    expect(shapeOf({ name: 'c', brokers: 10 }).brokersOk).toBe(false);
  });

  it('gives the declared or default node ids', () => {
    expect(brokerIdsOf(shapeOf({ name: 'c' }))).toEqual([1, 2, 3]);
    expect(brokerIdsOf(shapeOf({ name: 'c', brokers: 0 }))).toEqual([]);
    expect(controllerIdsOf(shapeOf({ name: 'c' }))).toEqual([]);
    expect(controllerIdsOf(shapeOf({ name: 'c', mode: 'kraft-dedicated' }))).toEqual([101, 102, 103]);
    expect(controllerIdsOf(shapeOf({ name: 'c', mode: 'kraft-dedicated', controllerIds: [7] }))).toEqual([7]);
  });
});
