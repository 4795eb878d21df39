import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { DEFAULT_SETTINGS, startLocalService } from "../src/index.js";
import { BENCH_KEY } from "./bench-key.js";

/**
 * One benchmark target in its own process, so the load generator does not share its event
 * loop: `service` (the local service, one key, a Create workspace and a List workspace with
 * `LIST_TEMPLATES` templates) or `hello` (a bare Hono route served the same way). Prints one
 * JSON line with the port once it listens, answers "cpu-usage" messages with its CPU time, and
 * stops on SIGTERM.
 */
const LIST_TEMPLATES = 200;

async function serveService(): Promise<() => Promise<void>> {
  // A run sends hundreds of thousands of signed requests with one key within 15 minutes: far
  // past the default bound of live nonces per key, which would throttle it. Every nonce is
  // still recorded in the data file, as for any client.
  const service = await startLocalService({
    accessKeys: [BENCH_KEY],
    settings: { maxLiveNoncesPerKey: 10_000_000 },
  });
  const listWorkspace = BENCH_KEY.workspaces[1] ?? "";
  for (let i = 0; i < LIST_TEMPLATES; i++) {
    await service.store.create(listWorkspace, {
      name: `bench template ${i}`,
      content: `请为\${product}写一段${i}字的介绍，语气\${tone}。`,
      variables: ["product", "tone"],
    });
  }
  process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);
  return service.close;
}

async function serveHello(): Promise<() => Promise<void>> {
  const app = new Hono();
  app.get("/hello", (c) => c.text("hello"));
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: { maxHeaderSize: DEFAULT_SETTINGS.maxHeaderBytes },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

// The parent asks for this process's CPU time around each run: CPU per request does not
// depend on how much of the machine other processes take, unlike requests per second.
process.on("message", (message) => {
  if (message === "cpu-usage") process.send?.(process.cpuUsage());
});

const kind = process.argv[2];
if (kind === "service" || kind === "hello") {
  const close = await (kind === "service" ? serveService() : serveHello());
  process.once("SIGTERM", () => {
    close().then(() => process.exit(0));
  });
}
