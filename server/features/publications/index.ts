// What other features may use of publications: the list a person may read (for the reports page).
export { listPublications, type Publication } from './service.js';
