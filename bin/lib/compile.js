// Bundles a TypeScript entry point to plain JavaScript with esbuild and imports it.
// Runs straight from a checkout after `npm ci`, without keeping a TypeScript loader in memory
// (tsx alone costs ~35 MiB of RSS in a long-running node).
import { build } from 'esbuild';
import { mkdir, rename } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function importCompiled(entry, name) {
  const outDir = join(root, 'node_modules', '.cache', 'kiln');
  await mkdir(outDir, { recursive: true });
  const final = join(outDir, `${name}.mjs`);
  // A unique name then a rename: two processes starting at once never read a half-written file.
  const temp = join(outDir, `${name}.${process.pid}.${Date.now()}.tmp.mjs`);
  await build({
    entryPoints: [join(root, entry)], outfile: temp, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', packages: 'external', sourcemap: 'inline', logLevel: 'error',
  });
  await rename(temp, final);
  return import(`${pathToFileURL(final).href}?v=${Date.now()}`);
}
