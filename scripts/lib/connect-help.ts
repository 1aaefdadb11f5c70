import type { ConnectionDescriptor } from './descriptor.ts';

/** How to connect with kcat, Kafka's CLI tools and kafkajs, from the descriptor alone. */
export function renderConnectHelp(d: ConnectionDescriptor): string {
  const bootstrap = d.bootstrapServers.join(',');
  const broker = d.nodes.find((n) => n.externalAddress !== undefined);
  return [
    `cluster '${d.cluster}': Kafka ${d.kafkaVersion}, ${d.mode}, ${d.bootstrapServers.length} brokers${d.nodes.length > d.bootstrapServers.length ? ` + ${d.nodes.length - d.bootstrapServers.length} controllers` : ''}${d.zookeeper ? ` + ${d.zookeeper.containers.length} ZooKeeper servers` : ''}, ${d.securityProtocol}`,
    `  bootstrap servers : ${bootstrap}`,
    `  client.properties : ${d.clientProperties}`,
    `  kafkajs config    : ${d.kafkajsConfig}`,
    '',
    'connect:',
    `  kcat -b ${bootstrap} -L`,
    `  docker exec -it ${broker?.container ?? '<node>'} kafka-topics.sh --bootstrap-server ${broker?.internalAddress ?? '<node>'} --list`,
    `  kafka-topics.sh --bootstrap-server ${d.bootstrapServers[0] ?? ''} --command-config ${d.clientProperties} --list`,
    `  node -e "const {Kafka}=require('kafkajs'); new Kafka(require('${d.kafkajsConfig}'))"`,
    '',
  ].join('\n');
}
