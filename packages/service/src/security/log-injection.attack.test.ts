import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogFormat } from "../internal/request-log.js";
import type { LocalService } from "../start-local-service.js";
import { KEY_A, startAttackedService, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { sendRaw } from "./__test__/raw-http.js";
import { rawRequest, sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * Log injection. The request log printed the decoded path, so an unauthenticated
 * GET /x%0APOST%20/llm-…/promptTemplates%20200…%0A%1B[31m… wrote a forged line and raw ANSI
 * escapes. Now the path is logged as received and every control character in a log line is
 * escaped, in both the text and the JSON-lines format.
 */
printAttackTableAfterAll();

const services: Partial<Record<LogFormat, { service: LocalService; lines: string[] }>> = {};
beforeAll(async () => {
  for (const logFormat of ["text", "json"] as const) {
    const lines: string[] = [];
    const service = await startAttackedService({ logFormat, log: (line) => lines.push(line) });
    services[logFormat] = { service, lines };
  }
});
afterAll(async () => {
  for (const { service } of Object.values(services)) await service.close();
});

const FORGED = `POST /${WORKSPACE_A}/promptTemplates 200 1ms 00000000-0000-0000-0000-000000000000`;
const TARGETS = [
  `/x%0A${encodeURI(FORGED)}%0A%1B[31mALERT%1B[0m`,
  `/x%0D%0A${encodeURI(FORGED)}`,
  `/x%E2%80%A8${encodeURI(FORGED)}%E2%80%AEdesrever`,
  `/x%C2%85${encodeURI(FORGED)}%C2%9B2J`,
  `/${WORKSPACE_A}/promptTemplates/%0A${encodeURI(FORGED)}`,
  // Raw bytes: a C1 control and NEL as Latin-1 characters, if the HTTP parser lets them in.
  "/x\u0085POST\u009b31m",
  "/x\u00a0\u00ad",
];

/** Characters that end a line or drive a terminal, unescaped. */
function unsafeCharacters(line: string): string[] {
  return [...line].filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x2028 && code <= 0x202e);
  });
}

/** A line that is not one well-formed entry of a GET: what a forger wants. */
function isForged(line: string, format: LogFormat): boolean {
  if (line.includes("\n") || unsafeCharacters(line).length > 0) return true;
  if (format === "text") return !line.startsWith("GET /");
  const entry = JSON.parse(line) as Record<string, unknown>;
  const keys = ["durationMs", "level", "method", "path", "requestId", "status", "time"];
  return Object.keys(entry).sort().join() !== keys.join() || entry.method !== "GET";
}

describe("request paths built to forge log lines", () => {
  for (const format of ["text", "json"] as const) {
    it(`leave exactly one safe ${format} line per request`, async (context) => {
      const { service, lines } = services[format] ?? {};
      if (!service || !lines) throw new Error("no service");
      const host: [string, string] = ["host", `127.0.0.1:${service.port}`];
      const requests = [
        ...TARGETS.map((target) => rawRequest("GET", target, [host])),
        // Signed, so it passes the gateway and reaches the handler's own answer.
        sdkSignedRequest({
          method: "GET",
          pathname: `/${WORKSPACE_A}/promptTemplates/%0A%1B%5B31m`,
          action: "GetPromptTemplate",
          query: {},
          key: KEY_A,
          host: host[1],
        }),
      ];
      const outcomes: boolean[] = [];
      for (const request of requests) {
        const before = lines.length;
        await sendRaw(service.port, request);
        const written = lines.slice(before);
        // One line per answered request; none when Node's parser refused the request line
        // (raw control bytes) before any routing.
        expect(written.length).toBeLessThanOrEqual(1);
        outcomes.push(written.some((line) => isForged(line, format)));
      }
      expect(lines.length).toBeGreaterThanOrEqual(TARGETS.length - 1);
      expectAllRefused(context, `log injection (${format})`, outcomes);
    });
  }
});
