// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeMachine, loadAverageNow, machineLine } from "@promptmill/test-support/machine";
import type autocannon from "autocannon";
import pg from "pg";
import { createDatabase, startThrowawayPostgres } from "../src/__test__/throwaway-postgres.js";
import type { StoreLocation } from "../src/store/open-template-store.js";
import { BENCH_KEY } from "./bench-key.js";
import { type BenchTarget, startScript, stopTarget } from "./bench-target.js";
import { KeepAliveClient, quantile } from "./keep-alive-client.js";
import { signedRequest } from "./presigned-requests.js";
import { FEW_KEYWORD, SHORT_KEYWORD, seedTemplates, TENTH_KEYWORD } from "./seed-templates.js";

/**
 * List at a million templates against List at a thousand, on each store, in one run: the
 * issue's goals (p50 of signed List over HTTP at 1M ≤ 1.5× its 1k figure for the first page,
 * a deep page and type=System, ≤ 1.5× for a keyword matching few names, ≤ 3× for one
 * matching 10%; signed Create ≤ 1.2×), /healthz while Lists of every kind run back to back
 * against the big workspace (p99 < 50 ms), and each database's size and the service's RSS.
 *
 * Each size is a database of its own with one workspace, seeded straight into the store
 * (seed-templates.ts), then served by the service in a child process. Requests are signed
 * like a client signs them, one at a time over a kept-alive connection, each timed alone,
 * the sizes taking turns request by request. BENCH_ROUNDS rounds of every scenario; each
 * size keeps its best round: other load on the machine only ever slows a run.
 *
 *   pnpm --filter @promptmill/service bench:scale
 *   (BENCH_STORES=sqlite,postgres  BENCH_SIZES=1000,1000000  BENCH_REQUESTS=300
 *    BENCH_ROUNDS=3  BENCH_LOAD_SECONDS=15  BENCH_POSTGRES_ADMIN_URL=… for a server of yours)
 */
type StoreKind = "sqlite" | "postgres";

const here = dirname(fileURLToPath(import.meta.url));
const stores = (process.env.BENCH_STORES ?? "sqlite,postgres").split(",") as StoreKind[];
const sizes = (process.env.BENCH_SIZES ?? "1000,1000000").split(",").map(Number);
const requestCount = Number(process.env.BENCH_REQUESTS ?? 300);
const warmupCount = Number(process.env.BENCH_WARMUP ?? 30);
const roundCount = Number(process.env.BENCH_ROUNDS ?? 3);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const WORKSPACE = BENCH_KEY.workspaces[1] ?? "";
const HEALTHZ_GOAL_MS = 50;

/** A served database of one size. */
interface Sized {
  size: number;
  location: StoreLocation;
  target: BenchTarget;
  client: KeepAliveClient;
  /** The nextToken of page 31 (maxResults 10). */
  deepToken: string;
  seedSeconds: number;
}

interface Scenario {
  name: string;
  /** The most p50 at the largest size may be, as a multiple of p50 at the smallest. */
  goal?: number;
  request(sized: Sized, index: number): autocannon.Request;
  /** Untimed, before each request. */
  before?(sized: Sized, index: number): Promise<void>;
  /** Timed requests, when not BENCH_REQUESTS: for a scenario whose requests take a second. */
  requests?: number;
}

const list = (sized: Sized, query: Record<string, string>) =>
  signedRequest(sized.target.port, "ListPromptTemplates", WORKSPACE, query);
const create = (sized: Sized, name: string) =>
  signedRequest(sized.target.port, "CreatePromptTemplate", WORKSPACE, {
    name,
    content: "请为${product}写一段介绍，语气${tone}。",
  });
let created = 0;

