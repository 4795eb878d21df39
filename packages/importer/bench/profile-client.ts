import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { rowContent, rowName } from "./rows.js";

/**
 * Where the client's CPU goes per signed Create: runs bench/baseline-child.ts (a plain loop of
 * Creates with the client) under `node --cpu-prof` against a local service in a process of its
 * own, then prints the CPU per Create and the functions and modules with the most self time.
 * With --worker, the same for the worker (from source) importing as many generated rows: the
 * engine's share is what it spends beyond the client's.
 *
 *   npx tsx bench/profile-client.ts [CREATES=20000] [CONCURRENCY=8] [TOP=30] [--worker]
 */
const here = fileURLToPath(new URL(".", import.meta.url));
const worker = process.argv.includes("--worker");
const [createsArg, concurrencyArg, topArg] = process.argv
  .slice(2)
  .filter((arg) => arg !== "--worker");
const creates = Number(createsArg ?? 20_000);
const concurrency = Number(concurrencyArg ?? 8);
const top = Number(topArg ?? 30);

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
const env = {
  ...process.env,
  ALIBABA_CLOUD_ACCESS_KEY_ID: info.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: info.accessKeySecret,
  PROMPTMILL_ENDPOINT: info.endpoint,
  PROMPTMILL_WORKSPACE: info.workspaceId,
};
const program = worker
  ? [
      join(here, "../../../apps/worker/src/main.ts"),
      "import",
      writeRows(join(profiles, "rows.csv")),
      "--json",
      "--quiet",
      "--concurrency",
      String(concurrency),
    ]
  : [
      join(here, "baseline-child.ts"),
      info.endpoint,
      info.workspaceId,
      String(creates),
      String(concurrency),
    ];
const child = spawn(
  process.execPath,
  ["--cpu-prof", `--cpu-prof-dir=${profiles}`, "--import", "tsx", ...program],
  { cwd: join(here, ".."), env, stdio: ["ignore", "pipe", "inherit"] },
);
let output = "";
child.stdout.on("data", (chunk: Buffer) => {
  output += chunk.toString();
});
await new Promise((resolve) => child.once("close", resolve));
service.kill("SIGTERM");
if (worker) {
  const summary = JSON.parse(output) as {
    created: number;
    rowsPerSecond: number;
    resources: { cpuUserMs: number; cpuSystemMs: number };
  };
  if (summary.created !== creates)
    throw new Error(`the worker created ${summary.created} of ${creates}`);
  const { cpuUserMs, cpuSystemMs } = summary.resources;
  console.log(
    `the worker imported ${creates} rows at concurrency ${concurrency}: ${summary.rowsPerSecond.toFixed(0)} rows/s; ` +
      `process CPU ${(((cpuUserMs + cpuSystemMs) * 1000) / creates).toFixed(0)} µs per row, ` +
      `${((cpuSystemMs * 1000) / creates).toFixed(0)} µs of it in the kernel (start-up included)`,
  );
} else {
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
}

/** The benchmark's rows as the worker reads them. */
function writeRows(path: string): string {
  const lines = ["name,content,variables"];
  for (let i = 0; i < creates; i++) {
    lines.push(`${rowName(i)},"${rowContent(i).replaceAll('"', '""')}",product;tone`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

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
if (process.env.KEEP_PROFILE) console.log(`profile kept in ${profiles}`);
else rmSync(profiles, { recursive: true, force: true });
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
