// Rollout: launch schedule, what is deployed at a date, and the figures per date (docs/ROLLOUT.md).
export * from './schedule';
export * from './deployment';
export * from './engine';
export * from './series';
