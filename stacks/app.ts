import type { App } from 'cdktf';
import { AccessStack, type AccessStackProps } from './access-stack.ts';
import { accessStackId } from './access-ids.ts';
import { ClusterStack, type ClusterStackProps } from './cluster-stack.ts';

/**
 * What the stacks of one cluster are made from. The synth entry (scripts/cdktf-app.ts) prepares
 * it: secrets made (or reused) in the state folder and referenced by path, hash or variable only,
 * the image tag, the access spec validated against the live topics.
 */
export interface ClusterStacksInput {
  readonly cluster: ClusterStackProps;
  /** The access stack's props. @default - no access stack (the cluster has no access spec) */
  readonly access?: AccessStackProps;
}

export interface ClusterStacks {
  readonly cluster: ClusterStack;
  /** `<cluster>-access`, when the cluster has an access spec. */
  readonly access?: AccessStack;
}

/**
 * The stacks of one cluster: the cluster itself, and its topics, users and ACLs in a stack of
 * their own that depends on it (deployed second, destroyed first).
 */
export function addClusterStacks(app: App, input: ClusterStacksInput): ClusterStacks {
  const name = input.cluster.cluster.name;
  const cluster = new ClusterStack(app, name, input.cluster);
  if (!input.access) return { cluster };
  const access = new AccessStack(app, accessStackId(name), input.access);
  access.addDependency(cluster);
  return { cluster, access };
}
