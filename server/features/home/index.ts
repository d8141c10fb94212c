// What other features may use of the home page: the shape of a panel (features build their own, home composes them).
export { type HomePanel } from './panels.js';
