// The npm registry these machines reach does not serve every platform build of a package
// (rollup's @rollup/rollup-<os>-<cpu> binaries other than Linux's answer 404), so `npm install`
// leaves them out of package-lock.json, and `npm ci` then refuses the lockfile as out of sync.
// This adds the missing optional platform entries with their os/cpu, so `npm ci` validates the
// lockfile and skips them as foreign to this platform, as it would with a complete lockfile.
// Run after any `npm install` that changes the lockfile: node scripts/complete-lockfile.js
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'netbsd', 'win32', 'openharmony', 'sunos', 'aix'];
const CPUS = { arm64: 'arm64', aarch64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', arm: 'arm', wasm32: 'wasm32' };

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (lock.packages[target] || lock.packages[`${location}/${target}`]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OSES.includes(p));
    const cpu = parts.map((p) => CPUS[p]).find(Boolean);
    if (!os || !cpu) continue; // not a platform build: leave it to npm
    lock.packages[target] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(parts.includes('musl') ? { libc: ['musl'] } : parts.includes('gnu') && os === 'linux' ? { libc: ['glibc'] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries this registry does not serve`);
