/** What Maple Street shares: the shed and members' items, seed varieties with stories, posts. */

/** A demo item; `owner` is a neighbor's key or `shed`. */
export interface DemoItem {
  key: string;
  owner: string;
  name: string;
  category: 'tools' | 'garden' | 'kitchen' | 'outdoors' | 'children' | 'mobility' | 'household';
  condition: 'new' | 'good' | 'fair' | 'worn';
  valueBand: 'low' | 'medium' | 'high';
  pickupPlace: string;
  rules?: string;
  loanDays: number;
}

export const demoItems: DemoItem[] = [
  {
    key: 'ladder',
    owner: 'shed',
    name: 'Aluminium extension ladder (6 m)',
    category: 'tools',
    condition: 'good',
    valueBand: 'medium',
    pickupPlace: 'The shed behind 417 Maple, Saturday 10–12',
    rules: 'Two people to carry and to use it, please. Never on ice.',
    loanDays: 3,
  },
  {
    key: 'washer',
    owner: 'shed',
    name: 'Pressure washer',
    category: 'tools',
    condition: 'fair',
    valueBand: 'high',
    pickupPlace: 'The shed behind 417 Maple, Saturday 10–12',
    rules: 'Rinse the filter before you bring it back.',
    loanDays: 2,
  },
  {
    key: 'wheelbarrow',
    owner: 'shed',
    name: 'Wheelbarrow',
    category: 'garden',
    condition: 'worn',
    valueBand: 'low',
    pickupPlace: 'The shed behind 417 Maple',
    loanDays: 7,
  },
  {
    key: 'wheelchair',
    owner: 'shed',
    name: 'Folding wheelchair',
    category: 'mobility',
    condition: 'good',
    valueBand: 'medium',
    pickupPlace: 'Ask Rosa at 417 Maple',
    rules: 'For as long as you need it; tell us when you are done.',
    loanDays: 60,
  },
  {
    key: 'drill',
    owner: 'minh',
    name: 'Cordless drill with two batteries',
    category: 'tools',
    condition: 'good',
    valueBand: 'medium',
    pickupPlace: 'Porch of 452 Maple, evenings',
    rules: 'Charge the batteries before you return it.',
    loanDays: 5,
  },
  {
    key: 'mixer',
    owner: 'amara',
    name: 'Stand mixer',
    category: 'kitchen',
    condition: 'good',
    valueBand: 'medium',
    pickupPlace: '409 Maple, weekends',
    loanDays: 4,
  },
  {
    key: 'tent',
    owner: 'sam',
    name: 'Four-person tent',
    category: 'outdoors',
    condition: 'fair',
    valueBand: 'medium',
    pickupPlace: '488 Maple',
    rules: 'Dry it before packing it away.',
    loanDays: 7,
  },
  {
    key: 'stroller',
    owner: 'lucia',
    name: 'Carriola doble (double stroller)',
    category: 'children',
    condition: 'good',
    valueBand: 'medium',
    pickupPlace: '503 Maple',
    loanDays: 14,
  },
];

/** A demo seed variety with its stories (by neighbor key) and lots. */
export const demoVarieties = [
  {
    keeper: 'rosa',
    crop: 'bean',
    name: 'Frijol de la abuela Carmen',
    seasons: ['spring' as const, 'summer' as const],
    daysToMaturity: 85,
    origin: 'Abuela Carmen’s garden, Oaxaca, 1970s; grown on Maple Street since 1988',
    savingDifficulty: 'easy' as const,
    description: 'A climbing black bean with purple flowers. Dry the pods on the vine.',
    stories: [
      {
        by: 'rosa',
        input: {
          kind: 'memory' as const,
          memoryYear: 1974,
          body: 'Mi abuela los sembraba junto al maíz y la calabaza. Cuando llegué a Chicago traje un puñado en el bolsillo del abrigo.',
        },
      },
      {
        by: 'george',
        input: {
          kind: 'tip' as const,
          memoryYear: 2019,
          body: 'They climb fast: give them a two-metre trellis, and plant after the last frost, not before.',
        },
      },
      {
        by: 'lucia',
        input: {
          kind: 'memory' as const,
          body: 'Los sembramos con los niños del huerto el año pasado. ¡Salieron todos!',
        },
      },
    ],
    lots: [
      { packets: 24, harvestYear: 2025, germinationRate: 92, notes: 'From Rosa’s back fence.' },
      { packets: 6, harvestYear: 2024, germinationRate: 80 },
    ],
  },
  {
    keeper: 'george',
    crop: 'tomato',
    name: 'Maple Street Brandywine',
    seasons: ['spring' as const],
    daysToMaturity: 90,
    origin: 'Saved by George Whitfield since 1986 from a Brandywine plant',
    savingDifficulty: 'moderate' as const,
    description: 'Big pink slicing tomato. Ferment the seeds for three days before drying.',
    stories: [
      {
        by: 'george',
        input: {
          kind: 'tip' as const,
          memoryYear: 2021,
          body: 'Start them indoors in March, in the sunniest window you have. Pinch the side shoots.',
        },
      },
    ],
    lots: [{ packets: 15, harvestYear: 2025, germinationRate: 88 }],
  },
];

/** Open requests and offers on the board. */
export const demoPosts = [
  {
    by: 'george',
    input: {
      kind: 'request' as const,
      title: 'A ride to the eye doctor on Thursday',
      details: 'Appointment at 10:30 at the clinic on Ashland. I can walk to the car but not far.',
      category: 'rides' as const,
      place: '466 Maple',
    },
  },
  {
    by: 'fatima',
    input: {
      kind: 'offer' as const,
      title: 'French conversation over tea',
      details: 'Any level. Tuesday afternoons at my kitchen table, or the library.',
      category: 'language_practice' as const,
    },
  },
  {
    by: 'lucia',
    input: {
      kind: 'request' as const,
      title: 'Ayuda para mover un sofá / Help moving a sofa',
      details: 'Del tercer piso a la calle, el sábado por la mañana. From the third floor to the curb.',
      category: 'errands' as const,
      place: '503 Maple',
    },
  },
  {
    by: 'amara',
    input: {
      kind: 'offer' as const,
      title: 'Extra sourdough starter',
      details: 'I have more than I can bake. Bring a jar.',
      category: 'food' as const,
    },
  },
];
