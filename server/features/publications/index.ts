// What other features may use of publications: the list a person may read (for the reports page), the home panel.
export { listPublications, type Publication } from './service.js';
export { publicationsPanel, type PublicationsPanel } from './home-panel.js';
