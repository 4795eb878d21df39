import { createPromptRegistry, ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import { KEY_A, startAttackedService, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";

/*
 * The renderer crashed on many variables. With about 61,500 distinct variables, the 32nd
 * render switched to generated code, `new Function` threw a RangeError that was not caught, and
 * that render and every later one threw. Here such a template is stored in the service by one
 * tenant and rendered by an application through the prompt registry, past the switch.
 */
printAttackTableAfterAll();

const VARIABLES = 65_000;
const RENDERS = 40;
let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService({
    // The template travels in the URL: about 1.2 MB percent-encoded.
    settings: { contentMaxLength: 1_000_000, maxHeaderBytes: 4 * 1024 * 1024 },
  });
});
afterAll(() => service.close());

describe("a stored template with 65,000 distinct variables", () => {
  it("renders every time, before and after the switch to generated code", {
    timeout: 60_000,
  }, async (context) => {
    const names = Array.from({ length: VARIABLES }, (_, index) => `v${index}`);
    const content = names.map((name) => `\${${name}}`).join(",");
    const client = new ModelStudioClient({
      endpoint: service.endpoint,
      credentials: KEY_A,
      retry: { limit: 0 },
    });
    await client.createPromptTemplate({ workspaceId: WORKSPACE_A, name: "wide", content });

    const registry = createPromptRegistry({ client, workspaceId: WORKSPACE_A });
    const values = Object.fromEntries(names.map((name) => [name, name.length]));
    const expected = names.map((name) => String(name.length)).join(",");
    const crashed: boolean[] = [];
    for (let round = 0; round < RENDERS; round++) {
      try {
        crashed.push((await registry.render("wide", values)) !== expected);
      } catch {
        crashed.push(true);
      }
    }
    expectAllRefused(context, "renderer crash (renders that failed)", crashed);
    expect(await registry.render("wide", values, { mode: "lenient" })).toBe(expected);
  });
});
