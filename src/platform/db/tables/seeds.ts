/**
 * Seed library tables (migration 0009): the varieties a community keeps, members' stories and tips
 * about them, the lots of packets on the shelf, and pledges to bring saved seed back after the season.
 */
import type { Generated } from 'kysely';

/** A sowing season (seed library). */
export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** A seed variety of the community's seed library (migration 0009). */
export interface SeedVarietyTable {
  id: string;
  communityId: string;
  crop: string;
  name: string;
  /** Comma-separated `Season`s, in calendar order. */
  sowingSeasons: string;
  daysToMaturity: number | null;
  origin: Generated<string>;
  savingDifficulty: 'easy' | 'moderate' | 'hard';
  description: Generated<string>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A member's memory or growing tip about a variety (migration 0009). */
export interface SeedStoryTable {
  id: string;
  communityId: string;
  varietyId: string;
  authorId: string | null;
  kind: 'memory' | 'tip';
  body: string;
  memoryYear: number | null;
  /** An optional photo shared with the story (migration 0009). */
  photoId: string | null;
  hiddenAt: string | null;
  hiddenBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Packets of one harvest of a variety on the shelf (migration 0009). */
export interface SeedLotTable {
  id: string;
  communityId: string;
  varietyId: string;
  packets: number;
  harvestYear: number;
  /** Percent 0–100, when tested. */
  germinationRate: number | null;
  grownBy: string | null;
  notes: Generated<string>;
  source: 'donation' | 'return';
  addedBy: string | null;
  createdAt: string;
}

/** A member's pledge to bring saved seed back after the season (migration 0009). */
export interface SeedPledgeTable {
  id: string;
  communityId: string;
  varietyId: string;
  lotId: string | null;
  accountId: string;
  packetsTaken: number;
  /** `YYYY-MM`. */
  expectedMonth: string;
  status: 'open' | 'returned' | 'done' | 'cancelled';
  returnedLotId: string | null;
  remindedAt: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** The seed library's tables, by name (part of `Database`). */
export interface SeedsDatabase {
  seedVariety: SeedVarietyTable;
  seedStory: SeedStoryTable;
  seedLot: SeedLotTable;
  seedPledge: SeedPledgeTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const seedsCommunityTables: readonly string[] = [
  'seed_variety',
  'seed_story',
  'seed_lot',
  'seed_pledge',
];
