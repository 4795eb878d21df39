import { ModelStudioClient } from "@promptmill/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startTestService,
  startWriteFailingProxy,
  type TempDir,
  type TestService,
  tempDir,
} from "../__test__/local-service.js";
import { Journal } from "./journal.js";
import { RowSender, type RowSenderInit } from "./row-sender.js";
import { SendQueue } from "./send-queue.js";

let svc: TestService;
let dir: TempDir;
let journal: Journal;
beforeEach(async () => {
  svc = await startTestService();
  dir = tempDir();
  journal = await Journal.open(dir.file("j.journal"), {
    workspaceId: svc.workspaceId,
    endpoint: svc.endpoint,
  });
});
afterEach(async () => {
  journal.close();
  await svc.close();
  dir.remove();
});

function sender(endpoint = svc.endpoint, extra: Partial<RowSenderInit> = {}) {
  const events: string[] = [];
  const init: RowSenderInit = {
    workspaceId: svc.workspaceId,
    writer: new ModelStudioClient({ endpoint, credentials: svc.credentials, retry: false }),
    reader: new ModelStudioClient({ endpoint, credentials: svc.credentials }),
    journal,
    queue: new SendQueue({ concurrency: 1, requestsPerSecond: undefined }),
    stop: new AbortController().signal,
    cut: new AbortController().signal,
    maxAttempts: 3,
    retry: { limit: 0, backoffLimitMs: 20, maxRetryAfterMs: 20 },
    onAttempt: (first) => events.push(first ? "sent" : "retried"),
    onUnknown: (reconciling) => events.push(reconciling ? "unknown, reconciling" : "unknown"),
    ...extra,
  };
  return { sender: new RowSender(init), events };
}

const row = (name: string, content = `content of ${name}`) => ({
  digest: `d-${name}`,
  name,
  content,
});

describe("RowSender", () => {
  it("creates, journaling the intent before the request", async () => {
    const { sender: s, events } = sender();
    const result = await s.create(row("a"), 0);
    expect(result).toMatchObject({ kind: "created", attempts: 1, sentRepeatedly: false });
    expect(events).toEqual(["sent"]);
    journal.close();
    const reopened = await Journal.open(dir.file("j.journal"), {
      workspaceId: svc.workspaceId,
      endpoint: svc.endpoint,
    });
    expect(reopened.previous.get("d-a")?.createIntents).toBe(1);
    journal = reopened;
  });

  it("settles a Create whose answer was lost by listing, instead of sending it again", async () => {
    const proxy = await startWriteFailingProxy(svc.endpoint);
    try {
      proxy.failWrites = false;
      // The Create reaches the service and commits; its answer never comes back.
      proxy.cutWritesAfterCommit = 1;
      const { sender: s, events } = sender(proxy.endpoint);
      const result = await s.create(row("lost"), 0);
      expect(result).toMatchObject({
        kind: "created",
        attempts: 1,
        message: "the answer was lost; found by listing",
      });
      expect(events).toEqual(["sent", "unknown, reconciling"]);
      expect((await svc.list()).map((t) => t.name)).toEqual(["lost"]);
    } finally {
      await proxy.close();
    }
  });

  it("reports a refusal of the service without retrying it", async () => {
    const { sender: s, events } = sender();
    const result = await s.create(row("n".repeat(200)), 0);
    expect(result).toMatchObject({
      kind: "refused",
      attempts: 1,
      error: { code: "PromptTemplate.NameInvalid" },
    });
    expect(events).toEqual(["sent"]);
  });

  it("gives a row up after its rounds when every write fails, and updates do not reconcile", async () => {
    const proxy = await startWriteFailingProxy(svc.endpoint);
    try {
      const { sender: s, events } = sender(proxy.endpoint);
      expect(await s.update(row("u"), "0".repeat(32))).toMatchObject({
        kind: "gave-up",
        attempts: 3,
      });
      expect(events).toEqual(["sent", "retried", "retried"]);
    } finally {
      await proxy.close();
    }
  });

  it("stops without sending once the job is stopped", async () => {
    const stop = new AbortController();
    stop.abort();
    const { sender: s, events } = sender(svc.endpoint, { stop: stop.signal });
    expect(await s.create(row("never"), 0)).toEqual({ kind: "stopped" });
    expect(events).toEqual([]);
    expect(await svc.list()).toEqual([]);
  });
});
