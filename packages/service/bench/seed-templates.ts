// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import Database from "better-sqlite3";
import pg from "pg";
import { SYSTEM_TEMPLATES } from "../src/internal/system-templates.js";
import { openTemplateStore, type StoreLocation } from "../src/store/open-template-store.js";
import { newTemplateId } from "../src/store/template-id.js";

/**
 * The templates of the scale benchmark, the same on both stores: template i (from 1) is a
 * Custom template named after one of 13 topics, in Chinese or English. Keywords with a known
 * share of matches, at any size:
 *   - FEW_KEYWORD ("needle") is in exactly 5 names, spread over the workspace;
 *   - TENTH_KEYWORD ("tenth") is in every tenth name;
 *   - SHORT_KEYWORD ("纪要", two code points: no trigram) is in every thirteenth.
 */
export const FEW_KEYWORD = "needle";
export const TENTH_KEYWORD = "tenth";
export const SHORT_KEYWORD = "纪要";

const TOPICS = [
  "周报",
  "会议纪要",
  "产品介绍",
  "客服回复",
  "邮件草稿",
  "小红书文案",
  "translation",
  "summary",
  "release notes",
  "FAQ answer",
  "onboarding",
  "推广文案",
  "code review",
];

export const SEED_VARIABLES = ["product", "tone", "audience", "limit"];

export function seedName(i: number, count: number): string {
  const few = Array.from({ length: 5 }, (_, k) => Math.floor((count * (2 * k + 1)) / 10) + 1);
  return `${TOPICS[i % TOPICS.length]} 模板 ${i}${i % 10 === 0 ? ` ${TENTH_KEYWORD}` : ""}${
    few.includes(i) ? ` ${FEW_KEYWORD}` : ""
  }`;
}

export function seedContent(i: number): string {
  return `请为\${product}写一段第${i}号介绍，语气\${tone}，面向\${audience}。Keep it under \${limit} words and mention ${TOPICS[i % TOPICS.length]}.`;
}

const BATCH = 5_000;

/**
 * Puts `count` Custom templates (after the five System ones) into `workspaceId`, straight
 * into the database rather than through the API: a million signed Creates would take the
 * benchmark longer than everything else. The store's own triggers keep the counts and the
 * keyword index, as for any write. Returns the seconds it took.
 */
export async function seedTemplates(
  location: StoreLocation,
  workspaceId: string,
  count: number,
): Promise<number> {
  const started = performance.now();
  // Through the store first: its schema, and the workspace with its System templates.
  const store = await openTemplateStore(location);
  const { extractVariables } = await import("@promptmill/core");
  await store.ensureWorkspace(
    workspaceId,
    SYSTEM_TEMPLATES.map((template) => ({
      ...template,
      variables: extractVariables(template.content),
    })),
  );
  await store.close();
  if (location.database === undefined) seedSqlite(location.dataFile, workspaceId, count);
  else await seedPostgres(location.database, workspaceId, count);
  return (performance.now() - started) / 1000;
}

function seedSqlite(file: string, workspaceId: string, count: number): void {
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO templates (id, workspace_id, type, name, content, variables, created_at, updated_at)
     VALUES (?, ?, 'Custom', ?, ?, ?, ?, ?)`,
  );
  const variables = JSON.stringify(SEED_VARIABLES);
  const insertBatch = db.transaction((from: number, to: number) => {
    const now = Date.now();
    for (let i = from; i < to; i++) {
      insert.run(
        newTemplateId(),
        workspaceId,
        seedName(i, count),
        seedContent(i),
        variables,
        now,
        now,
      );
    }
  });
  for (let from = 1; from <= count; from += BATCH * 10) {
    insertBatch(from, Math.min(count + 1, from + BATCH * 10));
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

async function seedPostgres(url: string, workspaceId: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const variables = JSON.stringify(SEED_VARIABLES);
    for (let from = 1; from <= count; from += BATCH) {
      const indexes = Array.from({ length: Math.min(BATCH, count + 1 - from) }, (_, k) => from + k);
      await client.query(
        `INSERT INTO templates (id, workspace_id, type, name, content, variables, created_at, updated_at)
         SELECT id, $1, 'Custom', name, content, $5, $6, $6
         FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS s(id, name, content, n)
         ORDER BY n`,
        [
          workspaceId,
          indexes.map(() => newTemplateId()),
          indexes.map((i) => seedName(i, count)),
          indexes.map((i) => seedContent(i)),
          variables,
          Date.now(),
        ],
      );
    }
    // What autovacuum would do after a bulk load: statistics for the planner, and the
    // visibility map that lets index scans skip the table.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}
