import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** The tarball `pnpm pack` wrote. */
  readonly tarball: string;
  /** Its package.json as packed (catalog: and workspace: specifiers already replaced). */
  readonly manifest: Record<string, unknown>;
}

export interface LocalRegistry {
  /** The registry URL to give npm for the packed packages' scope. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A read-only npm registry on 127.0.0.1 that serves the packed packages, so that npm resolves
 * `@promptmill/core` (a dependency of the CLI) to this build exactly as it would resolve it from
 * the public registry once published, and never to whatever the public registry holds under
 * that name. Each run has its own URL path, so npm's cache never mixes two runs' tarballs.
 */
export async function startLocalRegistry(
  packages: readonly PackedPackage[],
): Promise<LocalRegistry> {
  const run = randomUUID();
  const tarballs = new Map<string, Buffer>();
  const packuments = new Map<string, string>();
  let origin = "";

  for (const pkg of packages) {
    const data = await readFile(pkg.tarball);
    tarballs.set(basename(pkg.tarball), data);
  }

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const prefix = `/${run}/`;
    if (request.method !== "GET" || !path.startsWith(prefix)) {
      response.writeHead(404).end();
      return;
    }
    const rest = path.slice(prefix.length);
    const tarball = rest.startsWith("-/") ? tarballs.get(rest.slice(2)) : undefined;
    if (tarball) {
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(tarball);
      return;
    }
    const packument = packuments.get(rest);
    if (packument) {
      response.writeHead(200, { "content-type": "application/json" }).end(packument);
      return;
    }
    response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/${run}/`;

  for (const pkg of packages) {
    const data = tarballs.get(basename(pkg.tarball)) as Buffer;
    const version = {
      ...pkg.manifest,
      _id: `${pkg.name}@${pkg.version}`,
      dist: {
        tarball: `${url}-/${basename(pkg.tarball)}`,
        integrity: `sha512-${createHash("sha512").update(data).digest("base64")}`,
        shasum: createHash("sha1").update(data).digest("hex"),
      },
    };
    packuments.set(
      pkg.name,
      JSON.stringify({
        _id: pkg.name,
        name: pkg.name,
        "dist-tags": { latest: pkg.version },
        versions: { [pkg.version]: version },
      }),
    );
  }

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
