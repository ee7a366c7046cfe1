import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/** Communities, memberships (with their history) and invites. */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('community')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('slug', c.text, (col) => col.notNull().unique())
    .addColumn('name', c.text, (col) => col.notNull())
    .addColumn('description', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('area_lat', c.real)
    .addColumn('area_lng', c.real)
    .addColumn('area_radius_m', c.integer)
    .addColumn('languages', c.text, (col) => col.notNull())
    .addColumn('time_zone', c.text, (col) => col.notNull())
    .addColumn('rhythm', c.text, (col) =>
      col.notNull().check(sql`rhythm in ('weekly', 'monthly', 'seasonal')`),
    )
    .addColumn('join_policy', c.text, (col) =>
      col.notNull().check(sql`join_policy in ('open', 'invite', 'approval')`),
    )
    .addColumn('chat_url', c.text)
    .addColumn('paper_members', c.flag, (col) =>
      col.notNull().defaultTo(1).check(sql`paper_members in (0, 1)`),
    )
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('archived_at', c.instant)
    .execute();

  await db.schema
    .createTable('invite')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('code', c.text, (col) => col.notNull().unique())
    .addColumn('label', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('expires_at', c.instant)
    .addColumn('max_uses', c.integer)
    .addColumn('uses', c.integer, (col) => col.notNull().defaultTo(0))
    .addColumn('revoked_at', c.instant)
    .addUniqueConstraint('invite_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('invite_community_idx')
    .on('invite')
    .columns(['community_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('membership')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('role', c.text, (col) =>
      col.notNull().check(sql`role in ('member', 'steward', 'coordinator')`),
    )
    .addColumn('status', c.text, (col) =>
      col.notNull().check(sql`status in ('pending', 'active', 'declined', 'left', 'removed')`),
    )
    .addColumn('message', c.text)
    .addColumn('invite_id', c.id)
    .addColumn('requested_at', c.instant, (col) => col.notNull())
    .addColumn('joined_at', c.instant)
    .addColumn('ended_at', c.instant)
    .addColumn('decided_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addUniqueConstraint('membership_community_account_uq', ['community_id', 'account_id'])
    .addUniqueConstraint('membership_community_id_uq', ['community_id', 'id'])
    // Composite key: a membership can only point at an invite of its own community.
    .addForeignKeyConstraint('membership_invite_fk', ['community_id', 'invite_id'], 'invite', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('membership_community_status_idx')
    .on('membership')
    .columns(['community_id', 'status', 'role'])
    .execute();
  await db.schema.createIndex('membership_account_idx').on('membership').column('account_id').execute();
}
