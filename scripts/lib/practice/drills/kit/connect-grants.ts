/**
 * The grants the Connect workers' user needs for a connector a drill makes outside the access spec
 * (the access stack grants only the declared connectors'): a source writes its topic, a sink reads
 * it in its group `connect-<name>`. Nothing to do on a cluster without an authorizer.
 */
import kafkajs from 'kafkajs';
import { sinkGroupOf } from '../../../../../stacks/model/access-connectors.ts';
import { withAdmin } from '../../../kafka/index.ts';
import type { DrillContext } from './types.ts';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** What a connector reads or writes, for its grants: a source writes its topic, a sink reads it in group connect-<name>. */
export interface ConnectorGrant {
  readonly connector: string;
  readonly type: 'source' | 'sink';
  readonly topic: string;
}

function grantsOf(principal: string, g: ConnectorGrant): { resourceType: number; resourceName: string; operation: number }[] {
  const ops = g.type === 'source' ? [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE] : [AclOperationTypes.READ, AclOperationTypes.DESCRIBE];
  return [
    ...ops.map((operation) => ({ resourceType: AclResourceTypes.TOPIC, resourceName: g.topic, operation })),
    ...(g.type === 'sink' ? [AclOperationTypes.READ, AclOperationTypes.DESCRIBE].map((operation) => ({ resourceType: AclResourceTypes.GROUP, resourceName: sinkGroupOf(g.connector), operation })) : []),
  ].map((a) => ({ ...a, principal }));
}

const principalOf = (ctx: DrillContext): string => `User:${ctx.cluster.connect?.user ?? 'connect'}`;

/**
 * Grant the workers' user what a connector made outside the access spec needs (the access stack
 * grants only the declared connectors'): nothing to do on a cluster without an authorizer.
 */
export async function grantConnector(ctx: DrillContext, g: ConnectorGrant): Promise<void> {
  if (!ctx.cluster.security.authorizer) return;
  const principal = principalOf(ctx);
  await withAdmin(ctx.d, (admin) =>
    admin.createAcls({
      acl: grantsOf(principal, g).map((a) => ({ ...a, resourcePatternType: ResourcePatternTypes.LITERAL, principal, host: '*', permissionType: AclPermissionTypes.ALLOW })),
    }),
  );
}

/** Remove exactly the grants grantConnector made (safe when they are gone). */
export async function revokeConnector(ctx: DrillContext, g: ConnectorGrant): Promise<void> {
  if (!ctx.cluster.security.authorizer) return;
  const principal = principalOf(ctx);
  await withAdmin(ctx.d, (admin) =>
    admin.deleteAcls({
      filters: grantsOf(principal, g).map((a) => ({ ...a, resourcePatternType: ResourcePatternTypes.LITERAL, principal, host: '*', permissionType: AclPermissionTypes.ALLOW })),
    }),
  );
}
