/**
 * Every command an entry point (scripts/*.ts) runs with runMain, keyed by the entry point's file
 * name: the data of `--help` and of the command table in README.md (npm run docs:tables).
 * The order is the table's.
 */
import { ALERTS } from './alerts.ts';
import { BENCH } from './bench.ts';
import { BINDINGS } from './bindings.ts';
import { CONNECT } from './connect.ts';
import { DEPLOY } from './deploy.ts';
import { DOCS_TABLES } from './docs-tables.ts';
import { DOWN } from './down.ts';
import { DRILL } from './drill.ts';
import { EXAM } from './exam.ts';
import { INFO } from './info.ts';
import { LAB_HOSTS } from './lab-hosts.ts';
import { PLAN } from './plan.ts';
import { ROLL } from './roll.ts';
import { ROTATE } from './rotate.ts';
import { SETUP } from './setup.ts';
import { STREAMS } from './streams.ts';
import { SWITCH_SECURITY } from './switch-security.ts';
import { SYNTH } from './synth.ts';
import { UP } from './up.ts';
import { VERIFY } from './verify.ts';

export const COMMANDS = {
  up: UP,
  down: DOWN,
  deploy: DEPLOY,
  plan: PLAN,
  verify: VERIFY,
  info: INFO,
  alerts: ALERTS,
  connect: CONNECT,
  streams: STREAMS,
  'lab-hosts': LAB_HOSTS,
  roll: ROLL,
  rotate: ROTATE,
  'switch-security': SWITCH_SECURITY,
  drill: DRILL,
  exam: EXAM,
  bench: BENCH,
  setup: SETUP,
  'setup-bindings': BINDINGS,
  synth: SYNTH,
  'docs-tables': DOCS_TABLES,
} as const;

export { EXAM_STATS } from './exam.ts';
export type { CommandDoc } from './define.ts';
