import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, join } from "node:path";
import { promisify } from "node:util";
import { addLocalPrebuilds } from "./local-prebuilds.js";
import { type PackedPackage, startLocalRegistry } from "./local-registry.js";
import { REPO_ROOT } from "./repo-root.js";

const run = promisify(execFile);

/**
 * npm's cache for these installs: kept between runs, so only the first one downloads
 * (PROMPTMILL_NPM_CACHE points elsewhere, e.g. an empty directory to measure a cold install).
 */
const NPM_CACHE =
  process.env.PROMPTMILL_NPM_CACHE ||
  join(REPO_ROOT, "node_modules", ".cache", "promptmill-installed", "npm");

/** A step that runs longer than this has hung (a registry that never answers): fail, saying so. */
const STEP_TIMEOUT_MS = 10 * 60_000;

export interface InstalledPromptmill {
  /** The temporary directory holding everything below; outside the repository. */
  readonly root: string;
  /** Every publishable package, packed by pnpm. */
  readonly packages: readonly PackedPackage[];
  /** `npm i -g --prefix <prefix>` of the three programs' tarballs. */
  readonly prefix: string;
  /** A project that ran `npm install` of @promptmill/core's tarball. */
  readonly consumer: string;
  /** The environment to run the installed bins in: PATH starts at the prefix's bin. */
  readonly env: NodeJS.ProcessEnv;
  /** The absolute path of an installed bin (`promptmill`, `promptmill-worker`, `promptmill-server`). */
  bin(name: string): string;
  /** The tarball of one package. */
  tarball(name: string): string;
  remove(): Promise<void>;
}

export interface InstallOptions {
  /** Progress lines ("packing…", "installing…") with how long each step took. */
  log?: (line: string) => void;
}

/** The environment without the npm_* and pnpm settings of whatever runs us (`pnpm run test`). */
export function cleanEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_)/i.test(key) || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

async function workspacePackageDirs(): Promise<string[]> {
  const dirs: string[] = [];
  for (const parent of ["packages", "apps"]) {
    for (const entry of await readdir(join(REPO_ROOT, parent))) {
      const dir = join(REPO_ROOT, parent, entry);
      const manifestFile = join(dir, "package.json");
      if (!existsSync(manifestFile)) continue;
      const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
      if (manifest.private !== true) dirs.push(dir);
    }
  }
  return dirs.sort();
}

/** The pinned pnpm: the one running us when there is one, else through npx (as the README does). */
async function pnpmCommand(): Promise<[string, string[]]> {
  const current = process.env.npm_execpath;
  if (current && basename(current).startsWith("pnpm")) return [current, []];
  const { packageManager } = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
  return ["npx", ["--yes", packageManager]];
}

async function pack(dir: string, destination: string): Promise<PackedPackage> {
  const [command, prefixArgs] = await pnpmCommand();
  const { stdout } = await run(
    command,
    [...prefixArgs, "pack", "--pack-destination", destination, "--json"],
    { cwd: dir, env: cleanEnvironment(), maxBuffer: 16 * 1024 * 1024, timeout: STEP_TIMEOUT_MS },
  );
  // `prepack` (the build) prints before pnpm's JSON.
  const json = JSON.parse(stdout.slice(stdout.search(/^\{/m)));
  const tarball: string = json.filename;
  const { stdout: manifestText } = await run("tar", ["-xzOf", tarball, "package/package.json"]);
  return { name: json.name, version: json.version, tarball, manifest: JSON.parse(manifestText) };
}

async function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run("npm", args, { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: STEP_TIMEOUT_MS });
  } catch (error) {
    const { stderr = "", killed } = error as { stderr?: string; killed?: boolean };
    const why = killed ? `did not finish in ${STEP_TIMEOUT_MS / 60_000} minutes` : "failed";
    throw new Error(`npm ${args.join(" ")} ${why}:\n${stderr.slice(-2000)}`, { cause: error });
  }
}

/**
 * The machine's global npm config file. `npm install --global --prefix DIR` reads DIR/etc/npmrc
 * instead, so settings kept there (a cafile for the registry's certificate chain, seen on the
 * CI machines) would be lost; naming the file keeps them.
 */
