/** One attack class: how many attempts were made and how many the service let through. */
export interface AttackRecord {
  attackClass: string;
  tried: number;
  accepted: number;
}

declare module "vitest" {
  interface TaskMeta {
    attacks?: AttackRecord[];
  }
}

export function formatAttackTable(records: readonly AttackRecord[]): string {
  const width = Math.max(12, ...records.map((record) => record.attackClass.length));
  const rows = records.map(
    (record) =>
      `${record.attackClass.padEnd(width)}  ${String(record.tried).padStart(5)}  ${String(record.accepted).padStart(8)}`,
  );
  return [`${"attack class".padEnd(width)}  tried  accepted`, ...rows].join("\n");
}
