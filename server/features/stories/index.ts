// What other features may use of stories.
export { findVisibleStory } from './repository.js';
