export * from './text.js';
export * from './org.js';
export * from './roles.js';
export * from './errors.js';
export * from './schemas.js';
export * from './plan-schemas.js';
