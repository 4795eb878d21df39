import { describe, expect, it } from "vitest";
import { FaultInjector } from "./fault-injector.js";
import type { FaultKind } from "./settings.js";

function draws(injector: FaultInjector, count: number) {
  return Array.from({ length: count }, () => injector.draw());
}

describe("FaultInjector", () => {
  it("injects nothing by default", () => {
    expect(draws(new FaultInjector(), 50).every((fault) => fault === undefined)).toBe(true);
  });

  it("repeats its sequence for a seed and starts it over on set()", () => {
    const kinds: FaultKind[] = ["error500", "throttle", "cut-after-commit"];
    const injector = new FaultInjector({ rate: 0.3, kinds, seed: 7 });
    const first = draws(injector, 200);
    expect(draws(new FaultInjector({ rate: 0.3, kinds, seed: 7 }), 200)).toEqual(first);
    injector.set({ rate: 0.3, kinds, seed: 7 });
    expect(draws(injector, 200)).toEqual(first);
    expect(draws(new FaultInjector({ rate: 0.3, kinds, seed: 8 }), 200)).not.toEqual(first);
  });

  it("hits about the share asked for, spread over the kinds", () => {
    const injector = new FaultInjector({ rate: 0.25, kinds: ["error500", "throttle"], seed: 1 });
    const faults = draws(injector, 4000);
    const hits = faults.filter((fault) => fault !== undefined).length;
    expect(hits / faults.length).toBeGreaterThan(0.2);
    expect(hits / faults.length).toBeLessThan(0.3);
    expect(new Set(faults)).toEqual(new Set([undefined, "error500", "throttle"]));
  });

  it("always faults at rate 1 and refuses a rate outside 0..1", () => {
    expect(draws(new FaultInjector({ rate: 1, kinds: ["throttle"] }), 20)).toEqual(
      Array(20).fill("throttle"),
    );
    expect(() => new FaultInjector({ rate: 1.5 })).toThrow();
  });
});
