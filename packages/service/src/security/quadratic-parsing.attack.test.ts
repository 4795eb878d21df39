// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.

import { startWorkMeter, type WorkMeter } from "@promptmill/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testStoreOptions } from "../__test__/test-database.js";
import type { LocalService } from "../start-local-service.js";
import { KEY_A, KEY_B, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * Quadratic parsing. Positions of template errors were found by counting from the line start
 * for every error, so one Create of "${" × 9,999 held the event loop 350-700 ms and ten in
 * flight delayed an unrelated GET by 5.3 s. Here each pathological Create goes over a socket to
 * a real service in this process, and the whole request (HTTP, signature, parameters,
 * variables, SQLite) is measured in work V8 counts: content 8 times as long must cost at most
 * about 8 times as much. The meter must start before the service's code is compiled, so the
 * service is imported after it.
 */
printAttackTableAfterAll();

const N = 1_000;
let meter: WorkMeter;
let service: LocalService;
beforeAll(async () => {
  meter = await startWorkMeter();
  const { startLocalService } = await import("../start-local-service.js");
  service = await startLocalService({
    ...(await testStoreOptions()),
    accessKeys: [KEY_A, KEY_B],
    settings: { contentMaxLength: 100_000 },
  });
});
afterAll(async () => {
  await service.close();
  await meter.stop();
});

let created = 0;
async function createWork(content: string): Promise<number> {
  // Signed before measuring: signing is the client's work, not the service's.
  const request = sdkSignedRequest({
    method: "POST",
    pathname: `/${WORKSPACE_A}/promptTemplates`,
    action: "CreatePromptTemplate",
    query: { name: `pathological ${created++}`, content },
    key: KEY_A,
    host: `127.0.0.1:${service.port}`,
  });
  let status = 0;
  const work = await meter.measure(async () => {
    status = (await sendRaw(service.port, request)).status;
  });
  expect(status).toBe(200);
  return work.total;
}

const FAMILIES: [string, (count: number) => string][] = [
  ['"${" repeated, then "}"', (count) => `${"${".repeat(count)}}`],
  ['"${.}" repeated', (count) => "${.}".repeat(count)],
  ['"${}" repeated', (count) => "${}".repeat(count)],
  ['"$${a}" repeated', (count) => "$${a}".repeat(count)],
  ['"😀${." repeated', (count) => `${"😀${.".repeat(count)}}`],
];

describe("pathological content sent in a Create", () => {
  it("costs the service work linear in its length", async (context) => {
    // Once each way first, so one-time work (compiling code paths) counts against neither size.
    await createWork("${a}");
    await createWork("${.}".repeat(N));
    const outcomes = [];
    for (const [family, contentOf] of FAMILIES) {
      const small = await createWork(contentOf(N));
      const large = await createWork(contentOf(8 * N));
      const growth = large / small;
      expect(growth, family).toBeLessThanOrEqual(9);
      // The meter saw the content's work at all: a request's fixed cost alone would not grow.
      expect(growth, family).toBeGreaterThan(2);
      outcomes.push(growth > 9);
    }
    expectAllRefused(context, "quadratic parsing (superlinear work)", outcomes);
  });
});
