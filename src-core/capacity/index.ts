// Capacity model: max flow per time step from demand cells to the PoPs (docs/CAPACITY.md).
export * from './maxflow';
export * from './model';
export * from './evaluate';
export * from './regions';
