// What a finished sales import reports on the products page: rows read, accepted and rejected, sales new, skipped
// as already stored (and why) and corrected, products added, and why rows were rejected (by reason, then the
// first rejected lines).
import { html, nothing } from 'lit';
import type { ImportOutcome } from '../../app/services/sales-service';
import type { RejectReason } from '../../core/sales/sale-line';
import { strings } from '../../i18n/strings';

export function renderImportReport(o: ImportOutcome) {
  const t = strings.products;
  const r = o.report;
  return html`<div class="message" role="status" data-testid="import-report">
    <p>${t.importSummary(r.rows, r.accepted, r.rejected, o.purchasesNew, o.productsAdded)}</p>
    ${
      o.skipped.imported || o.skipped.counter
        ? html`<p data-testid="duplicates-skipped">${t.duplicatesSkipped(o.skipped.imported, o.skipped.counter)}</p>`
        : nothing
    }
    ${o.corrected ? html`<p>${t.corrected(o.corrected)}</p>` : nothing}
    ${
      r.rejected
        ? html`<details>
            <summary>${t.rejectedRows}</summary>
            <ul>
              ${Object.entries(r.rejectedByReason).map(([reason, n]) => html`<li>${t.reasonCount(t.rejectReasons[reason as RejectReason], n)}</li>`)}
            </ul>
            <p>${t.firstRejected}</p>
            <ul>
              ${r.rejectedSample.slice(0, 50).map((s) => html`<li>${t.line(s.line, t.rejectReasons[s.reason])}</li>`)}
            </ul>
          </details>`
        : nothing
    }
  </div>`;
}
