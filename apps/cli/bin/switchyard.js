#!/usr/bin/env node
// `switchyard router` loads the router's command alone (src/router-main.ts): a router's start-up
// does not pay for importing every other command.
import { enableCompileCache } from 'node:module';

const args = process.argv.slice(2);
if (args[0] === 'router') {
  // V8's code cache on disk (NODE_COMPILE_CACHE, by default under the OS temp dir; keyed by Node
  // version and file contents): a router started again on a host compiles nothing it compiled before.
  // The serving and reader threads inherit it through the environment.
  const cache = enableCompileCache?.();
  if (cache?.directory !== undefined) process.env.NODE_COMPILE_CACHE ??= cache.directory;
  // Written at exit, and once the router is up (commands/router.ts).
}
const { run } = await import(args[0] === 'router' ? '../dist/router-main.js' : '../dist/main.js');

process.exitCode = await run(args);
