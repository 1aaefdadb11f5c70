export { BENCH_NOTE, summarizePreset, timeDeployToVerified, timeDockerRunToVerified } from './deploy-bench.ts';
export type { BenchResult, BenchSample, PresetResult } from './deploy-bench.ts';
export { measureRoll } from './roll-bench.ts';
export type { RollBenchResult } from './roll-bench.ts';
export { ALL_MODES, inPlaceCost, measureMode, medianSample, monitoringCost, withRatios } from './throughput-bench.ts';
export type { MonitoringInPlace, ThroughputReport, ThroughputSample } from './throughput-bench.ts';
export { measureMonitoringInPlace } from './monitoring-in-place.ts';
export { measureLifecycle, step } from './lifecycle-bench.ts';
export type { LifecycleResult, LifecycleStep } from './lifecycle-bench.ts';
