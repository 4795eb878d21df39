import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, storeKind, type TestDatabase } from "./__test__/test-database.js";
import { customTemplates, KEY_A, KEY_B, WORKSPACE_A } from "./security/__test__/attack-service.js";
import { type RawResponse, sendRaw } from "./security/__test__/raw-http.js";
import { sdkSignedRequest } from "./security/__test__/sdk-signing.js";
import { type ServiceProcess, startServiceProcess } from "./security/__test__/service-process.js";

/*
 * Two service processes on one database (a PostgreSQL database, or one SQLite file): what a
 * request needs from another process is in the database, and races between them are decided
 * there. A request replayed to the other process is refused: restart-replay.attack.test.ts.
 */
let database: TestDatabase;
let one: ServiceProcess;
let two: ServiceProcess;
beforeAll(async () => {
  database = await createTestDatabase();
  const options = {
    ...database.options,
    accessKeys: [KEY_A, KEY_B],
    settings: { uniqueNames: true },
  };
  // One after the other: the second finds the schema, key and secrets the first made.
  one = await startServiceProcess(options);
  two = await startServiceProcess(options);
});
afterAll(async () => {
  await Promise.all([one.stop("SIGKILL"), two.stop("SIGKILL")]);
  database.remove();
});

function create(process: ServiceProcess, name: string): Promise<RawResponse> {
  return sendRaw(
    process.port,
    sdkSignedRequest({
      method: "POST",
      pathname: `/${WORKSPACE_A}/promptTemplates`,
      action: "CreatePromptTemplate",
      query: { name, content: `内容 ${name}` },
      key: KEY_A,
      host: `127.0.0.1:${process.port}`,
    }),
  );
}

function list(process: ServiceProcess, query: Record<string, string>): Promise<RawResponse> {
  return sendRaw(
    process.port,
    sdkSignedRequest({
      method: "GET",
      pathname: `/${WORKSPACE_A}/promptTemplates`,
      action: "ListPromptTemplates",
      query,
      key: KEY_A,
      host: `127.0.0.1:${process.port}`,
    }),
  );
}

async function storedNames(): Promise<string[]> {
  const store = await database.open();
  try {
    return (await customTemplates(store, WORKSPACE_A)).map((template) => template.name);
  } finally {
    await store.close();
  }
}

describe(`two service processes on one ${storeKind()} database`, () => {
  it("take each other's nextTokens, so pages may be asked of either", async () => {
    for (let i = 0; i < 6; i++)
      expect((await create(i % 2 ? one : two, `paged ${i}`)).status).toBe(200);
    const names: string[] = [];
    let nextToken = "";
    let asked = 0;
    do {
      const query = { name: "paged", maxResults: "2", ...(nextToken ? { nextToken } : {}) };
      const page = await list(asked++ % 2 ? one : two, query);
      expect(page.status).toBe(200);
      const body = page.json() as { promptTemplates: { name: string }[]; nextToken: string };
      names.push(...body.promptTemplates.map((template) => template.name));
      nextToken = body.nextToken;
    } while (nextToken !== "");
    expect(names).toEqual(Array.from({ length: 6 }, (_, i) => `paged ${i}`));
  });

  it("make exactly one template of concurrent same-name Creates sent to both", {
    timeout: 30_000,
  }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => create(index % 2 ? one : two, "only once")),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(new Set(refused.map((answer) => answer.json().code))).toEqual(
      new Set(["PromptTemplate.NameDuplicated"]),
    );
    expect((await storedNames()).filter((name) => name === "only once")).toHaveLength(1);
  });

  it("lose no acknowledged write when one is killed (SIGKILL) during writes to both", {
    timeout: 30_000,
  }, async () => {
    const burst = 200;
    const acknowledged: string[] = [];
    let killing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: burst }, async (_, index) => {
        try {
          const answer = await create(index % 2 ? one : two, `burst ${index}`);
          if (answer.status === 200) acknowledged.push(`burst ${index}`);
        } catch {
          // Cut by the kill: not acknowledged, so either outcome is allowed.
        }
        if (acknowledged.length >= burst / 4) killing ??= one.stop("SIGKILL");
      }),
    );
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(burst / 4);
    // The survivor keeps serving the same data.
    expect((await create(two, "after the kill")).status).toBe(200);
    const stored = new Set(await storedNames());
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
    expect(stored.has("after the kill")).toBe(true);
  });
});
