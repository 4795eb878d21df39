import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * Where the client's CPU goes per signed Create: runs bench/baseline-child.ts (a plain loop of
 * Creates with the client) under `node --cpu-prof` against a local service in a process of its
 * own, then prints the CPU per Create and the functions and modules with the most self time.
 *
 *   npx tsx bench/profile-client.ts [CREATES=20000] [CONCURRENCY=8] [TOP=30]
 */
const here = fileURLToPath(new URL(".", import.meta.url));
const creates = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 8);
const top = Number(process.argv[4] ?? 30);

const service = spawn(process.execPath, ["--import", "tsx", join(here, "service-child.ts")], {
  cwd: join(here, ".."),
  stdio: ["ignore", "pipe", "inherit"],
});
const info = JSON.parse(
  await new Promise<string>((resolve) =>
    createInterface({ input: service.stdout }).once("line", resolve),
  ),
) as { endpoint: string; workspaceId: string; accessKeyId: string; accessKeySecret: string };

const profiles = mkdtempSync(join(tmpdir(), "promptmill-client-profile-"));
const child = spawn(
  process.execPath,
  [
    "--cpu-prof",
    `--cpu-prof-dir=${profiles}`,
    "--import",
    "tsx",
    join(here, "baseline-child.ts"),
    info.endpoint,
    info.workspaceId,
    String(creates),
    String(concurrency),
  ],
  {
    cwd: join(here, ".."),
    env: {
      ...process.env,
      ALIBABA_CLOUD_ACCESS_KEY_ID: info.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: info.accessKeySecret,
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
let output = "";
child.stdout.on("data", (chunk: Buffer) => {
  output += chunk.toString();
});
await new Promise((resolve) => child.once("close", resolve));
service.kill("SIGTERM");
const result = JSON.parse(output) as {
  rowsPerSecond: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  loopCpuMicros: number;
};
console.log(
  `${creates} creates at concurrency ${concurrency}: ${result.rowsPerSecond.toFixed(0)}/s; ` +
    `client CPU in the loop ${(result.loopCpuMicros / creates).toFixed(0)} µs per Create ` +
    `(process total ${(((result.cpuUserMs + result.cpuSystemMs) * 1000) / creates).toFixed(0)} µs, start-up included)`,
);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const file = readdirSync(profiles).find((name) => name.endsWith(".cpuprofile"));
if (file === undefined) throw new Error("no profile written");
const profile = JSON.parse(readFileSync(join(profiles, file), "utf8")) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
rmSync(profiles, { recursive: true, force: true });
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byModule = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  const frame = nodes.get(id)?.callFrame;
  if (frame === undefined || frame.functionName === "(idle)" || frame.functionName === "(program)")
    return;
  busy += micros;
  const where = frame.url === "" ? "(native)" : shorten(frame.url);
  const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const module = frame.url === "" ? frame.functionName : moduleOf(where);
  byModule.set(module, (byModule.get(module) ?? 0) + micros);
});
const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / creates).toFixed(1).padStart(6)} µs/Create  ${name}`,
    );
  }
};
console.log(
  `profiled JavaScript: ${(busy / creates).toFixed(0)} µs per Create (GC and native work included where V8 attributes it)`,
);
print("by module (self time)", byModule);
print("by function (self time)", byFunction);

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const inModules = path.lastIndexOf("node_modules/");
  if (inModules !== -1) return path.slice(inModules + "node_modules/".length);
  return path.startsWith("/") ? relative(join(here, "../../.."), path) : path;
}

function moduleOf(path: string): string {
  if (path.startsWith("node:")) return path;
  const scoped = /^(@[^/]+\/[^/]+|[^/]+)/.exec(path)?.[1] ?? path;
  return path.startsWith("packages/") ? path.split("/").slice(0, 4).join("/") : scoped;
}
