#!/usr/bin/env node
// Builds the package in the current directory into dist/, as it is published. Run by each
// package's `build` script (and so by `prepack`); `tsc --emitDeclarationOnly` adds the .d.ts.
//
// What gets built is read from the manifest, so there is one place to say it:
//   - every `publishConfig.exports` and `publishConfig.bin` target `./dist/X.js` is built from
//     `./src/X.ts` (one bundle per entry, shared code split into chunks, so two entries share
//     one copy of each class);
//   - `dependencies`, `peerDependencies` and `optionalDependencies` stay imports, resolved at
//     install time; anything else the code imports (a devDependency) is bundled in, and its
//     license is copied to dist/licenses/.
//
// Why esbuild and not tsc, tsup or tsdown: see ARCHITECTURE.md, "Building and publishing".
import { readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { copyBundledLicenses, packageRoot } from "./bundled-licenses.mjs";

const packageDir = process.cwd();
const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
const outdir = join(packageDir, "dist");

/**
 * Packages whose default ESM entry is slow to load, mapped to the single-file build they ship
 * next to it. chevrotain's `import` entry loads ~600 lodash-es modules (0.7 s); the bundle it
 * ships (`lib/chevrotain.mjs`) loads in a few milliseconds. Its `exports` map hides that file,
 * so it is found through the package's root.
 */
const SINGLE_FILE_BUILDS = { chevrotain: "lib/chevrotain.mjs" };

function entryPoints() {
  const targets = [];
  const collect = (value) => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(manifest.publishConfig?.exports);
  collect(manifest.publishConfig?.bin);
  const entries = {};
  for (const target of targets) {
    const match = /^\.\/dist\/(.+)\.js$/.exec(target);
    if (match) entries[match[1]] = `./src/${match[1]}.ts`;
  }
  if (Object.keys(entries).length === 0) {
    throw new Error(`${manifest.name}: no ./dist/*.js target in publishConfig.exports or .bin`);
  }
  return entries;
}

function runtimeDependencies() {
  return Object.keys({
    ...manifest.dependencies,
    ...manifest.peerDependencies,
    ...manifest.optionalDependencies,
  });
}

const singleFileBuilds = {
  name: "single-file-builds",
  setup(esbuild) {
    for (const [name, file] of Object.entries(SINGLE_FILE_BUILDS)) {
      esbuild.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({
        path: join(packageRoot(name, [packageDir]), file),
      }));
    }
  },
};

await rm(outdir, { recursive: true, force: true });
const external = runtimeDependencies().flatMap((name) => [name, `${name}/*`]);
const result = await build({
  absWorkingDir: packageDir,
  entryPoints: entryPoints(),
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Chunks sit next to the entries (not in a subfolder), so a module that finds a shipped file
  // relative to `import.meta.url` (the CLI's example CSV) is one level below the package root
  // whether it runs from src/ or from dist/.
  chunkNames: "[name]-[hash]",
  sourcemap: true,
  // Maps carry the sources, so they resolve although src/ is not shipped.
  sourcesContent: true,
  external,
  plugins: [singleFileBuilds],
  metafile: true,
  logLevel: "warning",
});
const bundled = await copyBundledLicenses({
  metafile: result.metafile,
  into: join(outdir, "licenses"),
  fromDirs: [packageDir],
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".js"));
console.log(
  `${manifest.name}: ${outputs.length} files in ${relative(packageDir, outdir)}/` +
    (bundled.length > 0 ? `, bundled ${bundled.join(", ")}` : ""),
);
