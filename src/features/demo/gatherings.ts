/**
 * Maple Street's gatherings: the first-Saturday potluck in the church hall (public, with a flyer
 * at the laundromat), a bike-repair workshop Amara asked Walter to host (he lists the skill), and
 * Rosa's Spanish–English conversation table on Wednesday evenings.
 */

/** The first-Saturday potluck: its dishes wanted, who is coming and what they bring. */
export const demoPotluck = {
  place: 'hall',
  title: 'First-Saturday potluck',
  description:
    'Bring a dish to share (or just yourself), a plate and a fork. Kids and neighbors from the next ' +
    'blocks welcome. We set up at 4:30 if you can help with the tables.',
  startTime: '17:00',
  endTime: '20:00',
  capacity: 60,
  needs: { main: 4, side: 6, dessert: 4, drink: 3 },
  coming: [
    {
      by: 'rosa',
      guests: 1,
      dish: { course: 'main', name: 'Tamales de frijol', labels: ['vegetarian', 'gluten_free'] },
    },
    {
      by: 'amara',
      guests: 2,
      dish: { course: 'dessert', name: 'Sourdough bread pudding', labels: ['vegetarian'] },
    },
    {
      by: 'minh',
      guests: 0,
      dish: { course: 'side', name: 'Green papaya salad', labels: ['vegan', 'nut_free'] },
    },
    { by: 'fatima', guests: 3, dish: { course: 'main', name: 'Chicken biryani', labels: ['halal'] } },
    { by: 'george', guests: 0, dish: { course: 'drink', name: 'Lemonade', labels: ['vegan'] } },
  ],
  maybe: ['sam'],
} as const;

/** The bike-repair workshop: proposed by a neighbor who wants to learn, hosted by one who shares it. */
export const demoWorkshop = {
  proposer: 'amara',
  host: 'walter',
  skill: 'bike repair',
  place: 'shed',
  title: 'Bike repair: flats, brakes and chains',
  description:
    'Bring your bike and a question. Walter shows how to patch a tube, adjust brakes and clean a ' +
    'chain; the shed has the tools.',
  startTime: '10:00',
  endTime: '12:00',
  capacity: 8,
  coming: ['lucia', 'sam'],
};

/** The weekly conversation table. */
export const demoConversation = {
  host: 'rosa',
  title: 'Spanish–English conversation table',
  description:
    'Half an hour in Spanish, half an hour in English, over coffee. Every level welcome: ' +
    'media hora en español, media hora en inglés.',
  address: 'Café Jumping Bean, 1439 W 18th St',
  startTime: '18:30',
  endTime: '19:30',
  coming: ['walter', 'lucia'],
};
