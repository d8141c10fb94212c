// What other features may use of sources: which exist, and what a publication's report prints of them.
export { existingSourceIds, sourceMaterial, type SourceKind, type SourceMaterial } from './material.js';
