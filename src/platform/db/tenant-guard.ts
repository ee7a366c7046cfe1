import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Thrown (in tests) when a query on a community table has no `community_id` condition. */
export class TenantScopeError extends Error {}

/**
 * A Kysely plugin for tests: refuses a select, update or delete whose main table is one of
 * `tables` unless its WHERE clause mentions `community_id`. Insert carries the column itself.
 * It looks at the query tree, so it works the same on both dialects.
 */
export class TenantGuardPlugin implements KyselyPlugin {
  constructor(private readonly tables: readonly string[]) {}

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const kind = node.kind;
    if (kind === 'SelectQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') {
      const table = mainTable(node);
      if (
        table &&
        this.tables.includes(table) &&
        !mentionsCommunity((node as { where?: OperationNode }).where)
      ) {
        throw new TenantScopeError(`${kind} on "${table}" without a community_id condition`);
      }
    }
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

function mainTable(node: RootOperationNode): string | undefined {
  const n = node as any;
  const source = n.from?.froms?.[0] ?? n.table;
  const table = source?.kind === 'AliasNode' ? source.node : source;
  const name = table?.table?.identifier?.name;
  return typeof name === 'string' ? snake(name) : undefined;
}

function mentionsCommunity(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as Record<string, unknown>;
  if (n.kind === 'IdentifierNode' && (n.name === 'community_id' || n.name === 'communityId')) return true;
  return Object.values(n).some((v) => (Array.isArray(v) ? v.some(mentionsCommunity) : mentionsCommunity(v)));
}

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
