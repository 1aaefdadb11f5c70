import type { ConnectionDescriptor } from './descriptor.ts';

/** How to connect with kcat, Kafka's CLI tools and kafkajs, from the descriptor alone. */
export function renderConnectHelp(d: ConnectionDescriptor): string {
  const bootstrap = d.bootstrapServers.join(',');
  return [
    `cluster '${d.cluster}': Kafka ${d.kafkaVersion}, ${d.mode}, ${d.nodes.length} nodes, ${d.securityProtocol}`,
    `  bootstrap servers : ${bootstrap}`,
    `  client.properties : ${d.clientProperties}`,
    `  kafkajs config    : ${d.kafkajsConfig}`,
    '',
    'connect:',
    `  kcat -b ${bootstrap} -L`,
    `  docker exec -it ${d.nodes[0]?.container ?? '<node>'} kafka-topics.sh --bootstrap-server ${d.nodes[0]?.internalAddress ?? '<node>'} --list`,
    `  kafka-topics.sh --bootstrap-server ${d.bootstrapServers[0] ?? ''} --command-config ${d.clientProperties} --list`,
    `  node -e "const {Kafka}=require('kafkajs'); new Kafka(require('${d.kafkajsConfig}'))"`,
    '',
  ].join('\n');
}
