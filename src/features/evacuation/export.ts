/**
 * The contact lists as files: CSV for a spreadsheet (`platform/csv.ts`: every cell safe to open)
 * and vCard 4.0 (RFC 6350, written by the `vcf` library) to import into a phone's contacts.
 */
import vCard from 'vcf';
import { toCsv } from '../../platform/csv.ts';
import type { T } from '../../platform/i18n/index.ts';
import type { Contacts } from './service.ts';

/** One row per household, then one per driver, with headers in the reader's language. */
export function contactsCsv(t: T, c: Contacts): string {
  const header = [
    'kind',
    'name',
    'phone',
    'language',
    'address',
    'people',
    'wheelchairs',
    'pets',
    'driver',
    'shelter',
    'buddy',
    'backup_buddy',
  ].map((k) => t(`evacuation.csv.${k}`));
  const rows: unknown[][] = c.households.map((h) => [
    t('evacuation.csv.household'),
    h.name,
    h.phone,
    h.language,
    h.address,
    h.people,
    h.wheelchairs,
    h.pets,
    h.driver ?? '',
    h.shelter ?? '',
    h.buddy ?? '',
    h.backupBuddy ?? '',
  ]);
  for (const d of c.drivers)
    rows.push([t('evacuation.csv.driver'), d.name, d.phone, '', '', '', '', '', '', '', '', '']);
  return toCsv(header, rows);
}

/**
 * A text value or one component of a structured value as RFC 6350 §3.4 writes it: backslash,
 * comma and semicolon escaped with a backslash, a line break as `\n` (the `vcf` library writes
 * values as given).
 */
export function vcardText(value: string): string {
  return value.replace(/[\\,;]/g, '\\$&').replace(/\r\n|\r|\n/g, '\\n');
}

/** One vCard 4.0 per household and driver: name, phone, address, and what they are in the network. */
export function contactsVcard(t: T, c: Contacts): string {
  const cards: string[] = [];
  const card = (name: string, phone: string, category: string, note: string, address?: string) => {
    const v = new vCard();
    v.set('fn', vcardText(name));
    if (phone) v.add('tel', vcardText(phone), { type: 'cell' });
    // A street address as people wrote it: the whole of it in the street part (RFC 6350 §6.3.1),
    // each component escaped so a comma or semicolon in it stays in the street.
    if (address) v.add('adr', ['', '', address, '', '', '', ''].map(vcardText).join(';'));
    v.add('categories', vcardText(category));
    if (note) v.set('note', vcardText(note));
    cards.push(v.toString('4.0'));
  };
  for (const h of c.households) {
    const needs = [
      t('evacuation.needs.people', { count: h.people }),
      ...(h.wheelchairs ? [t('evacuation.needs.wheelchairs', { count: h.wheelchairs })] : []),
      ...(h.pets ? [t('evacuation.needs.pets', { count: h.pets })] : []),
      ...(h.language ? [t('evacuation.needs.language', { language: h.language })] : []),
    ].join(', ');
    card(h.name, h.phone, t('evacuation.csv.household'), needs, h.address);
  }
  for (const d of c.drivers) card(d.name, d.phone, t('evacuation.csv.driver'), d.vehicle);
  return `${cards.join('\r\n')}\r\n`;
}
