// What other features may use of sources: which exist, what a publication's report prints of them, and quoting them.
export { existingSourceIds, sourceMaterial, type SourceKind, type SourceMaterial } from './material.js';
export { quotableSources, quoteSource, sourcePlainText, sourceQuotesOfThemes, unquoteSource } from './quotes.js';
