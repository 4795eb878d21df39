/*
 * The prompt-folder benchmark (`pnpm --filter @promptmill/sync bench`): a 10,000-template
 * workspace on the real local service (127.0.0.1, SQLite), pulled into a folder of 10,000
 * files, 100 of them edited; then plan, timed, with the requests it made. Also the pull itself
 * and a second pull (which must write nothing). Options: --templates N (default 10000),
 * --edits N (100), --rounds N (3; the median is reported). Results: bench/results/plan.json.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ListPromptTemplatesRequest,
  ModelStudioClient,
  type RequestOptions,
} from "@promptmill/core";
import { SendQueue } from "@promptmill/importer";
import { startLocalService } from "@promptmill/service";
import { describeMachine, machineLine } from "@promptmill/test-support/machine";
import { planPromptFolder } from "../src/plan-prompt-folder.js";
import { formatPromptFile } from "../src/prompt-file.js";
import { pullPromptFolder } from "../src/pull-prompt-folder.js";
import { readPromptFolder } from "../src/read-prompt-folder.js";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const TEMPLATES = option("templates", 10_000);
const EDITS = option("edits", 100);
const ROUNDS = option("rounds", 3);
const RESULTS = fileURLToPath(new URL("./results/plan.json", import.meta.url));

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const root = await mkdtemp(join(tmpdir(), "promptmill-sync-bench-"));
const service = await startLocalService({
  port: 0,
  dataFile: join(root, "local.sqlite"),
  settings: { maxResultsLimit: 100 },
});
try {
  const key = service.developmentKey ?? service.accessKeys[0];
  const workspaceId = service.workspaceIds[0] ?? "";
  const client = new ModelStudioClient({
    endpoint: service.endpoint,
    credentials: {
      accessKeyId: key?.accessKeyId ?? "",
      accessKeySecret: key?.accessKeySecret ?? "",
    },
  });
  /** The client, counting List requests: what planning costs the service. */
  let lists = 0;
  const counting = {
    listPromptTemplates(input: ListPromptTemplatesRequest, options?: RequestOptions) {
      lists += 1;
      return client.listPromptTemplates({ ...input, maxResults: 100 }, options);
    },
  };

  process.stderr.write(`creating ${TEMPLATES} templates…\n`);
  const { queue } = new SendQueue({ concurrency: 16, requestsPerSecond: undefined });
  for (let index = 0; index < TEMPLATES; index++) {
    queue.add(() =>
      client.createPromptTemplate({
        workspaceId,
        name: `bench template ${index}`,
        content: `请为\${product}写第${index}号介绍，语气\${tone}。Introduce \${product}, number ${index}.`,
      }),
    );
  }
  await queue.onIdle();

  const dir = join(root, "prompts");
  await mkdir(dir);
  let started = performance.now();
  lists = 0;
  await pullPromptFolder({ client: counting, workspaceId, dir });
  const pull = { ms: performance.now() - started, lists };
  started = performance.now();
  const second = await pullPromptFolder({ client: counting, workspaceId, dir });
  const secondPullMs = performance.now() - started;
  if (second.created.length + second.updated.length > 0)
    throw new Error("the second pull wrote files");

  const folder = await readPromptFolder(dir);
  for (const entry of folder.files.slice(0, EDITS)) {
    await writeFile(
      join(dir, entry.path),
      formatPromptFile({ ...entry.file, content: `${entry.file.content} (edited)` }),
    );
  }

  const plans: { ms: number; lists: number }[] = [];
  let updates = 0;
  for (let round = 0; round < ROUNDS; round++) {
    lists = 0;
    started = performance.now();
    const plan = await planPromptFolder({ client: counting, workspaceId, dir });
    plans.push({ ms: performance.now() - started, lists });
    updates = plan.actions.filter((action) => action.kind === "update").length;
  }
  if (updates !== EDITS) throw new Error(`the plan found ${updates} updates, not ${EDITS}`);

  const machine = describeMachine();
  const files = (await readdir(dir)).length;
  const result = {
    date: new Date().toISOString(),
    machine,
    templates: TEMPLATES,
    files,
    edits: EDITS,
    pull: { ms: Math.round(pull.ms), listRequests: pull.lists },
    secondPull: { ms: Math.round(secondPullMs), filesWritten: 0 },
    plan: {
      medianMs: Math.round(median(plans.map((plan) => plan.ms))),
      listRequests: plans[0]?.lists,
      runs: plans.map((plan) => Math.round(plan.ms)),
    },
  };
  console.log(
    `${machineLine(machine)}\n` +
      `pull of ${TEMPLATES} templates into ${files} files: ${result.pull.ms} ms, ${pull.lists} List requests\n` +
      `second pull: ${result.secondPull.ms} ms, no file written\n` +
      `plan of ${files} files (${EDITS} edited) against ${TEMPLATES} templates: median ${result.plan.medianMs} ms of ${ROUNDS} (${result.plan.runs.join(", ")}), ${result.plan.listRequests} List requests (100 a page)`,
  );
  await mkdir(join(RESULTS, ".."), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${RESULTS}`);
} finally {
  await service.close();
  await rm(root, { recursive: true, force: true });
}
