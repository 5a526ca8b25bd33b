import { useEffect, useState } from 'preact/hooks';
import { ApiError, type AdminApi, type FormInput, type Schemas } from '../api.js';
import { OPERATIONS } from '../generated/facts.js';
import { batchEvents, onReload, type EventHub } from '../events.js';
import { describedBy, Empty, ErrorBox, Field, fieldError, vendorName, VendorOptions, VENDORS } from '../ui.js';

type Fault = Schemas['FaultRule'];

/** "200" → 200, "100-300" → [100, 300]; anything else is passed on for the API to refuse by name. */
function parseDelay(text: string): unknown {
  const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (range) return [Number(range[1]), Number(range[2])];
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

const numberOrText = (text: string): unknown => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** A mistake the form can name before asking the API, shown beside the field like the API's own. */
const formError = (field: string, message: string): ApiError => new ApiError(400, `${field}: ${message}`, { title: 'Bad Request', status: 400, errors: [{ field, message }] });

/** "Name: value" lines as a headers object; a line without a colon is named in the error. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 1) throw formError('headers', `"${line.trim()}" is not "Name: value"`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The operations of the chosen vendor, or of every vendor grouped by vendor; from the specs at build time. */
function OperationOptions({ vendor }: { vendor: string }) {
  const chosen = VENDORS.filter((v) => !vendor || v === vendor);
  return (
    <>
      <option value="">any operation</option>
      {chosen.map((v) => (
        <optgroup key={v} label={vendorName(v)}>
          {OPERATIONS[v].map((op) => (
            <option key={`${v} ${op.id}`} value={op.id}>
              {op.id} ({op.method} {op.path})
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

function AddFaultForm({ api, added }: { api: AdminApi; added: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [vendor, setVendor] = useState('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string): string => String(data.get(k) ?? '').trim();
    const rule: FormInput<Schemas['FaultRuleRequest']> = {};
    if (text('vendor')) rule.vendor = text('vendor');
    if (text('operationId')) rule.operationId = text('operationId');
    if (text('status')) rule.status = numberOrText(text('status'));
    if (text('delayMs')) rule.delayMs = parseDelay(text('delayMs'));
    if (data.get('drop')) rule.drop = 'reset';
    if (text('times')) rule.times = numberOrText(text('times'));
    if (text('probability')) rule.probability = numberOrText(text('probability'));
    try {
      if (text('body')) {
        try {
          rule.body = JSON.parse(text('body'));
        } catch {
          throw formError('body', 'is not JSON (a string needs its quotes)');
        }
      }
      if (text('headers')) rule.headers = parseHeaderLines(text('headers'));
      await api.request('post', '/faults', { input: rule });
      setError(null);
      form.reset();
      setVendor('');
      added();
    } catch (err) {
      setError(err);
    }
  };
  const input = (field: string, label: string, placeholder = '') => (
    <Field id={`fault-${field}`} label={label} error={fieldError(error, field)}>
      <input id={`fault-${field}`} name={field} placeholder={placeholder} aria-describedby={describedBy(error, `fault-${field}`, field)} />
    </Field>
  );
  return (
    <form class="card form-grid" noValidate onSubmit={submit} aria-labelledby="add-fault-title">
      <h3 id="add-fault-title">Add a rule</h3>
      <Field id="fault-vendor" label="Vendor" error={fieldError(error, 'vendor')}>
        <select id="fault-vendor" name="vendor" value={vendor} onChange={(e) => setVendor(e.currentTarget.value)}>
          <option value="">any</option>
          <VendorOptions />
        </select>
      </Field>
      <Field id="fault-operationId" label="Operation" error={fieldError(error, 'operationId')}>
        <select id="fault-operationId" name="operationId" aria-describedby={describedBy(error, 'fault-operationId', 'operationId')}>
          <OperationOptions vendor={vendor} />
        </select>
      </Field>
      {input('status', 'Status', 'e.g. 503')}
      <Field id="fault-body" label="Response body (JSON; empty: the vendor's own error)" error={fieldError(error, 'body')}>
        <textarea id="fault-body" name="body" rows={3} placeholder='{"error": "maintenance"}' aria-describedby={describedBy(error, 'fault-body', 'body')} />
      </Field>
      <Field id="fault-headers" label="Headers (one Name: value a line)" error={fieldError(error, 'headers')}>
        <textarea id="fault-headers" name="headers" rows={2} placeholder="Retry-After: 30" aria-describedby={describedBy(error, 'fault-headers', 'headers')} />
      </Field>
      {input('delayMs', 'Delay in ms', '800 or 200-1500')}
      {input('times', 'Times (empty: until removed)')}
      {input('probability', 'Probability (0 to 1)', '1')}
      <div class="field checkbox">
        <input id="fault-drop" name="drop" type="checkbox" value="reset" />
        <label for="fault-drop">Drop the connection</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          Add rule
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

const describeDelay = (d: Fault['delayMs']): string => (d === undefined ? '' : Array.isArray(d) ? `${d[0]}–${d[1]} ms` : `${d} ms`);

export function FaultsView({ api, hub }: { api: AdminApi; hub: EventHub }) {
  const [faults, setFaults] = useState<Fault[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async (): Promise<void> => {
    try {
      setFaults((await api.request('get', '/faults')).faults);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
    // A faulted request may use a rule up (times); the console's own calls never carry a fault.
    const offFaulted = batchEvents(hub, ['request'], (batch) => {
      if (batch.some((e) => e.data.faultId)) void load();
    });
    const offReload = onReload(hub, load);
    return () => (offFaulted(), offReload());
  }, [api, hub]);
  /** One rule, or every rule when `id` is absent. */
  const remove = async (id?: string): Promise<void> => {
    try {
      await (id === undefined ? api.request('delete', '/faults') : api.request('delete', '/faults/{id}', { params: { id } }));
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="faults-title">
      <div class="view-head">
        <h2 id="faults-title">Faults</h2>
        <button type="button" class="danger" onClick={() => void remove()} disabled={!faults?.length}>
          Remove all
        </button>
      </div>
      <AddFaultForm api={api} added={() => void load()} />
      <ErrorBox error={error} />
      {faults !== null && faults.length === 0 ? <Empty>No fault rules: every request gets the vendor's real answer.</Empty> : null}
      {faults?.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Matches</th>
                <th scope="col">Effect</th>
                <th scope="col">Left</th>
                <th scope="col">Probability</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {faults.map((f) => (
                <tr key={f.id}>
                  <td>{f.id}</td>
                  <td>{[f.vendor ? vendorName(f.vendor) : 'any vendor', f.operationId ?? 'any operation'].join(' · ')}</td>
                  <td>{[f.status ? `status ${f.status}` : '', f.body !== undefined ? `body ${JSON.stringify(f.body).slice(0, 60)}` : '', f.headers ? `headers ${Object.keys(f.headers).join(', ')}` : '', describeDelay(f.delayMs), f.drop ? 'drop connection' : ''].filter(Boolean).join('; ')}</td>
                  <td>{f.remaining ?? f.times ?? 'until removed'}</td>
                  <td>{f.probability ?? 1}</td>
                  <td>
                    <button type="button" class="danger" aria-label={`Remove rule ${f.id}`} onClick={() => void remove(f.id)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
