// Writes the browser code into dist/client, after scripts/build-package.mjs has built the
// server entries (it empties dist/ first, so this runs second). The published console serves
// these files; from source it bundles the same entries in memory (src/internal/client-assets.ts).
// The bundled packages' licenses go to dist/licenses/, beside those of the server build.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyBundledLicenses } from "../../../scripts/bundled-licenses.mjs";
import { bundleClient } from "../src/internal/bundle-client.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(packageDir, "dist", "client");
const licenses = join(packageDir, "dist", "licenses");
const bundle = await bundleClient();
await mkdir(outdir, { recursive: true });
for (const [name, text] of bundle.files) await writeFile(join(outdir, name), text);

// chevrotain is core's dependency (bundled into core's own dist): resolve from core's package.
const coreDir = dirname(fileURLToPath(import.meta.resolve("@promptmill/core/package.json")));
const bundled = await copyBundledLicenses({
  metafile: bundle.metafile,
  into: licenses,
  fromDirs: [packageDir, coreDir],
});
console.log(
  `@promptmill/console: ${bundle.files.size} browser files in dist/client/, bundled ${bundled.join(", ")}`,
);
