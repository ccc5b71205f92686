/**
 * projenrc/check-committed.sh, the last step of the test command: in CI it fails when the build
 * or lint changed a tracked file. Run here against throwaway repositories.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', 'projenrc', 'check-committed.sh');
const CI_RUN = path.join(__dirname, '..', '.ci', 'run');

function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-committed-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  fs.writeFileSync(path.join(dir, 'API.md'), 'v1\n');
  git('add', '.');
  git('-c', 'user.email=ci@example.org', '-c', 'user.name=ci', 'commit', '-qm', 'init');
  return dir;
}

function check(dir: string, env: Record<string, string | undefined>) {
  return spawnSync('bash', [SCRIPT], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8' });
}

describe('the committed-files check', () => {
  let dir: string;
  beforeEach(() => { dir = repo(); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('in CI, a regenerated file that was not committed fails, naming it', () => {
    fs.writeFileSync(path.join(dir, 'API.md'), 'v2\n');
    const result = check(dir, { CI: '1' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('API.md');
  });

  test('in CI, a clean checkout passes', () => {
    expect(check(dir, { CI: '1' }).status).toBe(0);
  });

  test('outside CI it never fails (a developer\'s working tree may be dirty)', () => {
    fs.writeFileSync(path.join(dir, 'API.md'), 'v2\n');
    expect(check(dir, {}).status).toBe(0);
  });

  test('.ci/run turns CI mode on whatever the runner sets', () => {
    expect(fs.readFileSync(CI_RUN, 'utf8')).toMatch(/^export CI="\$\{CI:-1\}"$/m);
  });
});
