import { afterAll, expect, type TestContext } from "vitest";
import { type AttackRecord, formatAttackTable } from "./attack-record.js";

const recorded: AttackRecord[] = [];

/**
 * Records the outcome of an attack for the table, then fails the test unless every attempt
 * was refused. The numbers in the table are the ones this assertion checked.
 */
export function expectAllRefused(
  context: TestContext,
  attackClass: string,
  outcomes: readonly boolean[],
): void {
  const record = {
    attackClass,
    tried: outcomes.length,
    accepted: outcomes.filter((accepted) => accepted).length,
  };
  recorded.push(record);
  context.task.meta.attacks = [...(context.task.meta.attacks ?? []), record];
  expect(record.tried).toBeGreaterThan(0);
  expect(record, `${attackClass}: accepted attempts`).toMatchObject({ accepted: 0 });
}

/** Prints this file's rows once its tests ran; the reporter prints all files' together. */
export function printAttackTableAfterAll(): void {
  afterAll(() => {
    if (recorded.length > 0) console.log(`\n${formatAttackTable(recorded)}\n`);
  });
}
