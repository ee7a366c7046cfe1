/**
 * Maple Street's emergency ride network: 40 households that would need a ride (many of them paper
 * members a coordinator registered after asking them), 12 volunteer drivers and the two shelters
 * (the church hall, accessible and open to pets; the school gym, neither). Addresses are on the
 * blocks around Maple Street; points are near each address. Made up, but shaped like the real
 * thing: mostly one or two older people, some families, a few wheelchairs and pets, several
 * languages.
 */
import type { DriverInput, HouseholdInput } from '../evacuation/service.ts';

/** The second shelter, beside the church hall of `places.ts`. */
export const demoSchoolShelter = {
  kind: 'shelter' as const,
  name: 'Pilsen Elementary gym',
  description: 'The school gym, opened as a shelter in storms; steps at the entrance, no pets.',
  address: '1420 W 17th Street, the gym doors on the east side',
  addressVisibility: 'members' as const,
  latitude: 41.8585,
  longitude: -87.6629,
  rules: 'Opened by the coordinators and the school when an alert is raised.',
  contact: 'School office: +1 312 555 0140',
};

/** The shelters' settings: capacity (people), accessible, pets. */
export const demoShelterSettings = {
  hall: { capacity: 70, accessible: true, pets: true },
  school: { capacity: 40, accessible: false, pets: false },
};

const streets = ['Maple Street', 'W 18th Place', 'S Allport Street', 'W 19th Street', 'S Throop Street'];
const languages = [
  'English',
  'Spanish',
  'Polish',
  'Spanish',
  'Vietnamese',
  'English',
  'Cantonese',
  'Spanish',
];

/** Household members' names (the household is named by its member). */
const householdNames = [
  'Agnieszka Nowak',
  'Bertha Ruiz',
  'Carmen Aguilar',
  'Dolores Vega',
  'Eugene Walsh',
  'Florence Kim',
  'Guadalupe Torres',
  'Harold Jensen',
  'Irene Zielinski',
  'José Mendoza',
  'Kwame Mensah',
  'Lorraine Baker',
  'Manuel Ortiz',
  'Nguyen Thi Lan',
  'Olga Petrova',
  'Pedro Salazar',
  'Quentin Hall',
  'Rosa María Flores',
  'Stanisław Wójcik',
  'Teresa Castillo',
  'Ursula Becker',
  'Victor Chan',
  'Wilma Johnson',
  'Ximena Reyes',
  'Yolanda Díaz',
  'Zofia Kaczmarek',
  'Alma Jiménez',
  'Bernard Okoro',
  'Celia Romero',
  'Dorothy Green',
  'Ernesto Lara',
  'Frances Lee',
  'Gloria Navarro',
  'Henryk Lewandowski',
  'Isabel Cruz',
  'Jean Baptiste',
  'Kathleen Murphy',
  'Luis Herrera',
  'Marta Sánchez',
  'Ngozi Adeyemi',
];

/** A demo household: who it is (a new paper member unless `email`), and its answers. */
export interface DemoHousehold {
  name: string;
  email: string | null;
  answers: HouseholdInput;
}

/** The 40 households, made from the lists above by rules that give a realistic mix. */
export const demoHouseholds: DemoHousehold[] = householdNames.map((name, i) => {
  const number = 400 + ((i * 37) % 190);
  const street = streets[i % streets.length];
  const people = i % 9 === 0 ? 4 : i % 4 === 0 ? 2 : 1;
  const wheelchairs = i % 8 === 3 ? 1 : 0;
  const pets = i % 7 === 2 ? 1 : 0;
  // Every household has a point, except one whose pin was never dropped: the plan says so.
  const hasPoint = i !== 17;
  return {
    name,
    // A few registered themselves; most are paper members a coordinator asked in person.
    email: i % 5 === 0 ? `${name.split(' ')[0].toLowerCase()}@maple-street.example` : null,
    answers: {
      address: `${number} ${street}`,
      ...(hasPoint
        ? { latitude: 41.8515 + ((i * 13) % 40) * 0.00016, longitude: -87.6695 + ((i * 29) % 50) * 0.00021 }
        : {}),
      people,
      wheelchairs,
      mobilityAids: wheelchairs ? 'wheelchair' : i % 6 === 1 ? 'walker' : i % 10 === 4 ? 'oxygen' : '',
      pets,
      language: languages[i % languages.length],
      phone: `+1 312 555 ${String(1200 + i).padStart(4, '0')}`,
      notes:
        i % 6 === 1
          ? 'Ground floor; ring twice, hearing is poor.'
          : i % 11 === 5
            ? 'Third floor, no lift.'
            : '',
      // Families of four may ride in two cars.
      maySplit: people >= 4,
      shelterNeed: wheelchairs ? 'needed' : 'none',
      consent: true,
    },
  };
});

