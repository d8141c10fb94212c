// What other features may use of stories: reading one story as a person may, and the home-page panel.
export { readableStory } from './service.js';
export { storiesHomePanel, type StoriesPanel } from './home-panel.js';
export type { StoryView } from './schemas.js';
