// What other features may use of organisations.
export { organizationExists, listOrganizations } from './service.js';
export { findOrganization } from './repository.js';
