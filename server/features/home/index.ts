// What other features may use of the home page: the panel shape (and, TEMPORARY, the registry stories and rounds use).
export { type HomePanel } from './panels.js';
export { addHomePanel } from './routes.js';
