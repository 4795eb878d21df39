import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
/** The packages the worker and the client loop run from. */
const PACKAGES = ["packages/core", "packages/importer", "apps/worker"];

/** The code of an earlier commit, runnable from source beside the current one. */
export interface BeforeCheckout {
  readonly commit: string;
  /** `node <workerBin> import …` runs that commit's promptmill-worker (through tsx). */
  readonly workerBin: string;
  /** This benchmark's client loop, run against that commit's @promptmill/core. */
  readonly baselineChild: string;
  remove(): void;
}

/**
 * Extracts `commit`'s core, importer and worker into a temporary directory and links each
 * to this checkout's installed dependencies (the same versions), with @promptmill/* pointing
 * at the extracted packages: "today's" code, measured in the same run as the current code,
 * on the same machine and the same load. Our own client loop (baseline-child.ts) is copied in
 * so that both clients are measured by the same loop.
 */
export function checkoutBefore(commit: string): BeforeCheckout {
  const root = mkdtempSync(join(tmpdir(), "promptmill-before-"));
  const archive = execFileSync("git", ["-C", REPO, "archive", commit, ...PACKAGES], {
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync("tar", ["-x", "-C", root], { input: archive });
  for (const dir of PACKAGES) linkDependencies(join(REPO, dir), join(root, dir), root);
  for (const file of ["baseline-child.ts", "create-loop.ts", "rows.ts"]) {
    copyFileSync(
      join(REPO, "packages/importer/bench", file),
      join(root, "packages/importer/bench", file),
    );
  }
  return {
    commit,
    workerBin: join(root, "apps/worker/bin/promptmill-worker.js"),
    baselineChild: join(root, "packages/importer/bench/baseline-child.ts"),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** node_modules of `target` as in `source`, but @promptmill/* resolved inside `root`. */
function linkDependencies(source: string, target: string, root: string): void {
  const from = join(source, "node_modules");
  const to = join(target, "node_modules");
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@")) {
      mkdirSync(join(to, entry), { recursive: true });
      for (const name of readdirSync(join(from, entry))) {
        const own = entry === "@promptmill" ? ownPackage(root, name) : undefined;
        symlinkSync(own ?? realpathSync(join(from, entry, name)), join(to, entry, name));
      }
      continue;
    }
    symlinkSync(realpathSync(join(from, entry)), join(to, entry));
  }
}

function ownPackage(root: string, name: string): string | undefined {
  for (const dir of PACKAGES) {
    if (dir.endsWith(`/${name}`) && existsSync(join(root, dir))) return join(root, dir);
  }
  return undefined;
}
