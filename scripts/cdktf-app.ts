#!/usr/bin/env -S npx tsx
/**
 * The cdktf app (cdktf.json "app"): the stacks of every known cluster, or of the clusters named in
 * KAFKALAB_SYNTH_CLUSTERS (a comma list), synthesized to plain Terraform JSON under cdktf.out.
 * `npm run synth` runs it; so does `npx cdktf synth`.
 */
import { App } from 'cdktf';
import { addClusterStacks } from '../stacks/app.ts';
import { knownClusters } from './lib/cluster/index.ts';
import { SYNTH_CLUSTERS_ENV } from './lib/engine/index.ts';
import { clusterStacksInput } from './lib/lifecycle/index.ts';

const only = process.env[SYNTH_CLUSTERS_ENV]?.split(',').filter(Boolean);
const app = new App();
for (const cluster of knownClusters()) if (!only || only.includes(cluster.name)) addClusterStacks(app, await clusterStacksInput(cluster));
app.synth();
