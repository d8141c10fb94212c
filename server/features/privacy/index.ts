// What other features may use of privacy: the home page's panel.
export { privacyPanel, type PrivacyPanel } from './panel.js';
