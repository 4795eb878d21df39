import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../__test__/test-database.js";
import { KEY_A, KEY_B, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";
import { type ServiceProcess, startServiceProcess } from "./__test__/service-process.js";

/*
 * Held before and kept: the process killed (SIGKILL) in the middle of a burst of Creates loses
 * none that it acknowledged. A write's answer goes out only after its transaction committed.
 */
printAttackTableAfterAll();

const BURST = 300;
let database: TestDatabase;
let running: ServiceProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await running?.stop("SIGKILL");
  database.remove();
});

describe("SIGKILL during a burst of Creates", () => {
  it("loses no acknowledged write", { timeout: 30_000 }, async (context) => {
    running = await startServiceProcess({ ...database.options, accessKeys: [KEY_A, KEY_B] });
    const { port } = running;
    const requests = Array.from({ length: BURST }, (_, index) =>
      sdkSignedRequest({
        method: "POST",
        pathname: `/${WORKSPACE_A}/promptTemplates`,
        action: "CreatePromptTemplate",
        query: { name: `burst ${index}`, content: `第${index}条` },
        key: KEY_A,
        host: `127.0.0.1:${port}`,
      }),
    );
    const acknowledged: string[] = [];
    const process = running;
    let killing: Promise<void> | undefined;
    await Promise.all(
      requests.map(async (request) => {
        try {
          const answer = await sendRaw(port, request);
          if (answer.status === 200) acknowledged.push(String(answer.json().promptTemplateId));
        } catch {
          // Cut by the kill: not acknowledged, so either outcome is allowed.
        }
        if (acknowledged.length >= BURST / 3) killing ??= process.stop("SIGKILL");
      }),
    );
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(BURST / 3);
    expect(acknowledged.length).toBeLessThan(BURST);

    const store = await database.open();
    const lost = [];
    for (const id of acknowledged) lost.push((await store.get(WORKSPACE_A, id)) === undefined);
    await store.close();
    expectAllRefused(context, "kill -9 during a burst (acknowledged writes lost)", lost);
  });
});
