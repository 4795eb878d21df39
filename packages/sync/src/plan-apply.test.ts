// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { iteratePromptTemplates } from "@promptmill/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SyncTestBed, startSyncTestBed } from "./__test__/test-service.js";
import { applyPromptFolder, PlanOutdatedError } from "./apply-prompt-folder.js";
import { formatSyncPlan } from "./format-sync-plan.js";
import { planChangesWorkspace, planPromptFolder } from "./plan-prompt-folder.js";
import { formatPromptFile } from "./prompt-file.js";
import { pullPromptFolder } from "./pull-prompt-folder.js";
import { readPromptFolder } from "./read-prompt-folder.js";

let bed: SyncTestBed;

beforeEach(async () => {
  bed = await startSyncTestBed();
});

afterEach(() => bed.close());

const common = () => ({ client: bed.client, workspaceId: bed.workspaceId, dir: bed.dir });
const plan = (prune = false) => planPromptFolder({ ...common(), prune });
const apply = (prune = false) => applyPromptFolder({ ...common(), prune });

async function create(name: string, content: string): Promise<string> {
  return (await bed.client.createPromptTemplate({ workspaceId: bed.workspaceId, name, content }))
    .promptTemplateId;
}

/** The workspace's Custom templates as name → content, and how many carry each name. */
async function customTemplates(): Promise<{ byName: Record<string, string>; names: string[] }> {
  const byName: Record<string, string> = {};
  const names: string[] = [];
  for await (const template of iteratePromptTemplates(bed.client, {
    workspaceId: bed.workspaceId,
    type: "Custom",
  })) {
    byName[template.name] = template.content;
    names.push(template.name);
  }
  return { byName, names: names.sort() };
}

/** The folder's templates as name → content. */
async function folderTemplates(): Promise<Record<string, string>> {
  const folder = await readPromptFolder(bed.dir);
  return Object.fromEntries(folder.files.map(({ file }) => [file.name, file.content]));
}

