import { createServer, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { InFlightResponses } from "./in-flight-responses.js";

describe("InFlightResponses", () => {
  it("holds each response until it closes, reusing freed slots", async () => {
    const inFlight = new InFlightResponses();
    const waiting: ServerResponse[] = [];
    const server = createServer((_request, response) => {
      inFlight.track(response);
      waiting.push(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const outgoing = request({ host: "127.0.0.1", port, agent: false }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        });
        outgoing.on("error", reject);
        outgoing.end();
      });
    try {
      const answers = [get(), get(), get()];
      while (waiting.length < 3) await new Promise((resolve) => setTimeout(resolve, 1));
      expect(inFlight.size).toBe(3);
      const visited: ServerResponse[] = [];
      inFlight.forEach((response) => {
        visited.push(response);
      });
      expect(new Set(visited)).toEqual(new Set(waiting));

      waiting[1]?.end("done");
      expect(await answers[1]).toBe(200);
      while (inFlight.size > 2) await new Promise((resolve) => setTimeout(resolve, 1));
      const left: ServerResponse[] = [];
      inFlight.forEach((response) => {
        left.push(response);
      });
      expect(left).toEqual([waiting[0], waiting[2]]);

      const again = get();
      while (waiting.length < 4) await new Promise((resolve) => setTimeout(resolve, 1));
      expect(inFlight.size).toBe(3);
      for (const response of waiting) if (!response.writableEnded) response.end("done");
      expect(await Promise.all([answers[0], answers[2], again])).toEqual([200, 200, 200]);
      while (inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      let visits = 0;
      inFlight.forEach(() => {
        visits++;
      });
      expect(visits).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
