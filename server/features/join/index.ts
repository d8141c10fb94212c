// What other features may use of joining: closing a round ends its guests; the group page and the projector show the code.
export { endGuests } from './service.js';
export { joinPanel, spacedCode, qrDataUrl, type JoinPanel } from './join-view.js';
