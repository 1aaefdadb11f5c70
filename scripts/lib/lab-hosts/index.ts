/**
 * The lab-hosts domain's public surface: simulated machines on this one, each a network namespace
 * with its own Docker engine and address (10.250.K.2), joined by a router namespace; up, down,
 * status, and cutting a host's link for chaos drills. Other domains import only this.
 */
export { LAB_HOSTS_SUBCOMMANDS, parseLabHostsArgs, splitLabHostsArgv } from './command.ts';
export type { LabHostsArgs, LabHostsSubcommand } from './command.ts';
export { labHostsDown, labLeftovers } from './down.ts';
export type { LabHostsDownOptions, LabHostsDownResult } from './down.ts';
export { cutLabHostLink, labHostLinkUp, restoreLabHostLink, setLabHostLink } from './links.ts';
export type { LabLinkChange, LabLinkOptions, SetLabLinkOptions } from './links.ts';
export {
  LAB_DATA_ROOT,
  LAB_HOSTS_COUNT_LIMITS,
  LAB_HOSTS_DEFAULT_COUNT,
  LAB_HOSTS_MAX,
  LAB_RANGE,
  LAB_ROUTER_NAMESPACE,
  LAB_RUN_ROOT,
  LAB_UPLINK,
  labHostAddress,
  labHostIndex,
  labHostNames,
  labHostOfEngine,
  labHostPlan,
  labHostsSpecFragment,
  parseLabHostCount,
} from './plan.ts';
export type { LabEnginePlan, LabHostPlan, LabHostsSpecFragment, LabPlan, LabPlanOptions } from './plan.ts';
export { systemLabRunner } from './runner.ts';
export type { ExecResult, LabProcess, LabRunner } from './runner.ts';
export { labHostsStatus, renderLabHostsStatus } from './status.ts';
export type { LabHostStatus, LabHostsStatus, LabHostsStatusOptions } from './status.ts';
export { labHostsUp } from './up.ts';
export type { LabHostsUpOptions, LabHostsUpResult, LoadImages } from './up.ts';
