import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Statements of one read transaction, each answered by the reader thread. */
export interface ReadTransaction {
  /** The first row as an object, or undefined. */
  get<Row>(sql: string, params: readonly unknown[]): Promise<Row | undefined>;
  /** Every row, each as an array of its columns in order. */
  rows<Row extends unknown[]>(sql: string, params: readonly unknown[]): Promise<Row[]>;
}

/**
 * The thread's code, as a script rather than a module file: it must run both from TypeScript
 * source in the repository and from the one bundled file a published package has, and a
 * string needs no loader and no second entry point. It only runs the SQL it is sent on a
 * connection of its own, and checkpoints when asked, so it holds no rule of the store. The
 * connection may write because a checkpoint writes; nothing else it runs does.
 */
const THREAD_SCRIPT = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
const statements = new Map();
parentPort.on("message", ({ id, sql, params, mode }) => {
  try {
    let result;
    if (mode === "checkpoint") {
      result = db.pragma("wal_checkpoint(PASSIVE)")[0];
    } else {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      if (mode === "run") statement.run(...params);
      else if (mode === "get") result = statement.get(...params);
      else result = statement.raw(true).all(...params);
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

type Mode = "run" | "get" | "rows" | "checkpoint";

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * The SQLite store's work that can take long, on a thread of its own, so it never holds the
 * event loop: /healthz and every other request keep being answered while it runs.
 *
 * - Reads whose cost grows with the data (a keyword List at a million templates), on a
 *   second connection to the WAL file: each transaction sees the last commit before it
 *   began, and so every write whose response was sent. They run one after another.
 * - Checkpoints: copying the WAL back into the file and fsyncing it took the committing
 *   write 40-140 ms on this machine at a million templates, stalling every request behind
 *   it. PASSIVE: it copies what no reader still needs, and never waits for the writer or
 *   makes it wait.
 *
 * The thread starts on first use.
 */
export class SqliteWorkerThread {
  readonly #file: string;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  /** The transaction in progress; the next one starts once it settles. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(file: string) {
    this.#file = file;
  }

  /** Runs `work` in one read transaction on the reader thread. */
  read<T>(work: (transaction: ReadTransaction) => Promise<T>): Promise<T> {
    const run = async () => {
      await this.#send("run", "BEGIN", []);
      try {
        return await work({
          get: (sql, params) => this.#send("get", sql, params) as Promise<never>,
          rows: (sql, params) => this.#send("rows", sql, params) as Promise<never>,
        });
      } finally {
        await this.#send("run", "COMMIT", []);
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Copies the WAL's committed pages into the file, on the thread; never blocks a writer. */
  checkpoint(): Promise<void> {
    return this.#send("checkpoint", "", []).then(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }

  #send(mode: Mode, sql: string, params: readonly unknown[]): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error("the SQLite store is closed"));
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // Only while it has work: an idle reader does not keep the process alive.
      worker.ref();
      worker.postMessage({ id, sql, params, mode });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(THREAD_SCRIPT, {
      eval: true,
      workerData: { driver, file: this.#file },
    });
    worker.on(
      "message",
      ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
        const pending = this.#pending.get(id);
        if (!pending) return;
        this.#pending.delete(id);
        if (this.#pending.size === 0) worker.unref();
        if (error === undefined) pending.resolve(result);
        else pending.reject(new Error(error));
      },
    );
    const failAll = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`the SQLite worker thread exited (${code})`)));
    this.#worker = worker;
    return worker;
  }
}
