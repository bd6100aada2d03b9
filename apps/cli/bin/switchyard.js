#!/usr/bin/env node
// `switchyard router` loads the router's command alone (src/router-main.ts): a router's start-up
// does not pay for importing every other command.
const args = process.argv.slice(2);
const { run } = await import(args[0] === 'router' ? '../dist/router-main.js' : '../dist/main.js');

process.exitCode = await run(args);
