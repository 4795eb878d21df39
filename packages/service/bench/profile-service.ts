// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { BENCH_KEY } from "./bench-key.js";
import { startTarget, stopTarget, targetCpuMicros } from "./bench-target.js";
import { PresignedRequests, signedRequest } from "./presigned-requests.js";
import { summarizeCpuProfile } from "./summarize-cpu-profile.js";

/**
 * Where the service spends its CPU under signed load: runs the service target with
 * `--cpu-prof`, drives one operation with pre-signed requests, stops it, and prints the
 * functions with the most self time, per request. `hello` profiles the bare Hono target
 * instead, for comparison: what any request costs before the service does anything.
 *
 *   npx tsx bench/profile-service.ts [create|list|hello] [SECONDS=10] [TOP=40]
 *   (PROFILE_KEEP=1 keeps the .cpuprofile and prints its path)
 */
const operation = process.argv[2] ?? "create";
const seconds = Number(process.argv[3] ?? 10);
const top = Number(process.argv[4] ?? 40);
const connections = 10;
if (operation !== "create" && operation !== "list" && operation !== "hello") {
  console.error("usage: profile-service [create|list|hello] [SECONDS] [TOP]");
  process.exit(2);
}

const profileDirectory = mkdtempSync(join(tmpdir(), "promptmill-profile-"));
const target = await startTarget(operation === "hello" ? "hello" : "service", [
  "--cpu-prof",
  `--cpu-prof-dir=${profileDirectory}`,
]);
const [createWorkspace = "", listWorkspace = ""] = BENCH_KEY.workspaces;
let created = 0;
const pool =
  operation === "hello"
    ? undefined
    : new PresignedRequests(connections, Math.ceil((seconds * 30_000) / connections), () =>
        operation === "create"
          ? signedRequest(target.port, "CreatePromptTemplate", createWorkspace, {
              name: `profile ${created++}`,
              content: "请写一篇小红书种草笔记，增加丰富的emoji元素。主题为：${theme}",
            })
          : signedRequest(target.port, "ListPromptTemplates", listWorkspace, { maxResults: "20" }),
      );

const cpuBefore = await targetCpuMicros(target);
const result = await autocannon({
  url: `http://127.0.0.1:${target.port}`,
  connections,
  duration: seconds,
  ...(pool
    ? { setupClient: pool.setupClient, maxConnectionRequests: pool.perConnection }
    : { requests: [{ method: "GET", path: "/hello" }] }),
});
const cpu = (await targetCpuMicros(target)) - cpuBefore;
await stopTarget(target);

const requests = result.requests.total;
console.log(
  `${operation}: ${requests} requests, ${Math.round(result.requests.average)} req/s, target CPU ${Math.round(cpu / requests)} µs/request, non-2xx ${result.non2xx}, errors ${result.errors}`,
);
// CPU.<date>.<pid>.<thread>.<n>.cpuprofile: the main thread's (0) sorts first; the other is
// the thread tsx loads modules on.
const [profileFile] = readdirSync(profileDirectory)
  .filter((name) => name.endsWith(".cpuprofile"))
  .sort();
if (!profileFile) throw new Error(`no .cpuprofile was written to ${profileDirectory}`);
// The profile also covers start-up and seeding, so its per-request figures run a little high.
console.log(summarizeCpuProfile(join(profileDirectory, profileFile), { top, requests }));
if (process.env.PROFILE_KEEP) console.log(`profile: ${join(profileDirectory, profileFile)}`);
else rmSync(profileDirectory, { recursive: true, force: true });