const SCENARIOS: Scenario[] = [
  { name: "first page, maxResults 10", goal: 1.5, request: (s) => list(s, { maxResults: "10" }) },
  { name: "first page, maxResults 100", request: (s) => list(s, { maxResults: "100" }) },
  {
    name: "page 31 by nextToken",
    goal: 1.5,
    request: (s) => list(s, { maxResults: "10", nextToken: s.deepToken }),
  },
  {
    name: `keyword matching 5 names ("${FEW_KEYWORD}")`,
    goal: 1.5,
    request: (s) => list(s, { maxResults: "10", name: FEW_KEYWORD }),
  },
  {
    name: `keyword matching 10% ("${TENTH_KEYWORD}")`,
    goal: 3,
    request: (s) => list(s, { maxResults: "10", name: TENTH_KEYWORD }),
  },
  { name: "type=System", goal: 1.5, request: (s) => list(s, { maxResults: "10", type: "System" }) },
  {
    name: `keyword of 2 characters, 1/13 of names ("${SHORT_KEYWORD}")`,
    request: (s) => list(s, { maxResults: "10", name: SHORT_KEYWORD }),
  },
  {
    name: `keyword 10% right after a write (counted again)`,
    requests: 30,
    request: (s) => list(s, { maxResults: "10", name: TENTH_KEYWORD }),
    before: async (s) => {
      await expectOk(s.client.send(create(s, `bench write ${created++}`)));
    },
  },
  {
    name: "signed Create",
    goal: 1.2,
    request: (s) => create(s, `bench create ${created++}`),
  },
];

interface Measured {
  p50: number;
  p99: number;
}

async function expectOk(response: Promise<{ status: number; body: string }>) {
  const { status, body } = await response;
  if (status !== 200)
    throw new Error(`a benchmark request failed: ${status} ${body.slice(0, 300)}`);
  return body;
}

/**
 * One scenario on every size, the sizes taking turns request by request: whatever else the
 * machine does meanwhile (another process's fsync, a busy core) falls on both alike.
 */
async function measure(
  scenario: Scenario,
  served: readonly Sized[],
): Promise<Record<string, Measured>> {
  const times = served.map((): number[] => []);
  const warmup = scenario.requests === undefined ? warmupCount : 2;
  for (let i = 0; i < warmup + (scenario.requests ?? requestCount); i++) {
    for (const [index, sized] of served.entries()) {
      await scenario.before?.(sized, i);
      const built = scenario.request(sized, i);
      const response = await sized.client.send(built);
      if (response.status !== 200) {
        throw new Error(`${scenario.name}: ${response.status} ${response.body.slice(0, 300)}`);
      }
      if (i >= warmup) times[index]?.push(response.milliseconds);
    }
  }
  return Object.fromEntries(
    served.map((sized, index) => {
      const measured = times[index] ?? [];
      return [
        sized.size,
        { p50: round3(quantile(measured, 0.5)), p99: round3(quantile(measured, 0.99)) },
      ];
    }),
  );
}

/** Lists of every kind back to back on three connections, /healthz every 20 ms on a fourth. */
async function healthzUnderLoad(sized: Sized) {
  const kinds: ((index: number) => autocannon.Request)[] = [
    ...SCENARIOS.filter((scenario) => !scenario.before && scenario.name !== "signed Create").map(
      (scenario) => (index: number) => scenario.request(sized, index),
    ),
    // A keyword no one asked for yet: counted through the index, nothing cached.
    (index) => list(sized, { maxResults: "10", name: `模板 ${(index * 7919) % sized.size}` }),
  ];
  const deadline = performance.now() + loadSeconds * 1000;
  const listTimes: number[] = [];
  const loops = Array.from({ length: 3 }, async (_, loop) => {
    const client = new KeepAliveClient(sized.target.port);
    for (let index = loop; performance.now() < deadline; index += 3) {
      const kind = kinds[index % kinds.length];
      if (!kind) continue;
      const body = await client.send(kind(index));
      if (body.status !== 200) throw new Error(`List under load: ${body.status} ${body.body}`);
      listTimes.push(body.milliseconds);
    }
    client.close();
  });
  await ask(sized.target, "loop-delay-start");
  const healthTimes: number[] = [];
  const health = (async () => {
    const client = new KeepAliveClient(sized.target.port);
    while (performance.now() < deadline) {
      const response = await client.send({ method: "GET", path: "/healthz", headers: {} });
      if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
      healthTimes.push(response.milliseconds);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    client.close();
  })();
  await Promise.all([...loops, health]);
  const loopDelay = await ask<{ p50: number; p99: number; max: number }>(
    sized.target,
    "loop-delay",
  );
  return {
    serviceEventLoopDelayMs: loopDelay,
    seconds: loadSeconds,
    listConnections: 3,
    lists: listTimes.length,
    listP50: round3(quantile(listTimes, 0.5)),
    listP99: round3(quantile(listTimes, 0.99)),
    healthzRequests: healthTimes.length,
    healthzP50: round3(quantile(healthTimes, 0.5)),
    healthzP99: round3(quantile(healthTimes, 0.99)),
    healthzMax: round3(Math.max(...healthTimes)),
  };
}

async function databaseBytes(location: StoreLocation): Promise<number> {
  if (location.database !== undefined) {
    const client = new pg.Client({ connectionString: location.database });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT pg_database_size(current_database()) AS bytes");
      return Number(rows[0].bytes);
    } finally {
      await client.end();
    }
  }
  let bytes = 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      bytes += statSync(`${location.dataFile}${suffix}`).size;
    } catch {
      // Not there (no WAL at the moment): nothing to add.
    }
  }
  return bytes;
}

