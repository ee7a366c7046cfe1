/** Maple Street's places: two fridges, the shed, a garden and the church hall that serves as a shelter. */
import type { PlaceInput, ReportInput } from '../places/service.ts';

/** A demo place; `volunteers` are neighbors' keys. */
export interface DemoPlace {
  key: string;
  input: PlaceInput;
  volunteers: string[];
}

const foodRules = {
  foodAccepted: 'Fruit, vegetables, bread, sealed packets and tins, home cooking in a closed box.',
  foodLabels: 'Write what it is, the date you made or opened it, and any allergens (nuts, milk, gluten).',
  foodRefused:
    'No raw meat or fish, no alcohol, nothing past its use-by date, nothing opened and not relabelled.',
};

export const demoPlaces: DemoPlace[] = [
  {
    key: 'laundromat',
    input: {
      kind: 'fridge',
      name: 'Laundromat fridge',
      description:
        'The little white fridge and the shelf beside it, under the awning of the Suds & Duds laundromat.',
      address: '452 Maple Street, under the laundromat awning',
      addressVisibility: 'public',
      latitude: 41.8539,
      longitude: -87.6657,
      openingHours: { alwaysOpen: true },
      rules: 'Take what you need, leave what you can. Please close the door firmly.',
      ...foodRules,
      contact: 'Text the fridge phone: +1 312 555 0199',
      checkHours: 48,
    },
    volunteers: ['amara', 'lucia'],
  },
  {
    key: 'school',
    input: {
      kind: 'fridge',
      name: 'School corner fridge',
      description: 'By the side gate of Pilsen Elementary; the janitor keeps the plug on.',
      address: '530 Maple Street, side gate of the school',
      addressVisibility: 'members',
      latitude: 41.8548,
      longitude: -87.6646,
      openingHours: {
        alwaysOpen: false,
        mon: { opens: '07:00', closes: '19:00' },
        tue: { opens: '07:00', closes: '19:00' },
        wed: { opens: '07:00', closes: '19:00' },
        thu: { opens: '07:00', closes: '19:00' },
        fri: { opens: '07:00', closes: '19:00' },
      },
      ...foodRules,
      contact: 'Ask at the school office, or text +1 312 555 0199',
      checkHours: 24,
    },
    volunteers: ['fatima'],
  },
  {
    key: 'shed',
    input: {
      kind: 'tool_shed',
      name: 'The shed at 417',
      description: 'Where the community’s tools live: ladders, the pressure washer, the wheelbarrow.',
      address: '417 Maple Street, behind the house',
      addressVisibility: 'members',
      latitude: 41.8543,
      longitude: -87.6648,
      openingHours: { alwaysOpen: false, sat: { opens: '10:00', closes: '12:00' } },
      rules: 'Sign things out on the clipboard or at the desk; clean tools before they come back.',
    },
    volunteers: ['rosa', 'minh'],
  },
  {
    key: 'garden',
    input: {
      kind: 'garden',
      name: 'Alley garden',
      description: 'Six raised beds in the alley between the 400 and 500 blocks. Compost in the green bins.',
      address: 'The alley behind 480 Maple Street',
      addressVisibility: 'members',
      latitude: 41.8541,
      longitude: -87.6653,
      rules: 'Water in the evening. Pick what is ripe and leave some for the next neighbor.',
    },
    volunteers: ['george'],
  },
  {
    key: 'hall',
    input: {
      kind: 'shelter',
      name: 'St. Procopius church hall',
      description:
        'Warm hall with cots, a kitchen and an accessible entrance; opens as a shelter in storms and heat waves.',
      address: '1641 S Allport Street, the hall entrance on the side',
      addressVisibility: 'members',
      latitude: 41.8577,
      longitude: -87.6594,
      rules: 'Opened by the coordinators when an alert is raised. Pets in carriers are welcome.',
      contact: 'Parish office: +1 312 555 0130',
    },
    volunteers: ['walter', 'rosa'],
  },
];

/** A report in the demo's history: which place, who (a neighbor's key, or a passer-by), how many days ago. */
export interface DemoReport {
  place: string;
  by: string | null;
  daysAgo: number;
  input: ReportInput;
}

/** A few weeks of the fridges' reports, oldest first. */
export const demoReports: DemoReport[] = [
  { place: 'laundromat', by: 'amara', daysAgo: 20, input: { kind: 'cleaned' } },
  {
    place: 'laundromat',
    by: 'lucia',
    daysAgo: 19,
    input: { kind: 'stocked', stockLevel: 'full', note: 'Bread and apples from the bakery.' },
  },
  { place: 'laundromat', by: null, daysAgo: 17, input: { kind: 'empty' } },
  { place: 'school', by: 'fatima', daysAgo: 16, input: { kind: 'stocked', stockLevel: 'some' } },
  {
    place: 'laundromat',
    by: null,
    daysAgo: 12,
    input: { kind: 'stocked', stockLevel: 'some', note: 'Left rice and two tins of beans.' },
  },
  {
    place: 'laundromat',
    by: null,
    daysAgo: 9,
    input: { kind: 'problem', problem: 'dirty', note: 'Spilled milk on the bottom shelf.' },
  },
  { place: 'laundromat', by: 'amara', daysAgo: 9, input: { kind: 'cleaned' } },
  { place: 'school', by: null, daysAgo: 6, input: { kind: 'empty' } },
  {
    place: 'school',
    by: 'fatima',
    daysAgo: 5,
    input: { kind: 'stocked', stockLevel: 'full', note: 'Soup from the Thursday cook-up.' },
  },
  { place: 'laundromat', by: 'lucia', daysAgo: 3, input: { kind: 'stocked', stockLevel: 'full' } },
  {
    place: 'laundromat',
    by: null,
    daysAgo: 1,
    input: { kind: 'stocked', stockLevel: 'low', note: 'Only a few oranges left.' },
  },
];
