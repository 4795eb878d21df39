import { existsSync, readdirSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startTestService,
  type TempDir,
  type TestService,
  tempDir,
} from "./__test__/local-service.js";
import { planImport } from "./plan-import.js";
import { runImport } from "./run-import.js";

let svc: TestService;
let dir: TempDir;
beforeEach(async () => {
  svc = await startTestService();
  dir = tempDir();
});
afterEach(async () => {
  await svc.close();
  dir.remove();
});

describe("planImport (dry run)", () => {
  it("runs every check and counts each action without writing anything anywhere", async () => {
    await svc.client.createPromptTemplate({
      workspaceId: svc.workspaceId,
      name: "same",
      content: "A",
    });
    await svc.client.createPromptTemplate({
      workspaceId: svc.workspaceId,
      name: "changed",
      content: "old",
    });
    const input = dir.csv("plan.csv", [
      ["name", "content"],
      ["same", "A"],
      ["changed", "new"],
      ["fresh 1", "F1"],
      ["fresh 2", "F2"],
      ["broken", "Hi ${"],
    ]);
    const before = await svc.list();
    const options = {
      input,
      workspaceId: svc.workspaceId,
      endpoint: svc.endpoint,
      credentials: svc.credentials,
    };
    const skip = await planImport(options);
    expect(skip.counts).toEqual({ create: 2, update: 0, skip: 2, conflict: 0, reject: 1, done: 0 });
    expect(skip.existingTemplates).toBe(2);
    expect(skip.examples.reject).toMatchObject([
      { line: 6, name: "broken", reasons: ["template-syntax"] },
    ]);
    const update = await planImport({ ...options, onExisting: "update" });
    expect(update.counts).toMatchObject({ create: 2, update: 1, skip: 1 });
    expect(update.examples.update[0]).toMatchObject({ name: "changed", line: 3 });
    const fail = await planImport({ ...options, onExisting: "fail", examplesPerAction: 1 });
    expect(fail.counts).toMatchObject({ create: 2, conflict: 2 });
    expect(fail.examples.conflict).toHaveLength(1);

    expect(await svc.list()).toEqual(before);
    expect(readdirSync(dir.path)).toEqual(["plan.csv"]);
  });

  it("plans from the checks alone when the service cannot be reached", async () => {
    const input = dir.csv("offline.csv", [
      ["name", "content"],
      ["a", "A"],
    ]);
    const plan = await planImport({
      input,
      workspaceId: svc.workspaceId,
      endpoint: "http://127.0.0.1:9",
      credentials: svc.credentials,
      timeoutMs: 2_000,
    });
    expect(plan.existingTemplates).toBeUndefined();
    expect(plan.serviceError?.name).toBe("ConnectionError");
    expect(plan.counts.create).toBe(1);
  });

  it("counts the rows an earlier run finished as done", async () => {
    const input = dir.csv("again.csv", [
      ["name", "content"],
      ["a", "A"],
      ["b", "B"],
    ]);
    const options = {
      input,
      workspaceId: svc.workspaceId,
      endpoint: svc.endpoint,
      credentials: svc.credentials,
    };
    await runImport(options);
    const plan = await planImport(options);
    expect(plan.resumes).toBe(true);
    expect(plan.counts).toMatchObject({ done: 2, create: 0 });
    expect(existsSync(dir.file("again.journal"))).toBe(true);
  });
});
