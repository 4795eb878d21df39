import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";
import { installed } from "./__test__/installed.js";

const run = promisify(execFile);
const ATTW = fileURLToPath(new URL("../node_modules/.bin/attw", import.meta.url));

async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run("tar", ["-tzf", tarball], { maxBuffer: 16 * 1024 * 1024 });
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ""));
}

async function tarballText(tarball: string, path: string): Promise<string> {
  const { stdout } = await run("tar", ["-xzOf", tarball, `package/${path}`], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Every file path a manifest points at: exports and bin targets. */
function targets(manifest: Record<string, unknown>): string[] {
  const found: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") found.push(value.replace(/^\.\//, ""));
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  collect(manifest.bin);
  return found;
}

const { tarballs } = installed();
const packages = Object.entries(tarballs).sort(([a], [b]) => a.localeCompare(b));
const LIBRARIES = [
  "@promptmill/console",
  "@promptmill/core",
  "@promptmill/importer",
  "@promptmill/service",
  "@promptmill/sync",
];

describe("the published tarballs", () => {
  it("packs every publishable package: the libraries and the three programs", () => {
    expect(packages.map(([name]) => name)).toEqual([
      "@promptmill/console",
      "@promptmill/core",
      "@promptmill/importer",
      "@promptmill/server",
      "@promptmill/service",
      "@promptmill/sync",
      "@promptmill/worker",
      "promptmill",
    ]);
  });

  it.each(packages)(
    "%s holds only what runs: built JavaScript, types, README, LICENSE",
    async (_, tarball) => {
      const files = await tarballFiles(tarball);
      expect(files).toContain("LICENSE");
      expect(files).toContain("README.md");
      expect(files).toContain("package.json");
      const unexpected = files.filter(
        (file) =>
          /(^|\/)(__test__|__fixtures__)\//.test(file) ||
          /\.test\.|\.bench\./.test(file) ||
          (/\.(ts|mts|cts|tsx)$/.test(file) && !/\.d\.ts$/.test(file)) ||
          /^(src|bin|bench)\//.test(file) ||
          /(tsconfig|vitest\.config)/.test(file),
      );
      expect(unexpected).toEqual([]);
    },
  );

  it.each(packages)(
    "%s has a manifest a registry accepts, with nothing of the workspace in it",
    async (_, tarball) => {
      const text = await tarballText(tarball, "package.json");
      const manifest = JSON.parse(text);
      expect(text).not.toMatch(/"(workspace|catalog):/);
      expect(manifest.private).toBeUndefined();
      expect(manifest.license).toBe("MIT");
      expect(manifest.repository?.url).toMatch(/^git\+https:\/\//);
      expect(manifest.publishConfig?.access).toBe("public");
      expect(manifest.engines?.node).toBe(">=20.19");
      expect(Object.keys(manifest.dependencies ?? {})).not.toContain("tsx");
      expect(Object.keys(manifest.dependencies ?? {})).not.toContain("typescript");
      // A library shares zod with the application (a peer range); a program pins its own.
      if (LIBRARIES.includes(manifest.name)) {
        expect(manifest.peerDependencies?.zod).toBe("^4.0.0");
        expect(manifest.dependencies?.zod).toBeUndefined();
      } else {
        expect(manifest.dependencies?.zod).toMatch(/^\d+\.\d+\.\d+$/);
      }
      const files = await tarballFiles(tarball);
      for (const target of targets(manifest)) expect(files).toContain(target);
    },
  );

  it.each(packages)("%s ships source maps that carry their sources", async (_, tarball) => {
    const maps = (await tarballFiles(tarball)).filter((file) => file.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const file of maps) {
      const map = JSON.parse(await tarballText(tarball, file));
      expect(map.sourcesContent?.length, file).toBe(map.sources.length);
      expect(
        map.sourcesContent.every((content: unknown) => typeof content === "string"),
        file,
      ).toBe(true);
    }
  });

  it.each(packages)("%s passes publint", async (_, tarball) => {
    const data = await readFile(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      level: "suggestion",
    });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  it.each(LIBRARIES)("%s passes @arethetypeswrong (ESM-only profile)", async (name) => {
    // ESM only: CommonJS callers use require() of ESM (Node ≥ 20.19), which attw's node16-cjs
    // and node10 resolutions do not model; the profile leaves those out.
    const result = await run(
      ATTW,
      [tarballs[name] as string, "--profile", "esm-only", "--format", "table-flipped"],
      { env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
    ).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.stdout).toMatch(new RegExp(`"${name}"\\s*│\\s*🟢 \\(ESM\\)\\s*│\\s*🟢\\s*│`));
    expect(result.code, result.stdout).toBe(0);
  });

  it("bundles chevrotain's single-file build into core, with its license, and depends on nothing of it", async () => {
    const tarball = tarballs["@promptmill/core"] as string;
    const manifest = JSON.parse(await tarballText(tarball, "package.json"));
    expect(Object.keys(manifest.dependencies)).not.toContain("chevrotain");
    const files = await tarballFiles(tarball);
    expect(files).toContain("dist/licenses/chevrotain.txt");
    const javascript = files.filter((file) => file.endsWith(".js"));
    for (const file of javascript) {
      const code = await tarballText(tarball, file);
      expect(code, file).not.toMatch(/from\s*["']chevrotain["']/);
      expect(code, file).not.toMatch(/from\s*["']lodash-es/);
    }
  });
});
