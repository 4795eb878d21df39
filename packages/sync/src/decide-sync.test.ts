// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
import { decideSync } from "./decide-sync.js";
import { indexFolder } from "./folder-index.js";
import type { PromptFile } from "./prompt-file.js";
import type { WorkspaceTemplate } from "./workspace-state.js";

const WS = "llm-aaaaaaaaaaaaaaaa";

function folder(files: Record<string, PromptFile>) {
  const indexed = indexFolder(
    {
      files: Object.entries(files).map(([path, file]) => ({
        path,
        file,
        contentLine: file.id === undefined ? 1 : 6,
        text: "",
      })),
      problems: [],
    },
    WS,
  );
  if ("problems" in indexed) throw new Error(JSON.stringify(indexed.problems));
  return indexed.index;
}

const custom = (id: string, name: string, content: string): WorkspaceTemplate => ({
  id,
  name,
  content,
  type: "Custom",
});

const workspace = [
  custom("id-a", "alpha", "A ${x}"),
  custom("id-b", "beta", "B"),
  custom("id-c", "gamma", "C"),
  custom("id-d", "delta", "D"),
  { id: "id-s", name: "system one", content: "S", type: "System" as const },
];

describe("decideSync", () => {
  it("creates, updates (renames as renames), keeps and leaves only-in-workspace templates", () => {
    const index = folder({
      "alpha.prompt": { name: "alpha", content: "A ${x}", id: "id-a", workspaceId: WS },
      "beta.prompt": { name: "beta", content: "B, edited", id: "id-b", workspaceId: WS },
      "gamma.prompt": { name: "gamma renamed", content: "C", id: "id-c", workspaceId: WS },
      "new.prompt": { name: "new one", content: "N" },
    });
    const result = decideSync(index, workspace, { prune: false });
    expect(result).toEqual({
      decision: {
        warnings: [],
        actions: [
          { kind: "create", path: "new.prompt", name: "new one", content: "N", reason: "new" },
          {
            kind: "update",
            path: "beta.prompt",
            id: "id-b",
            from: { name: "beta", content: "B" },
            to: { name: "beta", content: "B, edited" },
            adopt: false,
          },
          {
            kind: "update",
            path: "gamma.prompt",
            id: "id-c",
            from: { name: "gamma", content: "C" },
            to: { name: "gamma renamed", content: "C" },
            adopt: false,
          },
          { kind: "only-in-workspace", id: "id-d", name: "delta", prune: false },
          { kind: "unchanged", path: "alpha.prompt", id: "id-a", adopt: false },
        ],
      },
    });
  });

  it("deletes only-in-workspace Custom templates with prune, never System ones", () => {
    const result = decideSync(folder({}), workspace, { prune: true });
    expect("decision" in result && result.decision.actions.map((action) => action.kind)).toEqual([
      "only-in-workspace",
      "only-in-workspace",
      "only-in-workspace",
      "only-in-workspace",
    ]);
    expect(
      "decision" in result &&
        result.decision.actions.every((action) => "prune" in action && action.prune),
    ).toBe(true);
    expect(JSON.stringify(result)).not.toContain("id-s");
  });

  it("adopts a file without an id that is the only template of its name", () => {
    const result = decideSync(
      folder({ "a.prompt": { name: "alpha", content: "A ${x}" } }),
      workspace,
      {
        prune: false,
      },
    );
    expect(
      "decision" in result && result.decision.actions.find((action) => action.kind === "unchanged"),
    ).toEqual({ kind: "unchanged", path: "a.prompt", id: "id-a", adopt: true });
  });

  it("recreates a template the workspace lost, keeping the file", () => {
    const index = folder({
      "x.prompt": { name: "x", content: "X", id: "id-gone", workspaceId: WS },
    });
    const result = decideSync(index, workspace, { prune: false });
    expect("decision" in result && result.decision.actions[0]).toMatchObject({
      kind: "create",
      reason: "deleted-in-workspace",
    });
  });

  it("refuses what it cannot do without guessing, naming each file", () => {
    const index = folder({
      "broken.prompt": { name: "broken", content: "Hi ${name" },
      "system.prompt": {
        name: "system one",
        content: "S changed",
        id: "id-s",
        workspaceId: WS,
        type: "System",
      },
      "twin-1.prompt": { name: "twin", content: "1" },
      "twin-2.prompt": { name: "twin", content: "2" },
      "taken.prompt": { name: "beta", content: "another beta", id: undefined },
      "beta.prompt": { name: "beta", content: "B", id: "id-b", workspaceId: WS },
    });
    const result = decideSync(index, workspace, { prune: false });
    expect(
      "problems" in result && result.problems.map((problem) => [problem.path, problem.line]),
    ).toEqual([
      ["broken.prompt", 1],
      ["system.prompt", 1],
      ["taken.prompt", 1],
      ["twin-2.prompt", 1],
    ]);
    const messages = "problems" in result ? result.problems.map((problem) => problem.message) : [];
    expect(messages[0]).toContain("unterminated-placeholder");
    expect(messages[1]).toContain("is a System template: it cannot be changed");
    expect(messages[2]).toContain('a new template named "beta", a name beta.prompt already has');
    expect(messages[3]).toContain('a new template named "twin", a name twin-1.prompt already has');
  });

  it("reports lint warnings with their line in the file", () => {
    const index = folder({
      "w.prompt": { name: "w", content: "one\n${ spaced }", id: "id-a", workspaceId: WS },
    });
    const result = decideSync(index, workspace, { prune: false });
    expect("decision" in result && result.decision.warnings).toEqual([
      expect.objectContaining({
        path: "w.prompt",
        line: 7,
        column: 1,
        code: "placeholder-whitespace",
      }),
    ]);
  });
});
