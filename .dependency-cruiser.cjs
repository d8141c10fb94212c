// Import rules for server/ (STYLE.md "The shape of the house"): one direction, no cycles, features meet through index.ts.
// Run by `npm run lint`. File roles come from their names:
//   routes       routes.ts, api.ts, pages.ts, *-api.ts, *-pages.ts           (parse, call the service, answer)
//   view models  view-models.ts, *-view.ts, *-model.ts                       (plain objects for the templates)
//   repository   repository.ts, *-repository.ts                              (all SQL)
//   schemas      schemas.ts, *-schemas.ts                                    (zod: validation, types, OpenAPI)
//   service      every other file of a feature                                (the rules and the transactions)
const ROUTES = '(routes|api|pages|[a-z-]+-api|[a-z-]+-pages)\\.ts$';
const VIEWS = '(view-models|[a-z-]+-view|[a-z-]+-model)\\.ts$';
const REPOSITORY = '(repository|[a-z-]+-repository)\\.ts$';
const SCHEMAS = '(schemas|[a-z-]+-schemas)\\.ts$';
const FEATURE = '^server/features/[^/]+/';
const SERVICE_NOT = [
  `${FEATURE}${ROUTES}`,
  `${FEATURE}${VIEWS}`,
  `${FEATURE}${REPOSITORY}`,
  `${FEATURE}${SCHEMAS}`,
  `${FEATURE}index\\.ts$`,
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two modules are one: merge them or move the shared part down.',
      from: { path: '^server/' },
      to: { circular: true },
    },
    {
      name: 'features-meet-through-index',
      severity: 'error',
      comment: 'A feature uses another only through its index.ts (its public module), never its repository or routes.',
      from: { path: '^server/features/([^/]+)/' },
      to: { path: '^server/features/(?!$1/)[^/]+/', pathNot: '^server/features/[^/]+/index\\.ts$' },
    },
    {
      name: 'bottom-stays-bottom',
      severity: 'error',
      comment: 'lib/, i18n/, db/, errors.ts, config.ts and context.ts know nothing of the layers above them.',
      from: { path: '^server/(lib/|i18n/|db/|errors\\.ts|config\\.ts|context\\.ts)' },
      to: { path: '^server/(access/|http/|features/|app\\.ts|server\\.ts)' },
    },
    {
      name: 'access-below-features',
      severity: 'error',
      comment: 'The access module answers "may this person": it is used by features and http, and uses neither.',
      from: { path: '^server/access/' },
      to: { path: '^server/(http/|features/|app\\.ts)' },
    },
    {
      name: 'http-below-features',
      severity: 'error',
      comment: 'Cross-cutting plugins do not know the features; app.ts wires features into them.',
      from: { path: '^server/http/' },
      to: { path: '^server/(features/|app\\.ts)' },
    },
    {
      name: 'routes-call-services',
      severity: 'error',
      comment: "Routes parse, call the service and answer; the SQL is the repository's, behind the service.",
      from: { path: `${FEATURE}(${ROUTES}|${VIEWS})` },
      to: { path: [`${FEATURE}${REPOSITORY}`, '^node_modules/kysely/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-never-see-fastify',
      severity: 'error',
      comment: 'A service takes {db, dialect, config, log, mail} (AppContext), never the Fastify instance, a request or a reply.',
      from: { path: FEATURE, pathNot: SERVICE_NOT },
      to: { path: ['^node_modules/fastify/', '^node_modules/fastify-plugin/', '^server/http/'] },
    },
    {
      name: 'services-do-not-call-routes',
      severity: 'error',
      comment: 'Dependencies point down: routes -> services -> repositories.',
      from: { path: FEATURE, pathNot: SERVICE_NOT },
      to: { path: [`${FEATURE}${ROUTES}`, `${FEATURE}${VIEWS}`] },
    },
    {
      name: 'repositories-only-query',
      severity: 'error',
      comment: 'A repository holds SQL and turns rows into objects; it calls no service, route or plugin.',
      from: { path: `(${FEATURE}|^server/access/)${REPOSITORY}` },
      to: {
        path: '^server/',
        pathNot: [
          '^server/db/',
          '^server/lib/',
          '^server/errors\\.ts$',
          '^server/access/(repository|current-user)\\.ts$',
          `${FEATURE}${REPOSITORY}`,
        ],
      },
    },
    {
      name: 'sql-only-in-repositories',
      severity: 'error',
      comment: 'Only repositories (and db/, migrations) build SQL; others may use Kysely types.',
      from: { path: '^server/', pathNot: [`${REPOSITORY}`, '^server/db/'] },
      to: { path: '^node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'schemas-at-the-bottom',
      severity: 'error',
      comment: 'Schemas are shapes: they import zod, lib and other schemas, never services, repositories or routes.',
      from: { path: `${FEATURE}${SCHEMAS}` },
      to: {
        path: '^server/',
        pathNot: [
          '^server/lib/',
          '^server/i18n/',
          '^server/errors\\.ts$',
          '^server/db/tables/',
          `${SCHEMAS}`,
          '^server/features/[^/]+/index\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    exclude: { path: '^dist/' },
  },
};
