// The browser tests open the HTML reports in Debian's Chromium (/usr/bin/chromium, driven by
// playwright-core: `npx playwright install` cannot reach its download host from here). `npm test`
// runs this first: when Chromium is missing and apt-get can install it (as root), it does;
// otherwise it says so, and the browser tests skip with a notice (under CI=true they fail).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = '/usr/bin/chromium';
if (!existsSync(path)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (root && apt) {
    console.error('tthc: installing Debian\'s chromium for the browser tests (apt-get install chromium) …');
    const install = 'apt-get install -y -qq chromium >/dev/null';
    const r = spawnSync('sh', ['-c', `${install} || (apt-get update -qq >/dev/null && ${install})`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0 || !existsSync(path)) console.error('tthc: could not install chromium; the browser tests will not run');
  } else {
    console.error(`tthc: ${path} is missing and cannot be installed here (needs root and apt-get); the browser tests will not run`);
  }
}
