import type { TemplateChangeEvent } from "../../api/client.js";
import { ApiError, ConnectionError, TimeoutError } from "../../api/errors.js";
import type {
  GetPromptTemplateRequest,
  GetPromptTemplateResponse,
  ListPromptTemplatesRequest,
  ListPromptTemplatesResponse,
  TemplateType,
} from "../../api/schemas.js";
import type { PromptRegistryClient } from "../registry-client.js";

interface StoredTemplate {
  id: string;
  name: string;
  content: string;
  type: TemplateType;
}

export type Outage = "connection" | "timeout" | "server" | "throttling" | "auth";

/**
 * The three methods the registry calls, over an in-memory list, for unit tests that need a fake
 * clock or exact control over when answers arrive. Behaviour the registry relies on is also
 * proven against the real local service (packages/service/src/contract/registry.contract.test.ts).
 */
export class InMemoryClient implements PromptRegistryClient {
  readonly workspaceId: string;
  readonly listCalls: ListPromptTemplatesRequest[] = [];
  readonly getCalls: GetPromptTemplateRequest[] = [];
  pageSize = 2;
  outage: Outage | undefined;
  readonly #templates: StoredTemplate[] = [];
  readonly #listeners = new Set<(event: TemplateChangeEvent) => void>();
  #gate: Promise<void> | undefined;
  #nextId = 1;

  constructor(workspaceId = "llm-test0000000000000") {
    this.workspaceId = workspaceId;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  add(name: string, content: string, type: TemplateType = "Custom"): string {
    const id = (this.#nextId++).toString(16).padStart(32, "0");
    this.#templates.push({ id, name, content, type });
    this.#emit("CreatePromptTemplate", id);
    return id;
  }

  update(id: string, change: { name?: string; content?: string }): void {
    const template = this.#find(id);
    Object.assign(template, change);
    this.#emit("UpdatePromptTemplate", id);
  }

  remove(id: string): void {
    this.#templates.splice(this.#templates.indexOf(this.#find(id)), 1);
    this.#emit("DeletePromptTemplate", id);
  }

  /** Changes a template without announcing it, as another process would. */
  updateSilently(id: string, change: { name?: string; content?: string }): void {
    Object.assign(this.#find(id), change);
  }

  /** Holds every request until the returned function is called. */
  hold(): () => void {
    let release = (): void => {};
    this.#gate = new Promise<void>((resolve) => {
      release = () => {
        this.#gate = undefined;
        resolve();
      };
    });
    return release;
  }

  emit(event: TemplateChangeEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  async listPromptTemplates(
    input: ListPromptTemplatesRequest,
  ): Promise<ListPromptTemplatesResponse> {
    this.listCalls.push(input);
    await this.#answer();
    const matches = this.#templates.filter(
      (template) =>
        (input.name === undefined || template.name.includes(input.name)) &&
        (input.type === undefined || template.type === input.type),
    );
    const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
    const page = matches.slice(start, start + this.pageSize);
    const end = start + page.length;
    return {
      maxResults: this.pageSize,
      nextToken: end < matches.length ? String(end) : "",
      promptTemplates: page.map((template) => ({
        content: template.content,
        name: template.name,
        promptTemplateId: template.id,
        type: template.type,
        variables: variablesOf(template.content),
      })),
      requestId: "REQUEST",
      totalCount: matches.length,
      workspaceId: input.workspaceId,
    };
  }

  async getPromptTemplate(input: GetPromptTemplateRequest): Promise<GetPromptTemplateResponse> {
    this.getCalls.push(input);
    await this.#answer();
    const template = this.#templates.find((candidate) => candidate.id === input.promptTemplateId);
    if (template === undefined) {
      throw ApiError.from({
        status: 404,
        code: "PromptTemplate.TemplateNotFound",
        message: "The prompt template does not exist.",
      });
    }
    return {
      content: template.content,
      name: template.name,
      promptTemplateId: template.id,
      requestId: "REQUEST",
      variables: variablesOf(template.content),
      workspaceId: input.workspaceId,
    };
  }

  onChange(listener: (event: TemplateChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #answer(): Promise<void> {
    if (this.#gate !== undefined) await this.#gate;
    switch (this.outage) {
      case undefined:
        return;
      case "connection":
        throw new ConnectionError({ message: "connect ECONNREFUSED", delivery: "not-sent" });
      case "timeout":
        throw new TimeoutError(1000);
      case "server":
        throw ApiError.from({ status: 503, code: "ServiceUnavailable", message: "unavailable" });
      case "throttling":
        throw ApiError.from({ status: 429, code: "Throttling.User", message: "slow down" });
      case "auth":
        throw ApiError.from({
          status: 400,
          code: "SignatureDoesNotMatch",
          message: "bad signature",
        });
    }
  }

  #find(id: string): StoredTemplate {
    const template = this.#templates.find((candidate) => candidate.id === id);
    if (template === undefined) throw new Error(`no template ${id}`);
    return template;
  }

  #emit(operation: TemplateChangeEvent["operation"], promptTemplateId: string): void {
    this.emit({ operation, workspaceId: this.workspaceId, promptTemplateId });
  }
}

function variablesOf(content: string): string[] {
  return [...new Set([...content.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1] ?? ""))];
}
