import type { Reporter, TestModule } from "vitest/node";
import { type AttackRecord, formatAttackTable } from "./attack-record.js";

/**
 * Prints one table of every attack class of the run: class, attempts, attempts accepted.
 *   npx vitest run src/security --reporter=default --reporter=./src/security/__test__/attack-table-reporter.ts
 */
export default class AttackTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const records: AttackRecord[] = [];
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        records.push(...(testCase.meta().attacks ?? []));
      }
    }
    if (records.length === 0) return;
    records.sort((a, b) => a.attackClass.localeCompare(b.attackClass));
    process.stdout.write(`\nSecurity suite: every attack class\n${formatAttackTable(records)}\n\n`);
  }
}
