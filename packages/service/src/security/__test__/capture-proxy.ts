import { connect, createServer, type Server, type Socket } from "node:net";

export interface CaptureProxy {
  /** Point a client here (127.0.0.1:port); everything is passed on to the target. */
  port: number;
  /** Each request that went through, as the bytes the client sent, in order. */
  readonly requests: Buffer[];
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 that records what clients send: how an attacker on the path
 * captures a signed request to replay it. Requests are cut apart at the end of their headers
 * (and Content-Length body), so keep-alive connections carrying several are read right.
 */
export async function startCaptureProxy(targetPort: number): Promise<CaptureProxy> {
  const requests: Buffer[] = [];
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    open.add(client);
    open.add(upstream);
    let pending = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd === -1) break;
        const head = pending.subarray(0, headEnd).toString("latin1");
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        const end = headEnd + 4 + length;
        if (pending.length < end) break;
        requests.push(Buffer.from(pending.subarray(0, end)));
        pending = pending.subarray(end);
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("close", () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on("close", () => {
      open.delete(upstream);
      client.destroy();
    });
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of the client would hold the server open.
        for (const socket of open) socket.destroy();
      }),
  };
}
