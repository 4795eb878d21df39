import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { z } from "zod";
import { templateTypeSchema } from "../api/schemas.js";
import { PromptSnapshotError } from "./errors.js";

const snapshotTemplateSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  content: z.string(),
  variables: z.array(z.string()),
  type: templateTypeSchema,
});

const promptSnapshotSchema = z.object({
  workspaceId: z.string().min(1),
  takenAt: z.string(),
  templates: z.array(snapshotTemplateSchema),
});

/** One template as a snapshot file holds it. */
export type SnapshotTemplate = z.infer<typeof snapshotTemplateSchema>;

/** A workspace's templates written to disk, to render from when the service cannot be reached. */
export type PromptSnapshot = z.infer<typeof promptSnapshotSchema>;

/**
 * Reads and checks a snapshot file. A missing file is `undefined` (the snapshot may not have been
 * taken yet); a file that exists but is unusable throws, because silently rendering without the
 * fallback the application was configured with would hide the mistake until an outage.
 */
export async function readSnapshotFile(
  file: string,
  workspaceId: string,
): Promise<PromptSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new PromptSnapshotError(file, "cannot be read", { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PromptSnapshotError(file, "is not valid JSON", { cause: error });
  }
  const parsed = promptSnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the top level";
    throw new PromptSnapshotError(file, `unexpected shape at ${where}: ${issue?.message}`, {
      cause: parsed.error,
    });
  }
  if (parsed.data.workspaceId !== workspaceId) {
    throw new PromptSnapshotError(
      file,
      `was taken of workspace ${parsed.data.workspaceId}, not ${workspaceId}`,
    );
  }
  return parsed.data;
}

/**
 * Writes through a temporary file and a rename, so a process that reads the snapshot (or crashes
 * while writing it) never sees half a file: the fallback must be whole exactly when it is needed.
 */
export async function writeSnapshotFile(file: string, snapshot: PromptSnapshot): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
