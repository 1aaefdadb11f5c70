import type { ConnectionDescriptor } from './descriptor.ts';
import { kcatWrapperPath } from '../engine/index.ts';
import { ADMIN_CLIENT_PATH } from '../../../stacks/render/admin-client.ts';

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
    `  ${kcatWrapperPath()} -F ${d.kcatConfig} -L`,
    `  docker ${broker?.host && d.hosts?.[broker.host] ? `-H ${d.hosts[broker.host]!.docker} ` : ''}exec -it ${broker?.container ?? '<node>'} kafka-topics.sh --bootstrap-server ${broker?.internalAddress ?? '<node>'} --command-config ${ADMIN_CLIENT_PATH} --list`,
    `  kafka-topics.sh --bootstrap-server ${d.bootstrapServers[0] ?? ''} --command-config ${d.clientProperties} --list`,
    ...(d.sasl ? [`  user ${d.sasl.username}, ${d.sasl.mechanism}; password in ${d.sasl.passwordPath}`] : []),
    `  kafkajs: ${d.kafkajsConfig} names the CA and password files (see README, Connecting)`,
    ...(d.hosts ? ['', 'hosts:', ...Object.entries(d.hosts).map(([name, h]) => `  ${name}: ${h.address} (docker -H ${h.docker}): ${d.nodes.filter((n) => n.host === name).map((n) => n.container).join(', ') || 'no node'}`)] : []),
    ...(d.monitoring ? ['', 'monitoring:', `  dashboards : ${d.monitoring.dashboardUrl}`, `  prometheus : ${d.monitoring.prometheusUrl}`, '  alerts     : npm run alerts'] : []),
    ...(d.connect
      ? [
          '',
          `kafka connect (group '${d.connect.groupId}', ${d.connect.workers.length} worker${d.connect.workers.length === 1 ? '' : 's'}):`,
          `  REST API   : ${d.connect.restUrl}  (e.g. curl ${d.connect.restUrl}/connectors)`,
          '  status     : npm run connect -- status',
        ]
      : []),
    ...(d.schemaRegistry
      ? ['', 'schema registry (Apicurio, Confluent-compatible API):', `  URL        : ${d.schemaRegistry.url}  (e.g. curl ${d.schemaRegistry.url}/subjects)`]
      : []),
    '',
  ].join('\n');
}
