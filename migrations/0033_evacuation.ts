import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * The evacuation ride network (capability 9). Households that would need a ride (a member's, with
 * who consented and when), volunteer drivers and their vehicles, the shelters' capacities (places of
 * kind shelter), a coordinator's locks (a household kept with a driver), the plans the route planner
 * made (one row per household part: its driver and place in the route, or why it is not served),
 * and the log of every read of this data by a coordinator or a driver (kept without versions: a
 * read must not empty the community's stored pages).
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  const point = (table: any) =>
    table
      .addColumn('latitude', c.real, (col: any) => col.check(sql`latitude between -90 and 90`))
      .addColumn('longitude', c.real, (col: any) => col.check(sql`longitude between -180 and 180`));

  let household = db.schema
    .createTable('evacuation_household')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    // The member the household is: themselves, or a paper member a coordinator acts for.
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('address', c.text, (col) => col.notNull().defaultTo(''));
  household = point(household);
  await household
    .addColumn('people', c.integer, (col) => col.notNull().check(sql`people between 1 and 30`))
    .addColumn('wheelchairs', c.integer, (col) => col.notNull().defaultTo(0).check(sql`wheelchairs >= 0`))
    .addColumn('mobility_aids', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('pets', c.integer, (col) => col.notNull().defaultTo(0).check(sql`pets between 0 and 20`))
    .addColumn('language', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('phone', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('notes', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('buddy_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('backup_buddy_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('shelter_id', c.id, (col) => col.references('place.id').onDelete('set null'))
    .addColumn('shelter_need', c.text, (col) =>
      col.notNull().defaultTo('none').check(sql`shelter_need in ('none', 'preferred', 'needed')`),
    )
    .addColumn('may_split', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('consented_at', c.instant, (col) => col.notNull())
    // The household's own account, or the member who recorded a paper member's consent.
    .addColumn('consented_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('evacuation_household_point_ck', sql`(latitude is null) = (longitude is null)`)
    .addCheckConstraint('evacuation_household_wheelchairs_ck', sql`wheelchairs <= people`)
    .addUniqueConstraint('evacuation_household_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('evacuation_household_account_uq', ['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_household');

  let driver = db.schema
    .createTable('evacuation_driver')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('vehicle', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('seats', c.integer, (col) => col.notNull().check(sql`seats between 0 and 60`))
    .addColumn('wheelchair_places', c.integer, (col) =>
      col.notNull().defaultTo(0).check(sql`wheelchair_places between 0 and 10`),
    )
    .addColumn('pets', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('address', c.text, (col) => col.notNull().defaultTo(''));
  driver = point(driver);
  await driver
    // Comma-separated times of the week (`weekday_day`, `weekday_evening`, `night`, `weekend`).
    .addColumn('availability', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('phone', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('notes', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('consented_at', c.instant, (col) => col.notNull())
    .addColumn('consented_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('evacuation_driver_point_ck', sql`(latitude is null) = (longitude is null)`)
    .addCheckConstraint('evacuation_driver_room_ck', sql`seats + wheelchair_places >= 1`)
    .addUniqueConstraint('evacuation_driver_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('evacuation_driver_account_uq', ['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_driver');

  await db.schema
    .createTable('evacuation_shelter')
    .addColumn('community_id', c.id, community)
    .addColumn('place_id', c.id, (col) => col.notNull())
    .addColumn('capacity', c.integer, (col) => col.notNull().check(sql`capacity between 0 and 100000`))
    .addColumn('accessible', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('pets', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('evacuation_shelter_pk', ['community_id', 'place_id'])
    .addForeignKeyConstraint(
      'evacuation_shelter_place_fk',
      ['community_id', 'place_id'],
      'place',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'evacuation_shelter');

  const householdFk = (name: string) => (table: any) =>
    table.addForeignKeyConstraint(
      name,
      ['community_id', 'household_id'],
      'evacuation_household',
      ['community_id', 'id'],
      (fk: any) => fk.onDelete('cascade'),
    );
  const driverFk = (name: string) => (table: any) =>
    table.addForeignKeyConstraint(
      name,
      ['community_id', 'driver_id'],
      'evacuation_driver',
      ['community_id', 'id'],
      (fk: any) => fk.onDelete('cascade'),
    );

  await db.schema
    .createTable('evacuation_lock')
    .addColumn('community_id', c.id, community)
    .addColumn('household_id', c.id, (col) => col.notNull())
    .addColumn('driver_id', c.id, (col) => col.notNull())
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('evacuation_lock_pk', ['community_id', 'household_id'])
    .$call(householdFk('evacuation_lock_household_fk'))
    .$call(driverFk('evacuation_lock_driver_fk'))
    .execute();
  await db.schema
    .createIndex('evacuation_lock_driver_idx')
    .on('evacuation_lock')
    .columns(['community_id', 'driver_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_lock');

  await db.schema
    .createTable('evacuation_plan')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    // The time of the week it plans for ('any' or one of the drivers' availability slots).
    .addColumn('slot', c.text, (col) => col.notNull())
    .addColumn('max_minutes', c.integer, (col) => col.notNull().check(sql`max_minutes between 5 and 600`))
    .addColumn('households', c.integer, (col) => col.notNull())
    .addColumn('served', c.integer, (col) => col.notNull())
    .addColumn('drivers', c.integer, (col) => col.notNull())
    .addColumn('solve_ms', c.integer, (col) => col.notNull())
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('evacuation_plan_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('evacuation_plan_created_idx')
    .on('evacuation_plan')
    .columns(['community_id', 'created_at'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_plan');

  await db.schema
    .createTable('evacuation_route')
    .addColumn('community_id', c.id, community)
    .addColumn('plan_id', c.id, (col) => col.notNull())
    .addColumn('driver_id', c.id, (col) => col.notNull())
    .addColumn('shelter_id', c.id, (col) => col.notNull())
    // Seconds from the alert: leaving home, arriving at the shelter; metres driven.
    .addColumn('departure', c.integer, (col) => col.notNull())
    .addColumn('arrival', c.integer, (col) => col.notNull())
    .addColumn('distance', c.integer, (col) => col.notNull())
    .addPrimaryKeyConstraint('evacuation_route_pk', ['community_id', 'plan_id', 'driver_id'])
    .addForeignKeyConstraint(
      'evacuation_route_plan_fk',
      ['community_id', 'plan_id'],
      'evacuation_plan',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .$call(driverFk('evacuation_route_driver_fk'))
    .addForeignKeyConstraint(
      'evacuation_route_shelter_fk',
      ['community_id', 'shelter_id'],
      'place',
      ['community_id', 'id'],
      (fk: any) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('evacuation_route_driver_idx')
    .on('evacuation_route')
    .columns(['community_id', 'driver_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_route');

  await db.schema
    .createTable('evacuation_assignment')
    .addColumn('community_id', c.id, community)
    .addColumn('plan_id', c.id, (col) => col.notNull())
    .addColumn('household_id', c.id, (col) => col.notNull())
    // 1, or 1, 2, … when a household that may be split rides in several cars.
    .addColumn('part', c.integer, (col) => col.notNull().check(sql`part >= 1`))
    .addColumn('people', c.integer, (col) => col.notNull())
    .addColumn('wheelchairs', c.integer, (col) => col.notNull())
    // Served: the driver, the stop's place in the route (1 = first), the arrival (seconds from the alert).
    .addColumn('driver_id', c.id)
    .addColumn('position', c.integer)
    .addColumn('arrival', c.integer)
    // Not served: why (the planner's reason) and what it said (JSON, for the message's values).
    .addColumn('reason', c.text)
    .addColumn('detail', c.text)
    .addPrimaryKeyConstraint('evacuation_assignment_pk', ['community_id', 'plan_id', 'household_id', 'part'])
    .addCheckConstraint(
      'evacuation_assignment_served_ck',
      sql`(driver_id is null) = (reason is not null) and (driver_id is null) = (position is null)`,
    )
    .addForeignKeyConstraint(
      'evacuation_assignment_plan_fk',
      ['community_id', 'plan_id'],
      'evacuation_plan',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .$call(householdFk('evacuation_assignment_household_fk'))
    .$call(driverFk('evacuation_assignment_driver_fk'))
    .execute();
  await db.schema
    .createIndex('evacuation_assignment_household_idx')
    .on('evacuation_assignment')
    .columns(['community_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('evacuation_assignment_driver_idx')
    .on('evacuation_assignment')
    .columns(['community_id', 'driver_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_assignment');

  // No foreign key to the household: the log outlives a household that withdrew (it names only its id).
  await db.schema
    .createTable('evacuation_access')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('role', c.text, (col) => col.notNull())
    .addColumn('what', c.text, (col) => col.notNull())
    .addColumn('subject_id', c.id)
    .addColumn('at', c.instant, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('evacuation_access_at_idx')
    .on('evacuation_access')
    .columns(['community_id', 'at'])
    .execute();
}
