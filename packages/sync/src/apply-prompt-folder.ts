import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ApiError,
  iteratePromptTemplates,
  type ModelStudioClient,
  PromptmillError,
} from "@promptmill/core";
import { SendQueue } from "@promptmill/importer";
import type { SyncAction } from "./decide-sync.js";
import { type PlanOptions, planPromptFolder, type SyncPlan } from "./plan-prompt-folder.js";
import { formatPromptFile, parsePromptFile } from "./prompt-file.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/** The workspace, or the folder, changed since the saved plan was made. */
export class PlanOutdatedError extends PromptmillError {
  override readonly name = "PlanOutdatedError" as const;
}

export interface ApplyOptions extends PlanOptions {
  readonly client: Pick<
    ModelStudioClient,
    "listPromptTemplates" | "createPromptTemplate" | "updatePromptTemplate" | "deletePromptTemplate"
  >;
  /** A plan saved by `plan --out`: applied only if it is still what applying would do. */
  readonly plan?: SyncPlan | undefined;
  /** Apply what the folder says now, even when it differs from the saved plan. */
  readonly refresh?: boolean | undefined;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number | undefined;
  /** Requests started per second at most (default: no limit). */
  readonly requestsPerSecond?: number | undefined;
  /** Called as each action finishes. */
  readonly onAction?: ((action: SyncAction, outcome: ActionOutcome) => void) | undefined;
}

export type ActionOutcome =
  | { readonly status: "done"; readonly id?: string }
  | { readonly status: "failed"; readonly error: unknown };

export interface ApplyResult {
  readonly plan: SyncPlan;
  /** Paths of the files whose templates were created (their ids now written into them). */
  readonly created: string[];
  readonly updated: string[];
  /** Ids of the templates deleted (`prune`). */
  readonly deleted: string[];
  /** Paths of files that got the id of the template they turned out to be. */
  readonly adopted: string[];
  readonly failed: { readonly action: SyncAction; readonly error: unknown }[];
  /** Actions not started because the signal fired. */
  readonly notStarted: number;
}

/**
 * Applies the folder to the workspace: plans afresh, refuses when a saved plan no longer says
 * what applying does (unless `refresh`), then creates, updates and (with `prune`) deletes, and
 * writes the ids of new templates into their files.
 *
 * Exactly once, without a journal of its own: a file gets its template's id as soon as the
 * Create is answered, and the plan adopts a file without an id that is the only template of its
 * name. So after a kill between the answer and the write, the next run adopts the template it
 * made instead of creating it again; after a Create whose answer was lost, the workspace is
 * asked (by name) before anything is sent again. Updates and deletes repeat harmlessly.
 */
export async function applyPromptFolder(options: ApplyOptions): Promise<ApplyResult> {
  const plan = await planPromptFolder(options);
  if (options.plan !== undefined && !options.refresh) assertStillCurrent(options.plan, plan);

  const result = {
    plan,
    created: [] as string[],
    updated: [] as string[],
    deleted: [] as string[],
    adopted: [] as string[],
    failed: [] as { action: SyncAction; error: unknown }[],
    notStarted: 0,
  };
  // The importer's queue: the same concurrency and the same spreading of a rate limit.
  const { queue } = new SendQueue({
    concurrency: options.concurrency ?? 4,
    requestsPerSecond: options.requestsPerSecond,
  });
  const { client, workspaceId, dir, signal } = options;
  const requestOptions = signal ? { signal } : {};

  const run = (action: SyncAction, work: () => Promise<string | undefined>) =>
    queue.add(async () => {
      if (signal?.aborted) {
        result.notStarted += 1;
        return;
      }
      try {
        const id = await work();
        options.onAction?.(action, { status: "done", ...(id ? { id } : {}) });
      } catch (error) {
        result.failed.push({ action, error });
        options.onAction?.(action, { status: "failed", error });
      }
    });

  const tasks: Promise<void>[] = [];
  for (const action of plan.actions) {
    switch (action.kind) {
      case "create":
        tasks.push(
          run(action, async () => {
            const id = await createOnce(options, action.name, action.content);
            await writeIdIntoFile(dir, action.path, workspaceId, id);
            result.created.push(action.path);
            return id;
          }),
        );
        break;
      case "update":
        tasks.push(
          run(action, async () => {
            await client.updatePromptTemplate(
              {
                workspaceId,
                promptTemplateId: action.id,
                ...(action.to.name === action.from.name ? {} : { name: action.to.name }),
                ...(action.to.content === action.from.content
                  ? {}
                  : { content: action.to.content }),
              },
              requestOptions,
            );
            if (action.adopt) {
              await writeIdIntoFile(dir, action.path, workspaceId, action.id);
              result.adopted.push(action.path);
            }
            result.updated.push(action.path);
            return action.id;
          }),
        );
        break;
      case "unchanged":
        if (action.adopt) {
          tasks.push(
            run(action, async () => {
              await writeIdIntoFile(dir, action.path, workspaceId, action.id);
              result.adopted.push(action.path);
              return action.id;
            }),
          );
        }
        break;
      case "only-in-workspace":
        if (action.prune) {
          tasks.push(
            run(action, async () => {
              try {
                await client.deletePromptTemplate(
                  { workspaceId, promptTemplateId: action.id },
                  requestOptions,
                );
              } catch (error) {
                // Gone already (an earlier, interrupted run deleted it): what was asked for.
                if (!(error instanceof ApiError && error.status === 404)) throw error;
              }
              result.deleted.push(action.id);
              return action.id;
            }),
          );
        }
        break;
    }
  }
  await Promise.all(tasks);
  return result;
}

