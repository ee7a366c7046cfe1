import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * Conversations about something in a community (a post, later a loan…): who takes part, and
 * their messages. `subject_type`/`subject_id` name the thing without a foreign key, so any
 * feature can open one.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('conversation')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('subject_type', c.text, (col) => col.notNull())
    .addColumn('subject_id', c.id, (col) => col.notNull())
    // Set when a participant asks a steward to look; stewards may read it from then on.
    .addColumn('steward_asked_at', c.instant)
    .addColumn('steward_asked_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('conversation_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('conversation_subject_idx')
    .on('conversation')
    .columns(['community_id', 'subject_type', 'subject_id'])
    .execute();

  await db.schema
    .createTable('conversation_participant')
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('conversation_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('role', c.text, (col) => col.notNull().check(sql`role in ('owner', 'participant')`))
    .addPrimaryKeyConstraint('conversation_participant_pk', ['community_id', 'conversation_id', 'account_id'])
    .addForeignKeyConstraint(
      'conversation_participant_conversation_fk',
      ['community_id', 'conversation_id'],
      'conversation',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('conversation_participant_account_idx')
    .on('conversation_participant')
    .columns(['community_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('message')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('conversation_id', c.id, (col) => col.notNull())
    .addColumn('author_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('message_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'message_conversation_fk',
      ['community_id', 'conversation_id'],
      'conversation',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('message_conversation_created_idx')
    .on('message')
    .columns(['community_id', 'conversation_id', 'created_at'])
    .execute();
}
