import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, storeKind, type TestDatabase } from "./__test__/test-database.js";
import { KEY_A, KEY_B, WORKSPACE_A } from "./security/__test__/attack-service.js";
import { sendRaw } from "./security/__test__/raw-http.js";
import { sdkSignedRequest } from "./security/__test__/sdk-signing.js";

const SCRIPT = fileURLToPath(new URL("./__test__/serve-cluster-in-child.ts", import.meta.url));
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

let database: TestDatabase;
let primary: ChildProcess;
let lines: Interface;
let port: number;
let workerPids: number[];

/** The next line the primary prints, as JSON. */
async function nextLine(): Promise<Record<string, unknown>> {
  const [line] = await once(lines, "line");
  return JSON.parse(String(line));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const options = { ...database.options, workers: 2, accessKeys: [KEY_A, KEY_B] };
  primary = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    cwd: PACKAGE,
    env: { ...process.env, SERVICE_OPTIONS: JSON.stringify(options) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  lines = createInterface({ input: primary.stdout as NonNullable<typeof primary.stdout> });
  ({ port, workerPids } = (await nextLine()) as { port: number; workerPids: number[] });
});
afterAll(() => {
  if (primary.exitCode === null) primary.kill("SIGKILL");
  database.remove();
});

function create(name: string) {
  return sendRaw(
    port,
    sdkSignedRequest({
      method: "POST",
      pathname: `/${WORKSPACE_A}/promptTemplates`,
      action: "CreatePromptTemplate",
      query: { name, content: "c" },
      key: KEY_A,
      host: `127.0.0.1:${port}`,
    }),
  );
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe(`startServiceCluster (${storeKind()})`, () => {
  it("serves from several processes on one port, replaces a worker that dies, and closes them all", {
    timeout: 60_000,
  }, async () => {
    expect(workerPids).toHaveLength(2);
    expect(new Set(workerPids).size).toBe(2);
    expect(workerPids.every(alive)).toBe(true);
    // One connection per request: the primary hands each to the next worker.
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => create(`first ${i}`)));
    expect(first.map((answer) => answer.status)).toEqual(Array(10).fill(200));

    const [killed = 0] = workerPids;
    process.kill(killed, "SIGKILL");
    expect(await nextLine()).toEqual({
      event: `worker ${killed} exited (SIGKILL); starting another`,
    });
    const afterKill = await Promise.all(Array.from({ length: 10 }, (_, i) => create(`after ${i}`)));
    expect(afterKill.map((answer) => answer.status)).toEqual(Array(10).fill(200));

    const store = await database.open();
    try {
      const page = await store.list({ workspaceId: WORKSPACE_A, type: "Custom", limit: 1 });
      expect(page.totalCount).toBe(20);
    } finally {
      await store.close();
    }

    const exited = once(primary, "exit");
    primary.kill("SIGTERM");
    expect(await exited).toEqual([0, null]);
    expect(workerPids.filter(alive)).toEqual([]);
  });
});
