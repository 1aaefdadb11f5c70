import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { PRESETS } from '../../../stacks/model/presets.ts';
import type { ClusterSpec } from '../../../stacks/model/spec.ts';
import { serverPropertiesFor } from '../../../stacks/render/server-properties.ts';
import { chrootPrefixes, renderStartScript } from '../../../stacks/render/start-command.ts';
import { renderAdminClientProperties } from '../../../stacks/render/admin-client.ts';
import { renderZooCfg } from '../../../stacks/render/zookeeper.ts';

const props = (spec: ClusterSpec, index = 0): Record<string, string | number | boolean> => {
  const c = resolveCluster(spec);
  return Object.fromEntries(serverPropertiesFor(c, c.nodes[index]!));
};

describe('security modes', () => {
  it('is secure by default: SASL_SSL with SCRAM-SHA-512, deny-by-default authorizer, admin super user', () => {
    const p = props({ name: 'kraft-3' });
    expect(p).toMatchObject({
      'listener.security.protocol.map': 'INTERNAL:SASL_SSL,EXTERNAL:SASL_SSL,CONTROLLER:SASL_SSL',
      'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
      'sasl.mechanism.controller.protocol': 'PLAIN',
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': '/run/kafkalab/keystore.pem',
      'ssl.truststore.location': '/run/kafkalab/truststore.pem',
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found': false,
      'super.users': 'User:admin;User:kafkalab-broker;User:kafkalab-controller',
    });
    expect(p['listener.name.internal.scram-sha-512.sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="kafkalab-broker" password="${file:/run/kafkalab/passwords.properties:password.kafkalab-broker}";',
    );
  });

  it('never writes a password into server.properties, only file references', () => {
    for (const mode of ['sasl_ssl', 'sasl_plaintext']) {
      for (const mechanism of ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN']) {
        const p = props({ name: 'c1', security: { mode, mechanism, users: ['app'] } });
        for (const [k, v] of Object.entries(p)) {
          if (k.endsWith('sasl.jaas.config')) {
            for (const m of String(v).matchAll(/(password|user_[\w-]+)="([^"]*)"/g)) expect(m[2], k).toMatch(/^\$\{file:/);
          }
        }
      }
    }
  });

  it('PLAIN lists every user it accepts on the client listeners', () => {
    const p = props({ name: 'c1', security: { mode: 'sasl_plaintext', mechanism: 'PLAIN', users: ['app'] } });
    expect(p['listener.security.protocol.map']).toBe('INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT');
    expect(String(p['listener.name.external.plain.sasl.jaas.config'])).toContain('user_admin="${file:');
    expect(String(p['listener.name.external.plain.sasl.jaas.config'])).toContain('user_app="${file:');
  });

  it('ssl: TLS everywhere, no client authentication, so no authorizer', () => {
    const p = props({ name: 'c1', security: { mode: 'ssl' } });
    expect(p['listener.security.protocol.map']).toBe('INTERNAL:SSL,EXTERNAL:SSL,CONTROLLER:SSL');
    expect(p['ssl.client.auth']).toBeUndefined();
    expect(p['authorizer.class.name']).toBeUndefined();
  });

  it('mtls: client certificates required, CN mapped to the principal, nodes are super users', () => {
    const p = props({ name: 'c1', security: { mode: 'mtls' } });
    expect(p).toMatchObject({
      'ssl.client.auth': 'required',
      'ssl.principal.mapping.rules': 'RULE:^CN=([^,]+).*$/$1/,DEFAULT',
      'super.users': 'User:admin;User:kafka-1;User:kafka-2;User:kafka-3',
    });
    expect(p['sasl.enabled.mechanisms']).toBeUndefined();
  });

  it('plaintext: nothing but PLAINTEXT listeners', () => {
    const p = props({ name: 'c1', security: { mode: 'plaintext' } });
    expect(p['listener.security.protocol.map']).toBe('INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT');
    expect(Object.keys(p).filter((k) => /ssl|sasl|authorizer|super/.test(k))).toEqual([]);
  });

  it('dedicated brokers reach the controllers with PLAIN as the controller user', () => {
    const p = props({ ...PRESETS['kraft-dedicated']! }, 3);
    expect(p['process.roles']).toBe('broker');
    expect(p['listener.name.controller.plain.sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required username="kafkalab-controller" password="${file:/run/kafkalab/passwords.properties:password.kafkalab-controller}";',
    );
  });

  it('zookeeper: the AclAuthorizer, znode ACLs, SCRAM users created in ZooKeeper before the broker', () => {
    const c = resolveCluster(PRESETS['zk-3']!);
    const p = Object.fromEntries(serverPropertiesFor(c, c.nodes[0]!));
    expect(p).toMatchObject({
      'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer',
      'zookeeper.set.acl': true,
      'super.users': 'User:admin;User:kafkalab-broker',
    });
    expect(p['sasl.mechanism.controller.protocol']).toBeUndefined();
    const script = renderStartScript(c, c.nodes[0]!);
    expect(script).toContain('kafka-configs.sh --zookeeper zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181/kafkalab/zk-3 --alter --entity-type users');
    expect(renderZooCfg(c, c.zookeeper!.servers[0]!)).toContain('enforce.auth.enabled=true\nenforce.auth.schemes=sasl\n');
    expect(script).toContain('org.apache.zookeeper.ZooKeeperMain -server zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181 create /kafkalab "" sasl:kafka:cdrwa');
    expect(script).toContain('create /kafkalab/zk-3 "" sasl:kafka:cdrwa');
    expect(chrootPrefixes('/kafkalab/zk-3')).toEqual(['/kafkalab', '/kafkalab/zk-3']);
  });

  it('KRaft: the SCRAM users are added at storage format, read from the secret file', () => {
    const c = resolveCluster({ name: 'c1' });
    const script = renderStartScript(c, c.nodes[0]!);
    expect(script).toContain('while read -r user password; do scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$password]"); done < /run/kafkalab/scram-users.txt');
    expect(script).toContain('exec setpriv --reuid=1000 --regid=1000 --clear-groups -- bash "$0" "$@"');
  });

  it('gives in-container tools an admin client config without a password in it', () => {
    const text = renderAdminClientProperties(resolveCluster({ name: 'c1' }));
    expect(text).toContain('security.protocol=SASL_SSL\n');
    expect(text).toContain('password="${file:/run/kafkalab/passwords.properties:password.admin}"');
  });
});
