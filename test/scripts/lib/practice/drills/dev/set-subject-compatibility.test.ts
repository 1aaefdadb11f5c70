import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import {
  dryRun,
  hasOwnLevel,
  SHIPMENT_DROPS_WEIGHT,
  SHIPMENT_V1,
  SHIPMENT_V2,
  subjectLevelCriteria,
  subjectLevelProblem,
  type SubjectLevelView,
} from '../../../../../../scripts/lib/practice/drills/dev/set-subject-compatibility.ts';
import type { RegistryRest } from '../../../../../../scripts/lib/schemas/index.ts';

const type = (s: object): avro.Type => avro.Type.forSchema(s as avro.Schema);
/** Can a reader on `reader` read what `writer` wrote (Avro schema resolution)? */
const reads = (reader: object, writer: object): boolean => {
  try {
    type(reader).createResolver(type(writer));
    return true;
  } catch {
    return false;
  }
};

describe('set-subject-compatibility', () => {
  it('builds a scenario where only a transitive forward level refuses the candidate', () => {
    // v2 is a fine next version under every level: each side reads the other.
    expect(reads(SHIPMENT_V2, SHIPMENT_V1)).toBe(true);
    expect(reads(SHIPMENT_V1, SHIPMENT_V2)).toBe(true);
    // The candidate drops weightKg: consumers on v2 read it (default 0), consumers on v1 cannot (no default there).
    expect(reads(SHIPMENT_V2, SHIPMENT_DROPS_WEIGHT)).toBe(true);
    expect(reads(SHIPMENT_V1, SHIPMENT_DROPS_WEIGHT)).toBe(false);
    // And it is backward-compatible (a reader on it ignores weightKg), so BACKWARD lets it through.
    expect(reads(SHIPMENT_DROPS_WEIGHT, SHIPMENT_V2)).toBe(true);
    expect(reads(SHIPMENT_DROPS_WEIGHT, SHIPMENT_V1)).toBe(true);
  });

  it('says why a level does not protect consumers several versions behind', () => {
    expect(subjectLevelProblem('FORWARD_TRANSITIVE')).toBeUndefined();
    expect(subjectLevelProblem('FULL_TRANSITIVE')).toBeUndefined();
    expect(subjectLevelProblem('FORWARD')).toBe('FORWARD checks a new version against the latest one only; consumers several versions behind need FORWARD_TRANSITIVE');
    expect(subjectLevelProblem('FULL')).toContain('need FULL_TRANSITIVE');
    expect(subjectLevelProblem('BACKWARD_TRANSITIVE')).toBe('BACKWARD_TRANSITIVE protects consumers upgraded first, not consumers upgraded after the producers');
    expect(subjectLevelProblem('NONE')).toBe('NONE checks nothing for consumers on earlier versions');
  });

  const view = (over: Partial<SubjectLevelView>): SubjectLevelView => ({
    subjectLevel: 'FORWARD_TRANSITIVE',
    ownLevel: true,
    globalLevel: 'BACKWARD',
    globalAtStart: 'BACKWARD',
    versions: [1, 2],
    dropWeight: { refused: true, reason: 'HTTP 409: weightKg at /fields/2' },
    ...over,
  });

  it('fails right after start and passes once the subject has FORWARD_TRANSITIVE of its own', () => {
    const start = subjectLevelCriteria(view({ subjectLevel: 'BACKWARD', ownLevel: false, dropWeight: { refused: false, reason: 'HTTP 200' } }));
    expect(start.map((c) => c.ok)).toEqual([false, true, true, false]);
    expect(start[0]!.saw).toBe('BACKWARD, the global level: the subject has no level of its own and follows it');
    expect(start[3]!.saw).toBe('accepted (HTTP 200): under BACKWARD nothing stops it');
    expect(subjectLevelCriteria(view({})).every((c) => c.ok)).toBe(true);
    expect(subjectLevelCriteria(view({ subjectLevel: 'FULL_TRANSITIVE' })).every((c) => c.ok)).toBe(true);
    // Its own level, but not transitive: the dry run lets the candidate through too.
    const plain = subjectLevelCriteria(view({ subjectLevel: 'FORWARD', dropWeight: { refused: false, reason: 'HTTP 200' } }));
    expect(plain.map((c) => c.ok)).toEqual([false, true, true, false]);
    expect(plain[0]!.saw).toBe('FORWARD of its own: FORWARD checks a new version against the latest one only; consumers several versions behind need FORWARD_TRANSITIVE');
  });

  it('fails a changed global level, a subject that only follows it, a deleted subject', () => {
    const global = subjectLevelCriteria(view({ subjectLevel: 'FORWARD_TRANSITIVE', ownLevel: false, globalLevel: 'FORWARD_TRANSITIVE' }));
    expect(global.map((c) => c.ok)).toEqual([false, false, true, true]);
    expect(global[0]!.saw).toBe('FORWARD_TRANSITIVE, the global level: the subject has no level of its own and follows it');
    expect(global[1]!.saw).toContain('FORWARD_TRANSITIVE: other subjects now follow it too');
    const gone = subjectLevelCriteria(view({ versions: [] }));
    expect(gone[2]).toMatchObject({ ok: false, saw: 'no versions (the subject is gone: start the drill again)' });
  });

  it('asks Apicurio for a dry run and reads its causes', async () => {
    const calls: string[] = [];
    const rest = (status: number, body: unknown): RegistryRest => ({
      url: 'http://h/apis/ccompat/v7',
      async call(method, path) {
        calls.push(`${method} ${path}`);
        return { status, body, message: 'Incompatible artifact' };
      },
    });
    // As Apicurio 3.3.3 answered under FORWARD_TRANSITIVE (measured).
    const violation = { causes: [{ description: 'weightKg', context: '/fields/2' }], name: 'RuleViolationException', status: 400 };
    expect(await dryRun(rest(400, violation), SHIPMENT_DROPS_WEIGHT)).toEqual({ refused: true, reason: 'HTTP 400: weightKg at /fields/2' });
    expect(calls[0]).toBe('POST /apis/registry/v3/groups/default/artifacts/dev-shipments-value/versions?dryRun=true');
    expect(await dryRun(rest(200, { version: '3' }), SHIPMENT_DROPS_WEIGHT)).toEqual({ refused: false, reason: 'HTTP 200' });
    expect(await dryRun(rest(409, { name: 'RuleViolationException' }), SHIPMENT_DROPS_WEIGHT)).toEqual({ refused: true, reason: 'HTTP 409: Incompatible artifact' });
    expect(await dryRun(rest(404, {}), SHIPMENT_DROPS_WEIGHT)).toEqual({ refused: false, reason: "HTTP 404, no subject 'dev-shipments-value'" });
    // A 400 that is no rule violation is an error, not a pass.
    const broken: RegistryRest = { url: 'u', call: async () => ({ status: 400, body: { name: 'BadRequestException' }, message: 'Invalid content' }) };
    await expect(dryRun(broken, SHIPMENT_DROPS_WEIGHT)).rejects.toThrow("the registry's dry run of a version of 'dev-shipments-value' failed with HTTP 400, not with a rule violation: Invalid content");
  });

  it('tells an own level from the global one by the artifact rules', async () => {
    const rules = (body: unknown, status = 200): RegistryRest => ({ url: 'u', call: async () => ({ status, body, message: '' }) });
    expect(await hasOwnLevel(rules(['COMPATIBILITY']), 'dev-shipments-value')).toBe(true);
    expect(await hasOwnLevel(rules([]), 'dev-shipments-value')).toBe(false);
    expect(await hasOwnLevel(rules({}, 404), 'dev-shipments-value')).toBe(false);
  });
});