/** Asks the target (scale-target.ts) one question and waits for its answer. */
function ask<Answer>(target: BenchTarget, question: string): Promise<Answer> {
  return new Promise((resolve) => {
    target.child.once("message", (answer) => resolve(answer as Answer));
    target.child.send(question);
  });
}

/** Walks 30 pages of 10 to get the token of page 31. */
async function deepToken(sized: Omit<Sized, "deepToken">): Promise<string> {
  let token = "";
  for (let page = 1; page <= 30; page++) {
    const body = await expectOk(
      sized.client.send(
        list(sized as Sized, { maxResults: "10", ...(token ? { nextToken: token } : {}) }),
      ),
    );
    token = (JSON.parse(body) as { nextToken: string }).nextToken;
  }
  return token;
}

async function benchStore(kind: StoreKind) {
  const cluster =
    kind === "postgres" && !process.env.BENCH_POSTGRES_ADMIN_URL
      ? await startThrowawayPostgres({ skipFsync: false })
      : undefined;
  const adminUrl = process.env.BENCH_POSTGRES_ADMIN_URL || cluster?.url("postgres") || "";
  const directory = mkdtempSync(join(tmpdir(), "promptmill-scale-bench-"));
  const served: Sized[] = [];
  try {
    for (const size of sizes) {
      const location: StoreLocation =
        kind === "postgres"
          ? { database: await createDatabase(adminUrl, "bench") }
          : { dataFile: join(directory, `${size}.sqlite`) };
      console.log(`${kind}: seeding ${size.toLocaleString("en")} templates…`);
      const seedSeconds = await seedTemplates(location, WORKSPACE, size);
      console.log(`${kind}: seeded ${size.toLocaleString("en")} in ${seedSeconds.toFixed(1)} s`);
      const target = await startScript("scale-target.ts", [], {
        env:
          location.database === undefined
            ? { SCALE_TARGET_DATA_FILE: location.dataFile }
            : { SCALE_TARGET_DATABASE: location.database },
      });
      const partial = {
        size,
        location,
        target,
        client: new KeepAliveClient(target.port),
        seedSeconds,
      };
      served.push({ ...partial, deepToken: await deepToken(partial) });
    }

    const rounds: Record<string, Measured>[][] = [];
    for (let round = 1; round <= roundCount; round++) {
      console.log(`${kind}: round ${round} of ${roundCount}`);
      const results: Record<string, Measured>[] = [];
      for (const scenario of SCENARIOS) {
        const bySize = await measure(scenario, served);
        results.push(bySize);
        console.log(
          `  ${scenario.name.padEnd(52)} ${served.map((s) => `${s.size}: p50 ${bySize[s.size]?.p50} ms`).join("   ")}`,
        );
      }
      rounds.push(results);
    }
    const smallest = served[0];
    const largest = served.at(-1);
    if (!smallest || !largest) throw new Error("no sizes to compare");
    const scenarios = SCENARIOS.map((scenario, index) => {
      const best = (size: number) =>
        rounds
          .map((round) => round[index]?.[size] as Measured)
          .reduce((a, b) => (b.p50 < a.p50 ? b : a));
      const small = best(smallest.size);
      const large = best(largest.size);
      const ratio = round3(large.p50 / small.p50);
      return {
        name: scenario.name,
        [smallest.size]: small,
        [largest.size]: large,
        ratio,
        goal: scenario.goal ?? null,
        met: scenario.goal === undefined ? null : ratio <= scenario.goal,
      };
    });

    console.log(`${kind}: /healthz while Lists run against ${largest.size.toLocaleString("en")}…`);
    const load = await healthzUnderLoad(largest);
    const sizesReport = [];
    for (const sized of served) {
      sizesReport.push({
        templates: sized.size,
        seedSeconds: round3(sized.seedSeconds),
        databaseMegabytes: round3((await databaseBytes(sized.location)) / 1e6),
        serviceRssMegabytes: round3((await ask<number>(sized.target, "rss")) / 1e6),
      });
    }
    return {
      store: kind,
      scenarios,
      rounds,
      healthzUnderLoad: {
        ...load,
        goalP99Ms: HEALTHZ_GOAL_MS,
        met: load.healthzP99 < HEALTHZ_GOAL_MS,
      },
      sizes: sizesReport,
    };
  } finally {
    for (const sized of served) {
      sized.client.close();
      await stopTarget(sized.target);
    }
    rmSync(directory, { recursive: true, force: true });
    await cluster?.stop();
  }
}

