export * from './app.js';
export * from './context.js';
export { createUser } from './users/service.js';
export { loadAdminUnits } from './seed/admin-units.js';
export { loadDemo, DEMO_USERS, DEMO_PASSWORD } from './seed/demo.js';
export { extractText } from './documents/extract-text.js';
export { importPlanText, loadDemoPlans } from './plans/demo-plans.js';
export { loadDemoReports } from './seed/demo-reports.js';
