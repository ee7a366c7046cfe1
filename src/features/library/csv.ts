/**
 * The spreadsheet round trip. Import: a "who has what" CSV (comma or semicolon, English or
 * Spanish headers and values) is checked as a whole and previewed with every problem named by
 * row and column, what each row will do (a new item, a change to the item its `id` names, or
 * nothing) and the columns Porch does not know (not imported, and said so); nothing is written
 * unless every row is valid, and then all rows in one transaction, so importing the exported
 * file unchanged changes nothing. Export: the catalog (with each item's id), the loans and the
 * overdue list, with cells that a spreadsheet would run as formulas defused (OWASP "CSV
 * injection").
 */

import { parse } from 'csv-parse/sync';
import type { Insertable } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Item, ItemTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, Invalid } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { isName } from '../../platform/names.ts';
import { graphemeCount } from '../../platform/text.ts';
import { contactsOf, findMemberByEmail } from '../profiles/service.ts';
import { record, requireLibrarySteward } from './access.ts';
import { listOverdue } from './desk.ts';
import { categories, conditions, valueBands } from './schema.ts';
import { indexItem } from './searchable.ts';
import * as store from './store.ts';

/** Most rows in one import. */
export const maxImportRows = 1000;

/** The columns, as the export writes them and the import reads them. */
const columns = [
  'id',
  'name',
  'category',
  'condition',
  'value',
  'owner',
  'pickup_place',
  'rules',
  'loan_days',
] as const;
type Column = (typeof columns)[number];
const required: Column[] = ['name', 'category', 'condition', 'owner'];

/** Header spellings accepted for each column (folded: lower case, no accents, `_` for spaces). */
const headerAliases: Record<string, Column> = {
  id: 'id',
  item_id: 'id',
  name: 'name',
  item: 'name',
  nombre: 'name',
  objeto: 'name',
  articulo: 'name',
  category: 'category',
  categoria: 'category',
  tipo: 'category',
  condition: 'condition',
  estado: 'condition',
  condicion: 'condition',
  value: 'value',
  value_band: 'value',
  valor: 'value',
  owner: 'owner',
  owner_email: 'owner',
  email: 'owner',
  dueno: 'owner',
  propietario: 'owner',
  correo: 'owner',
  pickup_place: 'pickup_place',
  pickup: 'pickup_place',
  place: 'pickup_place',
  lugar: 'pickup_place',
  lugar_de_recogida: 'pickup_place',
  recogida: 'pickup_place',
  rules: 'rules',
  lending_rules: 'rules',
  reglas: 'rules',
  normas: 'rules',
  loan_days: 'loan_days',
  days: 'loan_days',
  loan_length: 'loan_days',
  dias: 'loan_days',
  dias_de_prestamo: 'loan_days',
  plazo: 'loan_days',
};
const shedWords = new Set(['shed', 'community', 'cobertizo', 'comunidad', 'caseta']);
/** Columns the export adds for people to read, which the import passes over (the owner column decides). */
const readOnlyColumns = new Set(['owner_name', 'place']);

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Maps a cell to a code: the code itself or its label in English or Spanish. */
function codeFor(kind: string, codes: readonly string[], cell: string): string | undefined {
  const v = fold(cell);
  for (const code of codes) {
    if (v === code) return code;
    for (const locale of ['en', 'es'] as const) {
      if (v === fold(translator(locale)(`library.${kind}.${code}`))) return code;
    }
  }
  return undefined;
}

