// What other features may use of reports: freezing a round's report when it is published, and its published versions.
export { freezeRoundReport, roundEditions, type RoundEditions } from './editions.js';
export { publishedVersions, type SnapshotSummary } from './snapshots.js';
export type { ReportEdition } from './types.js';
