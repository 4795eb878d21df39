// How the browser code is bundled: used by the console when it runs from source (tests,
// `pnpm promptmill console` in the repo) and by scripts/build-client.ts, which writes the same
// bundles into dist/client for the published package. esbuild is a devDependency: nothing
// the published server runs imports this file.
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import type { ClientAssetName } from "./client-asset-names.js";

/** Where each served file is bundled from. */
const CLIENT_ENTRIES: Readonly<Record<ClientAssetName, string>> = {
  "console.js": "../client/console.ts",
  "template-editor.js": "../client/template-editor.ts",
  "console.css": "../client/console.css",
};

export interface ClientBundle {
  readonly files: ReadonlyMap<ClientAssetName, string>;
  readonly metafile: Metafile;
}

/**
 * One self-contained file per entry: ES2022 for current browsers, minified, no code splitting
 * (two small files load faster than a chunk graph from a local server), no source maps
 * (the published package ships its sources' maps for the server, not for these).
 */
export async function bundleClient(): Promise<ClientBundle> {
  const entryPoints = Object.entries(CLIENT_ENTRIES).map(([name, path]) => ({
    in: fileURLToPath(new URL(path, import.meta.url)),
    out: name.replace(/\.(js|css)$/, ""),
  }));
  const result = await build({
    entryPoints,
    outdir: "/client",
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  const files = new Map<ClientAssetName, string>();
  for (const output of result.outputFiles) {
    const name = output.path.slice(output.path.lastIndexOf("/") + 1) as ClientAssetName;
    files.set(name, output.text);
  }
  return { files, metafile: result.metafile };
}
