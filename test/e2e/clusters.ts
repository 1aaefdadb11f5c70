/**
 * Every cluster the end-to-end suite deploys, by name and base port, in one place: each gets a
 * block of 100 host ports of its own (nodes, and the second listener set of a live security
 * switch at basePort + 9), so no two clash and none touches a user's presets (19092..19392).
 * test/e2e-clusters.test.ts checks the blocks stay apart.
 */
export interface E2eCluster {
  readonly name: string;
  readonly basePort: number;
}

export const E2E_CLUSTERS = {
  firstLight: { name: 'e2e-first-light', basePort: 29192 },
  dedicated: { name: 'e2e-dedicated', basePort: 29292 },
  zookeeper: { name: 'e2e-zk', basePort: 29392 },
  sideA: { name: 'e2e-side-a', basePort: 29492 },
  sideB: { name: 'e2e-side-b', basePort: 29592 },
  secSwitch: { name: 'e2e-sec-switch', basePort: 29692 },
  secMtls: { name: 'e2e-sec-mtls', basePort: 29792 },
  secSaslPlaintext: { name: 'e2e-sec-saslpt', basePort: 29892 },
  secDedicated: { name: 'e2e-sec-dedicated', basePort: 29992 },
  secZookeeper: { name: 'e2e-sec-zk', basePort: 30092 },
  config: { name: 'e2e-config', basePort: 30192 },
  access: { name: 'e2e-access', basePort: 30292 },
  examDefaults: { name: 'e2e-exam-defaults', basePort: 30392 },
  examDefaults39: { name: 'e2e-exam-defaults-39', basePort: 30492 },
  rollKraft: { name: 'roll-e2e-kraft', basePort: 30692 },
  drillsA: { name: 'drill-e2e-a', basePort: 31192 },
  drillsB: { name: 'drill-e2e-b', basePort: 31292 },
  /** The monitored drills (test/e2e/drills-m.e2e.test.ts): drillsA's port + 200. */
  drillsM: { name: 'drill-e2e-m', basePort: 31392 },
  /** The Connect drills (test/e2e/drills-c.e2e.test.ts): one broker and a Connect worker. */
  drillsC: { name: 'drill-e2e-c', basePort: 31892 },
  freshClone: { name: 'e2e-fresh-clone', basePort: 31592 },
  monitoring: { name: 'e2e-monitoring', basePort: 31692 },
  monitoringZk: { name: 'e2e-monitoring-zk', basePort: 31792 },
  connect: { name: 'e2e-connect', basePort: 31992 },
  /** MirrorMaker 2 (test/e2e/mirror.e2e.test.ts): the source cluster, then the target with Connect. */
  mirrorSource: { name: 'e2e-mm2-src', basePort: 32092 },
  mirrorTarget: { name: 'e2e-mm2-dst', basePort: 32192 },
  streams: { name: 'e2e-streams', basePort: 32292 },
  // Placed on lab hosts: its ports are on 10.250.K.2 (basePort..basePort+95), none on 127.0.0.1.
  hosts: { name: 'e2e-hosts', basePort: 32392 },
  // Every host the default engine at 127.0.0.1: basePort..basePort+95 on loopback.
  hostsLocal: { name: 'e2e-hosts-local', basePort: 32492 },
} as const satisfies Record<string, E2eCluster>;

/** Ports a cluster's block holds. */
export const BLOCK = 100;
