/**
 * The import rules of kafkalab (docs/architecture.md explains them). Checked by `npm test`
 * (test/architecture/import-rules.test.ts) and by hand with `npx depcruise scripts stacks security`.
 *
 * Layers, lowest first: stacks/model → stacks/render → stacks/constructs → stacks/*.ts (the synth);
 * security/ beside them; then the domains of scripts/lib in DOMAINS order; then scripts/*.ts, the
 * entry points. A file imports only its own layer or lower ones, and another domain only through
 * that domain's index.ts.
 */
const DOMAINS = ['core', 'engine', 'lab-hosts', 'cluster', 'kafka', 'monitoring', 'connect', 'streams', 'access', 'roll', 'lifecycle', 'verify', 'operations', 'bench', 'practice'];

const higherDomains = DOMAINS.map((domain, rank) => ({
  name: `domain-${domain}-imports-higher`,
  comment: `scripts/lib/${domain} may import only domains below it: ${DOMAINS.slice(0, rank).join(', ') || 'none'}`,
  severity: 'error',
  from: { path: `^scripts/lib/${domain}/` },
  to: { path: `^scripts/lib/(${DOMAINS.slice(rank + 1).join('|') || '$^'})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'an import circle: move the shared type to the module that owns it', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'stacks-and-security-never-import-scripts',
      comment: 'stacks/ and security/ are lower layers; pass what they need in as parameters or callbacks',
      severity: 'error',
      from: { path: '^(stacks|security)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'security-imports-only-the-error-vocabulary',
      comment: 'security/ sits beside stacks/: of it, it uses only the error classes (stacks/model/errors.ts)',
      severity: 'error',
      from: { path: '^security/' },
      to: { path: '^stacks/', pathNot: '^stacks/model/errors\\.ts$' },
    },
    { name: 'model-is-pure', comment: 'stacks/model imports only stacks/model', severity: 'error', from: { path: '^stacks/model/' }, to: { path: '^(stacks/(render|constructs)|stacks/[^/]+$|security|scripts|\\.gen)' } },
    { name: 'render-over-model-only', severity: 'error', from: { path: '^stacks/render/' }, to: { path: '^(stacks/constructs|stacks/[^/]+$|security|scripts|\\.gen)' } },
    { name: 'constructs-under-stacks', severity: 'error', from: { path: '^stacks/constructs/' }, to: { path: '^stacks/[^/]+$' } },
    {
      name: 'gen-only-on-the-synth-path',
      comment: 'the generated bindings (.gen) are loaded by the constructs and stacks only, so no command needs them to start',
      severity: 'error',
      from: { pathNot: '^stacks/(constructs/|[^/]+$)' },
      to: { path: '^\\.gen/' },
    },
    ...higherDomains,
    {
      name: 'domain-through-its-index',
      comment: "another domain's files are reached only through its index.ts (its public surface)",
      severity: 'error',
      from: { path: '^scripts/lib/([^/]+)/' },
      to: { path: '^scripts/lib/[^/]+/', pathNot: ['^scripts/lib/$1/', '^scripts/lib/[^/]+/index\\.ts$'] },
    },
    {
      name: 'entry-points-through-indexes',
      comment: 'an entry point (scripts/*.ts) reaches scripts/lib only through the domains\' index.ts files',
      severity: 'error',
      from: { path: '^scripts/[^/]+\\.ts$' },
      to: { path: '^scripts/lib/', pathNot: '^scripts/lib/[^/]+/index\\.ts$' },
    },
    {
      name: 'entry-points-are-leaves',
      comment: 'nothing imports an entry point (scripts/*.ts)',
      severity: 'error',
      from: {},
      to: { path: '^scripts/[^/]+\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '\\.gen'] },
    exclude: { path: ['node_modules', '^cdktf\\.out', '^test/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
