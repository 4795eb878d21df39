import { AmbiguousPromptNameError } from "./errors.js";
import { type PromptSnapshot, readSnapshotFile } from "./snapshot-file.js";
import type { TemplateRecord } from "./template-record.js";

export interface FallbackOptions {
  /** Templates given in code, name → content. They win over a snapshot's template of the same name. */
  templates?: Record<string, string>;
  /** A file written by `registry.snapshot(file)`, read the first time a fallback is needed. */
  snapshotFile?: string;
}

export type TemplateLookup = { kind: "name"; name: string } | { kind: "id"; id: string };

/**
 * Where templates come from when the service cannot be reached. Templates given in code come
 * first: they are what the developer wrote down on purpose, while a snapshot is whatever the
 * workspace held when it was taken. The snapshot is read lazily and kept once read; a missing
 * file is looked for again next time, since the application may take the snapshot later.
 */
export class FallbackSource {
  readonly #workspaceId: string;
  readonly #templates: ReadonlyMap<string, string>;
  readonly #snapshotFile: string | undefined;
  #snapshot: Promise<PromptSnapshot | undefined> | undefined;

  constructor(workspaceId: string, options: FallbackOptions = {}) {
    this.#workspaceId = workspaceId;
    this.#templates = new Map(Object.entries(options.templates ?? {}));
    this.#snapshotFile = options.snapshotFile;
  }

  get snapshotFile(): string | undefined {
    return this.#snapshotFile;
  }

  /** The template a lookup would get from the fallback; `undefined` when the fallback has none. */
  async find(lookup: TemplateLookup): Promise<TemplateRecord | undefined> {
    if (lookup.kind === "name") {
      const content = this.#templates.get(lookup.name);
      if (content !== undefined) return fromCode(lookup.name, content);
    }
    const snapshot = await this.#readSnapshot();
    if (snapshot === undefined) return undefined;
    if (lookup.kind === "id") {
      const template = snapshot.templates.find((candidate) => candidate.id === lookup.id);
      return template && { ...template };
    }
    const matches = snapshot.templates.filter((candidate) => candidate.name === lookup.name);
    if (matches.length > 1) {
      throw new AmbiguousPromptNameError({
        workspaceId: this.#workspaceId,
        promptName: lookup.name,
        promptTemplateIds: matches.map((template) => template.id),
      });
    }
    const [match] = matches;
    return match && { ...match };
  }

  /**
   * What `preload()` loads when the service is down: the templates given in code and the
   * snapshot's Custom templates (System templates are only loaded when asked for by name).
   */
  async customTemplates(): Promise<TemplateRecord[]> {
    const records = [...this.#templates].map(([name, content]) => fromCode(name, content));
    const snapshot = await this.#readSnapshot();
    for (const template of snapshot?.templates ?? []) {
      if (template.type === "Custom" && !this.#templates.has(template.name)) {
        records.push({ ...template });
      }
    }
    return records;
  }

  /** Forgets the snapshot read so far, after this process wrote a new one to the same file. */
  reloadSnapshot(): void {
    this.#snapshot = undefined;
  }

  #readSnapshot(): Promise<PromptSnapshot | undefined> {
    if (this.#snapshotFile === undefined) return Promise.resolve(undefined);
    if (this.#snapshot === undefined) {
      const reading = readSnapshotFile(this.#snapshotFile, this.#workspaceId);
      this.#snapshot = reading;
      const forget = (): void => {
        if (this.#snapshot === reading) this.#snapshot = undefined;
      };
      reading.then((snapshot) => snapshot === undefined && forget(), forget);
    }
    return this.#snapshot;
  }
}

function fromCode(name: string, content: string): TemplateRecord {
  return { id: undefined, name, content, type: undefined };
}
