import { Construct } from 'constructs';
import { Topic } from '../../.gen/providers/kafka/topic/index.ts';
import type { ResolvedTopic } from '../model/access.ts';
import { terraformName } from './access-names.ts';

export interface KafkaTopicProps {
  readonly topic: ResolvedTopic;
}

/**
 * A topic (the provider's `kafka_topic`): partitions, replication factor and config. Partitions
 * and config change in place; a protected topic carries Terraform's `prevent_destroy`, so plan
 * and destroy refuse to delete it until `protected` is set back to false.
 */
export class KafkaTopic extends Construct {
  readonly resource: Topic;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    const t = props.topic;
    this.resource = new Topic(this, 'topic', {
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      ...(Object.keys(t.config).length > 0 ? { config: { ...t.config } } : {}),
      ...(t.protected ? { lifecycle: { preventDestroy: true } } : {}),
    });
    this.resource.overrideLogicalId(terraformName(t.name));
  }
}
