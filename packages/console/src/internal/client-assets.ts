import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CLIENT_ASSET_NAMES, type ClientAssetName } from "./client-asset-names.js";

export interface ClientAsset {
  readonly body: string;
  readonly contentType: string;
  /** A hash of the body: pages link `/assets/<name>?v=<version>`, cached for good. */
  readonly version: string;
}

export type ClientAssets = ReadonlyMap<ClientAssetName, ClientAsset>;

/** What src/internal/bundle-client.ts offers; typed here so that its esbuild types stay out of dist. */
interface SourceBundler {
  bundleClient(): Promise<{ files: ReadonlyMap<ClientAssetName, string> }>;
}

let fromSource: Promise<ClientAssets> | undefined;

/**
 * The browser code, held in memory. Published, it was built into dist/client by the package
 * build; in the repository (this module runs as TypeScript) it is bundled from src/client on
 * the first start, once per process. The bundler is reached through a URL computed at run time
 * so that the package build does not follow it into dist.
 */
export function loadClientAssets(): Promise<ClientAssets> {
  // The pathname, not the URL: tsx's loader may add a query to a module's URL.
  if (!new URL(import.meta.url).pathname.endsWith(".ts")) return readBuiltAssets();
  fromSource ??= (async () => {
    const bundler = new URL("./bundle-client.ts", import.meta.url).href;
    const { bundleClient } = (await import(bundler)) as SourceBundler;
    return assetsFrom(await bundleClient());
  })();
  return fromSource;
}

async function readBuiltAssets(): Promise<ClientAssets> {
  const directory = new URL("./client/", import.meta.url);
  const files = new Map<ClientAssetName, string>();
  for (const name of CLIENT_ASSET_NAMES) {
    files.set(name, await readFile(new URL(name, directory), "utf8"));
  }
  return assetsFrom({ files });
}

function assetsFrom(bundle: { files: ReadonlyMap<ClientAssetName, string> }): ClientAssets {
  const assets = new Map<ClientAssetName, ClientAsset>();
  for (const name of CLIENT_ASSET_NAMES) {
    const body = bundle.files.get(name);
    if (body === undefined) throw new Error(`the console's browser bundle has no ${name}`);
    assets.set(name, {
      body,
      contentType: name.endsWith(".css")
        ? "text/css; charset=utf-8"
        : "text/javascript; charset=utf-8",
      version: createHash("sha256").update(body).digest("hex").slice(0, 12),
    });
  }
  return assets;
}
