// The engine session: derived state as a dependency graph, fed typed scenario patches (docs/SESSION.md).
export * from './patches';
export * from './memo';
export * from './session';
