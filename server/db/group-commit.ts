// Group commit: the writes that arrive together share one transaction, so one disk flush acknowledges them all.
//
// On SQLite every commit waits for the disk (synchronous=FULL); one ballot per transaction caps a server at the disk's
// flushes per second. Here each piece of work runs in its own savepoint inside a shared transaction: a piece that
// fails is rolled back alone and its caller gets its error at once; the others are answered only after the COMMIT that
// holds them, so nothing is acknowledged that a crash could lose. Work queued while a batch runs forms the next batch.
// PostgreSQL writes from a pool of connections in parallel, so there each piece keeps a transaction of its own.
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { Database, Dialect } from './database.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** The most pieces of work one transaction takes: a bound on how long the connection is held. */
const MAX_BATCH = 256;

class Batcher {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the requests read in this turn of the event loop have queued their work.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const jobs = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    const done: Array<{ job: Job; value: unknown }> = [];
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await this.db.startTransaction().execute();
      for (const job of jobs) {
        const inSavepoint = await trx.savepoint('piece').execute();
        try {
          const value = await job.work(inSavepoint);
          await inSavepoint.releaseSavepoint('piece').execute();
          done.push({ job, value });
        } catch (err) {
          await inSavepoint.rollbackToSavepoint('piece').execute();
          await inSavepoint.releaseSavepoint('piece').execute();
          job.reject(err);
        }
      }
      await trx.commit().execute();
    } catch (err) {
      // The transaction itself failed (the disk, a lost connection): nothing in it was written, so every caller hears
      // the error (a piece already refused keeps its own: a settled promise ignores a second reject).
      if (trx)
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      for (const job of jobs) job.reject(err);
      return;
    }
    for (const { job, value } of done) job.resolve(value);
  }
}

const batchers = new WeakMap<Kysely<Database>, Batcher>();

/**
 * Runs `work` in a transaction, sharing it with the other work queued in the same moment on SQLite. `work` must use
 * only the transaction it is given (never the database handle) and must be safe to run after other pieces of work.
 */
export function inGroupCommit<T>(db: Kysely<Database>, dialect: Dialect, work: Work<T>): Promise<T> {
  if (dialect !== 'sqlite') return db.transaction().execute(work);
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new Batcher(db);
    batchers.set(db, batcher);
  }
  return batcher.run(work);
}
