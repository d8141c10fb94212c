// What other features may use of reports: freezing and reading published versions, the publication's report model,
// rendering it in every format and answering with it.
export { freezeRoundReport, previewRefused, reportEdition, roundEditions, type EditionQuery, type RoundEditions } from './editions.js';
export { freezeReport, latestVersion, publishedVersions, type SnapshotSummary, type Subject } from './snapshots.js';
export { buildPublicationModel, type PublicationInput } from './front-matter.js';
export { renderReport, type RenderedReport } from './render.js';
export { sendRendered } from './download-api.js';
export { reportQuery, REPORT_FORMATS, type ReportQuery } from './schemas.js';
export type { ReportEdition, ReportLogo, ReportModel } from './types.js';
export { publishedReportsPanel, type PublishedReportsPanel } from './home-panel.js';
