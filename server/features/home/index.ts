// What other features may use of the home page: the panel shape (and, TEMPORARY, the old registration call).
export { addHomePanel, type HomePanel } from './panels.js';