/**
 * Creates a template, and answers with its id, exactly once: when the Create's answer is lost
 * (the client cannot tell whether the service acted), the workspace is asked whether a template
 * of that name and content exists before the Create is sent again.
 */
async function createOnce(options: ApplyOptions, name: string, content: string): Promise<string> {
  const { client, workspaceId, signal } = options;
  const requestOptions = signal ? { signal } : {};
  for (let attempt = 1; ; attempt++) {
    try {
      const { promptTemplateId } = await client.createPromptTemplate(
        { workspaceId, name, content },
        requestOptions,
      );
      return promptTemplateId;
    } catch (error) {
      const delivery = (error as { delivery?: string }).delivery;
      if (delivery !== "unknown" || attempt >= 3) throw error;
      const made: string[] = [];
      for await (const template of iteratePromptTemplates(
        client,
        { workspaceId, name, type: "Custom" },
        requestOptions,
      )) {
        if (template.name === name && template.content === content) {
          made.push(template.promptTemplateId);
        }
      }
      if (made.length === 1) return made[0] as string;
      if (made.length > 1) throw error;
    }
  }
}

/** Adds the template's id (and workspace) to a file's header, keeping its name and content. */
async function writeIdIntoFile(
  dir: string,
  path: string,
  workspaceId: string,
  id: string,
): Promise<void> {
  const absolute = join(dir, path);
  const text = (await readFile(absolute, "utf8")).replace(/^\uFEFF/, "");
  const fallbackName =
    path
      .split("/")
      .at(-1)
      ?.replace(/\.prompt$/, "") ?? path;
  const parsed = parsePromptFile(text, fallbackName);
  if ("problem" in parsed) {
    throw new PlanOutdatedError(
      `${path} changed while it was being applied: ${parsed.problem.message}`,
    );
  }
  await writeFileAtomically(absolute, formatPromptFile({ ...parsed.file, workspaceId, id }));
}

function assertStillCurrent(saved: SyncPlan, current: SyncPlan): void {
  if (saved.workspaceId !== current.workspaceId) {
    throw new PlanOutdatedError(
      `the plan is for workspace ${saved.workspaceId}, not ${current.workspaceId}`,
    );
  }
  if (saved.workspaceFingerprint !== current.workspaceFingerprint) {
    throw new PlanOutdatedError(
      `the workspace changed since the plan was made (${saved.createdAt}): plan again, or apply with --refresh`,
    );
  }
  const changes = (plan: SyncPlan) =>
    JSON.stringify(plan.actions.filter((action) => action.kind !== "unchanged"));
  if (changes(saved) !== changes(current)) {
    throw new PlanOutdatedError(
      "the folder changed since the plan was made: plan again, or apply with --refresh",
    );
  }
}
