// What other features may use of the home page: adding a panel.
export { addHomePanel, type HomePanel } from './panels.js';
