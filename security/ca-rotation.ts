/**
 * The three steps of a rolling CA rotation. Between steps the caller rolls the brokers (and
 * clients) so each one loads the new files:
 *   1. stageNewCa   a new CA in ca-next/; truststore.pem = old CA + new CA. Certificates unchanged.
 *   2. promoteNewCa ca/ → ca-previous/, ca-next/ → ca/; every node and client certificate re-signed
 *                   by the new CA (keys kept); truststore.pem still holds both CAs.
 *   3. dropOldCa    ca-previous/ removed; truststore.pem = the new CA only.
 * Each step is idempotent: run again, it changes nothing; an interrupted promotion is finished.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { ensureLeaves } from './pki-leaves.ts';
import { validatePkiOptions, type ClusterPkiOptions } from './pki-input.ts';
import {
  ensureCaAt,
  ensureCurrentCa,
  loadCa,
  resultOf,
  withPki,
  writeTruststore,
  type ClusterPki,
} from './pki-store.ts';
import { StepError } from '../stacks/model/errors.ts';

export async function stageNewCa(opts: ClusterPkiOptions): Promise<ClusterPki> {
  const o = validatePkiOptions(opts);
  return withPki(o, async (ctx) => {
    const { caPrevious, caNext } = ctx.layout;
    if (existsSync(caPrevious.dir)) {
      throw new StepError('stage new CA', `the previous CA rotation is not finished: ${caPrevious.dir} still exists`, 'run dropOldCa to finish it, then stage again');
    }
    const current = await ensureCurrentCa(ctx);
    await ensureLeaves(ctx, current);
    await ensureCaAt(ctx, caNext, 'staged CA');
    writeTruststore(ctx);
    return resultOf(ctx);
  });
}

export async function promoteNewCa(opts: ClusterPkiOptions): Promise<ClusterPki> {
  const o = validatePkiOptions(opts);
  return withPki(o, async (ctx) => {
    const { ca, caPrevious, caNext } = ctx.layout;
    if (existsSync(caNext.dir)) {
      const next = loadCa(caNext);
      if (typeof next === 'string') {
        throw new StepError('promote new CA', `the staged CA in ${caNext.dir} is not usable: ${next}`, 'run stageNewCa again to repair it, then promote');
      }
      const hasCurrent = existsSync(ca.dir);
      if (hasCurrent && existsSync(caPrevious.dir)) {
        throw new StepError(
          'promote new CA',
          `${caPrevious.dir} still exists from an earlier rotation`,
          `finish that rotation first: delete ${caNext.dir}, run dropOldCa, then stageNewCa again`,
        );
      }
      if (hasCurrent) renameSync(ca.dir, caPrevious.dir);
      renameSync(caNext.dir, ca.dir); // a crash between the two renames is finished by the next call
      ctx.changes.push('promoted the staged CA');
    } else if (!existsSync(caPrevious.dir)) {
      throw new StepError('promote new CA', `no CA is staged in ${caNext.dir}`, 'run stageNewCa first');
    }
    const current = await ensureCurrentCa(ctx);
    await ensureLeaves(ctx, current);
    writeTruststore(ctx);
    return resultOf(ctx);
  });
}

export async function dropOldCa(opts: ClusterPkiOptions): Promise<ClusterPki> {
  const o = validatePkiOptions(opts);
  return withPki(o, async (ctx) => {
    const { caPrevious, caNext } = ctx.layout;
    if (existsSync(caNext.dir)) {
      throw new StepError('drop old CA', `a new CA is staged in ${caNext.dir} but not promoted yet`, 'run promoteNewCa first');
    }
    const current = await ensureCurrentCa(ctx);
    await ensureLeaves(ctx, current); // nothing may still depend on the old CA
    if (existsSync(caPrevious.dir)) {
      rmSync(caPrevious.dir, { recursive: true, force: true });
      ctx.changes.push('removed the previous CA');
    }
    writeTruststore(ctx);
    return resultOf(ctx);
  });
}
