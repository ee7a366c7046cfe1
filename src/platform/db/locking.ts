/**
 * Locking, written the same way for both databases. A service that reads, checks and then
 * writes in one transaction reads the rows its decision rests on with `.forUpdate()` (the
 * stores' `lock*` functions), and that is all it does:
 * - PostgreSQL: `SELECT … FOR UPDATE` holds those rows until COMMIT, so two transactions
 *   deciding on the same item (two approvals, two uploads, the last steward leaving) run one
 *   after the other, and others are not held up.
 * - SQLite allows one writer per file. Every transaction begins `BEGIN IMMEDIATE`
 *   (https://sqlite.org/lang_transaction.html), taking the write lock at once — waiting out the
 *   busy timeout while another process writes — so its reads and checks cannot interleave with
 *   another writer, and it never fails with SQLITE_BUSY when its first write would have to
 *   upgrade a read lock taken on an older snapshot. `FOR UPDATE` is not SQLite syntax:
 *   `SqliteRowLocks` drops it from the statement there.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectModifierNode,
  type SelectQueryNode,
  type UnknownRow,
} from 'kysely';

/** Row-lock clauses PostgreSQL knows and SQLite does not. */
const rowLocks = new Set(['ForUpdate', 'ForNoKeyUpdate', 'ForShare', 'ForKeyShare', 'NoWait', 'SkipLocked']);

/** A Kysely plugin for SQLite: drops `FOR UPDATE` and its kin (the transaction is the lock there). */
export class SqliteRowLocks implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind !== 'SelectQueryNode') return node;
    const select = node as SelectQueryNode;
    const kept = select.endModifiers?.filter(
      (m: SelectModifierNode) => !m.modifier || !rowLocks.has(m.modifier),
    );
    if (kept?.length === select.endModifiers?.length) return node;
    return { ...select, endModifiers: kept?.length ? kept : undefined };
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/** SQLite's `dialect`, whose transactions begin `BEGIN IMMEDIATE` (see above). */
export function immediateTransactions(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver(): Driver {
      const inner = dialect.createDriver();
      return {
        init: () => inner.init(),
        acquireConnection: () => inner.acquireConnection(),
        async beginTransaction(connection: DatabaseConnection) {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        },
        commitTransaction: (connection) => inner.commitTransaction(connection),
        rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
        savepoint: inner.savepoint?.bind(inner),
        rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
        releaseSavepoint: inner.releaseSavepoint?.bind(inner),
        releaseConnection: (connection) => inner.releaseConnection(connection),
        destroy: () => inner.destroy(),
      };
    },
  };
}
