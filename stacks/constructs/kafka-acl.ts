import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Acl } from '../../.gen/providers/kafka/acl/index.ts';
import type { AclOperation, AclPattern, AclResourceType, ResolvedAcl } from '../model/access.ts';
import { aclTerraformName } from './access-names.ts';

/** The provider's spellings (Kafka's enum names, as sarama parses them). */
export const PROVIDER_RESOURCE_TYPES: Readonly<Record<AclResourceType, string>> = {
  topic: 'Topic',
  group: 'Group',
  cluster: 'Cluster',
  transactional_id: 'TransactionalID',
};
export const PROVIDER_PATTERNS: Readonly<Record<AclPattern, string>> = { literal: 'Literal', prefixed: 'Prefixed' };
export const PROVIDER_OPERATIONS: Readonly<Record<AclOperation, string>> = {
  all: 'All',
  read: 'Read',
  write: 'Write',
  create: 'Create',
  delete: 'Delete',
  alter: 'Alter',
  describe: 'Describe',
  cluster_action: 'ClusterAction',
  describe_configs: 'DescribeConfigs',
  alter_configs: 'AlterConfigs',
  idempotent_write: 'IdempotentWrite',
};

export interface KafkaAclProps {
  readonly acl: ResolvedAcl;
  /** E.g. the topic it grants on and the user's credential, so they exist first. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** One ACL binding (the provider's `kafka_acl`): a principal, a resource and pattern, one operation, allow or deny. */
export class KafkaAcl extends Construct {
  readonly resource: Acl;

  constructor(scope: Construct, id: string, props: KafkaAclProps) {
    super(scope, id);
    const a = props.acl;
    const dependsOn = props.dependsOn ?? [];
    this.resource = new Acl(this, 'acl', {
      aclPrincipal: a.principal,
      aclHost: a.host,
      aclOperation: PROVIDER_OPERATIONS[a.operation],
      aclPermissionType: a.permission === 'allow' ? 'Allow' : 'Deny',
      resourceType: PROVIDER_RESOURCE_TYPES[a.resourceType],
      resourceName: a.resourceName,
      resourcePatternTypeFilter: PROVIDER_PATTERNS[a.pattern],
      ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
    });
    this.resource.overrideLogicalId(aclTerraformName(a));
  }
}
