import { SPEC_DEFAULTS, type ClusterSpec } from './spec.ts';
import { LIMITS } from './limits.ts';
import { isInt } from './problems.ts';

/**
 * What the spec's checks share, read once from a spec that may be invalid: the version, mode and
 * counts with their defaults filled in, and whether the broker count can be trusted.
 */
export interface SpecShape {
  readonly spec: ClusterSpec;
  /** `kafkaVersion`, or the mode's default (it may name no supported version). */
  readonly version: string;
  /** `mode`, or the default (it may name no supported mode). */
  readonly mode: string;
  readonly brokers: number;
  /** `brokers` is a whole number in range: checks that depend on it run only then. */
  readonly brokersOk: boolean;
  readonly controllers: number;
}

export function shapeOf(spec: ClusterSpec): SpecShape {
  const brokers = spec.brokers ?? SPEC_DEFAULTS.brokers;
  return {
    spec,
    version: spec.kafkaVersion ?? (spec.mode === 'zookeeper' ? '3.9.1' : SPEC_DEFAULTS.kafkaVersion),
    mode: spec.mode ?? SPEC_DEFAULTS.mode,
    brokers,
    brokersOk: isInt(brokers) && brokers >= LIMITS.minBrokers && brokers <= LIMITS.maxBrokers,
    controllers: spec.controllers ?? SPEC_DEFAULTS.controllers,
  };
}

/** The broker ids the spec declares, or the defaults (1..brokers; none when the count is bad). */
export function brokerIdsOf(shape: SpecShape): readonly unknown[] {
  const { spec, brokersOk, brokers } = shape;
  return Array.isArray(spec.brokerIds) ? spec.brokerIds : Array.from({ length: brokersOk ? brokers : 0 }, (_, i) => i + 1);
}

/** The controller ids of a kraft-dedicated spec, or the defaults (101..100+controllers); none in other modes. */
export function controllerIdsOf(shape: SpecShape): readonly unknown[] {
  const { spec, mode, controllers } = shape;
  if (mode !== 'kraft-dedicated') return [];
  if (Array.isArray(spec.controllerIds)) return spec.controllerIds;
  return Array.from({ length: isInt(controllers) ? controllers : 0 }, (_, i) => SPEC_DEFAULTS.controllerIdBase + i + 1);
}
