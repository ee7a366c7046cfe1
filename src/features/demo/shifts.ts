/** Maple Street's shifts: the laundromat fridge cleaned every week, with a month of checks. */
import type { CompletionInput } from '../shifts/service.ts';

/** The weekly cleaning of the laundromat fridge, first held four weeks ago. */
export const demoCleaning = {
  place: 'laundromat',
  title: 'Clean the laundromat fridge',
  description: 'Wipe it out, throw away what is past its date, and read the thermometer on the top shelf.',
  checklist:
    'Take everything out\nWipe the shelves and the door seal\nThrow out food past its date\nRead the thermometer',
  startTime: '18:00',
  endTime: '19:00',
  peopleNeeded: 2,
  /** Days from today of the first occurrence. */
  firstDay: -28,
};

/** Each past week's check: who signed up (neighbors' keys), who logged it, and what. */
export const demoChecks: { week: number; volunteers: string[]; input: CompletionInput }[] = [
  {
    week: 0,
    volunteers: ['amara', 'lucia'],
    input: {
      done: [
        'Take everything out',
        'Wipe the shelves and the door seal',
        'Throw out food past its date',
        'Read the thermometer',
      ],
      appliance: 'fridge',
      temperature: 3.5,
      feedback: 'went_well',
      foodSavedKg: 6,
    },
  },
  {
    week: 1,
    volunteers: ['amara'],
    input: {
      done: ['Wipe the shelves and the door seal', 'Read the thermometer'],
      appliance: 'fridge',
      temperature: 4,
      feedback: 'went_well',
      foodSavedKg: 4.5,
    },
  },
  {
    week: 2,
    volunteers: ['lucia'],
    input: {
      done: ['Take everything out', 'Read the thermometer'],
      appliance: 'fridge',
      temperature: 6.5,
      feedback: 'could_improve',
      feedbackNote: 'The door did not close; I pushed it shut and moved the milk to the back.',
    },
  },
  {
    week: 3,
    volunteers: ['amara', 'lucia'],
    input: {
      done: [
        'Take everything out',
        'Wipe the shelves and the door seal',
        'Throw out food past its date',
        'Read the thermometer',
      ],
      appliance: 'fridge',
      temperature: 3.8,
      feedback: 'went_well',
      foodSavedKg: 8,
    },
  },
];
