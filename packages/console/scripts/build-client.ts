// Writes the browser code into dist/client, after scripts/build-package.mjs has built the
// server entries (it empties dist/ first, so this runs second). The published console serves
// these files; from source it bundles the same entries in memory (src/internal/client-assets.ts).
// The bundled packages' licenses go to dist/licenses/, beside those of the server build.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleClient } from "../src/internal/bundle-client.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(packageDir, "dist", "client");
const licenses = join(packageDir, "dist", "licenses");
const LICENSE_FILES = ["LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "license"];

/** The packages bundled from node_modules, named by their last node_modules segment. */
function bundledPackages(inputs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const input of inputs) {
    const segments = input.split("node_modules/");
    if (segments.length < 2) continue;
    const [first = "", second = ""] = (segments.at(-1) ?? "").split("/");
    names.add(first.startsWith("@") ? `${first}/${second}` : first);
  }
  return [...names].sort();
}

/** A package's directory, from any file of it that resolves (some export no package.json). */
function packageRoot(name: string, from: string): string {
  const require = createRequire(join(from, "package.json"));
  let directory = dirname(require.resolve(name));
  while (!directory.endsWith(`${sep}node_modules${sep}${name.replace("/", sep)}`)) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find the root of ${name}`);
    directory = parent;
  }
  return directory;
}

const bundle = await bundleClient();
await mkdir(outdir, { recursive: true });
for (const [name, text] of bundle.files) await writeFile(join(outdir, name), text);

await mkdir(licenses, { recursive: true });
// chevrotain is core's dependency (bundled into core's own dist): resolve from core's package.
const coreDir = dirname(fileURLToPath(import.meta.resolve("@promptmill/core/package.json")));
const bundled = bundledPackages(Object.keys(bundle.metafile.inputs));
for (const name of bundled) {
  const root = [packageDir, coreDir]
    .map((from) => {
      try {
        return packageRoot(name, from);
      } catch {
        return undefined;
      }
    })
    .find((found) => found !== undefined);
  if (root === undefined) throw new Error(`cannot find ${name}, bundled into the browser code`);
  let copied = false;
  for (const file of LICENSE_FILES) {
    try {
      await copyFile(join(root, file), join(licenses, `${name.replace("/", "__")}.txt`));
      copied = true;
      break;
    } catch {}
  }
  if (!copied)
    throw new Error(`${name} is bundled into the browser code but ships no LICENSE file`);
}
console.log(
  `@promptmill/console: ${bundle.files.size} browser files in dist/client/, bundled ${bundled.join(", ")}`,
);
