// The dependency rules in eslint.config.js hold: for each one, an import that breaks it fails lint with that
// rule's message, and an import the layout allows passes; likewise for reaching past the repositories to the
// database connection. The real config is used; only the type-aware parsing is switched off and only these two
// rules run, to keep this fast (neither needs types).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-syntax',
});

/** The messages of the dependency rules for `code` as if it were the file at `filePath`. */
async function breaches(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const cases: readonly {
  readonly rule: string;
  readonly file: string;
  readonly breach: string;
  readonly allowed: string;
  readonly says: RegExp;
}[] = [
  {
    rule: 'core imports nothing of ours but core',
    file: 'src/core/face/lint-fixture.ts',
    breach: "import type { EngineInfo } from '../../shared/face-engine-api';",
    allowed: "import type { Box } from './face-result';",
    says: /src\/core is the domain/,
  },
  {
    rule: 'core does not import the app',
    file: 'src/core/counter/lint-fixture.ts',
    breach: "import { CounterSession } from '../../app/counter/counter-session';",
    allowed: "import { newIdentity } from './track-identity';",
    says: /src\/core is the domain/,
  },
  {
    rule: 'shared (the worker protocol) does not import the app or the store',
    file: 'src/shared/lint-fixture.ts',
    breach: "import type { Store } from '../store/store';",
    allowed: "import type { FaceResult } from '../core/face/face-result';",
    says: /src\/shared is the worker protocol/,
  },
  {
    rule: 'the store does not import the app',
    file: 'src/store/lint-fixture.ts',
    breach: "import type { SettingsService } from '../app/services/settings-service';",
    allowed: "import type { Database } from './database';",
    says: /src\/store is below the app/,
  },
  {
    rule: 'the worker bridges do not import the store',
    file: 'src/client/lint-fixture.ts',
    breach: "import { PurchasesStore } from '../store/purchases-store';",
    allowed: "import type { RetailWorkerApi } from '../shared/retail-api';",
    says: /src\/client only bridges to the workers/,
  },
  {
    rule: 'the worker bridges do not import the app',
    file: 'src/client/lint-fixture.ts',
    breach: "import { Observable } from '../app/observable';",
    allowed: "import { Observable } from '../core/observable';",
    says: /src\/client only bridges to the workers/,
  },
  {
    rule: 'pages do not import the store',
    file: 'src/pages/members-page/lint-fixture.ts',
    breach: "import { exportBackup } from '../../store/backup';",
    allowed: "import type { MembersService } from '../../app/services/members-service';",
    says: /Pages and components use services/,
  },
  {
    rule: 'components do not import a worker bridge',
    file: 'src/components/enrol-wizard/lint-fixture.ts',
    breach: "import type { FaceEngineClient } from '../../client/face-engine';",
    allowed: "import type { EngineService } from '../../app/services/engine-service';",
    says: /Pages and components use services/,
  },
  {
    rule: 'workers do not import the app',
    file: 'workers/retail/lint-fixture.ts',
    breach: "import { SalesService } from '../../src/app/services/sales-service';",
    allowed: "import type { RetailWorkerApi } from '../../src/shared/retail-api';",
    says: /Workers run apart from the UI/,
  },
  {
    rule: 'only the composition root wires the test hooks',
    file: 'src/app/app-shell/lint-fixture.ts',
    breach: "import { exposeDiagnostics } from '../../test-hooks/diagnostics';",
    allowed: "import { createServices } from '../services';",
    says: /Only the composition root/,
  },
  {
    rule: 'nothing outside a repository touches the database connection',
    file: 'src/app/services/lint-fixture.ts',
    breach:
      "import type { Store } from '../../store/store';\ndeclare const store: Store;\nvoid store.database.idb.getAll('members');",
    allowed:
      "import type { Store } from '../../store/store';\ndeclare const store: Store;\nvoid store.members.listMembers();",
    says: /Only the repositories in src\/store touch the database connection/,
  },
];

describe('dependency rules (npm run lint)', () => {
  for (const c of cases) {
    it(`${c.rule}: a breach fails lint, an allowed import passes`, async () => {
      const found = await breaches(c.file, c.breach);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^no-restricted-(imports|syntax): /);
      expect(found[0]).toMatch(c.says);
      expect(await breaches(c.file, c.allowed)).toEqual([]);
    });
  }

  it('lets the composition root wire the test hooks', async () => {
    expect(
      await breaches('src/app/services.ts', "import { exposeDiagnostics } from '../test-hooks/diagnostics';"),
    ).toEqual([]);
  });
});
