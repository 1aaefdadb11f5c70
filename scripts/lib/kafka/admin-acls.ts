/**
 * ACLs (Kafka's DescribeAcls and DeleteAcls APIs): every binding the cluster holds, in the access
 * model's words, and deleting the bindings of one principal.
 */
import kafkajs from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { withAdmin, type ClientOptions } from './connection.ts';

// Node's CommonJS interop does not see these enums as named exports of kafkajs.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** One ACL binding as Kafka stores it, in the access model's words (lower case). */
export interface AclBinding {
  readonly principal: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly pattern: string;
  readonly operation: string;
  readonly permission: string;
  readonly host: string;
}

/** The name of an enum value of kafkajs, lower case (the number itself when the enum has no such value). */
const lowerName = (table: Record<string, unknown>, value: number): string =>
  (Object.entries(table).find(([, v]) => v === value)?.[0] ?? String(value)).toLowerCase();

/** Every ACL binding the cluster holds. */
export async function describeAclBindings(d: ConnectionDescriptor): Promise<AclBinding[]> {
  return withAdmin(d, async (admin) => {
    const res = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return res.resources.flatMap((r) =>
      r.acls.map((a) => ({
        principal: a.principal,
        resourceType: lowerName(AclResourceTypes, r.resourceType),
        resourceName: r.resourceName,
        pattern: lowerName(ResourcePatternTypes, r.resourcePatternType),
        operation: lowerName(AclOperationTypes, a.operation),
        permission: lowerName(AclPermissionTypes, a.permissionType),
        host: a.host,
      })),
    );
  });
}

/** Delete every ACL binding (any resource, pattern, operation, permission) of one principal. */
export async function deleteAclsOf(d: ConnectionDescriptor, principal: string, opts: ClientOptions = {}): Promise<void> {
  await withAdmin(d, (admin) =>
    admin.deleteAcls({
      filters: [
        {
          principal,
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        },
      ],
    }), opts);
}
