import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DeployTemplateError } from './errors.ts';

/** `deploy/` at the repository root, from src/deploy/ (sources) or dist/deploy/ (built) alike. */
export const DEPLOY_DIR = fileURLToPath(new URL('../../../../deploy/', import.meta.url));

/** Reads a file under `deploy/` (e.g. `systemd/switchyard-router.service`). */
export async function readDeployFile(relativePath: string, deployDir = DEPLOY_DIR): Promise<string> {
  try {
    return await readFile(
      new URL(relativePath, `file://${deployDir.endsWith('/') ? deployDir : `${deployDir}/`}`),
      'utf8',
    );
  } catch (error) {
    throw new DeployTemplateError(`cannot read deploy/${relativePath}: ${(error as Error).message}`);
  }
}

/** Replaces every `{{name}}`; a placeholder without a value is an error, never left in the output. */
export function fillTemplate(template: string, values: Record<string, string>, what: string): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new DeployTemplateError(`${what}: no value for {{${name}}}`);
    return value;
  });
}
