-- A data file written by @promptmill/service at schema version 2, the last release before
-- numbered migrations: the real service made it (one development key, five System templates,
-- six Created and one Deleted through signed requests) and it was dumped as SQL. The key is
-- renamed to say it is a fixture. sqlite-migrations.test.ts upgrades a copy of it.
PRAGMA user_version = 2;
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE workspaces (
  workspace_id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
CREATE TABLE templates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workspace_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('System', 'Custom')),
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  variables TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX templates_by_workspace ON templates (workspace_id, seq);
CREATE TABLE signature_nonces (
  access_key_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (access_key_id, nonce)
) WITHOUT ROWID;
CREATE INDEX signature_nonces_by_expiry
  ON signature_nonces (access_key_id, expires_at);
CREATE TABLE signature_nonce_counts (
  access_key_id TEXT PRIMARY KEY,
  stored INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO "meta" VALUES ('development-access-key', '{"accessKeyId":"LTAIfixtureDevelopment01","accessKeySecret":"fixtureSecretNotARealOne000001","workspaces":["llm-rmby8loeirivgb1c"]}');
INSERT INTO "meta" VALUES ('next-token-key', '3f5cafb57de699598dd934902d84f4d3');
INSERT INTO "workspaces" VALUES ('llm-rmby8loeirivgb1c', 1796167889416);
INSERT INTO "templates" VALUES (1, '01a233f2f20877618b6f4c3cfc18aadd', 'llm-rmby8loeirivgb1c', 'System', '小红书文案助手', '请写一篇小红书种草笔记，增加丰富的emoji元素，结尾作总结，并加上相关标签。主题为：${theme}', '["theme"]', 1796167889416, 1796167889416);
INSERT INTO "templates" VALUES (2, '01a233f2f20878caa5bcbb301d462adc', 'llm-rmby8loeirivgb1c', 'System', '会议纪要整理', '请将以下会议记录整理成结构化的会议纪要，包括会议主题、参会人员、讨论要点和待办事项。
会议主题：${topic}
参会人员：${attendees}
会议记录：
${transcript}', '["topic","attendees","transcript"]', 1796167889416, 1796167889416);
INSERT INTO "templates" VALUES (3, '01a233f2f2087ecfa41d9a5c4976dbdb', 'llm-rmby8loeirivgb1c', 'System', '中英互译', '请把下面的内容翻译成${target_language}，保持原文的语气和格式，不要添加任何解释。

${text}', '["target_language","text"]', 1796167889416, 1796167889416);
INSERT INTO "templates" VALUES (4, '01a233f2f20877b5beebf496cfa22758', 'llm-rmby8loeirivgb1c', 'System', 'Product description writer', 'Write a compelling product description for ${product_name}, aimed at ${audience}. Highlight these features: ${features}. Keep it under ${word_limit} words.', '["product_name","audience","features","word_limit"]', 1796167889416, 1796167889416);
INSERT INTO "templates" VALUES (5, '01a233f2f2087edfa5bb12fad0798aba', 'llm-rmby8loeirivgb1c', 'System', 'Email reply assistant', 'You are a professional assistant. Draft a polite reply to the email below in a ${tone} tone, and answer every question it asks.

Email:
${email}', '["tone","email"]', 1796167889416, 1796167889416);
INSERT INTO "templates" VALUES (6, '01a233f2f20d7d48bf4bbe433f9bb641', 'llm-rmby8loeirivgb1c', 'Custom', '周报助手', '请写${topic}：周报助手', '["topic"]', 1796167889421, 1796167889421);
INSERT INTO "templates" VALUES (7, '01a233f2f24975c4bc0708e77fd196b4', 'llm-rmby8loeirivgb1c', 'Custom', 'weekly report', '请写${topic}：weekly report', '["topic"]', 1796167889481, 1796167889481);
INSERT INTO "templates" VALUES (8, '01a233f2f27e716197ce3e5e967233aa', 'llm-rmby8loeirivgb1c', 'Custom', 'Weekly Report 2', '请写${topic}：Weekly Report 2', '["topic"]', 1796167889534, 1796167889534);
INSERT INTO "templates" VALUES (9, '01a233f2f2857970ba7aa5cfe679ba75', 'llm-rmby8loeirivgb1c', 'Custom', '50% off', '请写${topic}：50% off', '["topic"]', 1796167889541, 1796167889541);
INSERT INTO "templates" VALUES (10, '01a233f2f2a27d73a6428a681ee5fb57', 'llm-rmby8loeirivgb1c', 'Custom', 'a_b', '请写${topic}：a_b', '["topic"]', 1796167889570, 1796167889570);
INSERT INTO "templates" VALUES (11, '01a233f2f2b37e278b6b2cb7f7d23038', 'llm-rmby8loeirivgb1c', 'Custom', 'report draft', '请写${topic}：report draft', '["topic"]', 1796167889587, 1796167889587);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', '3f5d912086b62a08e125466ac976986f', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', '475d08b9194bda411ac6773a92727d9a', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', '5695b02258af49d13a975fb1b8bb60e9', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', '5a8a14245aa0c62f84f596e1c14dbf8b', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', '808ba20762368316a556e3f2f0a11d00', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', 'd53c6b582080aa660e58bf493e188ac8', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', 'e2026f1ecbe846bfe6d05b11962a428c', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', 'f0aa670b87f901b4fbac160f52df6a28', 1796168789000);
INSERT INTO "signature_nonces" VALUES ('LTAIfixtureDevelopment01', 'f5b1e64a4747e5a8ccb54253f8abae95', 1796168789000);
INSERT INTO "signature_nonce_counts" VALUES ('LTAIfixtureDevelopment01', 9);
UPDATE sqlite_sequence SET seq = 12 WHERE name = 'templates';
