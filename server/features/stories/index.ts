// What other features may use of stories: reading one story as a person may, the home-page panel, the story forms, the
// elements noted about stories (their authors' feedback).
export { readableStory } from './service.js';
export { storiesHomePanel, type StoriesPanel } from './home-panel.js';
export type { StoryView } from './schemas.js';
export { formTemplate, templateAnswers } from './form-templates.js';
export type { FormTemplate } from './template-schemas.js';
export { elementsNotedAbout } from './feedback.js';
