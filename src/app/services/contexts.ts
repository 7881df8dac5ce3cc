// One context per service: a page consumes only the services it uses (`@consume(membersContext)`), and the app
// shell provides them all (app/services.ts builds them).
import type { CounterSession } from '../counter/counter-session';
import { createContext } from './context';
import type { DemoShopService } from './demo-shop-service';
import type { EngineService } from './engine-service';
import type { LockSession } from './lock-session';
import type { MembersService } from './members-service';
import type { RecommendationService } from './recommendation-service';
import type { SalesLedger } from './sales-ledger';
import type { SalesService } from './sales-service';
import type { AuditService } from './audit-service';
import type { SettingsService } from './settings-service';
import type { StaffService } from './staff-service';
import type { SyncService } from './sync-service';
import type { VisitsService } from './visits-service';
import type { WatchlistService } from './watchlist-service';

export const lockContext = createContext<LockSession>('counterpart.lock');
export const settingsContext = createContext<SettingsService>('counterpart.settings');
export const auditContext = createContext<AuditService>('counterpart.audit');
export const staffContext = createContext<StaffService>('counterpart.staff');
export const engineContext = createContext<EngineService>('counterpart.engine');
export const counterContext = createContext<CounterSession>('counterpart.counter');
export const membersContext = createContext<MembersService>('counterpart.members');
export const visitsContext = createContext<VisitsService>('counterpart.visits');
export const watchlistContext = createContext<WatchlistService>('counterpart.watchlist');
export const recommendationsContext = createContext<RecommendationService>('counterpart.recommendations');
export const salesContext = createContext<SalesService>('counterpart.sales');
export const salesLedgerContext = createContext<SalesLedger>('counterpart.sales-ledger');
export const demoShopContext = createContext<DemoShopService>('counterpart.demo-shop');
export const syncContext = createContext<SyncService>('counterpart.sync');
