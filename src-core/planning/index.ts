// Planning: candidate gateway sites, placement constraints and the lazy-greedy optimizer.
export * from './candidates';
export * from './constraints';
export * from './optimizer';
export * from './candidate-csv';
export * from './names';
export * from './explain';
export * from './served';
export * from './bound';