async function machineGlobalConfig(): Promise<string> {
  const { stdout } = await run("npm", ["config", "get", "globalconfig"], {
    env: cleanEnvironment(),
  });
  return stdout.trim();
}

const PROGRAMS = ["promptmill", "@promptmill/worker", "@promptmill/server"];

/**
 * Packs every publishable package with pnpm (running its prepack build), serves the tarballs
 * from a registry on 127.0.0.1, and installs them with npm outside the repository, as users
 * would: the three programs with `npm i -g` into a temporary prefix, and @promptmill/core into
 * a temporary consumer project. Third-party dependencies come from npm's configured registry
 * through a cache kept between runs; better-sqlite3 reuses the workspace's compiled addon.
 */
export async function installPromptmill(
  options: InstallOptions = {},
): Promise<InstalledPromptmill> {
  const log = options.log ?? (() => {});
  const root = await mkdtemp(join(tmpdir(), "promptmill-installed-"));
  const step = async <T>(label: string, action: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await action();
    log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return result;
  };

  try {
    const tarballDir = join(root, "tarballs");
    await mkdir(tarballDir);
    const dirs = await workspacePackageDirs();
    const packages: PackedPackage[] = [];
    await step(`pack ${dirs.length} packages`, async () => {
      // Two at a time: each pack builds its package first, and the machine has two cores.
      for (let index = 0; index < dirs.length; index += 2) {
        const packed = await Promise.all(
          dirs.slice(index, index + 2).map((dir) => pack(dir, tarballDir)),
        );
        packages.push(...packed);
      }
    });

    const registry = await startLocalRegistry(packages);
    try {
      const prebuilds = join(root, "prebuilds");
      // Through the environment, on top of the user's and the machine's npm config (a
      // registry mirror, a cafile): only what these installs need is set.
      const env = cleanEnvironment({
        npm_config_globalconfig: await machineGlobalConfig(),
        [`npm_config_@promptmill:registry`]: registry.url,
        npm_config_cache: NPM_CACHE,
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_update_notifier: "false",
        npm_config_prefer_offline: "true",
        npm_config_loglevel: "error",
        ...(await addLocalPrebuilds(prebuilds)),
      });
      const tarballOf = (name: string): string => {
        const found = packages.find((pkg) => pkg.name === name);
        if (!found) throw new Error(`${name} was not packed`);
        return found.tarball;
      };

      const prefix = join(root, "prefix");
      await step("npm i -g (the three programs)", () =>
        npm(["install", "--global", "--prefix", prefix, ...PROGRAMS.map(tarballOf)], root, env),
      );

      const consumer = join(root, "consumer");
      await mkdir(consumer);
      await writeFile(
        join(consumer, "package.json"),
        `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2)}\n`,
      );
      const typesNode = await catalogPin("@types/node");
      await step("npm install (consumer of @promptmill/core)", () =>
        npm(["install", tarballOf("@promptmill/core"), `@types/node@${typesNode}`], consumer, env),
      );

      const binDir = join(prefix, "bin");
      return {
        root,
        packages,
        prefix,
        consumer,
        env: cleanEnvironment({ PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` }),
        bin: (name) => join(binDir, name),
        tarball: tarballOf,
        remove: () => rm(root, { recursive: true, force: true }),
      };
    } finally {
      await registry.close();
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** The exact version the workspace's catalog pins for a package. */
export async function catalogPin(name: string): Promise<string> {
  const workspace = await readFile(join(REPO_ROOT, "pnpm-workspace.yaml"), "utf8");
  // The `catalog:` block: its indented lines, up to the next top-level key.
  const catalog = workspace.split(/^catalog:\n/m)[1]?.split(/^\S/m)[0] ?? "";
  const line = catalog.split("\n").find((text) =>
    text
      .trim()
      .replace(/^"|"(?=:)/g, "")
      .startsWith(`${name}:`),
  );
  const version = line?.split(":").at(-1)?.trim();
  if (!version) throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return version;
}
