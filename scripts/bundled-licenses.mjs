// What a build bundles from node_modules, and their licenses: shared by scripts/build-package.mjs
// (every package's dist/) and the console's scripts/build-client.ts (its browser code), so
// both decide alike which packages were bundled and where their LICENSE is.
import { copyFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";

const LICENSE_FILES = ["LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "license"];

/**
 * The directory of an installed package as seen from the first of `fromDirs` that resolves it,
 * found from its resolved entry file (some packages export no package.json).
 */
export function packageRoot(name, fromDirs) {
  for (const from of fromDirs) {
    let directory;
    try {
      directory = dirname(createRequire(join(from, "package.json")).resolve(name));
    } catch {
      continue;
    }
    while (!directory.endsWith(`${sep}node_modules${sep}${name.replace("/", sep)}`)) {
      const parent = dirname(directory);
      if (parent === directory) throw new Error(`cannot find the root of ${name}`);
      directory = parent;
    }
    return directory;
  }
  throw new Error(`cannot resolve ${name} from ${fromDirs.join(", ")}`);
}

/** The package names of every bundled file (esbuild's metafile) that came from node_modules. */
export function bundledPackages(metafile) {
  const names = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    // The last node_modules segment names the package (pnpm nests them under .pnpm/).
    const segments = input.split("node_modules/");
    if (segments.length < 2) continue;
    const [first = "", second = ""] = (segments.at(-1) ?? "").split("/");
    names.add(first.startsWith("@") ? `${first}/${second}` : first);
  }
  return [...names].sort();
}

/**
 * Copies the LICENSE of every package the build bundled into `into` (as `name.txt`, `@a/b` as
 * `@a__b.txt`); a bundled package without one fails the build. Returns the package names.
 */
export async function copyBundledLicenses({ metafile, into, fromDirs }) {
  const names = bundledPackages(metafile);
  if (names.length === 0) return names;
  await mkdir(into, { recursive: true });
  for (const name of names) {
    const root = packageRoot(name, fromDirs);
    let copied = false;
    for (const file of LICENSE_FILES) {
      try {
        await copyFile(join(root, file), join(into, `${name.replace("/", "__")}.txt`));
        copied = true;
        break;
      } catch {}
    }
    if (!copied) throw new Error(`${name} is bundled but ships no LICENSE file`);
  }
  return names;
}
