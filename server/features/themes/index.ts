// What other features may use of themes: the item lists, and the themes and quotes a report is built from.
export type { Item } from './schemas.js';
export { themeMaterial, type ThemeMaterial, type ThemeSource } from './material.js';
