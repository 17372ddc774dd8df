export * from './schemas.js';
export * from './rules.js';
export * from './status.js';
export * from './reference.js';
export * from './defaults.js';
