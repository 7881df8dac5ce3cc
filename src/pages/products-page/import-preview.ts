// The two steps before a sales file is imported, rendered inside <products-page> (its styles, its shadow root):
// which column holds which field (asked only when the header is not recognised), then the preview of the rules
// the whole file will be read by: its date order and its cancellation rule, decided once for the file from all
// its rows (core/sales/file-survey.ts) and changeable here. Nothing is stored until staff press Import.
import { html, nothing } from 'lit';
import { type ColumnMapping, SALES_FIELDS, type SalesField, missingRequired } from '../../core/sales/columns';
import { type DateOrder, dateMisfits, rowsWithPrefix } from '../../core/sales/file-survey';
import type { ImportRules } from '../../core/sales/sale-line';
import type { SalesFileSurveyWithHeader } from '../../shared/retail-api';
import { strings } from '../../i18n/strings';

export function renderColumnMapping(
  fileName: string,
  header: readonly string[],
  mapping: ColumnMapping,
  on: { change(mapping: ColumnMapping): void; next(): void },
) {
  const t = strings.products;
  return html`<div class="message" role="group" aria-label=${t.mapping}>
    <p>${t.mappingHelp(fileName)}</p>
    ${SALES_FIELDS.map(
      (field: SalesField) =>
        html`<label
          >${t.fields[field]}
          <select
            @change=${(e: Event) => on.change({ ...mapping, [field]: Number((e.target as HTMLSelectElement).value) })}
          >
            <option value="-1" ?selected=${mapping[field] < 0}>${t.notInFile}</option>
            ${header.map((h, i) => html`<option value=${i} ?selected=${mapping[field] === i}>${h}</option>`)}
          </select></label
        >`,
    )}
    <button ?disabled=${missingRequired(mapping).length > 0} @click=${() => on.next()}>${t.next}</button>
  </div>`;
}

const ORDERS: readonly DateOrder[] = ['dmy', 'mdy', 'ymd'];

function dateExplanation(survey: SalesFileSurveyWithHeader) {
  const t = strings.products.preview;
  const { dates, proposed } = survey;
  switch (proposed.dateOrder.basis) {
    case 'mixed':
      return t.dateMixed(dates.counts.dmy, dates.counts.mdy);
    case 'unclear': {
      const example = dates.examples.either;
      return example ? t.dateUnclearExample(example) : t.dateUnclear;
    }
    case 'file': {
      const example = dates.examples[proposed.dateOrder.order];
      return example ? t.dateFromExample(example) : t.dateFromFile;
    }
  }
}

export function renderImportPreview(
  fileName: string,
  survey: SalesFileSurveyWithHeader,
  rules: ImportRules,
  on: { change(rules: ImportRules): void; start(): void; discard(): void },
) {
  const t = strings.products.preview;
  const misfits = dateMisfits(survey.dates, rules.dateOrder);
  const proposedPrefix = survey.proposed.cancelPrefix;
  return html`<div class="message" role="group" aria-label=${t.label} data-testid="import-preview">
    <p>${t.rows(fileName, survey.rows)}</p>
    <label
      >${t.dateOrder}
      <select
        @change=${(e: Event) => on.change({ ...rules, dateOrder: (e.target as HTMLSelectElement).value as DateOrder })}
      >
        ${ORDERS.map((o) => html`<option value=${o} ?selected=${rules.dateOrder === o}>${t.orders[o]}</option>`)}
      </select></label
    >
    <p class="hint" data-testid="date-order-basis">${dateExplanation(survey)}</p>
    ${misfits ? html`<p class="hint warning" data-testid="date-misfits">${t.misfits(misfits)}</p>` : nothing}
    <label
      >${t.cancelPrefix}
      <input
        type="text"
        autocomplete="off"
        .value=${rules.cancelPrefix}
        @input=${(e: Event) => on.change({ ...rules, cancelPrefix: (e.target as HTMLInputElement).value })}
    /></label>
    <p class="hint" data-testid="cancel-rows">
      ${proposedPrefix ? t.cancelProposed(proposedPrefix) : nothing}
      ${t.cancelHelp(rowsWithPrefix(survey.prefixes, rules.cancelPrefix))}
    </p>
    <div class="row">
      <button @click=${() => on.start()}>${strings.products.startImport}</button>
      <button class="secondary" @click=${() => on.discard()}>${t.discard}</button>
    </div>
  </div>`;
}