/** One problem of an import: 1-based spreadsheet row (the header is row 1) and column. */
export interface RowError {
  row: number;
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

/** What importing a row does: add an item, change the item its id names, or nothing. */
export type RowOutcome = 'new' | 'changed' | 'unchanged';

/** An import checked but not written. */
export interface ImportPreview {
  rows: {
    row: number;
    outcome: RowOutcome;
    /** The item the row's id names, when it is one of this community's live items. */
    itemId: string | null;
    name: string;
    category: string;
    condition: string;
    valueBand: string;
    owner: string;
    pickupPlace: string;
    rules: string;
    loanDays: number;
  }[];
  errors: RowError[];
  /** Headers Porch does not know, as written: their cells are not imported. */
  unknownColumns: string[];
  /** How many rows add, change or leave an item. */
  counts: Record<RowOutcome, number>;
  /** The file's text, to send back when confirming. */
  csv: string;
}

type ItemFields = Pick<
  Item,
  'name' | 'category' | 'condition' | 'valueBand' | 'pickupPlace' | 'rules' | 'loanDays'
>;
const compared = ['name', 'category', 'condition', 'valueBand', 'pickupPlace', 'rules', 'loanDays'] as const;

/** Checks a CSV without writing anything (stewards). */
export async function previewImport(ctx: Ctx, text: string): Promise<ImportPreview> {
  requireLibrarySteward(ctx);
  return (await check(ctx, text)).preview;
}

async function check(ctx: Ctx, text: string) {
  const { communityId } = requireLibrarySteward(ctx);
  const errors: RowError[] = [];
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const preview: ImportPreview = { rows: [], errors, unknownColumns: [], counts, csv: text };
  const owners: (string | null)[] = [];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    errors.push({ row: line, column: '', code: 'library.import.unreadable' });
    return { preview, owners };
  }
  if (records.length < 2) {
    errors.push({ row: 1, column: '', code: 'library.import.empty' });
    return { preview, owners };
  }
  const header = records[0].map((h) => headerAliases[fold(h)]);
  preview.unknownColumns = records[0].filter(
    (h, i) => h.trim() !== '' && !header[i] && !readOnlyColumns.has(fold(h)),
  );
  for (const col of required) {
    if (!header.includes(col)) errors.push({ row: 1, column: col, code: 'library.import.missing_column' });
  }
  if (errors.length) return { preview, owners };
  if (records.length - 1 > maxImportRows) {
    errors.push({
      row: maxImportRows + 2,
      column: '',
      code: 'library.import.too_many_rows',
      params: { max: maxImportRows },
    });
    return { preview, owners };
  }
  const emails = new Map<string, string | undefined>();
  const existing = new Map((await store.listItemsForExport(ctx.db, communityId)).map((it) => [it.id, it]));
  const seenIds = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const row = i + 1;
    const cell = (col: Column) => {
      const at = header.indexOf(col);
      return at < 0 ? '' : (records[i][at] ?? '').trim();
    };
    const fail = (column: Column, code: string, params?: Record<string, unknown>) =>
      errors.push({ row, column, code, params });
    const has = (col: Column) => header.includes(col);
    const id = cell('id');
    const match = id ? existing.get(id) : undefined;
    if (id && seenIds.has(id)) fail('id', 'library.import.duplicate_id', { first: seenIds.get(id) });
    if (id) seenIds.set(id, row);
    const name = cell('name');
    if (!name) fail('name', 'validation.required');
    else if (graphemeCount(name) > 120)
      fail('name', 'validation.maxLength', { limit: 120, length: graphemeCount(name) });
    else if (!isName(name)) fail('name', 'validation.name');
    const category = codeFor('category', categories, cell('category'));
    if (!category) fail('category', 'library.import.unknown_category');
    const condition = codeFor('condition', conditions, cell('condition'));
    if (!condition) fail('condition', 'library.import.unknown_condition');
    // A matched item keeps what a column left out of the file says; otherwise the defaults.
    const valueBand = cell('value')
      ? codeFor('value', valueBands, cell('value'))
      : match && !has('value')
        ? match.valueBand
        : 'medium';
    if (!valueBand) fail('value', 'library.import.unknown_value');
    const daysText = cell('loan_days');
    const loanDays = daysText === '' ? (match && !has('loan_days') ? match.loanDays : 7) : Number(daysText);
    if (!Number.isInteger(loanDays) || loanDays < 1 || loanDays > 90)
      fail('loan_days', 'library.import.bad_days');
    const pickupPlace = match && !has('pickup_place') ? match.pickupPlace : cell('pickup_place');
    if (graphemeCount(pickupPlace) > 200)
      fail('pickup_place', 'validation.maxLength', { limit: 200, length: graphemeCount(pickupPlace) });
    const rules = match && !has('rules') ? match.rules : cell('rules');
    if (graphemeCount(rules) > 2000)
      fail('rules', 'validation.maxLength', { limit: 2000, length: graphemeCount(rules) });
    const owner = cell('owner');
    let ownerId: string | null = null;
    // A known item keeps its owner: an empty cell (an address the export could not show) says so.
    if (!owner && match) ownerId = match.ownerId;
    else if (!owner) fail('owner', 'validation.required');
    else if (shedWords.has(fold(owner))) {
      if (match && match.ownerId !== null) fail('owner', 'library.import.owner_changed');
    } else {
      const email = owner.toLowerCase();
      // Only an address the steward may see finds its member: a hidden one answers as a stranger's.
      if (!emails.has(email)) emails.set(email, await findMemberByEmail(ctx, email));
      const found = emails.get(email);
      if (!found) fail('owner', 'library.import.unknown_owner', { owner });
      else if (match && match.ownerId !== found) fail('owner', 'library.import.owner_changed');
      else ownerId = found;
    }
    owners.push(ownerId);
    const fields = { name, category, condition, valueBand, pickupPlace, rules, loanDays };
    const outcome: RowOutcome = !match
      ? 'new'
      : compared.every((k) => fields[k] === match[k])
        ? 'unchanged'
        : 'changed';
    counts[outcome]++;
    preview.rows.push({
      row,
      outcome,
      itemId: match?.id ?? null,
      name,
      category: category ?? cell('category'),
      condition: condition ?? cell('condition'),
      valueBand: valueBand ?? cell('value'),
      owner: ownerId ? owner : owner || '',
      pickupPlace,
      rules,
      loanDays,
    });
  }
  return { preview, owners };
}

