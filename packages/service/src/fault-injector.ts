import { type FaultKind, type FaultSettings, resolveFaults } from "./settings.js";

/**
 * Decides which API requests get a fault. With a seed the decisions are a fixed sequence
 * (request n always gets the same answer), so a test that fails can be replayed.
 */
export class FaultInjector {
  #settings: FaultSettings;
  #random: () => number;

  constructor(settings: Partial<FaultSettings> = {}) {
    this.#settings = resolveFaults(settings);
    this.#random = randomSource(this.#settings.seed);
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Replaces the fault settings; given a seed, the sequence starts again from its beginning. */
  set(settings: Partial<FaultSettings>): void {
    this.#settings = resolveFaults(settings);
    this.#random = randomSource(this.#settings.seed);
  }

  /** The fault for the next request, or undefined for a normal answer. */
  draw(): FaultKind | undefined {
    const { rate, kinds } = this.#settings;
    if (rate <= 0) return undefined;
    // Both numbers are drawn on every request so the sequence does not depend on the rate.
    const hit = this.#random();
    const pick = this.#random();
    if (hit >= rate) return undefined;
    return kinds[Math.floor(pick * kinds.length)];
  }
}

function randomSource(seed: number | undefined): () => number {
  return seed === undefined ? Math.random : mulberry32(seed);
}

/** A tiny seedable PRNG (Mulberry32): plenty for spreading faults, not for anything secret. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
