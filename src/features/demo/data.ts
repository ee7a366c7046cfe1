/**
 * The demo community: one street of neighbors, as a steward might have set it up after a few
 * months. Plain data; `service.ts` loads it through each feature's own service.
 */

/** A demo neighbor: profile, skills, and contact details with their visibility. */
export interface DemoNeighbor {
  key: string;
  name: string;
  email: string | null;
  role: 'member' | 'steward' | 'coordinator';
  languages: string[];
  locale: 'en' | 'es';
  about: string;
  share: string[];
  learn: string[];
  availability: string;
  phone?: string;
  phoneVisibility?: 'community' | 'stewards' | 'nobody';
  /** Approximate home, rounded on save. */
  location: [number, number];
}

export const demoCommunity = {
  name: 'Maple Street Neighbors',
  slug: 'maple-street',
  description:
    'The 400 and 500 blocks of Maple Street and the alley behind. We share tools from the shed at ' +
    'number 417, keep the little fridge by the laundromat stocked, and meet on the first Saturday ' +
    'of the month for a potluck. Everyone is welcome; bring a chair.',
  languages: ['en', 'es'] as ('en' | 'es')[],
  timeZone: 'America/Chicago',
  rhythm: 'monthly' as const,
  joinPolicy: 'invite' as const,
  chatUrl: 'https://signal.group/#maple-street-demo',
  area: { lat: 41.8541, lng: -87.6651, radiusM: 600 },
};

export const demoNeighbors: DemoNeighbor[] = [
  {
    key: 'rosa',
    name: 'Rosa Delgado',
    email: 'rosa@maple-street.example',
    role: 'steward',
    languages: ['es', 'en'],
    locale: 'es',
    about:
      'Vivo en el 417 desde 1988. Guardo las llaves del cobertizo y las semillas de frijol de mi abuela.',
    share: ['sewing', 'seed saving', 'spanish conversation', 'tamales'],
    learn: ['smartphone basics'],
    availability: 'Weekday mornings',
    phone: '+1 312 555 0147',
    phoneVisibility: 'community',
    location: [41.8543, -87.6648],
  },
  {
    key: 'walter',
    name: 'Walter Kowalski',
    email: 'walter@maple-street.example',
    role: 'coordinator',
    languages: ['en', 'pl'],
    locale: 'en',
    about: 'Retired bus driver. I coordinate rides when the weather turns bad.',
    share: ['driving', 'bike repair', 'snow shoveling'],
    learn: ['spanish conversation', 'sourdough'],
    availability: 'Most days after 10',
    phone: '+1 312 555 0199',
    phoneVisibility: 'stewards',
    location: [41.8536, -87.6659],
  },
  {
    key: 'amara',
    name: 'Amara Okafor',
    email: 'amara@maple-street.example',
    role: 'member',
    languages: ['en', 'ig'],
    locale: 'en',
    about: 'Nurse on night shifts, two kids, one very loud dog.',
    share: ['first aid', 'sourdough', 'tutoring math'],
    learn: ['bike repair', 'gardening'],
    availability: 'Weekends',
    phone: '+1 312 555 0123',
    phoneVisibility: 'stewards',
    location: [41.8547, -87.6655],
  },
  {
    key: 'minh',
    name: 'Minh Tran',
    email: 'minh@maple-street.example',
    role: 'member',
    languages: ['vi', 'en'],
    locale: 'en',
    about: 'I fix things: lamps, bikes, the odd washing machine.',
    share: ['electrical repairs', 'bike repair', 'vietnamese cooking'],
    learn: ['seed saving'],
    availability: 'Evenings',
    location: [41.8531, -87.6644],
  },
  {
    key: 'lucia',
    name: 'Lucía Hernández',
    email: 'lucia@maple-street.example',
    role: 'member',
    languages: ['es'],
    locale: 'es',
    about: 'Me encanta el huerto comunitario. Puedo cuidar niños los sábados.',
    share: ['gardening', 'childcare', 'spanish conversation'],
    learn: ['english conversation', 'sewing'],
    availability: 'Sábados',
    phone: '+1 312 555 0166',
    phoneVisibility: 'nobody',
    location: [41.8549, -87.6661],
  },
  {
    key: 'george',
    name: 'George Whitfield',
    email: 'george@maple-street.example',
    role: 'member',
    languages: ['en'],
    locale: 'en',
    about: 'Eighty-one and still gardening. Happy to talk tomatoes with anyone.',
    share: ['gardening', 'woodworking', 'local history'],
    learn: ['video calls'],
    availability: 'Afternoons',
    location: [41.8538, -87.6652],
  },
  {
    key: 'fatima',
    name: 'Fatima Haddad',
    email: 'fatima@maple-street.example',
    role: 'member',
    languages: ['ar', 'fr', 'en'],
    locale: 'en',
    about: 'New to the street this spring. Teacher, knitter, tea drinker.',
    share: ['knitting', 'french conversation', 'tutoring'],
    learn: ['gardening', 'bike repair'],
    availability: 'After 4 pm on weekdays',
    location: [41.8545, -87.6642],
  },
  {
    key: 'sam',
    name: 'Sam Rivera',
    email: 'sam@maple-street.example',
    role: 'member',
    languages: ['en', 'es'],
    locale: 'en',
    about: 'Student at the community college. Good with computers and heavy lifting.',
    share: ['smartphone basics', 'moving help', 'video calls'],
    learn: ['woodworking', 'first aid'],
    availability: 'Flexible',
    location: [41.8533, -87.6663],
  },
];

/** A neighbor without email, added by a steward, who prefers paper and the phone. */
export const demoPaperMember = {
  name: 'Edna Price',
  phone: '+1 312 555 0110',
  languages: ['en'],
  note: 'Prefers a phone call; lives at 431, ground floor.',
};
