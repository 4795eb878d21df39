import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fillWorkspace, startTestService, type TestService } from "../__test__/local-service.js";
import { chooseExistingStrategy, openWorkspaceView } from "./workspace-view.js";

describe("chooseExistingStrategy", () => {
  it("lists when the workspace has no more pages than the file has rows, else looks names up", () => {
    expect(chooseExistingStrategy(0, 0)).toBe("listing");
    expect(chooseExistingStrategy(1_000, 10)).toBe("listing");
    expect(chooseExistingStrategy(1_001, 10)).toBe("lookup");
    expect(chooseExistingStrategy(100_000, 10)).toBe("lookup");
    expect(chooseExistingStrategy(1_000_000, 100_000)).toBe("listing");
  });
});

describe("openWorkspaceView", () => {
  let svc: TestService;
  beforeEach(async () => {
    svc = await startTestService();
    await fillWorkspace(svc, 250, "t ");
    await svc.client.createPromptTemplate({
      workspaceId: svc.workspaceId,
      name: "T 7",
      content: "x",
    });
  });
  afterEach(() => svc.close());

  it("gives the same facts listing or looking up, at the cost it says", async () => {
    const listing = await openWorkspaceView(svc.client, svc.workspaceId, 10);
    const lookup = await openWorkspaceView(svc.client, svc.workspaceId, 1);
    expect([listing.strategy, lookup.strategy]).toEqual(["listing", "lookup"]);
    expect([listing.templateCount, lookup.templateCount]).toEqual([251, 251]);
    expect(listing.requests).toBe(3);
    for (const name of ["T 7", "t 250", "nothing"]) {
      expect(await lookup.facts(name)).toEqual(await listing.facts(name));
    }
    const facts = await listing.facts("t 7");
    expect(facts.existing).toHaveLength(1);
    expect(facts.nearDuplicates).toEqual([
      { kind: "template", id: expect.any(String), name: "T 7" },
    ]);
    // The first page; then "T 7" and its folded form "t 7", one page each; one for each other.
    expect(lookup.requests).toBe(1 + 2 + 1 + 1);
    // What a lookup cannot see: List's keyword is case-sensitive, so from a lower-case name it
    // finds no name that differs only by upper case. Listing sees it (README, "Near-duplicates").
    expect((await lookup.facts("t 7")).nearDuplicates).toEqual([]);
  });
});