describe("plan and apply", () => {
  it("takes a pulled and edited folder to the workspace, then finds nothing to do", async () => {
    const ids = {
      edit1: await create("edit me", "v1 ${a}"),
      edit2: await create("编辑我", "第一版 ${b}"),
      rename: await create("old name", "stays ${c}"),
      remove: await create("remove me", "bye"),
      keep: await create("keep", "kept"),
    };
    await pullPromptFolder(common());
    const files = Object.fromEntries(
      (await readPromptFolder(bed.dir)).files.map((entry) => [entry.file.id, entry]),
    );
    const path = (id: string) => join(bed.dir, files[id]?.path ?? "");
    const rewrite = async (id: string, change: { name?: string; content?: string }) => {
      const entry = files[id];
      if (!entry) throw new Error(`no file for ${id}`);
      await writeFile(path(id), formatPromptFile({ ...entry.file, ...change }));
    };
    await rewrite(ids.edit1, { content: "v2 ${a}\nand a second line" });
    await rewrite(ids.edit2, { content: "第二版 ${b}" });
    await rewrite(ids.rename, { name: "new name" });
    await rm(path(ids.remove));
    await writeFile(join(bed.dir, "added.prompt"), "Brand new ${d}");

    const planned = await plan(true);
    expect(planChangesWorkspace(planned)).toBe(true);
    expect(
      planned.actions.map((action) => [action.kind, "path" in action ? action.path : action.name]),
    ).toEqual([
      ["create", "added.prompt"],
      ["update", "edit me.prompt"],
      ["update", "old name.prompt"],
      ["update", "编辑我.prompt"],
      ["only-in-workspace", "remove me"],
      ["unchanged", "keep.prompt"],
    ]);
    const text = formatSyncPlan(planned);
    expect(text).toContain("Plan for workspace");
    expect(text).toContain("1 to create, 3 to update, 1 to delete, 1 unchanged");
    expect(text).toContain('~ update  old name.prompt  rename "old name" → "new name"');
    expect(text).toMatch(
      /-v1 \$\{a\}\n {4}\\ No newline at end of file\n {4}\+v2 \$\{a\}\n {4}\+and a second line/,
    );
    expect(text).toContain('- delete  "remove me"');

    const applied = await apply(true);
    expect(applied.failed).toEqual([]);
    expect(applied.created).toEqual(["added.prompt"]);
    expect(applied.deleted).toEqual([ids.remove]);

    const after = await plan(true);
    expect(planChangesWorkspace(after)).toBe(false);
    expect((await customTemplates()).byName).toEqual(await folderTemplates());
    // The new file got its id; a pull now changes no byte.
    expect((await readFile(join(bed.dir, "added.prompt"), "utf8")).split("\n")[3]).toMatch(
      /^id: "[0-9a-f]{32}"$/,
    );
    const before = await snapshot(bed.dir);
    expect(await pullPromptFolder(common())).toMatchObject({ created: [], updated: [] });
    expect(await snapshot(bed.dir)).toEqual(before);
  });

  it("sees a change made in the workspace as drift, with its diff", async () => {
    const id = await create("drifting", "as in git");
    await pullPromptFolder(common());
    expect(planChangesWorkspace(await plan())).toBe(false);
    await bed.client.updatePromptTemplate({
      workspaceId: bed.workspaceId,
      promptTemplateId: id,
      content: "edited in the console",
    });
    const drift = await plan();
    expect(planChangesWorkspace(drift)).toBe(true);
    expect(formatSyncPlan(drift)).toMatch(/-edited in the console\n.*\n {4}\+as in git/);
  });

  it("refuses a saved plan once the workspace changed, unless refreshed", async () => {
    const id = await create("t", "1");
    await pullPromptFolder(common());
    await writeFile(join(bed.dir, "new.prompt"), "n");
    const saved = await plan();
    await bed.client.updatePromptTemplate({
      workspaceId: bed.workspaceId,
      promptTemplateId: id,
      content: "changed meanwhile",
    });
    await expect(applyPromptFolder({ ...common(), plan: saved })).rejects.toBeInstanceOf(
      PlanOutdatedError,
    );
    expect((await customTemplates()).names).toEqual(["t"]);
    const refreshed = await applyPromptFolder({ ...common(), plan: saved, refresh: true });
    expect(refreshed.failed).toEqual([]);
    expect((await customTemplates()).byName).toEqual({ t: "1", new: "n" });
  });

  it("round-trips hard names through pull and apply", async () => {
    const names = [
      "a/b",
      "a:b",
      "CON",
      "trailing dot.",
      "same",
      "SAME",
      "same\u00a0",
      "same\u200b",
      "café",
      "cafe\u0301",
      "Ｆｕｌｌ",
      "🚀 ✅",
      " spaced ",
    ];
    await mkdir(bed.dir, { recursive: true });
    for (const name of names)
      await writeFile(
        join(bed.dir, `${Math.random().toString(36).slice(2)}.prompt`),
        formatPromptFile({ name, content: `${name} content` }),
      );
    const applied = await apply();
    expect(applied.failed).toEqual([]);
    expect((await customTemplates()).names).toEqual([...names].sort());
    await rm(bed.dir, { recursive: true });
    await pullPromptFolder(common());
    expect(await folderTemplates()).toEqual(
      Object.fromEntries(names.map((name) => [name, `${name} content`])),
    );
    expect(planChangesWorkspace(await plan())).toBe(false);
  });

  it("ends exactly as the folder, without duplicates, however often apply is killed", async () => {
    for (let index = 0; index < 12; index++) await create(`old ${index}`, "to change or delete");
    await pullPromptFolder(common());
    const folder = await readPromptFolder(bed.dir);
    for (const [index, entry] of folder.files.entries()) {
      if (index % 3 === 0) await rm(join(bed.dir, entry.path));
      else
        await writeFile(
          join(bed.dir, entry.path),
          formatPromptFile({ ...entry.file, content: `changed ${index}` }),
        );
    }
    for (let index = 0; index < 25; index++) {
      await writeFile(join(bed.dir, `new-${index}.prompt`), `new ${index} \${x}`);
    }

    const child = fileURLToPath(new URL("./__test__/apply-child.ts", import.meta.url));
    const key = bed.service.developmentKey ?? bed.service.accessKeys[0];
    const env = {
      ...process.env,
      PROMPTMILL_ENDPOINT: bed.service.endpoint,
      PROMPTMILL_WORKSPACE: bed.workspaceId,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key?.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key?.accessKeySecret,
    };
    const seed = Date.now() % 1000;
    let kills = 0;
    for (let run = 0; run < 8; run++) {
      const process_ = spawn(process.execPath, ["--import", "tsx", child, bed.dir], {
        env,
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => process_.on("exit", resolve));
      // tsx needs ~0.5 s to start; kill somewhere in the requests after that.
      setTimeout(() => process_.kill("SIGKILL"), 600 + ((seed * (run + 7)) % 900));
      if ((await exited) === null) kills += 1;
    }
    // At least one run must have died half-way, or this test shows nothing.
    expect(kills, `seed ${seed}`).toBeGreaterThan(0);
    const last = await apply(true);
    expect(last.failed, `seed ${seed}`).toEqual([]);
    const { byName, names } = await customTemplates();
    expect(new Set(names).size, `duplicates after ${kills} kills (seed ${seed})`).toBe(
      names.length,
    );
    expect(byName).toEqual(await folderTemplates());
    expect(planChangesWorkspace(await plan(true))).toBe(false);
  });
});

async function snapshot(dir: string): Promise<Record<string, [string, number]>> {
  const result: Record<string, [string, number]> = {};
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    result[name] = [await readFile(path, "utf8"), (await stat(path)).mtimeMs];
  }
  return result;
}
