import type { TestProject } from "vitest/node";
import { type InstalledPromptmill, installPromptmill } from "../install-promptmill.js";

export interface InstalledPaths {
  root: string;
  prefix: string;
  consumer: string;
  path: string;
  tarballs: Record<string, string>;
}

declare module "vitest" {
  export interface ProvidedContext {
    installed: InstalledPaths;
  }
}

let installed: InstalledPromptmill | undefined;

export async function setup(project: TestProject): Promise<void> {
  installed = await installPromptmill({
    log: (line) => process.stderr.write(`[installed] ${line}\n`),
  });
  project.provide("installed", {
    root: installed.root,
    prefix: installed.prefix,
    consumer: installed.consumer,
    path: installed.env.PATH ?? "",
    tarballs: Object.fromEntries(installed.packages.map((pkg) => [pkg.name, pkg.tarball])),
  });
}

export async function teardown(): Promise<void> {
  await installed?.remove();
}
