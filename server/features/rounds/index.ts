// What other features may use of rounds: the home page's feedback panel (what the groups chose, for a storyteller).
export { feedbackPanel, type FeedbackPanel } from './feedback.js';
