// What other features may use of rounds: the home page's panels (the meetings open for stories, and what the groups chose).
export { feedbackPanel, type FeedbackPanel } from './feedback.js';
export { openRoundsPanel, type OpenRoundsPanel } from './open-rounds.js';
