import { readFile } from 'node:fs/promises';
import { getService, setRules, ValidationError } from '@switchyard/service-db';
import { databaseOptions, expectPositionals, parseCommand, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import type { CliIo } from '../io.ts';
import { printJson } from '../output.ts';
import { formatRulesFileYaml, parseRulesFile, RulesFileError, type SiteRules, toRulesFile } from '../rules-file.ts';

const usage = `Usage:
  switchyard rules set ID FILE     replace every rule of static service ID with those in FILE
  switchyard rules show ID         print the rules of service ID in the rules-file format
  switchyard rules check FILE      validate FILE without touching the database

FILE is YAML or JSON (docs/static-sites.md, "Rules file"); a problem is reported as FILE:LINE: reason.
set and show take --database-url URL (env SWITCHYARD_DATABASE_URL) and --json.`;

async function readRulesFile(file: string): Promise<SiteRules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RulesFileError(file, 1, `cannot read: ${(error as Error).message}`);
  }
  return parseRulesFile(text, file);
}

function summary(rules: SiteRules): string {
  return `${rules.rules.length} rules, ${rules.headerRules.length} header rules`;
}

async function set(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId, file] = expectPositionals(positionals, ['ID', 'FILE'], usage) as [string, string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const rules = await readRulesFile(file);
  await withDatabase(url, async (db) => {
    const service = await getService(db, serviceId);
    if (service.kind !== 'static') {
      throw new ValidationError(
        'kind',
        `service ${service.id} is a ${service.kind} service: rules belong to static services`,
      );
    }
    await setRules(db, service.id, rules);
  });
  if (values.json) printJson(io, { serviceId, ...toRulesFile(rules) });
  else io.out(`service ${serviceId}: ${summary(rules)} set from ${file}`);
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId] = expectPositionals(positionals, ['ID'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const service = await withDatabase(url, (db) => getService(db, serviceId));
  const rules = { rules: service.rules, headerRules: service.headerRules };
  if (values.json) printJson(io, toRulesFile(rules));
  else io.out(formatRulesFileYaml(rules).trimEnd());
  return 0;
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [file] = expectPositionals(positionals, ['FILE'], usage) as [string];
  const rules = await readRulesFile(file);
  if (values.json) printJson(io, toRulesFile(rules));
  else io.out(`${file}: ok (${summary(rules)})`);
  return 0;
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const rulesCommand: Command = commandGroup(
  'rules',
  'set and show the redirect, rewrite and header rules of a static site',
  usage,
  {
    set,
    show,
    check,
  },
);
