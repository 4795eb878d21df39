import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach } from "vitest";
import type { ImportOptions } from "../import-options.js";
import { startTestService, type TempDir, type TestService, tempDir } from "./local-service.js";

export interface ImportTestbed {
  /** A fresh local service for each test. */
  readonly svc: TestService;
  /** A fresh temporary directory for each test. */
  readonly dir: TempDir;
  /** Import options that reach this test's service with its development key. */
  optionsFor(input: string, extra?: Partial<ImportOptions>): ImportOptions;
}

/**
 * What the importer's integration tests share: for each test a real local service and a
 * temporary directory, closed and removed after it. Call it at the top of a test file.
 */
export function useImportTestbed(options: { readonly workspaces?: number } = {}): ImportTestbed {
  let svc: TestService | undefined;
  let dir: TempDir | undefined;
  beforeEach(async () => {
    svc = await startTestService(undefined, options);
    dir = tempDir();
  });
  afterEach(async () => {
    await svc?.close();
    dir?.remove();
  });
  const current = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the testbed's ${what} exists only inside a test`);
    return value;
  };
  return {
    get svc() {
      return current(svc, "service");
    },
    get dir() {
      return current(dir, "directory");
    },
    optionsFor(input, extra = {}) {
      const service = current(svc, "service");
      return {
        input,
        workspaceId: service.workspaceId,
        endpoint: service.endpoint,
        credentials: service.credentials,
        ...extra,
      };
    },
  };
}

export type CsvRecord = Record<string, string>;

/** A CSV file the job wrote (report, rejects, plan), as one record per row keyed by header. */
export const readCsv = (path: string): CsvRecord[] => parse(readFileSync(path), { columns: true });
