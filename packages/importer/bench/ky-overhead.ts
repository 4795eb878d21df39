import { createKyInstance } from "../../core/src/api/ky-instance.js";
import { SIGNED_CALL } from "../../core/src/api/node-transport.js";

/**
 * What ky itself costs the client per call: the client's ky instance (same options, same
 * per-call input: a URL and the signed call) with a transport that answers at once, so no
 * socket, signing or response reading is counted. ky builds an AbortController, a Request
 * (whose signal follows it), merged Headers and options, and a clone of the Request on every
 * call; the client cannot configure these away. Prints one JSON line: CPU µs per call, the
 * least of a few rounds.
 *
 *   npx tsx bench/ky-overhead.ts [CALLS=50000]
 */
const calls = Number(process.argv[2] ?? 50_000);
const answer = {
  status: 200,
  statusText: "OK",
  ok: true,
  body: null,
  headers: { get: () => null },
  text: async () => "{}",
} as unknown as Response;
const http = createKyInstance(async () => answer);
const url = new URL("http://127.0.0.1:8080/ws/promptTemplates?name=a&content=b");
const options = { method: "POST", [SIGNED_CALL]: {} };

async function round(): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await http(url, options);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

await round(); // warm-up: compile ky's paths before measuring them
const rounds = [await round(), await round(), await round()];
process.stdout.write(
  `${JSON.stringify({ calls, kyMicrosPerCall: Math.min(...rounds), rounds })}\n`,
);