/**
 * Imports the CSV in one transaction, or nothing: rows without a known id add items, rows naming
 * one of the community's items by id change it where they differ, and the rest are left alone.
 * Throws `Invalid` with one field error per problem (`field` = "row N, column"), the same the
 * preview shows, and `Conflict('library.import.item_gone')` when an item the file changes was
 * taken out of the library meanwhile. Returns what each row did, in counts.
 */
export async function importItems(ctx: Ctx, text: string): Promise<Record<RowOutcome, number>> {
  const { communityId, accountId, community } = requireLibrarySteward(ctx);
  const { preview, owners } = await check(ctx, text);
  if (preview.errors.length) {
    throw new Invalid(
      preview.errors.map((e) => ({
        field: `row-${e.row}-${e.column}`,
        code: e.code,
        params: { ...e.params, row: e.row, column: e.column },
      })),
      'library.import.refused',
    );
  }
  const now = iso(ctx.clock.now());
  const fieldsOf = (r: ImportPreview['rows'][number]): ItemFields => ({
    name: r.name,
    category: r.category as ItemTable['category'],
    condition: r.condition as ItemTable['condition'],
    valueBand: r.valueBand as ItemTable['valueBand'],
    pickupPlace: r.pickupPlace,
    rules: r.rules,
    loanDays: r.loanDays,
  });
  const rows: Insertable<ItemTable>[] = preview.rows.flatMap((r, i) =>
    r.outcome === 'new'
      ? [
          {
            id: newId(),
            communityId,
            ownerId: owners[i],
            ...fieldsOf(r),
            createdBy: accountId,
            createdAt: now,
            updatedAt: now,
          },
        ]
      : [],
  );
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertItems(tx, rows);
    const { slug } = community;
    for (const r of rows) {
      const itemId = r.id as string;
      await record(ctx, tx, { communityId, itemId, actorId: accountId, kind: 'added', note: 'import' });
      await indexItem(tx, slug, { ...r, id: itemId, rules: r.rules ?? '', pickupPlace: r.pickupPlace ?? '' });
    }
    for (const r of preview.rows) {
      if (r.outcome !== 'changed' || !r.itemId) continue;
      const live = await store.lockItem(tx, communityId, r.itemId);
      if (!live || live.archivedAt) throw new Conflict('library.import.item_gone', { row: r.row });
      const updated = await store.updateItem(tx, communityId, r.itemId, { ...fieldsOf(r), updatedAt: now });
      await record(ctx, tx, {
        communityId,
        itemId: r.itemId,
        actorId: accountId,
        kind: 'edited',
        note: 'import',
      });
      await indexItem(tx, slug, updated);
    }
  });
  return preview.counts;
}

/**
 * The catalog as CSV, in the import's columns: the owner's email where the profiles feature lets
 * the steward see it (empty otherwise, so that row needs an owner before it imports again).
 */
export async function exportItemsCsv(ctx: Ctx): Promise<string> {
  const { communityId } = requireLibrarySteward(ctx);
  const items = await store.listItemsForExport(ctx.db, communityId);
  const contacts = await contactsOf(
    ctx,
    items.flatMap((i) => (i.ownerId === null ? [] : [i.ownerId])),
  );
  return toCsv(
    [...columns, 'owner_name', 'place'],
    items.map((i) => [
      i.id,
      i.name,
      i.category,
      i.condition,
      i.valueBand,
      i.ownerId === null ? 'shed' : (contacts.get(i.ownerId)?.email ?? ''),
      i.pickupPlace,
      i.rules,
      i.loanDays,
      i.ownerName ?? '',
      i.placeName ?? '',
    ]),
  );
}

/** Every loan as CSV, newest first. */
export async function exportLoansCsv(ctx: Ctx): Promise<string> {
  const { communityId } = requireLibrarySteward(ctx);
  const loans = await store.listLoans(ctx.db, communityId, { limit: 100_000 });
  return toCsv(
    [
      'item',
      'borrower',
      'status',
      'starts_on',
      'due_on',
      'picked_up_at',
      'returned_at',
      'return_condition',
      'problem',
      'thanks',
    ],
    loans.map((l) => [
      l.itemName,
      l.borrowerName,
      l.status,
      l.startsOn,
      l.dueOn,
      l.pickedUpAt,
      l.returnedAt,
      l.returnCondition,
      l.problem,
      l.thanks,
    ]),
  );
}

/** The overdue call list as CSV. */
export async function exportOverdueCsv(ctx: Ctx): Promise<string> {
  const rows = await listOverdue(ctx);
  return toCsv(
    ['borrower', 'phone', 'email', 'item', 'due_on', 'days_overdue'],
    rows.map((r) => [r.borrowerName, r.phone, r.email, r.itemName, r.dueOn, r.daysOverdue]),
  );
}
