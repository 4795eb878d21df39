import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../__test__/test-database.js";
import { customTemplates, KEY_A, KEY_B, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { CreatePromptTemplateRequest, captureSdkRequests } from "./__test__/official-sdk.js";
import { sendRaw } from "./__test__/raw-http.js";
import { type ServiceProcess, startServiceProcess } from "./__test__/service-process.js";

/*
 * Replay after a restart. Nonces lived only in memory, so a captured Create replayed after
 * SIGTERM and a restart on the same data file made a second template. They now live in the
 * database (the SQLite file, or PostgreSQL); and two service processes on one database refuse
 * each other's nonces too.
 */
printAttackTableAfterAll();

let database: TestDatabase;
const running: ServiceProcess[] = [];
const start = async () => {
  const started = await startServiceProcess({ ...database.options, accessKeys: [KEY_A, KEY_B] });
  running.push(started);
  return started;
};
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const process of running) await process.stop("SIGKILL");
  database.remove();
});

async function stored() {
  const store = await database.open();
  try {
    return await customTemplates(store, WORKSPACE_A);
  } finally {
    await store.close();
  }
}

describe("a captured signed Create replayed after the service restarts", () => {
  it("is refused after SIGTERM and a restart, and after a crash (SIGKILL) and a restart", {
    timeout: 30_000,
  }, async (context) => {
    const first = await start();
    const { requests } = await captureSdkRequests(first.port, KEY_A, (client) =>
      client.createPromptTemplate(
        WORKSPACE_A,
        new CreatePromptTemplateRequest({ name: "once", content: "只创建一次" }),
      ),
    );
    const captured = requests[0] as Buffer;
    await first.stop("SIGTERM");

    const afterRestart = await start();
    const replayed = await sendRaw(afterRestart.port, captured);
    expect(replayed.json()).toMatchObject({ Code: "SignatureNonceUsed" });
    await afterRestart.stop("SIGKILL");

    const afterCrash = await start();
    const replayedAgain = await sendRaw(afterCrash.port, captured);
    expect(replayedAgain.json()).toMatchObject({ Code: "SignatureNonceUsed" });
    await afterCrash.stop("SIGTERM");

    expectAllRefused(context, "replay after restart", [
      replayed.status === 200,
      replayedAgain.status === 200,
    ]);
    expect(await stored()).toEqual([{ name: "once", content: "只创建一次" }]);
  });

  it("is refused by a second process serving the same database", {
    timeout: 30_000,
  }, async (context) => {
    const [one, two] = [await start(), await start()];
    const { requests } = await captureSdkRequests(one.port, KEY_A, (client) =>
      client.createPromptTemplate(
        WORKSPACE_A,
        new CreatePromptTemplateRequest({ name: "shared", content: "两个进程" }),
      ),
    );
    const replayed = await sendRaw(two.port, requests[0] as Buffer);
    expect(replayed.json()).toMatchObject({ Code: "SignatureNonceUsed" });
    await one.stop("SIGTERM");
    await two.stop("SIGTERM");
    expectAllRefused(context, "replay to another process", [replayed.status === 200]);
    expect((await stored()).map((template) => template.name)).toEqual(["once", "shared"]);
  });
});
