import { defineCommand } from './define.ts';

/**
 * `npm run exam` (scripts/exam.ts). The tracks and their titles are the exam's (TRACKS and
 * TRACK_TITLES in scripts/lib/practice, a domain above core); a unit test keeps this text in step.
 */
export const EXAM = defineCommand({
  name: 'exam',
  summary:
    'A timed practice exam in the terminal that mixes questions and hands-on drills (on a running cluster), scored per domain and saved to .kafkalab/practice/exam-history.jsonl. Tracks: dev (developer (CCDAK-style)), ops (administrator (CCAAK-style)). Also: npm run exam -- stats [--json].',
  flags: {
    track: { type: 'string', description: 'the track: dev or ops (required)' },
    questions: { type: 'string', description: 'how many items (default 20, at most what the track has)' },
    minutes: { type: 'string', description: 'the time limit (default 1.5 per item); unanswered items when it runs out' },
    seed: { type: 'string', description: 'replay the same selection (default: a new seed, printed)' },
    json: { type: 'boolean', description: 'print the report as JSON on stdout (the prompts go to stderr)' },
    cluster: { type: 'string', description: 'run the hands-on drills on this running cluster, a preset or spec file (default: the default cluster when it runs; else questions only)' },
  },
});

/** `npm run exam -- stats`: the same script, its first word `stats`. */
export const EXAM_STATS = defineCommand({
  name: 'exam',
  summary: 'npm run exam -- stats [--json]: how many questions the bank has per track and per domain.',
  flags: { json: { type: 'boolean', description: 'print { total, tracks: { dev: { total, domains }, ops: ... } } as JSON' } },
});
