import { describe, expect, it } from "vitest";
import { diffWorkspaces } from "./workspace-diff.js";

describe("diffWorkspaces", () => {
  it("sorts source templates into added, changed and same by name", () => {
    const diff = diffWorkspaces(
      [
        { name: "new", content: "a" },
        { name: "edited", content: "v2" },
        { name: "kept", content: "same" },
      ],
      [
        { name: "edited", content: "v1" },
        { name: "kept", content: "same" },
        { name: "only in target", content: "x" },
      ],
    );
    expect(diff).toEqual({
      added: ["new"],
      changed: ["edited"],
      same: ["kept"],
      duplicatesInSource: [],
      ambiguousInTarget: [],
    });
  });

  it("keeps the first of repeated source names and flags names the target holds twice", () => {
    const diff = diffWorkspaces(
      [
        { name: "twice", content: "first" },
        { name: "twice", content: "second" },
        { name: "twin in target", content: "new text" },
        { name: "twin with a match", content: "b" },
      ],
      [
        { name: "twin in target", content: "1" },
        { name: "twin in target", content: "2" },
        { name: "twin with a match", content: "a" },
        { name: "twin with a match", content: "b" },
      ],
    );
    expect(diff.added).toEqual(["twice"]);
    expect(diff.duplicatesInSource).toEqual(["twice"]);
    expect(diff.ambiguousInTarget).toEqual(["twin in target"]);
    expect(diff.same).toEqual(["twin with a match"]);
  });
});