const machine = describeMachine();
console.log(`machine: ${machineLine(machine)}`);
const results = [];
for (const kind of stores) results.push(await benchStore(kind));
const loadAfter = loadAverageNow();

const [small, large] = [sizes[0] ?? 0, sizes.at(-1) ?? 0];
console.log(
  `\np50 of signed requests over HTTP, ${small.toLocaleString("en")} vs ${large.toLocaleString("en")} templates (best of ${roundCount} rounds of ${requestCount})`,
);
for (const result of results) {
  for (const scenario of result.scenarios) {
    const goal =
      scenario.goal === null ? "" : `goal ≤ ${scenario.goal}×: ${scenario.met ? "met" : "NOT met"}`;
    console.log(
      `${result.store.padEnd(9)} ${scenario.name.padEnd(52)} ${String((scenario[small] as Measured).p50).padStart(8)} ms ${String((scenario[large] as Measured).p50).padStart(8)} ms ${`${scenario.ratio}×`.padStart(8)}   ${goal}`,
    );
  }
  const load = result.healthzUnderLoad;
  console.log(
    `${result.store.padEnd(9)} /healthz under List load: p50 ${load.healthzP50} ms, p99 ${load.healthzP99} ms, max ${load.healthzMax} ms (goal p99 < ${HEALTHZ_GOAL_MS} ms: ${load.met ? "met" : "NOT met"}); timers in the service ran late by p99 ${load.serviceEventLoopDelayMs.p99} ms, max ${load.serviceEventLoopDelayMs.max} ms (the event loop held, or no core free); ${load.lists} Lists in ${load.seconds} s, p50 ${load.listP50} ms`,
  );
  for (const size of result.sizes) {
    console.log(
      `${result.store.padEnd(9)} ${size.templates.toLocaleString("en").padStart(9)} templates: database ${size.databaseMegabytes} MB, service RSS ${size.serviceRssMegabytes} MB, seeded in ${size.seedSeconds} s`,
    );
  }
}
console.log(`load average before ${machine.loadAverage.join(" ")}, after ${loadAfter.join(" ")}`);

const resultsFile = join(here, "results", "list-at-scale.json");
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      loadAverageAtEnd: loadAfter,
      settings: {
        sizes,
        requests: requestCount,
        warmup: warmupCount,
        rounds: roundCount,
        loadSeconds,
      },
      seeding:
        "straight into the store's tables (SQLite: prepared inserts in transactions of 50,000; PostgreSQL: INSERT … SELECT FROM unnest() of 5,000 rows, then VACUUM ANALYZE), after the store opened the database and seeded the workspace's System templates; the store's triggers keep counts and the keyword index as for any write",
      postgres: process.env.BENCH_POSTGRES_ADMIN_URL
        ? "a server of the caller's"
        : "a throwaway PostgreSQL 15 cluster on 127.0.0.1 with default settings (fsync on), max_connections 300",
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${resultsFile}`);

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