/** A demo driver: a neighbor's key (of `data.ts`) or a new neighbor with this name and address. */
export interface DemoDriver {
  key?: string;
  name?: string;
  email?: string;
  answers: DriverInput;
}

const base = (lat: number, lng: number) => ({ latitude: lat, longitude: lng, consent: true as const });

/** The 12 drivers: some of the street's neighbors and some from around the corner. */
export const demoDrivers: DemoDriver[] = [
  {
    key: 'walter',
    answers: {
      vehicle: 'Grey minibus (church)',
      seats: 8,
      wheelchairPlaces: 2,
      address: '433 Maple Street',
      availability: ['weekday_day', 'weekday_evening', 'weekend'],
      phone: '+1 312 555 0199',
      ...base(41.8536, -87.6659),
    },
  },
  {
    key: 'amara',
    answers: {
      vehicle: 'Red hatchback',
      seats: 3,
      address: '448 Maple Street',
      availability: ['weekday_day', 'weekend'],
      phone: '+1 312 555 0150',
      ...base(41.8538, -87.6655),
    },
  },
  {
    key: 'minh',
    answers: {
      vehicle: 'White pickup',
      seats: 2,
      pets: true,
      address: '509 Maple Street',
      availability: ['weekday_evening', 'night', 'weekend'],
      phone: '+1 312 555 0166',
      ...base(41.8547, -87.6642),
    },
  },
  {
    key: 'george',
    answers: {
      vehicle: 'Blue sedan',
      seats: 4,
      address: '471 Maple Street',
      availability: ['weekday_day'],
      phone: '+1 312 555 0177',
      ...base(41.854, -87.665),
    },
  },
  {
    name: 'Darnell Brooks',
    email: 'darnell@maple-street.example',
    answers: {
      vehicle: 'Black SUV',
      seats: 6,
      pets: true,
      address: '1712 S Throop Street',
      availability: ['weekday_evening', 'night', 'weekend'],
      phone: '+1 312 555 0181',
      ...base(41.8572, -87.6588),
    },
  },
  {
    name: 'Ewa Kowalczyk',
    email: 'ewa@maple-street.example',
    answers: {
      vehicle: 'Silver minivan',
      seats: 6,
      address: '1820 W 18th Place',
      availability: ['weekday_day', 'weekend'],
      phone: '+1 312 555 0182',
      ...base(41.8571, -87.6702),
    },
  },
  {
    name: 'Hector Ramírez',
    email: 'hector@maple-street.example',
    answers: {
      vehicle: 'Accessible van (clinic)',
      seats: 4,
      wheelchairPlaces: 1,
      address: '1650 S Allport Street',
      availability: ['weekday_day', 'weekday_evening'],
      phone: '+1 312 555 0183',
      ...base(41.8579, -87.6597),
    },
  },
  {
    name: 'Joyce Park',
    email: 'joyce@maple-street.example',
    answers: {
      vehicle: 'Green station wagon',
      seats: 4,
      pets: true,
      address: '1544 W 19th Street',
      availability: ['night', 'weekend'],
      phone: '+1 312 555 0184',
      ...base(41.8559, -87.6641),
    },
  },
  {
    name: 'Mateo Silva',
    email: 'mateo@maple-street.example',
    answers: {
      vehicle: 'Grey sedan',
      seats: 4,
      address: '522 Maple Street',
      availability: ['weekday_evening', 'night'],
      phone: '+1 312 555 0185',
      ...base(41.8549, -87.6639),
    },
  },
  {
    name: 'Priya Natarajan',
    email: 'priya@maple-street.example',
    answers: {
      vehicle: 'White minivan',
      seats: 6,
      address: '1715 S Allport Street',
      availability: ['weekday_day', 'weekday_evening', 'weekend'],
      phone: '+1 312 555 0186',
      ...base(41.8561, -87.6599),
    },
  },
  {
    name: 'Tom Brennan',
    email: 'tom@maple-street.example',
    answers: {
      vehicle: 'Red pickup',
      seats: 2,
      pets: true,
      address: '411 Maple Street',
      availability: ['night', 'weekend'],
      phone: '+1 312 555 0187',
      ...base(41.8533, -87.6661),
    },
  },
  {
    name: 'Yusuf Demir',
    email: 'yusuf@maple-street.example',
    answers: {
      vehicle: 'Blue hatchback',
      seats: 3,
      address: '1830 S Throop Street',
      availability: ['weekday_day', 'night'],
      phone: '+1 312 555 0188',
      ...base(41.8553, -87.6583),
    },
  },
];
