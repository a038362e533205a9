// Every module of the web client parses as an ES module. A syntax error in one module stops the
// whole client in the browser (nothing renders), and plain `node --check` does not see it in a
// .js file outside a package of type "module": each file is checked as a module here, in seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../main/resources/web/', import.meta.url));

function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'vendor' ? [] : modules(join(dir, e.name));
    return e.name.endsWith('.js') ? [join(dir, e.name)] : [];
  });
}

test('every module of the client parses', () => {
  const files = modules(WEB);
  assert.ok(files.length > 50, `modules found: ${files.length}`);
  const broken = files.flatMap((file) => {
    try {
      execFileSync(process.execPath, ['--experimental-default-type=module', '--check', file], { stdio: 'pipe' });
      return [];
    } catch (e) {
      return [`${file.slice(WEB.length)}: ${String(e.stderr).split('\n').slice(0, 3).join(' ')}`];
    }
  });
  assert.deepEqual(broken, []);
});
