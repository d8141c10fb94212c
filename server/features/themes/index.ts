// What other features may use of themes: the item lists, the themes and quotes a report is built from, the home panel.
export type { Item } from './schemas.js';
export { themeMaterial, type ThemeMaterial, type ThemeSource } from './material.js';
export { clusteringPanel, type ClusteringPanel } from './home-panel.js';
