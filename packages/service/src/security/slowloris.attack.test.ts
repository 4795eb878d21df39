import { connect, type Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import { KEY_A, signedCall, startAttackedService, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";

/*
 * Held before and kept: 50 connections that send their headers a byte at a time do not stop
 * the service from answering everyone else.
 */
printAttackTableAfterAll();

const CONNECTIONS = 50;
let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService();
});
afterAll(() => service.close());

describe("slow connections", () => {
  it("leave the service answering other clients", { timeout: 30_000 }, async (context) => {
    const slow: Socket[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const socket = connect(service.port, "127.0.0.1");
      socket.on("error", () => {});
      socket.write(`GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow-${i}: `);
      slow.push(socket);
    }
    let dripping = true;
    const drip = (async () => {
      while (dripping) {
        for (const socket of slow) if (socket.writable) socket.write("a");
        await delay(100);
      }
    })();

    const outcomes = [];
    for (let round = 0; round < 5; round++) {
      const answer = await Promise.race([
        signedCall(service, {
          key: KEY_A,
          action: "ListPromptTemplates",
          method: "GET",
          pathname: `/${WORKSPACE_A}/promptTemplates`,
        }),
        // Liveness, not speed: far longer than an answer takes even on a loaded machine.
        delay(10_000).then(() => undefined),
      ]);
      outcomes.push(answer?.status !== 200);
      await delay(50);
    }
    dripping = false;
    await drip;
    // None of the slow requests was ever answered: their headers never ended.
    expect(slow.every((socket) => socket.bytesRead === 0)).toBe(true);
    for (const socket of slow) socket.destroy();
    expectAllRefused(context, "slowloris (requests starved)", outcomes);
  });
});
