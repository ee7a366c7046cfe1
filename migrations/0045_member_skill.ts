import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Skills by community: one row for each skill of each account in each community it has a
 * membership of (any status: the queries ask for the active ones), kept by the database in the
 * transaction of every skill and membership written, and filled here from what is there. "Who
 * could teach me" and a directory search by skill read one community's skills from one index
 * (community, kind, normalized) instead of every member's skills one member at a time, and
 * "members with skill X" is an index lookup.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('member_skill')
    .addColumn('skill_id', c.id, (col) => col.notNull().references('skill.id').onDelete('cascade'))
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('account_id', c.id, (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('normalized', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_skill_pk', ['skill_id', 'community_id'])
    .execute();
  await db.schema
    .createIndex('member_skill_by_skill_idx')
    .on('member_skill')
    .columns(['community_id', 'kind', 'normalized', 'account_id'])
    .execute();
  await db.schema
    .createIndex('member_skill_by_member_idx')
    .on('member_skill')
    .columns(['community_id', 'account_id', 'kind', 'normalized'])
    .execute();
  await sql`INSERT INTO member_skill (skill_id, community_id, account_id, kind, normalized)
    SELECT s.id, m.community_id, s.account_id, s.kind, s.normalized
    FROM skill s JOIN membership m ON m.account_id = s.account_id`.execute(db);

  const ofSkill = (row: string) =>
    `INSERT INTO member_skill (skill_id, community_id, account_id, kind, normalized)
      SELECT ${row}.id, m.community_id, ${row}.account_id, ${row}.kind, ${row}.normalized
      FROM membership m WHERE m.account_id = ${row}.account_id;`;
  const ofMembership = (row: string) =>
    `INSERT INTO member_skill (skill_id, community_id, account_id, kind, normalized)
      SELECT s.id, ${row}.community_id, s.account_id, s.kind, s.normalized
      FROM skill s WHERE s.account_id = ${row}.account_id;`;
  const dropSkill = (row: string) => `DELETE FROM member_skill WHERE skill_id = ${row}.id;`;
  const dropMembership = (row: string) =>
    `DELETE FROM member_skill WHERE community_id = ${row}.community_id AND account_id = ${row}.account_id;`;

  if (dialect === 'postgres') {
    await sql
      .raw(`CREATE FUNCTION member_skill_of_skill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN ${dropSkill('old')} END IF;
        IF TG_OP <> 'DELETE' THEN ${ofSkill('new')} END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql
      .raw(`CREATE FUNCTION member_skill_of_membership() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN ${dropMembership('old')} END IF;
        IF TG_OP <> 'DELETE' THEN ${ofMembership('new')} END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER member_skill_of_skill AFTER INSERT OR DELETE OR UPDATE OF account_id, kind, normalized
        ON skill FOR EACH ROW EXECUTE FUNCTION member_skill_of_skill()`)
      .execute(db);
    // A membership's status and role change often and move nothing here.
    await sql
      .raw(`CREATE TRIGGER member_skill_of_membership AFTER INSERT OR DELETE OR UPDATE OF community_id, account_id
        ON membership FOR EACH ROW EXECUTE FUNCTION member_skill_of_membership()`)
      .execute(db);
  } else {
    await sql
      .raw(`CREATE TRIGGER member_skill_skill_ins AFTER INSERT ON skill BEGIN ${ofSkill('new')} END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER member_skill_skill_upd AFTER UPDATE OF account_id, kind, normalized ON skill
        BEGIN ${dropSkill('old')} ${ofSkill('new')} END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER member_skill_skill_del AFTER DELETE ON skill BEGIN ${dropSkill('old')} END`)
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER member_skill_membership_ins AFTER INSERT ON membership BEGIN ${ofMembership('new')} END`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER member_skill_membership_upd AFTER UPDATE OF community_id, account_id ON membership
        BEGIN ${dropMembership('old')} ${ofMembership('new')} END`)
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER member_skill_membership_del AFTER DELETE ON membership BEGIN ${dropMembership('old')} END`,
      )
      .execute(db);
  }
  await versionTriggers(db, dialect, 'member_skill');
}
