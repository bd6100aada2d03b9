export { mainUsage, run } from './main.ts';
