// A clean copy of the committed tree to benchmark: `git archive HEAD` into a scratch directory, with
// node_modules linked from the repository except the workspace packages, which point into the copy.
// The repository is only read (no checkout, no worktree): other people's uncommitted edits in the
// shared tree, half-built dist/ included, cannot leak into the numbers, and the recorded commit is
// exactly what ran.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CleanExport {
  dir: string;
  commit: string;
}

export async function exportHead(root: string, log: (line: string) => void): Promise<CleanExport> {
  const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `switchyard-bench-src-${commit}`);
  const done = join(dir, '.bench-export-complete');
  if (!existsSync(done)) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    log(`exporting ${commit} (git archive HEAD) into ${dir}`);
    const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: root, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    await linkNodeModules(join(root, 'node_modules'), join(dir, 'node_modules'));
    // Repo-local tools (k6) are git-ignored: link them too.
    if (existsSync(join(root, '.tools'))) await symlink(join(root, '.tools'), join(dir, '.tools'));
    log('building the export (npx tsc -b apps/cli)');
    try {
      execFileSync('npx', ['tsc', '-b', 'apps/cli'], { cwd: dir, stdio: 'inherit' });
    } catch {
      // tsc still emits what it can; a router that cannot start fails its scenario visibly.
      log(`WARNING: type errors building ${commit}`);
    }
    await writeFile(done, `${commit}\n`);
  }
  return { dir, commit };
}

/** Every entry of `from` linked into `to`, except @switchyard/*: relative links into the copy itself. */
async function linkNodeModules(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from)) {
    if (entry === '@switchyard') {
      await mkdir(join(to, entry));
      for (const pkg of await readdir(join(from, entry))) {
        // e.g. ../../apps/router: relative, so it resolves inside the copy.
        await symlink(await readlink(join(from, entry, pkg)), join(to, entry, pkg));
      }
    } else if (entry !== '.cache' && entry !== '.vite') {
      await symlink(join(from, entry), join(to, entry));
    }
  }
}
