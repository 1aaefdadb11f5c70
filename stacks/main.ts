import { App } from 'cdktf';
import { knownClusters } from '../scripts/lib/clusters.ts';
import { addClusterStacks } from './app.ts';

const app = new App();
for (const cluster of knownClusters()) await addClusterStacks(app, cluster);
app.synth();
