// The store, in parts: the database connection (database.ts), the key vault (key-vault.ts) and one repository
// per kind of record, each taking the database and the vault. This only builds them together on one connection;
// the app's composition root (app/services.ts) hands each service the parts it needs.
import { AuditLog } from './audit-log';
import { ChainFiguresStore } from './chain-figures-store';
import { Database, type OpenOptions } from './database';
import { KeyVault } from './key-vault';
import { MembersStore } from './members-store';
import { DemoDataStore } from './demo-data-store';
import { ImportsStore } from './imports-store';
import { ItemModelsStore } from './item-models-store';
import { ProductsStore } from './products-store';
import { ReplicatedRecords } from './replicated-records';
import { PurchasesStore } from './purchases-store';
import { SettingsStore } from './settings-store';
import { VisitsStore } from './visits-store';
import { WatchlistStore } from './watchlist-store';

export interface Store {
  readonly database: Database;
  readonly vault: KeyVault;
  readonly members: MembersStore;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
  readonly products: ProductsStore;
  readonly purchases: PurchasesStore;
  readonly imports: ImportsStore;
  readonly itemModels: ItemModelsStore;
  readonly demoData: DemoDataStore;
  readonly visits: VisitsStore;
  readonly watchlist: WatchlistStore;
  /** The other shops' figures (a chain's Analytics). */
  readonly chainFigures: ChainFiguresStore;
  /** What replicates, on its way out and in (shops that sync). */
  readonly replication: ReplicatedRecords;
}

/** The parts, not yet open: the app builds its services at once and opens the database when it starts. */
export function createStore(options: OpenOptions = {}): Store {
  const database = new Database(options);
  // First: the vault listens for the connection going away before anything else does.
  const vault = new KeyVault(database, options.iterations);
  const members = new MembersStore(database, vault);
  const watchlist = new WatchlistStore(database, vault);
  return {
    database,
    vault,
    members,
    settings: new SettingsStore(database),
    audit: new AuditLog(database),
    products: new ProductsStore(database),
    purchases: new PurchasesStore(database, vault),
    imports: new ImportsStore(database),
    itemModels: new ItemModelsStore(database),
    demoData: new DemoDataStore(database, vault),
    visits: new VisitsStore(database, vault),
    watchlist,
    chainFigures: new ChainFiguresStore(database),
    replication: new ReplicatedRecords(database, vault, members, watchlist),
  };
}

/** Builds the parts and opens the database (tests and tools). */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const store = createStore(options);
  await store.database.open();
  return store;
}

/** Locks (the key leaves memory) and closes the connection. */
export function closeStore(store: Pick<Store, 'database' | 'vault'>): void {
  store.vault.lock();
  store.database.close();
}
