// What other features may use of rounds: the home page's panels (the meetings open for stories, what the groups chose, a person's groups, a facilitator's rounds).
export { feedbackPanel, type FeedbackPanel } from './feedback.js';
export { openRoundsPanel, type OpenRoundsPanel } from './open-rounds.js';
export { myGroupsPanel, runRoundsPanel, type MyGroupsPanel, type RunRoundsPanel } from './home-panels.js';
