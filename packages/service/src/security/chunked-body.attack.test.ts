import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  startAttackedService,
  WORKSPACE_A,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { type RawResponse, readResponse } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * A chunked body over the body limit was read to its end and discarded, instead of being
 * refused with 413 as the README promises: with no Content-Length, the size is known only by
 * reading. Now reading stops at the limit, the answer is 413, and the connection is closed
 * without reading the rest, so the sender soon can send no more.
 */
printAttackTableAfterAll();

const LIMIT = 4 * 1024;
/** What the attacker means to send: far more than socket buffers on both sides can hold. */
const INTENDED = 64 * 1024 * 1024;
const CHUNK = 16 * 1024;

let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService({ settings: { maxBodyBytes: LIMIT } });
});
afterAll(() => service.close());

/** Sends `head` and then chunks for as long as the connection lets it. */
async function sendEndlessChunkedBody(
  head: string,
): Promise<{ answer: RawResponse; sent: number }> {
  const socket = connect(service.port, "127.0.0.1");
  // Writing on after the service closed ends in EPIPE: expected, and seen as the close.
  socket.on("error", () => {});
  let open = true;
  const closed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      open = false;
      resolve();
    }),
  );
  socket.write(Buffer.from(head, "latin1"));
  const answer = readResponse(socket);
  const chunk = Buffer.from(`${CHUNK.toString(16)}\r\n${"x".repeat(CHUNK)}\r\n`);
  let sent = 0;
  while (open && sent < INTENDED) {
    const flushed = socket.write(chunk);
    sent += CHUNK;
    if (!flushed)
      await Promise.race([new Promise((resolve) => socket.once("drain", resolve)), closed]);
  }
  await closed;
  return { answer: await answer, sent };
}

describe("a chunked body over the limit", () => {
  it("is refused with 413 and its connection closed long before it ends", async (context) => {
    const targets = [
      sdkSignedRequest({
        method: "POST",
        pathname: `/${WORKSPACE_A}/promptTemplates`,
        action: "CreatePromptTemplate",
        query: { name: "with a body", content: "x" },
        key: KEY_A,
        host: `127.0.0.1:${service.port}`,
      }),
      `GET /healthz HTTP/1.1\r\nhost: 127.0.0.1:${service.port}\r\n\r\n`,
      `POST /${WORKSPACE_A}/no-such-api HTTP/1.1\r\nhost: 127.0.0.1:${service.port}\r\n\r\n`,
    ];
    const outcomes = [];
    for (const request of targets) {
      const head = request
        .replace(/\r\nconnection: close/, "")
        .replace(/\r\n\r\n$/, "\r\ntransfer-encoding: chunked\r\n\r\n");
      const { answer, sent } = await sendEndlessChunkedBody(head);
      expect(answer.status).toBe(413);
      expect(answer.json()).toMatchObject({ Code: "RequestTooLarge" });
      expect(answer.headers.connection).toBe("close");
      // The service stopped reading: the socket buffers filled and then the connection ended.
      expect(sent).toBeLessThan(INTENDED / 4);
      outcomes.push(answer.status !== 413 || sent >= INTENDED);
    }
    expectAllRefused(context, "chunked body over the limit", outcomes);
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([]);
  });
});
