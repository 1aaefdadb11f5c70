import { App } from 'cdktf';
import { knownClusters } from '../scripts/lib/cluster/known-clusters.ts';
import { addClusterStacks } from './app.ts';

// KAFKALAB_SYNTH_CLUSTERS (a comma list) narrows the synth to those clusters; unset: every known one.
const only = process.env.KAFKALAB_SYNTH_CLUSTERS?.split(',').filter(Boolean);
const app = new App();
for (const cluster of knownClusters()) if (!only || only.includes(cluster.name)) await addClusterStacks(app, cluster);
app.synth();
